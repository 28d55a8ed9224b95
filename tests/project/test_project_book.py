"""teikit build pdf of a project: one book of all its documents in date order, with contents and
indexes across documents whose page numbers point at the pages that name each entry."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.project.mixed_project import PERSONS, PLACES, PROJECT_FILE
from tests.robustness.cli_support import run_in_process

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>{title}</title><title level="s">Test Letters</title></titleStmt>
      <publicationStmt><p>Test.</p></publicationStmt>
      <seriesStmt><title>Test Letters</title></seriesStmt>
      <sourceDesc><p>Test.</p></sourceDesc>
    </fileDesc>
    <profileDesc>{dated}</profileDesc>
  </teiHeader>
  <text>
    <body>
{paragraphs}
    </body>
  </text>
</TEI>
"""
DATED = '<correspDesc><correspAction type="sent"><date when="{when}"/></correspAction></correspDesc>'
FILLER = "This paragraph of the {which} letter is here to fill the page so that names fall on several pages."

# (file, title, date, paragraphs): mentions as (register id, form, paragraph number)
LETTERS = [
    ("a-late.xml", "The late letter", "1820-05-01", 40, [("AdamA1", "Mrs Adams", 1), ("AdamA1", "Abigail", 40),
                                                         ("Nelson-Place-2_ENK", "Nelson Place", 20)]),
    ("b-early.xml", "The early letter", "1790-01-01", 3, [("EdgeR1", "Mr Edgeworth", 2)]),
    ("c-undated.xml", "The undated letter", None, 2, [("EdgeR1", "Richard Lovell", 1), ("BailX1", "the Baillies", 2)]),
]
KIND = {"AdamA1": "persName", "EdgeR1": "persName", "BailX1": "rs", "Nelson-Place-2_ENK": "placeName"}
HEADINGS = {"AdamA1": "Adams, Abigail, 1744-1818", "EdgeR1": "Edgeworth, Richard Lovell, 1744-1817",
            "BailX1": "Baillies (Family)", "Nelson-Place-2_ENK": "2 Nelson Place"}


def letter_text(title, when, count, mentions):
    paragraphs = []
    for number in range(1, count + 1):
        text = FILLER.format(which=title.split()[1])
        for entry, form, where in mentions:
            if where == number:
                element = KIND[entry]
                kind = ' type="person"' if element == "rs" else ""
                text += f' It names <{element}{kind} ref="../registers/{"places" if element == "placeName" else "persons"}.xml#{entry}">{form}</{element}>.'
        paragraphs.append(f"      <p>{text}</p>")
    return HEADER.format(title=title, dated=DATED.format(when=when) if when else "", paragraphs="\n".join(paragraphs))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("book") / "letters"
    (root / "letters").mkdir(parents=True)
    (root / "registers").mkdir()
    (root / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (root / "registers" / "places.xml").write_text(PLACES, encoding="utf-8")
    for name, title, when, count, mentions in LETTERS:
        (root / "letters" / name).write_text(letter_text(title, when, count, mentions), encoding="utf-8")
    (root / "teikit.toml").write_text(PROJECT_FILE + '\n[outputs.pdf]\npaper = "A5"\n', encoding="utf-8")
    status, out, err = run_in_process("--project", root, "build", "pdf", "--date", "2026-01-31")
    assert status == 0, err
    pdf = root / "build" / "pdf" / "test-letters.pdf"
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]
    return pages


def test_the_contents_list_the_documents_in_date_order(book):
    contents = next(page for page in book if page.startswith("Contents"))
    order = [contents.index(title) for title in ("The early letter", "The late letter", "The undated letter")]
    assert order == sorted(order)


def test_every_paragraph_of_every_document_is_printed(book):
    text = " ".join(book)
    for _name, title, _when, count, _mentions in LETTERS:
        assert text.count(FILLER.format(which=title.split()[1])) == count


def page_numbers(book, heading):
    """The page numbers an index entry gives (the text after its heading)."""
    for page in book:
        if page.startswith("Index of"):
            match = re.search(re.escape(heading) + r",\s*(\d+(?:\s*[,–]\s*\d+)*)", page)
            if match:
                return {int(number) for number in re.findall(r"\d+", match.group(1))}
    return set()


def test_index_pages_are_the_pages_that_name_each_entry(book):
    expected = {}
    for _name, _title, _when, _count, mentions in LETTERS:
        for entry, form, _where in mentions:
            pages = {number for number, page in enumerate(book, 1) if f"It names {form}." in page
                     and not page.startswith("Index of")}
            assert pages, form
            expected.setdefault(entry, set()).update(pages)
    # Adams is named at the start and at the end of a long letter: two pages
    assert len(expected["AdamA1"]) == 2
    for entry, pages in expected.items():
        assert page_numbers(book, HEADINGS[entry]) == pages, entry
