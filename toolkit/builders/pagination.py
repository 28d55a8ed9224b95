"""Page numbers for the book's indexes and contents, with the text laid out only once.

An index locator is the page of a mention, and an entry gives a page once however often
the name appears on it; the contents gives the page of each part. The text is laid out
once, without the index bodies: that layout tells every mention's page, and the locators
are written in as plain numbers. A second, much smaller layout, the "frame", sets the
title page, the contents and the indexes, with one empty stand-in page for each page of
the text (carrying the ids the contents points to), so the indexes start where they
start in the book and the contents can give their pages too. The book is the frame's
opening pages, the text pages of the first layout, then the frame's index pages.

The frame must match the first layout page for page. That is checked; if it does not (a
stylesheet that breaks pages some other way), the finished HTML is laid out whole a
second time instead: slower, and just as right.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

INDEX = "tk-index"
INDEX_BODY = "tk-index-body"
INDEX_ENTRY = "tk-index-entry"
LOCATOR = "tk-locator"
CONTENTS = "tk-toc"
FILLER = "tk-frame-page"
TEXT_START = "tk-text-start"
# Each stand-in page of the frame is one forced page, bare of running heads.
FRAME_STYLE = f".{FILLER} {{ page: tk-title; break-after: page; }}"


@dataclass
class Typeset:
    """The finished book: its HTML (locators as numbers) and its pages, in order."""

    html: str
    pages: list
    document: object  # the WeasyPrint document whose metadata the PDF takes


def _classes(*names: str) -> str:
    return " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in names)


def _serialise(tree) -> str:
    return "<!DOCTYPE html>\n" + etree.tostring(tree, encoding="unicode", method="html")


def anchor_pages(document) -> dict[str, int]:
    """Element id -> page number (1-based) where WeasyPrint placed it."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def number_locators(tree, pages: dict[str, int]) -> None:
    """Write each locator's page number into it, dropping a page already given for its entry."""
    for entry in tree.xpath(f"//p[{_classes(INDEX_ENTRY)}]"):
        seen: set[int] = set()
        for locator in entry.xpath(f"a[{_classes(LOCATOR)}]"):
            page = pages.get(locator.get("href", "").lstrip("#"))
            if page is None or page in seen:
                _remove_keeping_tail(locator)
                continue
            seen.add(page)
            locator.text = str(page)
            # The separator is text before the number, so the link covers the number only.
            previous = locator.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "").rstrip() + ", "
            else:
                entry.text = (entry.text or "").rstrip() + ", "


def _remove_keeping_tail(element) -> None:
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def lay_out(html_text: str, layout: Callable[[str], object]) -> Typeset:
    """Lay the book out: ``layout(html)`` returns a WeasyPrint document."""
    tree = lxml_html.document_fromstring(html_text)
    parts = _Parts.of(tree)
    bodies = tree.xpath(f"//div[{_classes(INDEX_BODY)}]")
    places = [(body.getparent(), body.getparent().index(body)) for body in bodies]
    for body in bodies:
        body.getparent().remove(body)
    text = layout(_serialise(tree))
    pages = anchor_pages(text)
    for body, (parent, position) in zip(bodies, places):
        parent.insert(position, body)
    number_locators(tree, pages)
    if parts is not None:
        parts.unmark()
    final_html = _serialise(tree)
    if not bodies:  # no index: the text layout is the book
        return Typeset(final_html, text.pages, text)
    book = _with_frame(tree, parts, text, pages, layout) if parts is not None else None
    if book is None:
        whole = layout(final_html)
        return Typeset(final_html, whole.pages, whole)
    return Typeset(final_html, book, text)


@dataclass
class _Parts:
    """The body's children: up to the contents, the text, and from the first index on."""

    opening: list
    text: list
    closing: list
    marked: bool

    @classmethod
    def of(cls, tree) -> "_Parts | None":
        body = tree.find("body")
        contents = tree.xpath(f"/html/body/*[{_classes(CONTENTS)}]")
        indexes = tree.xpath(f"/html/body/section[{_classes(INDEX)}][@id]")
        if body is None or len(contents) != 1 or not indexes:
            return None
        children = list(body)
        start, end = children.index(contents[0]) + 1, children.index(indexes[0])
        if start >= end:
            return None
        # The text's first element gets an id, if it has none, so the layout says where it begins.
        first = children[start]
        marked = first.get("id") is None
        if marked:
            first.set("id", TEXT_START)
        return cls(children[:start], children[start:end], children[end:], marked)

    @property
    def first_text_id(self) -> str:
        return self.text[0].get("id")

    def unmark(self) -> None:
        if self.marked:
            self.text[0].attrib.pop("id", None)


def _with_frame(tree, parts: _Parts, text, pages: dict[str, int], layout) -> list | None:
    """The book's pages from the text layout and a frame layout, or None if they disagree."""
    text_start = pages.get(parts.first_text_id if not parts.marked else TEXT_START)
    index_start = pages.get(parts.closing[0].get("id"))
    if text_start is None or index_start is None or text_start >= index_start:
        return None

    # Where the contents points into the text: those ids go on their stand-in pages.
    targets = [href[1:] for element in parts.opening for href in element.xpath(".//a/@href") if href.startswith("#")]
    on_page: dict[int, list[str]] = {}
    for target in targets:
        page = pages.get(target)
        if page is not None and text_start <= page < index_start:
            on_page.setdefault(page, []).append(target)

    frame = copy.deepcopy(tree)
    body = frame.find("body")
    first = len(parts.opening)
    for child in list(body)[first : first + len(parts.text)]:
        body.remove(child)
    for offset, page in enumerate(range(text_start, index_start)):
        filler = etree.Element("div", {"class": FILLER, "id": f"{FILLER}-{page}"})
        for target in on_page.get(page, []):
            etree.SubElement(filler, "div", {"id": target})
        body.insert(first + offset, filler)
    etree.SubElement(frame.find("head"), "style").text = FRAME_STYLE

    framed = layout(_serialise(frame))
    frame_pages = anchor_pages(framed)
    expected = {f"{FILLER}-{page}": page for page in range(text_start, index_start)}
    expected.update((target, page) for page, names in on_page.items() for target in names)
    expected[parts.closing[0].get("id")] = index_start
    if any(frame_pages.get(name) != page for name, page in expected.items()):
        return None
    return framed.pages[: text_start - 1] + text.pages[text_start - 1 : index_start - 1] + framed.pages[index_start - 1 :]
