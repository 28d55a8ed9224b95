"""What a search should find, worked out from the TEI here, independently of teikit's index.

A passage's text is read from the TEI in one of its two readings (corrected: ``corr``, ``reg``,
``expan``; diplomatic: ``sic``, ``orig``, ``abbr``), without the notes inside it (a note is a
passage of its own). Words are compared as a reader expects: without case or accents.
"""

from __future__ import annotations

import re
import unicodedata

TEI = "{http://www.tei-c.org/ns/1.0}"
PREFERRED, SOURCE = ("corr", "reg", "expan"), ("sic", "orig", "abbr")
SKIPPED = ("note", "pb", "fw")
# Elements the web edition shows as blocks: a phrase does not run from one into the next.
BLOCKS = ("p", "div", "head", "opener", "closer", "dateline", "salute", "signed", "postscript", "ab", "l", "lg",
          "item", "list", "note", "trailer", "byline", "epigraph", "argument", "listBibl", "bibl", "listPerson",
          "person", "listPlace", "place", "listOrg", "org", "listEvent", "event")
EDGE = "\u2029"


def plain(text: str) -> list[str]:
    """Words without case or accents ("Pestaña's" -> pestana, s); a block's edge stays as EDGE."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+|" + EDGE, stripped)


def reading(element, diplomatic: bool = False, *, notes: bool = False) -> str:
    """The element's text in one reading, notes left out unless asked (a block boundary is a space)."""
    pieces: list[str] = []
    _read(element, diplomatic, pieces, top=True, notes=notes)
    return re.sub(r"\s+", lambda run: EDGE if EDGE in run.group() else " ", "".join(pieces)).strip()


def _read(element, diplomatic: bool, pieces: list[str], top: bool = False, notes: bool = False) -> None:
    name = element.tag.replace(TEI, "") if isinstance(element.tag, str) else ""
    if not name or (not top and name in SKIPPED and not (notes and name == "note")):
        return
    parent = element.getparent()
    if parent is not None and parent.tag == TEI + "choice":
        if name in (PREFERRED if diplomatic else SOURCE):
            return
    if name in ("lb",):
        pieces.append(" ")
    edge = EDGE if name in BLOCKS else ""
    pieces.append(edge + (element.text or ""))
    for child in element:
        _read(child, diplomatic, pieces, notes=notes)
        pieces.append(child.tail or "")
    pieces.append(edge)


def contains(words: list[str], query: list[str], prefix: bool = False) -> bool:
    """Whether ``query`` stands in ``words`` as a sequence (its last word a prefix if asked)."""
    n = len(query)
    for start in range(len(words) - n + 1):
        window = words[start:start + n]
        if window[:-1] == query[:-1] and (window[-1].startswith(query[-1]) if prefix else window[-1] == query[-1]):
            return True
    return False


def outside_notes(element, tag: str):
    """Descendants named ``tag`` that are not inside a note within ``element``."""
    for found in element.iter(TEI + tag):
        ancestor = found.getparent()
        while ancestor is not None and ancestor is not element and ancestor.tag != TEI + "note":
            ancestor = ancestor.getparent()
        if ancestor is element or ancestor is None:
            yield found


def overlaps(date, low: str, high: str) -> bool:
    """Whether a TEI date (when, from/to, notBefore/notAfter) falls within the years low..high."""
    start = date.get("when") or date.get("from") or date.get("notBefore") or date.get("to") or date.get("notAfter")
    end = date.get("when") or date.get("to") or date.get("notAfter") or start
    return bool(start) and end[:4] >= low and start[:4] <= high
