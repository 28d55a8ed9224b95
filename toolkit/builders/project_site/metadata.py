"""What a project's lists say about each document, read from its TEI header.

A card holds the document's own title (``project.mentions.document_title``), its date (for sorting and display), and, for
letters, the sender, recipient and places of ``correspDesc``; for manuscripts the
repository, collection and shelfmark of ``msDesc``. Cards are small and plain (JSON),
so that they are cached with the document and the whole project's cards fit in memory.
"""

from __future__ import annotations

from lxml import etree

from toolkit import iso_dates
from toolkit.project.mentions import document_title
from toolkit.project.registers import keeps_own
from toolkit.xmlio import TEI_NS

T = f"{{{TEI_NS}}}"
NAMES = ("persName", "orgName", "name", "rs")
PLACES = ("placeName", "settlement", "region", "country", "geogName")


def card(root: etree._Element) -> dict:
    """The card of the document whose root element is ``root``."""
    header = root.find(f"{T}teiHeader")
    found = {
        "title": document_title(root.getroottree()) or "",
        "date": "", "date_label": "", "date_attributes": {},
        "senders": [], "recipients": [], "places": [],
        "repository": "", "collection": "", "shelfmark": "", "settlement": "",
        "licence": None,
        "own_registers": keeps_own(root),
        "series": "",
    }
    if header is None:
        return found
    found["series"] = _text(header.find(f"{T}fileDesc/{T}seriesStmt/{T}title"))
    found["date"], found["date_label"], found["date_attributes"] = _date(root)
    for action in header.iter(f"{T}correspAction"):
        kind = action.get("type", "")
        people = [_named(name) for name in action if _local(name) in NAMES]
        if kind == "sent":
            found["senders"] += people
        elif kind == "received":
            found["recipients"] += people
        found["places"] += [_named(place) for place in action if _local(place) in PLACES]
    identifier = header.find(f".//{T}sourceDesc//{T}msDesc/{T}msIdentifier")
    if identifier is not None:
        for field in ("repository", "collection", "settlement"):
            found[field] = _text(identifier.find(f"{T}{field}"))
        found["shelfmark"] = "; ".join(filter(None, (_text(idno) for idno in identifier.findall(f"{T}idno"))))
    licence = header.find(f"{T}fileDesc/{T}publicationStmt/{T}availability/{T}licence")
    if licence is not None:
        found["licence"] = {"label": _text(licence) or licence.get("target", ""), "target": licence.get("target", "")}
    return found


DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to", "cert")


def _date(root: etree._Element) -> tuple[str, str, dict]:
    """The document's date: where it was sent, else what its description or text says; with the
    date element's attributes (its range and certainty, for the timeline)."""
    places = (
        f"{T}teiHeader//{T}correspAction[@type='sent']//{T}date",
        f"{T}teiHeader//{T}correspAction//{T}date",
        f"{T}teiHeader//{T}creation//{T}date",
        f"{T}teiHeader/{T}fileDesc/{T}sourceDesc//{T}msDesc/{T}head//{T}date",
        f"{T}text//{T}opener//{T}date",
        f"{T}text//{T}dateline//{T}date",
        f"{T}text//{T}closer//{T}date",
    )
    for path in places:
        for date in root.iterfind(path):
            iso = next((date.get(name).strip() for name in ("when", "notBefore", "from", "notAfter", "to")
                        if iso_dates.parse(date.get(name))), "")
            if iso:
                attributes = {name: date.get(name).strip() for name in DATE_ATTRIBUTES if date.get(name)}
                return iso, _text(date) or iso, attributes
    return "", "", {}


def _named(element: etree._Element) -> dict:
    return {"name": _text(element), "ref": " ".join((element.get("ref") or "").split())}


def _text(element: etree._Element | None) -> str:
    """The reading text: a choice's regularised or corrected reading, without notes."""
    if element is None:
        return ""
    return " ".join("".join(_reading(element)).split())


def _reading(element: etree._Element):
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and not _skipped(child):
            yield from _reading(child)
        yield child.tail or ""


def _skipped(element: etree._Element) -> bool:
    parent = element.getparent()
    return _local(element) == "note" or (_local(parent) == "choice" and _local(element) in ("sic", "orig", "abbr"))


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
