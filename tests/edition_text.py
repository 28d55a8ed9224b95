"""The reading text of the edition, as a reader of the source would see it.

The reading text is what the source prints: the `sic` side of every correction, each authorial note
as its marker "[n]", and none of the editors' additions (corrections, editorial notes, supplied text).
Whitespace is normalised on both sides, so only the characters themselves are compared.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}

# Editorial additions: never part of the reading text.
EDITORIAL = {f"{{{TEI}}}{name}" for name in ("corr", "reg", "expan", "supplied", "ex")}
# Block-level elements: their text is separated from what precedes and follows.
BLOCKS = {f"{{{TEI}}}{name}" for name in (
    "p", "head", "titlePart", "byline", "docAuthor", "signed", "div", "titlePage", "docTitle")}

NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"


def normalise(text: str) -> str:
    """Collapse every run of white space (including no-break spaces) into one space."""
    return " ".join(text.split())


def _pieces(element: etree._Element, out: list[str]) -> None:
    tag = element.tag
    if tag == f"{{{TEI}}}note":
        if element.get("type") == "authorial":
            out.append(f"{NOTE_OPEN}{element.get('n')}{NOTE_CLOSE}")
        return
    if tag in EDITORIAL or not isinstance(tag, str):
        return
    block = tag in BLOCKS
    if block:
        out.append(" ")
    if element.text:
        out.append(element.text)
    for child in element:
        _pieces(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append(" ")


def reading_text_with_notes(tree: etree._ElementTree) -> tuple[str, list[tuple[str, int]]]:
    """The normalised reading text of front, body and back, and (n, offset) for every authorial
    note marker "[n]" in it, in document order."""
    text_el = tree.getroot().find(f"{{{TEI}}}text")
    if text_el is None:
        raise ValueError("the document has no <text>")
    out: list[str] = []
    _pieces(text_el, out)
    marked = normalise("".join(out))
    notes: list[tuple[str, int]] = []
    result: list[str] = []
    length = 0
    for part in re.split(f"({NOTE_OPEN}[^{NOTE_CLOSE}]*{NOTE_CLOSE})", marked):
        if part.startswith(NOTE_OPEN):
            n = part[1:-1]
            notes.append((n, length))
            part = f"[{n}]"
        result.append(part)
        length += len(part)
    return "".join(result), notes


def reading_text(tree: etree._ElementTree) -> str:
    return reading_text_with_notes(tree)[0]


def source_text(path: Path) -> str:
    return normalise(path.read_text(encoding="utf-8"))


def source_note_markers(text: str) -> list[tuple[str, int]]:
    """(n, offset) for every note marker "[n]" in a normalised source text."""
    return [(m.group(1), m.start()) for m in re.finditer(r"\[(\d+)\]", text)]


def first_difference(expected: str, actual: str, context: int = 60) -> str:
    """A readable account of where two texts first differ ('' when they are equal)."""
    if expected == actual:
        return ""
    i = next((k for k, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
    start = max(0, i - context)
    return (f"texts differ at character {i} of {len(expected)} (source) / {len(actual)} (edition):\n"
            f"  source : …{expected[start:i + context]!r}\n"
            f"  edition: …{actual[start:i + context]!r}")
