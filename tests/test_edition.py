"""The edition in tei/ against its source: every character, every note, valid TEI, resolvable references."""

from __future__ import annotations

import copy
import re
from collections import Counter

import pytest
from lxml import etree

from tests.conftest import EDITION, SOURCE_TEXT
from tests.edition_text import (
    NS,
    TEI,
    first_difference,
    normalise,
    reading_text,
    reading_text_with_notes,
    source_note_markers,
    source_text,
)

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NOTE_COUNT = 84


@pytest.fixture(scope="module")
def tree() -> etree._ElementTree:
    return etree.parse(str(EDITION), etree.XMLParser(resolve_entities=False, no_network=True))


@pytest.fixture(scope="module")
def source() -> str:
    return source_text(SOURCE_TEXT)


def xpath(node, path: str) -> list:
    return node.xpath(path, namespaces=NS)


# -- 1. text fidelity ------------------------------------------------------------------------------

def test_reading_text_equals_the_source_character_for_character(tree, source):
    edition = reading_text(tree)
    assert edition == source, first_difference(source, edition)


def test_a_lost_word_is_detected(tree, source):
    damaged = copy.deepcopy(tree)
    p = xpath(damaged, "//tei:body//tei:p")[10]
    p.text = (p.text or "").replace(" ", "  lost ", 1) if p.text and " " in p.text else "lost " + (p.text or "")
    assert reading_text(damaged) != source


def test_reading_text_takes_sic_not_corr(tree):
    choices = xpath(tree, "//tei:text//tei:choice")
    assert choices, "the edition records its corrections"
    for choice in choices:
        sic, corr = xpath(choice, "tei:sic"), xpath(choice, "tei:corr")
        assert len(sic) == 1 and len(corr) == 1, etree.tostring(choice, encoding="unicode")
        assert normalise("".join(sic[0].itertext())) != normalise("".join(corr[0].itertext()))
    for known_sic, known_corr in [("gams", "grams"), ("than", "thank"), ("if", "of")]:
        assert any(xpath(c, "string(tei:sic)") == known_sic and xpath(c, "string(tei:corr)") == known_corr
                   for c in choices), f"misprint {known_sic!r} is corrected as {known_corr!r}"


def test_editorial_notes_stay_out_of_the_reading_text(tree, source):
    notes = xpath(tree, "//tei:text//tei:note[@type='editorial']")
    assert notes
    for note in notes:
        assert note.get("resp", "").startswith("#")
        assert normalise("".join(note.itertext())) not in source


# -- 2. notes --------------------------------------------------------------------------------------

def test_eighty_four_authorial_notes_numbered_in_document_order(tree):
    notes = xpath(tree, "//tei:text//tei:note[@type='authorial']")
    assert [n.get("n") for n in notes] == [str(i) for i in range(1, NOTE_COUNT + 1)]
    for note in notes:
        assert note.get(XML_ID) == f"note{note.get('n')}"
        gaps = xpath(note, "tei:gap")
        assert len(gaps) == 1 and gaps[0].get("reason") == "note-text-not-in-source"
        assert len(note) == 1 and not (note.text or "").strip(), "the author's note text is not invented"


def test_every_note_stands_where_the_source_has_its_marker(tree, source):
    text, edition_notes = reading_text_with_notes(tree)
    source_notes = source_note_markers(source)
    assert [n for n, _ in source_notes] == [str(i) for i in range(1, NOTE_COUNT + 1)]
    assert [n for n, _ in edition_notes] == [n for n, _ in source_notes]
    for (n, at_edition), (_, at_source) in zip(edition_notes, source_notes):
        before_edition = text[max(0, at_edition - 50):at_edition]
        before_source = source[max(0, at_source - 50):at_source]
        assert before_edition == before_source, f"note {n}: {before_edition!r} != {before_source!r}"


# -- 3. validity: the edition against its own schemas and against tei_all, in test_edition_schemas.py
#       (one test there compiles tei_all for the edition and every fixture)

# -- 4. references (mentions of register entries: test_registers.py) ----------------------------

def test_no_duplicate_identifiers(tree):
    ids = Counter(el.get(XML_ID) for el in tree.iter() if isinstance(el.tag, str) and el.get(XML_ID))
    assert not [i for i, c in ids.items() if c > 1]


