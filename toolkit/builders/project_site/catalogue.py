"""What connects a project's documents: their order by date, which register entry each name
points at, every occurrence of an entry by document and paragraph, and who wrote to whom.

Built from the documents' cards and mentions (small, plain data) and the project's registers;
no document tree is needed here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import TeikitError
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
    mentions: list[dict] | None  # None when its links were kept from the last build (``links``)
    key: str | None = None  # the build cache's key for its rendered text
    fragment: str | None = None  # the rendered text, when the cache could not keep it
    search: dict | None = None  # what the search index keeps of it with its card (project_site.search)
    search_record: dict[str, bytes] | None = None  # its units and postings, when the cache could not keep them
    links: Links | None = None  # what its names point at, as the last build linked them (``kept_links``)
    linked_with: str | None = None  # the key of the registers those links were made with

    def __post_init__(self):
        self.path, self.folder = str(self.source), str(self.source.parent)


class Occurrence:
    """Where a document names an entry (hundreds of thousands in a large project: a class with slots)."""

    __slots__ = ("document", "anchors", "roles")

    def __init__(self, document: int):
        self.document = document  # position in the catalogue's date order
        self.anchors: list[tuple[str, str]] = []  # (anchor, label) in the text, in order
        self.roles: list[str] = []  # sent, received, author, editor, header


class Links:
    """What one document's names point at: the entry id of each mention in order (None where it
    points nowhere); each entry it names with where (anchors) and as what (roles), in order of
    first mention; the entry id of each pointer of its card (senders, recipients, places); and
    the kinds of the entries it names. Plain data: kept between builds while the document and
    registers are unchanged, and then its names are read only when asked for (``kept``)."""

    __slots__ = ("_named", "_occurrences", "_kept", "pointers", "kinds", "digest")

    def __init__(self, named: list[str | None], occurrences: list[tuple[str, list[tuple[str, str]], list[str]]],
                 pointers: dict[str, str | None], kinds: list[str]):
        self._named, self._occurrences, self._kept = named, occurrences, None
        self.pointers, self.kinds = pointers, kinds
        self.digest = _digest(named, occurrences, pointers)

    @classmethod
    def kept(cls, names: str, pointers: dict[str, str | None], kinds: list[str], digest: str) -> Links:
        """Links a build kept: ``names`` (``names_text()``) is read when first asked for, and
        must agree with ``digest``."""
        links = cls.__new__(cls)
        links._named = links._occurrences = None
        links._kept, links.pointers, links.kinds, links.digest = names, pointers, kinds, digest
        return links

    @property
    def named(self) -> list[str | None]:
        if self._named is None:
            self._read()
        return self._named

    @property
    def occurrences(self) -> list[tuple[str, list[tuple[str, str]], list[str]]]:
        if self._occurrences is None:
            self._read()
        return self._occurrences

    def names_text(self) -> str:
        """The names and occurrences as JSON text, to be kept."""
        if self._kept is not None:
            return self._kept
        return json.dumps([self._named, self._occurrences], ensure_ascii=False)

    def _read(self) -> None:
        try:
            named, occurrences = json.loads(self._kept)
            occurrences = [(entry_id, [tuple(place) for place in anchors], roles)
                           for entry_id, anchors, roles in occurrences]
            whole = _digest(named, occurrences, self.pointers) == self.digest
        except (TypeError, ValueError):
            whole = False
        if not whole:
            raise DamagedLinks("the build cache holds damaged links of a document")
        self._named, self._occurrences = named, occurrences


class DamagedLinks(TeikitError):
    """Kept links whose names do not agree with their digest (the document is linked anew)."""

    def __init__(self, message: str):
        super().__init__(message, hint="build again with --force")


def _digest(named, occurrences, pointers) -> str:
    return hashlib.sha256(repr((named, occurrences, sorted(pointers.items()))).encode()).hexdigest()


CARD_NAMES = ("senders", "recipients", "places")  # the card's names whose pointers pages link


_UNRESOLVED = object()  # not looked up yet (None: looked up, and designates nothing)


def folder_of(entry) -> str:
    return folder_of_kind(entry.kind)


def folder_of_kind(kind: str) -> str:
    """Where the entries of ``kind`` are shown."""
    return FOLDERS.get(kind, "entries")


def safe_name(identifier: str) -> str:
    return re.sub(r"[^\w.-]+", "_", identifier).strip("._") or "entry"


def _page_base(kind: str, identifier: str) -> tuple[str, str]:
    """The folder of an entry's page and its name before it is made unique (``Catalogue.page_of``)."""
    return folder_of_kind(kind), safe_name(identifier)


def pages_follow_ids(kinds) -> bool:
    """Whether every entry's page follows from its id alone: no two entries of a project's
    registers (``kinds``: their (id, kind)) would share a page's name in ``Catalogue.page_of``,
    whichever of them are named."""
    taken = set()
    for identifier, kind in kinds:
        folder, base = _page_base(kind, identifier)
        if (folder, base.casefold()) in taken:
            return False
        taken.add((folder, base.casefold()))
    return True


def _scope(pointer: str, document: Document) -> tuple[str, str]:
    """Where a pointer reads alike: "#id" in its document alone (its own entries first), any
    other pointer in every document of the folder."""
    return pointer, document.path if pointer.startswith("#") else document.folder


