"""The passages search results link to, read from the pages the web edition rendered.

A unit is the innermost block of a page that has an id (a numbered paragraph ``#p12``, a note
``#n-3``, a section, or any block the encoding gave an ``xml:id``): a result's link is the page's
address with that id, so it lands on the element that holds the words. Reading the rendered
page, rather than the TEI, means the index holds what the reader sees there, in the rendering the
project chose. Each unit has two readings where the page offers two: the corrected one (``corr``,
``reg``, ``expan``) and the diplomatic one (``sic``, ``orig``, ``abbr``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

from toolkit.search.text import BREAK

# Elements that only serve the page (pop-ups repeating a note or a reading, the list of the
# source's readings the units' diplomatic text already holds, paragraph numbers, note markers,
# page breaks, switches, the table of contents): never part of a unit's text.
LEFT_OUT = {"note-pop", "alt-pop", "pnum", "noteref", "noteref-plain", "app-ref", "app-pop", "pb", "view-switch",
            "witness-switch", "toc", "skip-link", "backref", "note-label", "sequence", "document-facts",
            "source-readings"}
UNIT_TAGS = {"p", "div", "section", "li", "dd", "dt", "blockquote", "article", "td", "th", "main", "figure",
             "h1", "h2", "h3", "h4", "h5", "h6"}
INLINE_TAGS = {"a", "span", "sup", "sub", "em", "i", "b", "strong", "cite", "time", "q", "abbr", "mark", "small",
               "code", "del", "ins", "u", "s", "bdi", "bdo", "var", "kbd", "samp", "dfn", "data", "ruby", "rt", "wbr", "br"}
LABELS = {"note": "note", "section": "section", "l": "line", "opener": "opening", "closer": "closing",
          "postscript": "postscript", "ab": "passage", "item": "item"}
_SPACE = re.compile(r"\s+")


@dataclass
class Unit:
    anchor: str  # the id of the element on the page
    label: str  # what a reader calls it: "¶ 12", "note 3", a section's heading
    text: str  # the corrected reading (the page as shown), text.BREAK between its blocks
    diplomatic: str | None = None  # the source's reading, where it differs
    refs: list[str] = field(default_factory=list)  # the addresses names in it link to, in order
    dates: list[str] = field(default_factory=list)  # ISO values of its dates ("1921-03", "1917/1921")

    def to_json(self) -> dict:
        data = {"anchor": self.anchor, "label": self.label, "text": self.text}
        if self.diplomatic is not None:
            data["diplomatic"] = self.diplomatic
        if self.refs:
            data["refs"] = self.refs
        if self.dates:
            data["dates"] = self.dates
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Unit":
        return cls(data["anchor"], data["label"], data["text"], data.get("diplomatic"), data.get("refs", []),
                   data.get("dates", []))


class _Gathering:
    def __init__(self, anchor: str, label: str):
        self.anchor, self.label = anchor, label
        self.corrected: list[str] = []
        self.diplomatic: list[str] = []
        self.refs: list[str] = []
        self.dates: list[str] = []

    def add(self, text: str, *, corrected: bool = True, diplomatic: bool = True) -> None:
        if corrected:
            self.corrected.append(text)
        if diplomatic:
            self.diplomatic.append(text)

    def unit(self) -> Unit | None:
        text, source = _spaced(self.corrected), _spaced(self.diplomatic)
        if not text and not source:
            return None
        return Unit(self.anchor, self.label, text, source if source != text else None, self.refs, self.dates)


def _spaced(pieces: list[str]) -> str:
    """One space for each run of white space; a ``BREAK`` where the run holds a block's edge."""
    joined = _SPACE.sub(lambda run: BREAK if BREAK in run.group() else " ", "".join(pieces))
    return joined.strip()


def units_from_html(page: str, *, root_id: str | None = None) -> list[Unit]:
    """The units of a rendered page (or fragment), in the order of the page.

    ``root_id``: read only inside the element with that id (``main``: not the site's menus)."""
    tree = lxml_html.fromstring(page) if page.strip() else None
    if tree is None:
        return []
    if root_id is not None:
        found = tree.get_element_by_id(root_id, None)
        if found is None:
            return []
        tree = found
    gathered: dict[str, _Gathering] = {}
    order: list[str] = []

    def unit_for(element, current: _Gathering | None) -> _Gathering | None:
        anchor = element.get("id")
        if _starts_unit(element):
            if anchor not in gathered:
                gathered[anchor] = _Gathering(anchor, _label(element))
                order.append(anchor)
            return gathered[anchor]
        return current

    def walk(element, current: _Gathering | None, corrected: bool, diplomatic: bool) -> None:
        classes = set((element.get("class") or "").split())
        if classes & LEFT_OUT or not isinstance(element.tag, str) or element.tag in ("script", "style", "nav"):
            return
        if "reading-source" in classes:
            corrected = False
        elif "reading-preferred" in classes and _has_source(element):
            diplomatic = False
        current = unit_for(element, current)
        block = element.tag not in INLINE_TAGS
        if current is not None:
            if block or element.tag == "br":
                current.add(BREAK if block else " ", corrected=corrected, diplomatic=diplomatic)
            if element.tag == "a" and "mention" in classes and element.get("href"):
                current.refs.append(element.get("href"))
            elif element.get("data-ref"):  # a name not linked, which says what it names (a work's title)
                current.refs.append(element.get("data-ref"))
            if "date" in classes:
                value = element.get("datetime") or element.get("title")
                if value:
                    current.dates.append(value)
            if element.text:
                current.add(element.text, corrected=corrected, diplomatic=diplomatic)
        for child in element:
            if current is not None and _starts_unit(child):
                # A passage inside this one stands between its words: a phrase does not run across it.
                current.add(BREAK, corrected=corrected, diplomatic=diplomatic)
            walk(child, current, corrected, diplomatic)
            if current is not None and child.tail:
                current.add(child.tail, corrected=corrected, diplomatic=diplomatic)
        if current is not None and block:
            current.add(BREAK, corrected=corrected, diplomatic=diplomatic)

    walk(tree, None, True, True)
    units = [gathered[anchor].unit() for anchor in order]
    return [unit for unit in units if unit is not None]


def _starts_unit(element) -> bool:
    return bool(element.get("id")) and element.tag in UNIT_TAGS


def _has_source(preferred) -> bool:
    parent = preferred.getparent()
    return parent is not None and any("reading-source" in (sibling.get("class") or "").split() for sibling in parent)


def _label(element) -> str:
    classes = (element.get("class") or "").split()
    number = element.find("a[@class='pnum']")
    if number is not None and number.text:
        return f"¶\u00a0{number.text.strip()}"
    if "note" in classes:
        label = element.find("span[@class='note-label']")
        return f"note\u00a0{label.text.strip()}" if label is not None and label.text else "note"
    if element.tag == "section":
        heading = next(element.iter("h2", "h3", "h4", "h5", "h6"), None)
        if heading is not None:
            return _SPACE.sub(" ", heading.text_content()).strip() or "section"
    for name in classes:
        if name in LABELS:
            return LABELS[name]
    return "text" if element.tag == "main" else element.tag
