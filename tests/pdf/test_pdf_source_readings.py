"""The book lists the readings of the source after the text, as the web edition does: for each
choice (sic/corr, orig/reg, abbr/expan) the reading the book prints, "]", the other, with the
page it stands on. And a line or page break inside a word keeps the word whole in the PDF's text.
Expectations are read from the TEI with lxml; the PDF is read back with pypdf."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from tests.pdf.pdf_book import Book, build_book, squeeze, words
from tests.word_breaks import breaks_inside_words

SOURCE = Path(__file__).resolve().parents[1] / "cases" / "readings" / "transcription.xml"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PREFERRED, OTHER = ("corr", "reg", "expan"), ("sic", "orig", "abbr")
ENTRY = re.compile(r"(?m)^\s*(\d+)\s+(.+?)\]\s+(.+?)\s*$")


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _choices() -> list[tuple[str, str, str, bool]]:
    """(preferred reading, the source's, the xml:id of its paragraph, whether the source's is an
    abbreviation) of each choice, in order."""
    found = []
    for choice in etree.parse(str(SOURCE)).iterfind(".//t:text//t:choice", TEI):
        sides = {etree.QName(child).localname: _text(child) for child in choice}
        preferred = next(sides[name] for name in PREFERRED if name in sides)
        other = next(sides[name] for name in OTHER if name in sides)
        paragraph = next(choice.iterancestors("{http://www.tei-c.org/ns/1.0}p"))
        found.append((preferred, other, paragraph.get(XML_ID), "abbr" in sides))
    return found


def _listed(book: Book) -> list[tuple[int, str, str]]:
    """(page, printed, source) as the list in the PDF gives them, read from its pages."""
    first = book.page_of("source-readings")
    text = "\n".join(book.pages[first - 1:])
    assert "Readings of the source" in text
    return [(int(page), printed, source) for page, printed, source in ENTRY.findall(text)]


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Book:
    return build_book(SOURCE, tmp_path_factory.mktemp("readings"))


def test_the_readings_of_the_source_follow_the_text_with_their_pages(book):
    expected = [(book.page_of(paragraph), preferred, other) for preferred, other, paragraph, _abbr in _choices()]
    assert len(expected) == 5
    assert _listed(book) == expected
    contents = next(page for page in book.pages if "Contents" in page)
    assert "Readings of the source" in contents
    assert book.page_of("source-readings") > max(page for page, _printed, _source in expected)


def test_the_list_gives_what_the_book_prints_when_it_prints_abbreviations(tmp_path):
    abbreviated = build_book(SOURCE, tmp_path, extra={"rendering": {"abbreviations": "abbr"}})
    expected = [(abbreviated.page_of(paragraph), *((other, preferred) if abbreviation else (preferred, other)))
                for preferred, other, paragraph, abbreviation in _choices()]
    assert _listed(abbreviated) == expected


def test_a_break_inside_a_word_leaves_the_word_whole_in_the_pdf(book):
    expected = breaks_inside_words(SOURCE)
    assert {name for _word, name, _n in expected} == {"lb", "pb"}
    body = "\n".join(book.pages[:book.page_of("source-readings") - 1])
    printed = words(body)
    for word, name, n in expected:
        assert word.lower() in printed, word
        if name == "pb":
            assert re.search(rf"{re.escape(word)}\[{re.escape(n)}\]", squeeze(body)), (word, n)


def test_the_book_speaks_the_interface_language(tmp_path):
    """Headings, the title page's date and the list's title in German, from the interface words
    (xslt/common/words.json, read here as the data it is)."""
    words = json.loads((Path(__file__).resolve().parents[2] / "xslt" / "common" / "words.json").read_text(encoding="utf-8"))
    german = {key: value.get("de", value["en"]) for key, value in words.items()}
    book = build_book(SOURCE, tmp_path, extra={"rendering": {"language": "de"}})
    printed = german["printed-on"].format(date=german["date-day"].format(day=31, month=german["month-1"], year=2026))
    assert printed != words["printed-on"]["en"]
    assert squeeze(printed) in squeeze(book.pages[0])
    contents = next(page for page in book.pages if german["contents"] in page)
    assert german["source-readings"] in contents
    assert german["source-readings"] in book.pages[book.page_of("source-readings") - 1]
