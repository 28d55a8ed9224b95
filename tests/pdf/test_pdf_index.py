"""The indexes at the back: every locator is a page where the name is printed, and none is missing."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.pdf.pdf_book import Book, squeeze, small_book

FIXTURES = (small_book,)  # pytest finds fixtures among the module's names


def expected_pages(book: Book, register: str) -> dict[str, list[int]]:
    """entry id -> pages on which the book placed its mentions (PDF named destinations)."""
    pages = defaultdict(set)
    for mention_id, entry, _form in book.source.mentions():
        if book.source.register_of(entry) == register:
            pages[entry].add(book.page_of(mention_id))
    return {entry: sorted(found) for entry, found in pages.items()}


def forms_of(book: Book, entry: str) -> set[str]:
    return {form for _id, mentioned, form in book.source.mentions() if mentioned == entry}


def _printed_on(book: Book, form: str, page: int) -> bool:
    text = squeeze(book.pages[page - 1])
    if squeeze(form) in text:
        return True
    # A name of several words may run over the page: its first word ends this page.
    first = form.split()[0]
    return len(form.split()) > 1 and squeeze(first) in text


def check_index(book: Book, register: str) -> None:
    printed = book.printed_locators(register)
    expected = expected_pages(book, register)
    # Every entry named in the text is indexed, and only those.
    assert set(printed) == set(expected), set(printed) ^ set(expected)
    for entry, pages in printed.items():
        heading = book.index_entries(register)[entry]
        assert pages, f"{heading}: no page numbers printed"
        assert pages == sorted(set(pages)), f"{heading}: pages repeated or out of order: {pages}"
        assert pages == expected[entry], f"{heading}: printed {pages}, mentions are on {expected[entry]}"
        # Independently of the anchors: the name, or the form used, is printed on each page.
        forms = forms_of(book, entry)
        for page in pages:
            assert any(_printed_on(book, form, page) for form in forms), f"{heading}: none of {forms} on page {page}"


@pytest.mark.parametrize("register", ["persons", "places"])
def test_index_locators_are_right_and_complete(small_book, register):
    check_index(small_book, register)


def test_variant_names_refer_to_their_entry(small_book):
    text = " ".join(" ".join(small_book.pages[small_book.page_of("index-persons") - 1 :]).split())
    assert "Kibalchich see Serge, Victor" in text
    assert "Peter see Kropotkin, Peter" in text


@pytest.mark.parametrize("register", ["persons", "places"])
def test_index_order_is_the_web_index_order(small_book, register):
    from toolkit.collation import collation_order, index_data, index_saxon
    from toolkit.xmlio import read_document

    saxon = index_saxon()
    node = saxon.load(read_document(small_book.source_path))
    web = [entry["id"] for entry in index_data(node, saxon, order=collation_order(node, saxon))[register]]
    printed = list(small_book.index_entries(register))
    assert printed == [entry for entry in web if entry in printed]
