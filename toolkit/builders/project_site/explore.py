"""A project's timeline and map: its documents by date (the date its catalogue sorts them by,
with the range and certainty the TEI gives), the dated events of its registers, and every
place of its registers with its coordinates and how often the documents name it."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from html import escape
from pathlib import Path

from toolkit.atomic import write_bytes
from toolkit.builders.explore import basemap, dating, geomap, timeline
from toolkit.builders.project_site.catalogue import Catalogue
from toolkit.interface_words import Words



def contents(catalogue: Catalogue, registers, words: Words, kept: "Kept | None" = None,
             connections: str | None = None) -> dict[str, str]:
    """{"timeline": HTML, "map": HTML} for the pages the project has something to show on (each key is
    also the word of its heading). ``kept``: the pages of the last build, taken as they are when
    what they show has not changed (a letter edited without a new date or place), or when what
    connects the documents has not (``connections``, a digest of it: then nothing is looked at)."""
    connected = (connections, _basemap_stamp(), words.fingerprint()) if connections is not None else None
    found = kept.get(connected) if kept is not None and connected is not None else None
    if found is not None:
        return found
    timeline_items = _timeline_items(catalogue, registers, words) if catalogue.documents else None
    places = _places(catalogue, registers)
    mapped = any(place.geo for place in places)
    shown = (timeline_items, places if mapped else None, _basemap_stamp() if mapped else None, words.fingerprint())
    found = kept.get(shown) if kept is not None else None
    if found is None:
        found = {"timeline": _timeline(*timeline_items, words)} if timeline_items is not None else {}
        if mapped:
            found["map"] = geomap.fragment(places, basemap.land, words=words,
                                           intro=f'<p class="map-intro">{escape(words("map-intro"))}</p>')
    if kept is not None:  # also under what connects the documents now, for the next build
        kept.put([shown, connected], found)
    return found


def _timeline_items(catalogue: Catalogue, registers, words: Words) -> tuple[list[timeline.Item], list[timeline.Undated], bool]:
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
    return items, undated, events


def _timeline(items: list[timeline.Item], undated: list[timeline.Undated], events: bool, words: Words) -> str:
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


def _basemap_stamp() -> str:
    """The base map file, and its size and time: another file, or the same file changed, is another map."""
    path = basemap.location()
    try:
        status = path.stat() if path is not None else None
    except OSError:
        status = None
    return f"{path}\0{status.st_size}\0{status.st_mtime_ns}" if status is not None else str(path)


class Kept:
    """The timeline and map of the last build, with digests of what they were made from, in
    ``path``; ``salt`` names the code and options they were made with."""

    def __init__(self, path: Path, salt: str):
        self.path, self.salt = path, salt

    def get(self, shown) -> dict[str, str] | None:
        try:
            kept = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        if not (isinstance(kept, dict) and isinstance(kept.get("shown"), list)
                and self._digest(shown) in kept["shown"] and isinstance(kept.get("pages"), dict)):
            return None
        return kept["pages"]

    def put(self, shown: list, pages: dict[str, str]) -> None:
        """Keep ``pages``, to be taken for any of ``shown`` (None: none)."""
        digests = [self._digest(each) for each in shown if each is not None]
        try:
            write_bytes(self.path, json.dumps({"shown": digests, "pages": pages}).encode(), durable=False)
        except OSError:
            pass  # not kept: made again next time

    def _digest(self, shown) -> str:
        return hashlib.sha256(f"{self.salt}\0{shown!r}".encode()).hexdigest()
