"""What connects a project's documents: their order by date, which register entry each name
points at, every occurrence of an entry by document and paragraph, and who wrote to whom.

Built from the documents' cards and mentions (small, plain data) and the project's registers;
no document tree is needed here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from toolkit.iso_dates import chronological_key

# Where the entries of each kind of register are shown.
FOLDERS = {"person": "persons", "place": "places", "org": "organisations", "work": "works", "event": "events",
           "object": "objects"}
# Each register folder's heading: a key of the interface words (toolkit.interface_words).
LABELS = {"persons": "persons", "places": "places", "organisations": "organisations", "works": "works",
          "events": "events", "objects": "objects", "entries": "other-entries"}


@dataclass
class Document:
    name: str  # the page's file name without .html, unique in the site
    source: Path
    card: dict
    mentions: list[dict]
    key: str | None = None  # the build cache's key for its rendered text
    fragment: str | None = None  # the rendered text, when the cache could not keep it
    search: dict | None = None  # what the search index keeps of it with its card (project_site.search)
    search_record: dict[str, bytes] | None = None  # its units and postings, when the cache could not keep them

    def __post_init__(self):
        self.path, self.folder = str(self.source), str(self.source.parent)


class Occurrence:
    """Where a document names an entry (hundreds of thousands in a large project: a class with slots)."""

    __slots__ = ("document", "anchors", "roles")

    def __init__(self, document: int):
        self.document = document  # position in the catalogue's date order
        self.anchors: list[tuple[str, str]] = []  # (anchor, label) in the text, in order
        self.roles: list[str] = []  # sent, received, author, editor, header


_UNRESOLVED = object()  # not looked up yet (None: looked up, and designates nothing)


def folder_of(entry) -> str:
    return FOLDERS.get(entry.kind, "entries")


def safe_name(identifier: str) -> str:
    return re.sub(r"[^\w.-]+", "_", identifier).strip("._") or "entry"


class Catalogue:
    """The documents in date order and every connection between them and the registers."""

    def __init__(self, documents: list[Document], resolve):
        self.documents = sorted(documents, key=_date_order)
        self._resolve = resolve
        self._resolved: dict[tuple[str, str], object] = {}
        self.entries: dict[str, object] = {}  # canonical id -> entry, for every entry pointed at
        self.occurrences: dict[str, list[Occurrence]] = defaultdict(list)
        self.entry_links: list[tuple[str, str]] | None = None  # made by the pages, once
        self.named: list[list] = []  # by document position: the entry each mention points at, or None
        for position, document in enumerate(self.documents):
            self._collect(position, document)
        self._pages: dict[str, str] = {}
        self._taken: set[tuple[str, str]] = set()
        for entry in sorted(self.entries.values(), key=lambda entry: (folder_of(entry), entry.id)):
            self.page_of(entry)

    def page_of(self, entry) -> str:
        """The entry's page, relative to the site's root: its id made safe for a file name, and
        unique in its folder where the file system ignores case (``EdgeW1`` and ``Edgew1`` are
        two persons; the second in id order gets ``Edgew1-2``)."""
        page = self._pages.get(entry.id)
        if page is None:
            folder, base = folder_of(entry), safe_name(entry.id)
            name, k = base, 2
            while (folder, name.casefold()) in self._taken:
                name, k = f"{base}-{k}", k + 1
            self._taken.add((folder, name.casefold()))
            page = self._pages[entry.id] = f"{folder}/{name}.html"
        return page

    def entry(self, pointer: str, document: Document):
        """The register entry ``pointer`` designates from ``document``, or None."""
        # Pointers read alike from every document of a folder, except "#id" (the document's own first).
        key = (pointer, document.path if pointer.startswith("#") else document.folder)
        entry = self._resolved.get(key, _UNRESOLVED)
        if entry is _UNRESOLVED:
            entry = self._resolved[key] = self._resolve(pointer, document.source)
        return entry

    def _collect(self, position: int, document: Document) -> None:
        # The hot loop of a large project (hundreds of thousands of mentions): names bound locally.
        seen: dict[str, Occurrence] = {}
        named = []
        self.named.append(named)
        resolved, entries, occurrences = self._resolved, self.entries, self.occurrences
        for mention in document.mentions:
            pointer = mention["pointer"]
            key = (pointer, document.path if pointer.startswith("#") else document.folder)
            entry = resolved.get(key, _UNRESOLVED)
            if entry is _UNRESOLVED:
                entry = resolved[key] = self._resolve(pointer, document.source)
            named.append(entry)
            if entry is None:
                continue
            entry_id = entry.id
            occurrence = seen.get(entry_id)
            if occurrence is None:
                entries.setdefault(entry_id, entry)
                occurrence = seen[entry_id] = Occurrence(position)
                occurrences[entry_id].append(occurrence)
            if mention["where"] == "text":
                place = (mention["anchor"], mention["label"])
                if place not in occurrence.anchors:
                    occurrence.anchors.append(place)
            else:
                role = mention["role"] or mention["where"]
                if role not in occurrence.roles:
                    occurrence.roles.append(role)

    def neighbours(self, position: int) -> tuple[Document | None, Document | None]:
        before = self.documents[position - 1] if position > 0 else None
        after = self.documents[position + 1] if position + 1 < len(self.documents) else None
        return before, after

    def correspondence(self) -> list[tuple[str, str, list[int]]]:
        """(sender, recipient, documents) for every pair that exchanged letters, most letters first.

        A correspondent is the canonical id of the entry their name points at, else their name
        as written."""
        pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, document in enumerate(self.documents):
            senders = [self.party(name, document) for name in document.card["senders"]]
            recipients = [self.party(name, document) for name in document.card["recipients"]]
            for sender in senders or ["?"]:
                for recipient in recipients or ["?"]:
                    if senders or recipients:
                        pairs[(sender, recipient)].append(position)
        return sorted(((s, r, docs) for (s, r), docs in pairs.items()), key=lambda item: (-len(item[2]), item[0], item[1]))

    def party(self, name: dict, document: Document) -> str:
        entry = self.entry(name["ref"].split()[0], document) if name.get("ref") else None
        return f"id:{entry.id}" if entry is not None else f"name:{name.get('name') or '?'}"

    def is_letters(self) -> bool:
        return any(document.card["senders"] or document.card["recipients"] for document in self.documents)


def _date_order(document: Document):
    # Undated documents after the dated ones; then by title and name, so the order is total.
    return (document.card["date"] == "", chronological_key(document.card["date"]), document.card["title"].casefold(),
            document.name)
