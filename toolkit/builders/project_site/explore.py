"""A project's timeline and map: its documents by date (the date its catalogue sorts them by,
with the range and certainty the TEI gives), the dated events of its registers, and every
place of its registers with its coordinates and how often the documents name it."""

from __future__ import annotations

from collections import Counter
from html import escape

from toolkit.builders.explore import basemap, dating, geomap, timeline
from toolkit.builders.project_site.catalogue import Catalogue
from toolkit.interface_words import Words



def contents(catalogue: Catalogue, registers, words: Words) -> dict[str, str]:
    """{"timeline": HTML, "map": HTML} for the pages the project has something to show on (each key is
    also the word of its heading)."""
    found = {"timeline": _timeline(catalogue, registers, words)} if catalogue.documents else {}
    places = _places(catalogue, registers)
    if any(place.geo for place in places):
        found["map"] = geomap.fragment(places, basemap.land, words=words,
                                       intro=f'<p class="map-intro">{escape(words("map-intro"))}</p>')
    return found


def _timeline(catalogue: Catalogue, registers, words: Words) -> str:
    items, undated = [], []
    for document in catalogue.documents:
        card, href = document.card, f"documents/{document.name}.html"
        title = card["title"] or document.name
        span = dating.span(card.get("date_attributes") or {"when": card["date"]}, words) if card["date"] else None
        if span is None:
            undated.append(timeline.Undated(title, href))
        else:
            items.append(timeline.Item(span, title, href, _parties(card, words)))
    events = False
    for entry in registers.of_kind("event"):
        href = catalogue.page_of(entry) if entry.id in catalogue.entries else ""
        span = dating.span({key: value for key, value in entry.dates if "." not in key}, words)
        if span is not None:
            items.append(timeline.Item(span, entry.name or entry.id, href, words("an-event")))
            events = True
    return timeline.fragment(items, undated, words=words, kind="dated-items" if events else "dated-documents")


def _parties(card: dict, words: Words) -> str:
    senders = ", ".join(name["name"] for name in card["senders"] if name.get("name"))
    recipients = ", ".join(name["name"] for name in card["recipients"] if name.get("name"))
    if senders and recipients:
        return words("letter-from-to", senders=senders, recipients=recipients)
    return senders or (words("letter-to", recipients=recipients) if recipients else "")


def _places(catalogue: Catalogue, registers) -> list[geomap.Place]:
    mentions: Counter = Counter()
    for named in catalogue.named:
        for entry in named:
            if entry is not None and entry.kind == "place":
                mentions[entry.id] += 1
    return [geomap.Place(entry.id, entry.name or entry.id, catalogue.page_of(entry) if entry.id in catalogue.entries else None,
                         mentions[entry.id], len(catalogue.occurrences.get(entry.id, ())), geo=entry.geo)
            for entry in registers.of_kind("place")]
