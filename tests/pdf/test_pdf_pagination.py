"""The book laid out in parts (text once, then indexes and contents) equals the book laid out whole."""

from __future__ import annotations

import io

from lxml import etree
from lxml import html as lxml_html
from pypdf import PdfReader

from tests.pdf.pdf_book import small_book
from toolkit.builders import pdf as pdf_builder
from toolkit.builders.pagination import lay_out, number_locators

FIXTURES = (small_book,)


def _page_texts(document) -> list[str]:
    reader = PdfReader(io.BytesIO(document.write_pdf()))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def _recording_layout():
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts, fetcher, calls = FontConfiguration(), pdf_builder._asset_fetcher(), []

    def layout(text: str):
        calls.append(text)
        return HTML(string=text, base_url=pdf_builder._assets_url(), url_fetcher=fetcher).render(font_config=fonts)

    return layout, calls


def _book_pages(book, layout) -> tuple[list[str], list[str]]:
    """Page texts of the book as assembled, and of its finished HTML laid out whole."""
    return _page_texts(book.document.copy(book.pages)), _page_texts(layout(book.html))


def test_two_layouts_give_the_pages_of_one_whole_layout(small_book):
    layout, calls = _recording_layout()
    book = lay_out(small_book.html_path.read_text(encoding="utf-8"), layout)
    assert len(calls) == 2, "the text is laid out once and the indexes once"
    assembled, whole = _book_pages(book, layout)
    assert assembled == whole
    assert any("Index of persons" in page for page in assembled)


def test_a_stylesheet_that_breaks_pages_otherwise_falls_back_to_a_whole_layout(small_book):
    # Text starting on the contents page: the frame's stand-in pages cannot match, so
    # the book is laid out whole instead, and still right.
    html = small_book.html_path.read_text(encoding="utf-8")
    html = html.replace("</head>", "<style>.tk-toc { break-after: auto; }</style></head>", 1)
    layout, calls = _recording_layout()
    book = lay_out(html, layout)
    assert len(calls) == 3
    assembled, whole = _book_pages(book, layout)
    assert assembled == whole


def test_locators_become_numbers_each_page_once_per_entry():
    tree = lxml_html.document_fromstring(
        '<html><body><p class="tk-index-entry"><span class="tk-index-heading">Lenin</span>'
        '<a class="tk-locator" href="#m1"></a><a class="tk-locator" href="#m2"></a>'
        '<a class="tk-locator" href="#m3"></a><a class="tk-locator" href="#gone"></a></p></body></html>'
    )
    number_locators(tree, {"m1": 7, "m2": 7, "m3": 12})
    entry = tree.find(".//p")
    assert entry.text_content() == "Lenin, 7, 12"
    assert [(a.get("href"), a.text) for a in entry.iter("a")] == [("#m1", "7"), ("#m3", "12")]


def test_the_published_html_carries_the_printed_numbers(small_book):
    entries = small_book.html.xpath("//p[contains(@class, 'tk-index-entry')][a]")
    assert entries
    for entry in entries:
        numbers = [int(a.text) for a in entry.xpath("a[contains(@class, 'tk-locator')]")]
        assert numbers == sorted(set(numbers)), entry.text_content()


def test_indexes_without_a_contents_are_laid_out_whole(small_book):
    html = small_book.html_path.read_text(encoding="utf-8")
    tree = lxml_html.document_fromstring(html)
    for contents in tree.xpath("//nav[@id='contents']"):
        contents.getparent().remove(contents)
    layout, calls = _recording_layout()
    book = lay_out("<!DOCTYPE html>\n" + etree.tostring(tree, encoding="unicode", method="html"), layout)
    assert len(calls) == 2  # the text, then the whole book
    assembled = _page_texts(book.document.copy(book.pages))
    heading = " ".join(tree.xpath("string((//span[@class='tk-index-heading'])[1])").split())
    index_pages = [page for page in assembled if "Index of persons" in page]
    assert index_pages and heading in index_pages[0], "the index bodies are printed"