def test_every_other_pointer_resolves(tree):
    ids = {el.get(XML_ID) for el in tree.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    dangling = []
    for attribute in ("who", "resp", "next", "prev", "corresp", "target"):
        for el in xpath(tree, f"//*[@{attribute}]"):
            for pointer in el.get(attribute).split():
                if pointer.startswith("#") and pointer[1:] not in ids:
                    dangling.append(f"line {el.sourceline}: @{attribute}='{pointer}'")
    assert not dangling, "\n".join(dangling)


# -- 5. structure and header -----------------------------------------------------------------------

def test_paragraphs_numbered_throughout(tree):
    paragraphs = xpath(tree, "//tei:text//tei:p")
    assert [p.get("n") for p in paragraphs] == [str(i) for i in range(1, len(paragraphs) + 1)]
    assert all(p.get(XML_ID) == f"p{p.get('n')}" for p in paragraphs)
    source_paragraphs = [line for line in SOURCE_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    # title, byline and three headings are not paragraphs
    assert len(paragraphs) == len(source_paragraphs) - 5


def test_sections_keep_the_source_headings_and_add_none(tree):
    sections = xpath(tree, "//tei:body/tei:div[@type='section']")
    assert len(sections) == 5
    heads = [normalise("".join(h.itertext())) for h in xpath(tree, "//tei:body//tei:head")]
    assert heads == ["Serge and the Russian Anarchists", "The Anarchists Against Victor Serge",
                     "Victor Serge against Kibalchich"]
    assert [bool(xpath(s, "tei:head")) for s in sections] == [True, False, True, True, False]


def test_front_and_back(tree):
    assert normalise(xpath(tree, "string(//tei:front//tei:docTitle)")) == \
        "Victor Serge and Anarchism: The Russian Years"
    assert normalise(xpath(tree, "string(//tei:front//tei:docAuthor)")) == "Mitchell Abidor"
    assert xpath(tree, "//tei:front/tei:div[@type='abstract']/tei:p")
    assert "Kellermann" in xpath(tree, "string(//tei:front/tei:div[@type='publicationNote'])")
    assert normalise(xpath(tree, "string(//tei:back/tei:div[@type='acknowledgment']/tei:signed)")) == "M.A."


def test_header_states_licence_source_and_editorial_principles(tree):
    header = xpath(tree, "/tei:TEI/tei:teiHeader")[0]
    fd = xpath(header, "tei:fileDesc")[0]
    assert xpath(fd, "string(tei:titleStmt/tei:title[1])") == "Victor Serge and Anarchism: The Russian Years"
    assert "Abidor" in xpath(fd, "string(tei:titleStmt/tei:author)")
    assert xpath(fd, "tei:titleStmt/tei:respStmt[tei:resp]")
    pub = xpath(fd, "tei:publicationStmt")[0]
    assert xpath(pub, "tei:publisher") and xpath(pub, "tei:idno") and xpath(pub, "tei:date[@when]")
    availability = normalise(xpath(pub, "string(tei:availability)"))
    assert "states no licence" in availability
    assert not xpath(pub, ".//tei:licence"), "no licence is invented"
    source = normalise(xpath(fd, "string(tei:sourceDesc)"))
    for fact in ("Mitchell Abidor", "Anarchismus und Russische Revolution", "Philippe Kellermann",
                 "Dietz Verlag", "Berlin"):
        assert fact in source
    decl = xpath(header, "tei:encodingDesc/tei:editorialDecl")[0]
    for part in ("correction", "normalization", "quotation", "hyphenation", "interpretation", "segmentation"):
        assert xpath(decl, f"tei:{part}"), part
    assert "note-text-not-in-source" in normalise(xpath(decl, "string(.)"))
    corrections = normalise(xpath(decl, "string(tei:correction)"))
    for choice in xpath(tree, "//tei:text//tei:choice"):
        assert f"“{xpath(choice, 'string(tei:sic)')}”" in corrections, "every correction is declared"
    assert xpath(header, "tei:encodingDesc/tei:projectDesc")
    assert xpath(header, "tei:profileDesc/tei:langUsage/tei:language[@ident='en']")
    assert xpath(header, "tei:profileDesc/tei:textClass/tei:keywords/tei:term")
    changes = xpath(header, "tei:revisionDesc/tei:change[@when]")
    assert changes and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.get("when")) for c in changes)


# -- dates -----------------------------------------------------------------------------------------

ISO = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")


def test_dates_are_iso_and_agree_with_their_words(tree):
    dates = xpath(tree, "//tei:text//tei:date")
    assert len(dates) >= 70
    for date in dates:
        values = {a: date.get(a) for a in ("when", "from", "to", "notBefore", "notAfter") if date.get(a)}
        assert values, f"line {date.sourceline}: date without a value"
        assert all(ISO.fullmatch(v) for v in values.values()), values
        words = "".join(xpath(date, ".//text()[not(ancestor::tei:corr)]"))
        years = re.findall(r"\d{4}", words)
        for year in years:
            assert any(v.startswith(year) for v in values.values()), f"{words!r} {values}"


def test_the_impossible_date_is_kept_corrected_and_explained(tree):
    date = xpath(tree, "//tei:text//tei:date[tei:choice]")
    assert len(date) == 1
    assert xpath(date[0], "string(.//tei:sic)") == "19" and xpath(date[0], "string(.//tei:corr)") == "29"
    assert date[0].get("from") == "1921-02-28" and date[0].get("to") == "1921-03-01"
    following = date[0].getnext()
    assert following is not None and following.get("type") == "editorial"
    assert "28-19" in "".join(following.itertext())


def test_the_leval_interview_is_dialogue(tree):
    said = xpath(tree, "//tei:text//tei:said[@who]")
    speakers = Counter(s.get("who") for s in said)
    assert len(speakers) >= 2 and sum(speakers.values()) >= 13
    interview = [normalise("".join(s.itertext())) for s in said]
    assert "And the Cheka?" in interview
