"""The print edition of the essay itself (slow: the whole essay is typeset)."""

from __future__ import annotations

import pytest

from tests.pdf.pdf_book import EDITION, squeeze, edition_book
from tests.pdf.test_pdf_index import check_index
from tests.pdf.test_pdf_text import check_paragraphs_in_order

pytestmark = pytest.mark.slow

FIXTURES = (edition_book,)  # pytest finds fixtures among the module's names


def test_every_paragraph_of_the_essay_is_printed_in_order(edition_book):
    check_paragraphs_in_order(edition_book)


@pytest.mark.parametrize("register", ["persons", "places"])
def test_essay_index_locators_are_right_and_complete(edition_book, register):
    check_index(edition_book, register)


def test_essay_notes_markers_and_statement(edition_book):
    markers = edition_book.html.xpath("//sup[contains(@class, 'tk-note-marker')]")
    authorial = edition_book.source.xpath("//t:text//t:note[@type='authorial']")
    assert len(markers) == len(authorial) == 84
    assert [m.text for m in markers] == [str(n) for n in range(1, 85)]
    text = " ".join(" ".join(edition_book.pages).split())
    assert "calls 84 notes (numbered 1–84)" in text
    assert squeeze(text).count(squeeze("gives the note numbers but not the texts of the notes")) == 1


def test_essay_carries_its_source(edition_book):
    assert edition_book.reader.attachments[EDITION.name] == [EDITION.read_bytes()]


def _runs_with_fonts(book) -> list[tuple[str, str]]:
    """(text, font name) of every text run of the book, as a PDF reader sees them."""
    runs: list[tuple[str, str]] = []

    def visit(text, _cm, _tm, font, _size):
        if font and text.strip():
            runs.append((" ".join(text.split()), str(font.get("/BaseFont", ""))))

    for page in book.reader.pages:
        page.extract_text(visitor_text=visit)
    return runs


def test_foreign_words_and_titles_of_books_and_journals_are_italic_article_titles_are_not(edition_book):
    runs = _runs_with_fonts(edition_book)

    def faces(words: str) -> set[bool]:
        found = {"Italic" in font for text, font in runs if words in text}
        assert found, words
        return found

    assert faces("modus vivendi") == {True}
    assert faces("Bulletin") == {True}  # Bulletin Communiste, a journal
    assert faces("The Tragedy") == {False}  # an article: roman, in the source's quotation marks
