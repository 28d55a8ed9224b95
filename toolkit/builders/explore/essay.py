"""What one TEI document gives its timeline and map: the dates in its text (each linked to its
paragraph, with the words around it), the dated events of its registers, and the places of its
registers with their coordinates and how often the text names them.

Life dates of persons are left to the index pages: on a timeline of the text they would crowd
out what the text dates.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

from lxml import etree

from toolkit.builders.explore import dating, geomap, timeline
from toolkit.interface_words import Words
from toolkit.project.mentions import mentions
from toolkit.project.registers import LISTS, XML_ID, Registers
from toolkit.xmlio import TEI_NS

T = f"{{{TEI_NS}}}"
CONTEXT = 70  # characters of text on each side of a date
SKIPPED = {T + "sic", T + "orig", T + "abbr", T + "note"}  # readings the page does not show first; notes
LIST_TAGS = {T + name for name in LISTS}


def timeline_items(tree: etree._ElementTree, registers: Registers, page: str = "index.html",
                   register_page=None, words: Words | None = None) -> tuple[list[timeline.Item], list[timeline.Undated]]:
    """The dated items of the document (its text's dates, its registers' events) and the undated
    events, said in the language of ``words`` (English when none is given)."""
    words = words or Words()
    items, undated = [], []
    for text in tree.getroot().iter(T + "text"):
        for date in text.iter(T + "date"):
            if _in_register(date):
                continue
            span = dating.span(date.attrib, words)
            if span is None:
                continue
            anchor = _anchor(date)
            items.append(timeline.Item(span, _context(date), f"{page}#{anchor}" if anchor else page,
                                       f"§ {anchor[1:]}" if anchor and anchor[:1] == "p" and anchor[1:].isdigit() else ""))
        break  # the outermost text holds the rest
    for entry in registers.of_kind("event"):
        href = register_page(entry) if register_page else None
        attributes = {key: value for key, value in entry.dates if "." not in key}
        span = dating.span(attributes, words)
        if span is None:
            undated.append(timeline.Undated(entry.name or entry.id, href or page))
        else:
            items.append(timeline.Item(span, entry.name or entry.id, href or page, words("an-event")))
    return items, undated


def places(tree: etree._ElementTree, source: Path, registers: Registers, href) -> list[geomap.Place]:
    """Every place of the registers, with its coordinates and its number of mentions in the document."""
    counts = Counter(mention.entry_id for mention in mentions(tree, source, registers) if mention.kind == "place")
    return [geomap.Place(entry.id, entry.name or entry.id, href(entry), counts[entry.id], geo=entry.geo)
            for entry in registers.of_kind("place")]


def _in_register(element: etree._Element) -> bool:
    return any(ancestor.tag in LIST_TAGS for ancestor in element.iterancestors())


def _anchor(element: etree._Element) -> str | None:
    for ancestor in element.iterancestors():
        if ancestor.get(XML_ID):
            return ancestor.get(XML_ID)
    return None


def _block(element: etree._Element) -> etree._Element:
    for ancestor in element.iterancestors():
        if ancestor.get(XML_ID) or etree.QName(ancestor).localname in ("p", "ab", "l", "item", "head"):
            return ancestor
    return element


def _context(date: etree._Element) -> str:
    """The words around the date in its paragraph, as the reading text has them."""
    pieces = list(_pieces(_block(date), date))
    inside = [index for index, (_text, flag) in enumerate(pieces) if flag]
    if not inside:
        return ""
    joined = lambda part: " ".join("".join(text for text, _flag in part).split())  # noqa: E731
    head, core, tail = joined(pieces[:inside[0]]), joined(pieces[inside[0]:inside[-1] + 1]), joined(pieces[inside[-1] + 1:])
    if len(head) > CONTEXT:
        head = "…" + head[-CONTEXT:].split(" ", 1)[-1]
    if len(tail) > CONTEXT:
        tail = tail[:CONTEXT].rsplit(" ", 1)[0] + "…"
    return " ".join(part for part in (head, core, tail) if part)


def _pieces(block: etree._Element, date: etree._Element):
    """(text, whether it is the date's) in reading order; walked, not recursed, whatever the depth."""
    skipping, inside = 0, False
    for action, element in etree.iterwalk(block, events=("start", "end")):
        own = element is block
        if action == "start":
            if skipping or (not own and (not isinstance(element.tag, str) or element.tag in SKIPPED)):
                skipping += 1
                continue
            inside = inside or element is date
            yield element.text or "", inside
            continue
        if skipping:
            skipping -= 1
            if not skipping and not own:
                yield element.tail or "", inside
            continue
        if element is date:
            inside = False
        if not own:
            yield element.tail or "", inside


def pages(tree: etree._ElementTree, source: Path, registers: Registers, words: Words) -> dict[str, str]:
    """The content of the document's timeline and map pages, for those it has something to show:
    {"timeline": HTML, "map": HTML}, in the language of ``words``; ``registers`` are the document's own."""
    from toolkit.builders.explore import basemap

    found: dict[str, str] = {}
    items, undated = timeline_items(tree, registers, words=words)
    if items or undated:
        found["timeline"] = timeline.fragment(
            items, undated, words=words, kind="dates",
            intro=f'<p class="timeline-intro">{escape(words("timeline-intro-document"))}</p>')
    located = places(tree, source, registers, lambda entry: f"places.html#{entry.local_id or entry.id}")
    if any(place.geo for place in located):
        found["map"] = geomap.fragment(located, basemap.land, words=words)
    return found