class Catalogue:
    """The documents in date order and every connection between them and the registers.

    The connections of the whole (each entry named, its occurrences) are made when first asked
    for: after an edit that changes none of them, only the edited documents' are needed."""

    def __init__(self, documents: list[Document], resolve, lookup=None, *, pages_by_id: bool = False,
                 names_of=None):
        """``resolve(pointer, source)`` gives the entry a pointer designates; ``lookup(id)`` the
        entry of a canonical id (needed for documents whose ``links`` were kept), ``names_of(document)``
        its mentions (for a document whose kept links turn out damaged, linked anew).
        ``pages_by_id``: every entry's page follows from its id alone (``pages_follow_ids``)."""
        self.documents = sorted(documents, key=_date_order)
        self._resolve, self._lookup, self._names_of, self.pages_by_id = resolve, lookup, names_of, pages_by_id
        self._resolved: dict[tuple[str, str], object] = {}
        self._found: dict[str, object] = {}  # the entries the documents linked here name, by id
        self.entry_links: list[tuple[str, str]] | None = None  # made by the pages, once
        self.links: list[Links] = [document.links if document.links is not None else self._link(document)
                                   for document in self.documents]  # by document position
        self._connected: tuple[dict, dict, list] | None = None
        self._pages: dict[str, str] = {}
        self._taken: set[tuple[str, str]] = set()

    @property
    def entries(self) -> dict[str, object]:
        """Canonical id -> entry, for every entry pointed at."""
        return self._connect()[0]

    @property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        """Canonical id -> where the documents name it."""
        return self._connect()[1]

    @property
    def named(self) -> list[list]:
        """By document position: the entry each mention points at, or None."""
        return self._connect()[2]

    def folders(self) -> set[str]:
        """The folders of the entries pointed at (``folder_of``), from the links alone."""
        return {folder_of_kind(kind) for links in self.links for kind in links.kinds}

    def _connect(self) -> tuple[dict, dict, list]:
        if self._connected is None:
            self._connected = ({}, defaultdict(list), [])
            for position, links in enumerate(self.links):
                try:
                    self._add(position, links)  # reads the kept names first: nothing is added from damaged ones
                except DamagedLinks:
                    document = self.documents[position]
                    if self._names_of is None:
                        raise
                    document.mentions = self._names_of(document)
                    self.links[position] = self._link(document)
                    self._add(position, self.links[position])
            entries = self._connected[0]
            for entry in sorted(entries.values(), key=lambda entry: (folder_of(entry), entry.id)):
                self.page_of(entry)
        return self._connected

    def page_of(self, entry) -> str:
        """The entry's page, relative to the site's root: its id made safe for a file name, and
        unique in its folder where the file system ignores case (``EdgeW1`` and ``Edgew1`` are
        two persons; the second in id order gets ``Edgew1-2``)."""
        page = self._pages.get(entry.id)
        if page is None and not self.pages_by_id and self._connected is None:
            self._connect()  # pages given in id order
            page = self._pages.get(entry.id)
        if page is None:
            folder, base = _page_base(entry.kind, entry.id)
            name, k = base, 2
            while (folder, name.casefold()) in self._taken:
                name, k = f"{base}-{k}", k + 1
            self._taken.add((folder, name.casefold()))
            page = self._pages[entry.id] = f"{folder}/{name}.html"
        return page

    def entry(self, pointer: str, document: Document):
        """The register entry ``pointer`` designates from ``document``, or None."""
        key = _scope(pointer, document)
        entry = self._resolved.get(key, _UNRESOLVED)
        if entry is _UNRESOLVED:
            entry = self._resolved[key] = self._resolve(pointer, document.source)
        return entry

    def _link(self, document: Document) -> Links:
        # The hot loop of a large project (hundreds of thousands of mentions): names bound locally,
        # and _scope written out.
        seen: dict[str, tuple[str, list, list]] = {}
        named: list[str | None] = []
        resolved, resolve, found = self._resolved, self._resolve, self._found
        for mention in document.mentions:
            pointer = mention["pointer"]
            key = (pointer, document.path if pointer.startswith("#") else document.folder)
            entry = resolved.get(key, _UNRESOLVED)
            if entry is _UNRESOLVED:
                entry = resolved[key] = resolve(pointer, document.source)
            if entry is None:
                named.append(None)
                continue
            entry_id = entry.id
            named.append(entry_id)
            found.setdefault(entry_id, entry)
            occurrence = seen.get(entry_id)
            if occurrence is None:
                occurrence = seen[entry_id] = (entry_id, [], [])
            if mention["where"] == "text":
                place = (mention["anchor"], mention["label"])
                if place not in occurrence[1]:
                    occurrence[1].append(place)
            else:
                role = mention["role"] or mention["where"]
                if role not in occurrence[2]:
                    occurrence[2].append(role)
        pointers = {}
        for field in CARD_NAMES:
            for name in document.card.get(field, ()):
                refs = (name.get("ref") or "").split()
                if refs:
                    entry = self.entry(refs[0], document)
                    pointers[refs[0]] = entry.id if entry is not None else None
        kinds = sorted({found[entry_id].kind for entry_id in seen})
        return Links(named, list(seen.values()), pointers, kinds)

    def _add(self, position: int, links: Links) -> None:
        entries, occurrences, named = self._connected
        found, lookup = self._found, self._lookup
        for entry_id, anchors, roles in links.occurrences:
            if entry_id not in entries:
                entries[entry_id] = found[entry_id] if entry_id in found else lookup(entry_id)
            occurrence = Occurrence(position)
            occurrence.anchors, occurrence.roles = anchors, roles
            occurrences[entry_id].append(occurrence)
        named.append(list(map(entries.get, links.named)))  # None stays None: no entry has it as id
        document = self.documents[position]
        for pointer, entry_id in links.pointers.items():  # what the pages will ask, answered already
            key = _scope(pointer, document)
            if key not in self._resolved:
                self._resolved[key] = (found.get(entry_id) or lookup(entry_id)) if entry_id is not None else None

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
