"""Any TEI printed whole: every script with a face of its own, the critical apparatus, a document
the typesetter fails on reported without stopping the others.

Expectations come from the TEI (lxml); the PDF is read back with pdftotext and pdffonts.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.visible_words import coverage, pdf_text, tokens
from tests.apparatus_entries import expected_entry, sigla, squeeze
from tests.pdf.pdf_book import build_book
from toolkit.builders import pdf as pdf_builder
from toolkit.builders.html import BuildFailed
from toolkit.builders.options import BuildOptions

CASES = Path(__file__).resolve().parents[1] / "cases"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The face each script must be set in (Debian's fonts-noto-core and fonts-noto-cjk, or the book's own).
FACES = {"grc": "Linux-Libertine", "ar": "Naskh-Arabic", "he": "Hebrew", "syr": "Syriac", "zh": "CJK-SC",
         "ja": "CJK-JP", "ru": "Linux-Libertine"}
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def embedded_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of the PDF, as pdffonts lists them."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        name = line.split()[0]
        embedded = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        fonts.append((name, bool(embedded) and embedded.group(1) == "yes"))
    return fonts


def words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", BIDI_CONTROLS.sub("", text)).split())


def test_every_script_is_set_in_a_face_that_has_its_glyphs(tmp_path):
    source = CASES / "scripts" / "scripts.xml"
    book = build_book(source, tmp_path)
    fonts = embedded_fonts(book.pdf_path)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    text = words(pdf_text(book.pdf_path))
    lines = etree.parse(str(source)).getroot().iterfind(".//t:body/t:p", TEI)
    for line in lines:
        language = line.get(XML_LANG)
        # Every character came back from the PDF: none was drawn as a missing glyph (.notdef),
        # which has no text.
        assert words(line.text) in text, language
        assert any(FACES[language] in name for name, _ in fonts), (language, fonts)


def test_the_book_ends_with_the_apparatus_in_the_usual_form(tmp_path):
    source = CASES / "apparatus" / "location-referenced.xml"
    book = build_book(source, tmp_path)
    text = words(pdf_text(book.pdf_path))
    root = etree.parse(str(source)).getroot()
    (app,) = root.iterfind(".//t:app", TEI)
    assert f"1 {expected_entry(app, sigla(root))}" in text
    assert "Arma virumque cano" in text


def test_every_reading_of_a_parallel_segmentation_is_printed_with_its_sigla(tmp_path):
    # Nested apps, a rdgGrp, wit with and without "#", sigla from listWit's abbr, an omission.
    source = CASES / "apparatus" / "parallel.xml"
    text = words(pdf_text(build_book(source, tmp_path).pdf_path))
    root = etree.parse(str(source)).getroot()
    names = sigla(root)
    apps = list(root.iterfind(".//t:text//t:app", TEI))
    assert len(apps) == 5
    for number, app in enumerate(apps, start=1):
        assert f"{number} {expected_entry(app, names)}" in text
    for witness in root.iterfind(".//t:witness", TEI):  # the list of witnesses
        assert squeeze("".join(witness.itertext())) in text


def test_a_document_the_typesetter_fails_on_is_reported_and_the_others_are_made(tmp_path, monkeypatch):
    good = CASES / "scripts" / "scripts.xml"
    bad = tmp_path / "broken-layout.xml"
    bad.write_text(good.read_text(encoding="utf-8").replace("One line in each script", "A book that cannot be set"),
                   encoding="utf-8")
    real_typeset = pdf_builder.typeset

    def failing_on_one(html_text, *, source_name, **kwargs):
        if source_name == bad.name:
            # What WeasyPrint raises on some layouts (an assertion inside its line breaking).
            raise AssertionError("Got ' \\n' between two lines. Expected nothing or a preserved line break")
        return real_typeset(html_text, source_name=source_name, **kwargs)

    monkeypatch.setattr(pdf_builder, "typeset", failing_on_one)
    with pytest.raises(BuildFailed) as error:
        pdf_builder.build([bad, good], tmp_path / "build", options=BuildOptions(fixed_date="2026-01-02"))
    (finding,) = error.value.findings
    assert finding.file == str(bad) and finding.code == "build.typeset"
    assert "between two lines" in finding.message
    assert (tmp_path / "build" / "pdf" / "scripts.pdf").is_file()
    assert not (tmp_path / "build" / "pdf" / "broken-layout.pdf").exists()


def test_identifiers_that_are_not_ncnames_are_rendered_with_a_warning(tmp_path, capsys):
    # An Arabic periodical issue whose xml:id values begin with digits or hold spaces.
    source = CASES / "ids" / "arabic-issue.xml"
    book = build_book(source, tmp_path)
    root = etree.parse(str(source), etree.XMLParser(collect_ids=False)).getroot()  # ids not checked
    wanted = tokens(" ".join(root.find(".//t:body", TEI).itertext()))
    assert coverage(wanted, tokens(pdf_text(book.pdf_path))) == 1.0
    err = capsys.readouterr().err
    assert f"{source}:5:" in err and "warning [xml.id-not-ncname]" in err
