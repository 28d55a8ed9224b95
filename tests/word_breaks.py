"""Breaks inside words as the TEI gives them, read with lxml alone: what a reader must find whole
in the page's text and in the PDF's."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from benchmarks.visible_words import FORMULA, read_tei

TEI = "http://www.tei-c.org/ns/1.0"


def in_formula(element: etree._Element) -> bool:
    """Inside a letter's opening or closing formula, whose lines are its units."""
    return any(etree.QName(ancestor).localname in FORMULA for ancestor in element.iterancestors())


def breaks_inside_words(source: Path) -> list[tuple[str, str, str | None]]:
    """(the whole word, the break's name, its n) for each line, column or page break inside a word
    of the text: break="no", or a break without @break with a letter right before and after it
    (no white space between), a line break in a letter's opening or closing formula aside."""
    found = []
    for element in read_tei(source).iter(f"{{{TEI}}}lb", f"{{{TEI}}}pb", f"{{{TEI}}}cb"):
        name = etree.QName(element).localname
        previous = element.getprevious()
        before = (previous.tail if previous is not None else element.getparent().text) or ""
        head, rest = re.search(r"\w*$", before).group(), re.match(r"\w*", element.tail or "").group()
        declared = element.get("break")
        if head and rest and (declared == "no" or (declared is None and not (name == "lb" and in_formula(element)))):
            found.append((head + rest, name, element.get("n")))
    return found
