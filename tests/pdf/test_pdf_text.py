"""The text of the print edition: every paragraph in order, notes, running heads, contents."""

from __future__ import annotations

import re


from tests.pdf.pdf_book import Book, squeeze, words, small_book

MAX_GAP = 60  # words a paragraph may be interrupted by: running heads, footnotes, page numbers

FIXTURES = (small_book,)  # pytest finds fixtures among the module's names


def _next(haystack: list[str], word: str, position: int) -> int | None:
    """Where ``word`` follows ``position`` closely: whole, or hyphenated across a page break
    (its first part ends a page, the rest comes after the running head and footnotes)."""
    window = haystack[position + 1 : position + 1 + MAX_GAP]
    if word in window:
        return position + 1 + window.index(word)
    for offset, token in enumerate(window):
        if len(token) < len(word) and word.startswith(token):
            rest = _next(haystack, word[len(token):], position + 1 + offset)
            if rest is not None:
                return rest
    return None


def _find_in_order(haystack: list[str], needle: list[str], start: int) -> int | None:
    """Index just after ``needle`` found in ``haystack`` from ``start``, each word close to the previous."""
    candidates = [i for i in range(start, len(haystack)) if needle[0].startswith(haystack[i])]
    for first in candidates:
        position = first if haystack[first] == needle[0] else _next(haystack, needle[0][len(haystack[first]):], first)
        if position is None:
            continue
        for word in needle[1:]:
            position = _next(haystack, word, position)
            if position is None:
                break
        else:
            return position + 1
    return None


def check_paragraphs_in_order(book: Book) -> None:
    stream = words(" ".join(book.reading_pages))
    position = 0
    for number, text in book.source.paragraphs():
        expected = words(text)
        assert expected, f"paragraph {number} has no words"
        found = _find_in_order(stream, expected, position)
        assert found is not None, f"paragraph {number} is missing or out of order: {text[:80]}…"
        position = found


def test_every_paragraph_is_printed_in_order(small_book):
    check_paragraphs_in_order(small_book)


def test_paragraph_numbers_are_in_the_margin_of_their_paragraph(small_book):
    for number, text in small_book.source.paragraphs():
        page = small_book.pages[small_book.page_of(f"p{number}") - 1]
        first_words = words(text)[:3]
        assert " ".join(first_words) in " ".join(words(page)), f"¶ {number} does not start on its page"
        assert re.search(rf"(?m)^\s*{number}\b|\b{number}\b", page), f"¶ {number}: number not printed"


def test_authorial_notes_print_their_markers_and_no_statement_of_the_essay(small_book):
    notes = small_book.source.xpath("//t:note[@type='authorial']")
    for note in notes:
        marker = small_book.html.xpath(f"//sup[@id='{note.get('{http://www.w3.org/XML/1998/namespace}id')}']")
        assert marker and marker[0].text == note.get("n")
    everything = " ".join(small_book.pages)
    # What the essay says of its notes is the essay's preface (its teikit.toml), not every book's.
    assert "A note on the notes" not in everything
    assert squeeze("gives the note numbers but not the texts of the notes") not in squeeze(everything)
    # No placeholder text is printed for the missing notes.
    assert "not in the source." not in everything


def test_editorial_notes_are_footnotes_on_the_page_of_their_call(small_book):
    notes = small_book.source.xpath("//t:text//t:note[@type='editorial']")
    assert notes
    for k, note in enumerate(notes, start=1):
        note_id = note.get("{http://www.w3.org/XML/1998/namespace}id")
        page = small_book.pages[small_book.page_of(note_id) - 1]
        text = " ".join(note.xpath("string()").split())
        assert squeeze(text) in squeeze(page), f"{note_id} is not at the foot of page {small_book.page_of(note_id)}"
        assert f"E{k}" in page


def test_running_heads_author_on_versos_section_on_rectos_none_on_the_title_page(small_book):
    title_page = small_book.pages[0].split()
    assert "Mitchell" in title_page  # the byline, once
    assert " ".join(small_book.pages[0].split()).count("Mitchell Abidor") == 1
    heads = small_book.source.headed_sections() + ["Abstract", "Acknowledgment", "Registers", "Index of persons",
                                                   "Index of places"]
    for number in range(2, len(small_book.pages) + 1):
        text = " ".join(small_book.pages[number - 1].split())
        if number % 2 == 0:
            assert "Mitchell Abidor" in text, f"verso {number} has no running head"
        else:
            assert "Mitchell Abidor" not in text, f"recto {number} shows the author"
            assert any(head in text for head in heads), f"recto {number} has no section head"


def test_page_numbers_are_printed_except_on_the_title_page(small_book):
    assert not re.search(r"(?m)^\s*1\s*$", small_book.pages[0])
    for number in range(2, len(small_book.pages) + 1):
        assert re.search(rf"(?m)^\s*{number}\s*$", small_book.pages[number - 1]), f"page {number} has no number"


def test_contents_points_at_the_right_pages(small_book):
    contents = " ".join(small_book.pages[small_book.page_of("contents") - 1].split())
    links = small_book.html.xpath("//nav[@id='contents']//a")
    assert len(links) >= len(small_book.source.headed_sections())
    for link in links:
        title = " ".join(link.text_content().split())
        match = re.search(re.escape(title) + r"[\s.]*?(\d+)\b", contents)
        assert match, f"contents line {title!r} not printed"
        page = int(match.group(1))
        assert page == small_book.page_of(link.get("href")[1:])
        assert squeeze(title) in squeeze(small_book.pages[page - 1]), f"{title!r} is not on page {page}"
        assert all(squeeze(title) not in squeeze(text) for text in small_book.pages[2 : page - 1] if title != "Abstract"), title


def test_bookmarks_are_the_sections(small_book):
    outline = [(item.title, small_book.reader.get_destination_page_number(item) + 1) for item in small_book.reader.outline]
    titles = [title for title, _ in outline]
    for head in small_book.source.headed_sections():
        assert head in titles
    for title, page in outline:
        assert squeeze(title) in squeeze(small_book.pages[page - 1])


def _line_starts(book: Book, page: int) -> dict[str, float]:
    """First characters of each text run on a page -> its x position on the page."""
    starts = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            starts.setdefault(text.strip()[:12], tm[4] * cm[0] + cm[4])

    book.reader.pages[page - 1].extract_text(visitor_text=visit)
    return starts


def test_block_quotations_are_set_off(small_book):
    quoted = small_book.html.xpath("//blockquote//p/@id")
    assert quoted == ["p12"]
    page = small_book.page_of("p12")
    assert small_book.page_of("p13") == page
    starts = _line_starts(small_book, page)
    quote_x = next(x for text, x in starts.items() if text.startswith("“Not only"))
    after_x = next(x for text, x in starts.items() if text.startswith("Makhno went"))
    assert quote_x - after_x > 8  # points: the quotation is indented, the text after it is not


def test_text_is_hyphenated(small_book):
    # WeasyPrint marks the hyphens it adds with U+2010 at the end of a line.
    assert sum(page.count("\u2010\n") for page in small_book.pages) >= 3
