"""The registers of a project: one model for every output, however the project keeps them.

Entries come from separate register files (a ``listPerson``, ``listPlace``, ``listOrg``,
``listBibl``, ``listEvent`` or ``listObject`` anywhere in them) and from the ``standOff`` and ``back`` of
the documents. Each entry gets a canonical id, unique in the project: its ``xml:id``
where that is unique, else the id qualified by its file's name.

Pointers are resolved the way TEI defines them, relative to the document they are in:

- ``#id``: the document's own entries first, then the project's registers;
- ``file.xml#id``: the entry ``id`` of that file, relative to the document (when no file
  is there, a register file of that name, which is how projects that keep their letters
  and registers in sibling folders point: ``./Personography.xml#EdgeR1``);
- ``prefix:value``: expanded through the ``prefixDef`` elements of the document's header
  (then of the register files' headers), and the expansion resolved in turn;
- a full URI (``https://…``): the entry whose ``idno`` holds that URI.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from toolkit.errors import TeikitError
from toolkit.namespaces import XML_ID
from toolkit.tei_namespace import as_p5
from toolkit.xmlio import TEI_NS, UnreadableDocument, read_document

T = f"{{{TEI_NS}}}"
KINDS = ("person", "place", "org", "work", "event", "object")
# Entry element -> kind, and the list element each kind is gathered in for to_tei().
ENTRY_KIND = {"person": "person", "personGrp": "person", "place": "place", "org": "org", "bibl": "work",
              "biblStruct": "work", "biblFull": "work", "event": "event", "object": "object"}
LIST_OF_KIND = {"person": "listPerson", "place": "listPlace", "org": "listOrg", "work": "listBibl",
                "event": "listEvent", "object": "listObject"}
LISTS = ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "listObject")
NAME_OF_KIND = {"person": ("persName", "name"), "place": ("placeName", "geogName", "name"),
                "org": ("orgName", "name"), "work": ("title",), "event": ("eventName", "label", "desc", "head", "name"),
                "object": ("objectName", "msName", "name", "head")}
DATE_ELEMENTS = ("birth", "death", "floruit")
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter", "when-iso", "from-iso", "to-iso",
                   "notBefore-iso", "notAfter-iso")
# Where a document keeps entries of its own (the header's lists of participants and settings too).
DOCUMENT_REGISTER_PLACES = ("standOff", "back", "particDesc", "settingDesc")
MAX_EXPANSIONS = 4  # a prefixDef whose expansion uses another prefix, and so on


@dataclass(frozen=True)
class Entry:
    """One register entry."""

    id: str  # canonical, unique in the project
    kind: str  # person, place, org, work, event or object
    name: str  # the name to display
    names: tuple[str, ...] = ()  # every other form of the name
    dates: tuple[tuple[str, str], ...] = ()  # ("birth", "1842-12-09"), ("death.notAfter", "1921"), ("when", ...)
    occupations: tuple[str, ...] = ()
    location: str | None = None  # what the entry says of where it is (settlement, country, address)
    geo: tuple[float, float] | None = None  # (latitude, longitude)
    idnos: tuple[tuple[str | None, str], ...] = ()  # (type, value): authority identifiers
    note: str | None = None
    source: tuple[str, int | None] = ("", None)  # file and line of the entry
    local_id: str = ""  # its xml:id in its own file
    tei: bytes = field(default=b"", repr=False, compare=False)  # the entry element as it stands in its file

    @property
    def file(self) -> Path:
        return Path(self.source[0])

    @property
    def line(self) -> int | None:
        return self.source[1]

    def date(self, name: str) -> str | None:
        """The first date recorded under ``name`` (``birth``, ``death``, ``when``, ...)."""
        for key, value in self.dates:
            if key == name or key.startswith(name + "."):
                return value
        return None


@dataclass
class Unreadable:
    """A file the registers could not be read from, and why (a ``Finding``)."""

    path: Path
    finding: object


class Registers:
    """Every entry of a project, and the resolution of pointers to them."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.unreadable: list[Unreadable] = []
        self._by_file: dict[Path, dict[str, str]] = {}  # real path -> xml:id -> canonical id
        self._register_files: list[Path] = []
        self._by_name: dict[str, list[Path]] = {}  # register file name -> its paths
        self._by_idno: dict[str, str] = {}
        self._prefixes: dict[Path, list[tuple[str, str, str]]] = {}  # file -> (ident, match, replace)
        self.identity: str | None = None  # names what they were read from, where a build cache keeps them

    # --- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, project) -> Registers:
        """The registers of a ``Project``: its register files, then its documents' standOff and back."""
        return cls.from_files(project.register_files(), project.documents())

    @classmethod
    def from_files(cls, register_files: Iterable[Path], documents: Iterable[Path] = ()) -> Registers:
        registers = cls()
        found: list[tuple[Path, etree._Element]] = []
        for path in register_files:
            real = _real(path)
            registers._register_files.append(real)
            registers._by_name.setdefault(real.name, []).append(real)
            found += registers._read(real, whole=True)
        for path in documents:
            found += registers._read(_real(path), whole=False)
        registers._index(found)
        return registers

    def _read(self, path: Path, *, whole: bool) -> list[tuple[Path, etree._Element]]:
        """The entry elements of one file: in any list* of a register file; in a document's standOff/back."""
        try:
            tree = as_p5(read_document(path).tree)  # a P4 letter's own entries too
        except UnreadableDocument as error:
            self.unreadable.append(Unreadable(path, error.finding))
            return []
        root = tree.getroot()
        self._prefixes[path] = list(prefix_definitions(root))
        self._by_file.setdefault(path, {})
        if whole:
            containers = [root]
        else:
            containers = [element for name in DOCUMENT_REGISTER_PLACES for element in root.iter(T + name)]
        entries = []
        for container in containers:
            for list_element in container.iter(*(T + name for name in LISTS)):
                for element in list_element:
                    if isinstance(element.tag, str) and element.tag.startswith(T) \
                            and etree.QName(element).localname in ENTRY_KIND and element.get(XML_ID):
                        entries.append((path, element))
        # Entries nested in entries (a listPerson inside a person) are read once each.
        unique = {id(element): (path, element) for path, element in entries}
        return list(unique.values())

    def _index(self, found: list[tuple[Path, etree._Element]]) -> None:
        definers: dict[str, set[Path]] = {}
        for path, element in found:
            definers.setdefault(element.get(XML_ID), set()).add(path)
        for path, element in found:
            local = element.get(XML_ID)
            if local in self._by_file[path]:
                continue  # a duplicate xml:id within one file: the first entry counts (validation reports it)
            canonical = local if len(definers[local]) == 1 else _qualified(path, local)
            while canonical in self.entries:
                canonical += "_"
            entry = _entry(canonical, element, path)
            self.entries[canonical] = entry
            self._by_file[path][local] = canonical
            for _type, value in entry.idnos:
                key = _normal_uri(value)
                if key:
                    self._by_idno.setdefault(key, canonical)

    # --- kept between builds -----------------------------------------------------------------

    def to_data(self) -> dict:
        """Everything resolution needs, as plain data (JSON): a build keeps it in its cache and
        reads it back instead of parsing unchanged register files again. Registers with an
        unreadable file are not kept (they are read again, and report it again)."""
        # Each entry as JSON text of its own, read back only when asked for (``_KeptEntries``).
        return {
            "entries": [[entry.id, entry.kind, json.dumps(_entry_data(entry), ensure_ascii=False)]
                        for entry in self.entries.values()],
            "by_file": [[str(path), ids] for path, ids in self._by_file.items()],
            "register_files": [str(path) for path in self._register_files],
            "by_idno": self._by_idno,
            "prefixes": [[str(path), [list(item) for item in items]] for path, items in self._prefixes.items()],
        }

    @classmethod
    def from_data(cls, data: dict) -> Registers:
        registers = cls()
        registers.entries = _KeptEntries(data["entries"])
        registers._by_file = {Path(path): ids for path, ids in data["by_file"]}
        registers._register_files = [Path(path) for path in data["register_files"]]
        for path in registers._register_files:
            registers._by_name.setdefault(path.name, []).append(path)
        registers._by_idno = dict(data["by_idno"])
        registers._prefixes = {Path(path): [tuple(item) for item in items] for path, items in data["prefixes"]}
        return registers

    @classmethod
    def kept_or_read(cls, kept, key: str, register_files: list[Path], documents: list[Path],
                     keep: Callable[[dict], None]) -> Registers:
        """The registers a build cache kept under ``key`` (``kept``: their ``to_data()``, or None),
        else read from the files and handed to ``keep``. A damaged kept copy is a miss."""
        if isinstance(kept, dict):
            try:
                registers = cls.from_data(kept)
            except (KeyError, TypeError, ValueError):
                pass
            else:
                registers.identity = key
                return registers
        registers = cls.from_files(register_files, documents)
        if not registers.unreadable:  # an unreadable file is read (and reported) again next time
            keep(registers.to_data())
            registers.identity = key
        return registers

    # --- queries ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __getitem__(self, canonical: str) -> Entry:
        return self.entries[canonical]

    def get(self, canonical: str) -> Entry | None:
        return self.entries.get(canonical)

    def kinds(self) -> Iterable[tuple[str, str]]:
        """(canonical id, kind) of every entry, without making the entries kept in a build cache."""
        if isinstance(self.entries, _KeptEntries):
            return self.entries.kinds()
        return [(entry.id, entry.kind) for entry in self.entries.values()]

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries.values() if entry.kind == kind]

    def in_file(self, path: Path) -> list[Entry]:
        """The entries a file defines (a register file, or a document's standOff/back)."""
        return [self.entries[canonical] for canonical in self._by_file.get(_real(path), {}).values()]

    def resolve(self, pointer: str, document: Path) -> Entry | None:
        """The entry ``pointer`` (one pointer, as in ``@ref``) designates, read in ``document``; None if none."""
        return self._resolve(pointer.strip(), _real(document), MAX_EXPANSIONS)

    def resolve_all(self, pointers: str, document: Path) -> list[tuple[str, Entry | None]]:
        """Each pointer of a space-separated list (``@ref="#a #b"``) with its entry or None."""
        return [(pointer, self.resolve(pointer, document)) for pointer in pointers.split()]

    def _resolve(self, pointer: str, document: Path, depth: int) -> Entry | None:
        if not pointer or depth < 0:
            return None
        if pointer.startswith("#"):
            return self._by_local_id(unquote(pointer[1:]), document)
        scheme = _scheme(pointer)
        if scheme:
            expanded = self.expand(pointer, document)
            if expanded is not None:
                return self._resolve(expanded, document, depth - 1)
            if scheme in ("file",):
                return self._in_file(Path(unquote(urlsplit(pointer).path)), urlsplit(pointer).fragment)
            return self._by_uri(pointer)
        path, _, fragment = pointer.partition("#")
        if not fragment:
            return None  # a whole file is not a register entry
        target = _real_relative(document, unquote(path))
        if target in self._by_file:
            return self._in_file(target, unquote(fragment))
        # Not there: a register file of that name, when the project has exactly one.
        named = self._by_name.get(Path(unquote(path)).name, [])
        if len(named) == 1:
            return self._in_file(named[0], unquote(fragment))
        return None

    def _by_local_id(self, local: str, document: Path) -> Entry | None:
        own = self._by_file.get(document, {}).get(local)
        if own is not None:
            return self.entries[own]
        for path in self._register_files:
            canonical = self._by_file.get(path, {}).get(local)
            if canonical is not None:
                return self.entries[canonical]
        return self.entries.get(local)

    def _in_file(self, path: Path, local: str) -> Entry | None:
        canonical = self._by_file.get(_real(path), {}).get(local)
        return self.entries[canonical] if canonical is not None else None

    def _by_uri(self, uri: str) -> Entry | None:
        canonical = self._by_idno.get(_normal_uri(uri))
        return self.entries[canonical] if canonical is not None else None

    def expand(self, pointer: str, document: Path) -> str | None:
        """``prefix:value`` expanded by the first matching prefixDef of the document's header, then
        of the register files' headers; None when no prefixDef applies."""
        prefix, _, value = pointer.partition(":")
        for path in (document, *self._register_files):
            for ident, match, replacement in self._prefixes.get(path, ()):
                if ident != prefix:
                    continue
                try:
                    found = re.fullmatch(match, value)
                except re.error:
                    continue
                if found:
                    return re.sub(r"\$(\d)", lambda group: found.group(int(group.group(1))) or "", replacement)
        return None

    def prefixes(self, document: Path) -> list[str]:
        """The prefixes ``document`` (or the project's registers) define."""
        idents = [ident for ident, _m, _r in self._prefixes.get(_real(document), ())]
        for path in self._register_files:
            idents += [ident for ident, _m, _r in self._prefixes.get(path, ())]
        return list(dict.fromkeys(idents))

    def is_pointer_local(self, pointer: str, document: Path) -> bool:
        """Whether ``pointer`` should designate something in the project (not a URI outside it)."""
        scheme = _scheme(pointer.strip())
        return not scheme or scheme == "file" or self.expand(pointer.strip(), _real(document)) is not None

    # --- for XSLT ------------------------------------------------------------------------------

    def to_tei(self, title: str = "Registers") -> etree._ElementTree:
        """One TEI document holding every entry in a ``standOff``, one list per kind, with canonical
        ``xml:id``s and pointers between entries rewritten to them (``#id``)."""
        tei = etree.Element(T + "TEI", nsmap={None: TEI_NS})
        header = etree.SubElement(tei, T + "teiHeader")
        file_desc = etree.SubElement(header, T + "fileDesc")
        etree.SubElement(etree.SubElement(file_desc, T + "titleStmt"), T + "title").text = title
        etree.SubElement(etree.SubElement(file_desc, T + "publicationStmt"), T + "p").text = \
            "Made by teikit from the project's registers."
        etree.SubElement(etree.SubElement(file_desc, T + "sourceDesc"), T + "p").text = \
            "The register files and the standOff and back of the project's documents."
        stand_off = etree.SubElement(tei, T + "standOff")
        lists = {}
        for kind in KINDS:
            entries = self.of_kind(kind)
            if entries:
                lists[kind] = etree.SubElement(stand_off, T + LIST_OF_KIND[kind])
        for entry in self.entries.values():
            element = etree.fromstring(entry.tei)
            element.set(XML_ID, entry.id)
            for nested in element.iter():
                if nested is not element and nested.get(XML_ID) is not None:
                    # ids of nested entries are theirs in their own files; keep them unique here
                    del nested.attrib[XML_ID]
                for attribute in ("ref", "corresp", "target", "sameAs", "who"):
                    value = nested.get(attribute) if isinstance(nested.tag, str) else None
                    if value:
                        nested.set(attribute, self._canonical_pointers(value, entry.file))
            lists[entry.kind].append(element)
        return etree.ElementTree(tei)

    def _canonical_pointers(self, value: str, document: Path) -> str:
        out = []
        for pointer in value.split():
            entry = self.resolve(pointer, document)
            out.append(f"#{entry.id}" if entry is not None else pointer)
        return " ".join(out)


class _KeptEntries(Mapping):
    """Canonical id -> entry, for entries kept as text (``to_data``): each made when first asked
    for, since a build after an edit needs the entries its edited documents name, not 20,000."""

    def __init__(self, rows):
        if not all(isinstance(row, list) and len(row) == 3 and all(isinstance(part, str) for part in row)
                   for row in rows):
            raise ValueError("not kept entries")
        self._rows = {row[0]: row for row in rows}
        self._made: dict[str, Entry] = {}

    def __getitem__(self, canonical: str) -> Entry:
        entry = self._made.get(canonical)
        if entry is None:
            text = self._rows[canonical][2]
            try:
                entry = _entry_from_data(json.loads(text))
            except (KeyError, TypeError, ValueError) as error:
                raise TeikitError(f"the build cache holds a damaged register entry, {canonical}",
                                  hint="build again with --force") from error
            self._made[canonical] = entry
        return entry

    def __contains__(self, canonical) -> bool:
        return canonical in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def kinds(self) -> list[tuple[str, str]]:
        return [(canonical, kind) for canonical, kind, _text in self._rows.values()]


# --- one entry ---------------------------------------------------------------------------------


def _entry_data(entry: Entry) -> dict:
    return {"id": entry.id, "kind": entry.kind, "name": entry.name, "names": entry.names, "dates": entry.dates,
            "occupations": entry.occupations, "location": entry.location, "geo": entry.geo, "idnos": entry.idnos,
            "note": entry.note, "source": entry.source, "local_id": entry.local_id, "tei": entry.tei.decode("utf-8")}


def _entry_from_data(data: dict) -> Entry:
    # Tens of thousands at each build: filled in directly, as the frozen dataclass's own __init__ would.
    entry = object.__new__(Entry)
    entry.__dict__.update(
        id=data["id"], kind=data["kind"], name=data["name"], names=tuple(data["names"]),
        dates=tuple(map(tuple, data["dates"])), occupations=tuple(data["occupations"]),
        location=data["location"], geo=tuple(data["geo"]) if data["geo"] is not None else None,
        idnos=tuple(map(tuple, data["idnos"])), note=data["note"], source=tuple(data["source"]),
        local_id=data["local_id"], tei=data["tei"].encode("utf-8"))
    return entry


def _entry(canonical: str, element: etree._Element, path: Path) -> Entry:
    local_name = etree.QName(element).localname
    kind = ENTRY_KIND[local_name]
    names = _names(element, kind)
    standalone = copy.deepcopy(element)
    standalone.tail = None
    return Entry(
        id=canonical, kind=kind, name=names[0] if names else canonical, names=tuple(names[1:]),
        dates=tuple(_dates(element, kind)), occupations=tuple(_texts(element, "occupation")),
        location=_location(element), geo=_geo(element), idnos=tuple(_idnos(element)),
        note=_first_text(element, "note") or (_first_text(element, "p") if kind == "object" else None),
        source=(str(path), element.sourceline),
        local_id=element.get(XML_ID), tei=etree.tostring(standalone, encoding="UTF-8"),
    )


def _own(element: etree._Element, *names: str) -> Iterator[etree._Element]:
    """Children (not in nested entries or lists) named ``names``."""
    for child in element:
        if isinstance(child.tag, str) and child.tag.startswith(T) and etree.QName(child).localname in names:
            yield child


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _names(element: etree._Element, kind: str) -> list[str]:
    candidates = list(_own(element, *NAME_OF_KIND[kind]))
    if kind == "object":  # an object is named in its identifier (TEI: objectIdentifier/objectName)
        candidates = [name for holder in _own(element, "objectIdentifier")
                      for name in _own(holder, *NAME_OF_KIND[kind])] + candidates
    if kind == "work" and not candidates:  # a biblStruct keeps its title in analytic/monogr
        candidates = element.findall(f".//{T}title")
    preferred = [c for c in candidates if c.get("type") in ("preferred", "main", "reg", "full")]
    ordered = preferred + [c for c in candidates if c not in preferred]
    return list(dict.fromkeys(text for text in (_text(c) for c in ordered) if text))


def _dates(element: etree._Element, kind: str) -> Iterator[tuple[str, str]]:
    sources = list(_own(element, *DATE_ELEMENTS))
    if kind == "event":
        sources = [element] + sources
    for date_element in sources:
        name = etree.QName(date_element).localname
        prefix = "" if date_element is element else name
        found = False
        for attribute in DATE_ATTRIBUTES:
            value = date_element.get(attribute)
            if value:
                found = True
                key = attribute.removesuffix("-iso")
                yield (f"{prefix}.{key}" if prefix and key != "when" else prefix or key), value.strip()
        if not found and date_element is not element:
            nested = date_element.find(f"{T}date")
            if nested is not None and nested.get("when"):
                yield prefix, nested.get("when").strip()
    if kind == "object":  # when it was made: history/origin/origDate
        for made in element.iterfind(f"{T}history/{T}origin/{T}origDate"):
            for attribute in DATE_ATTRIBUTES:
                if made.get(attribute):
                    key = attribute.removesuffix("-iso")
                    yield ("origin" if key == "when" else f"origin.{key}"), made.get(attribute).strip()
    if kind == "work":
        date = element.find(f".//{T}date")
        if date is not None and date.get("when"):
            yield "when", date.get("when").strip()


def _texts(element: etree._Element, name: str) -> list[str]:
    return [text for text in (_text(child) for child in _own(element, name)) if text]


def _first_text(element: etree._Element, name: str) -> str | None:
    texts = _texts(element, name)
    return texts[0] if texts else None


_LOCATION_PARTS = ("address", "settlement", "district", "region", "country", "bloc", "placeName", "geogName",
                   "institution", "repository", "collection")


def _location(element: etree._Element) -> str | None:
    """Where the entry is: its own address parts, its ``location``'s, and for an object where its
    identifier keeps it (country, settlement, institution, repository, collection)."""
    parts = []
    for holder in [element, *_own(element, "location", "objectIdentifier")]:
        for child in _own(holder, *_LOCATION_PARTS):
            if holder is element and etree.QName(child).localname in ("placeName", "geogName"):
                continue  # the entry's own names, not where it is
            text = _text(child)
            if text and text not in parts:
                parts.append(text)
    return ", ".join(parts) or None


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def _geo(element: etree._Element) -> tuple[float, float] | None:
    """Latitude and longitude from a ``geo`` ("lat lon", as TEI's default, or "lat, lon")."""
    geo = element.find(f"{T}location/{T}geo")
    if geo is None:
        geo = element.find(f"{T}geo")
    if geo is None or not geo.text:
        return None
    numbers = _NUMBER.findall(geo.text)
    if len(numbers) != 2:
        return None
    latitude, longitude = float(numbers[0]), float(numbers[1])
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


def _idnos(element: etree._Element) -> Iterator[tuple[str | None, str]]:
    holders = [element, *_own(element, "objectIdentifier")]  # an object's identifiers are in its objectIdentifier
    for idno in (idno for holder in holders for idno in _own(holder, "idno")):
        value = _text(idno)
        if value:
            yield idno.get("type"), value


@lru_cache(maxsize=65536)
def _real(path) -> Path:
    """The real path of ``path`` (links followed), remembered: pointers name the same few files
    thousands of times."""
    return Path(os.path.realpath(path))


@lru_cache(maxsize=65536)
def _real_relative(document: Path, relative: str) -> Path:
    return _real(os.path.join(document.parent, relative))


def _qualified(path: Path, local: str) -> str:
    stem = re.sub(r"[^\w.-]", "_", path.stem)
    if not re.match(r"[A-Za-z_]", stem):
        stem = "_" + stem
    return f"{stem}.{local}"


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _scheme(pointer: str) -> str | None:
    match = _SCHEME.match(pointer)
    if not match or len(match.group(1)) == 1:  # C:\… is a Windows path, not a scheme
        return None
    return match.group(1).lower()


def _normal_uri(value: str) -> str | None:
    """A URI in a form where http/https, a trailing slash and the host's case do not matter."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return value if _scheme(value) else None
    path = parts.path.rstrip("/")
    return f"{parts.netloc.lower()}{path}" + (f"?{parts.query}" if parts.query else "") + \
        (f"#{parts.fragment}" if parts.fragment else "")


def keeps_own(root: etree._Element) -> bool:
    """Whether a document keeps something the registers read from it: entries of its own (in its
    standOff, back, the header's participants and settings) or prefix definitions."""
    lists = {f"{T}{name}" for name in LISTS}
    places = root.iter(*(f"{T}{name}" for name in DOCUMENT_REGISTER_PLACES))
    return (any(element.tag in lists for place in places for element in place.iter())
            or next(prefix_definitions(root), None) is not None)


def prefix_definitions(root: etree._Element) -> Iterator[tuple[str, str, str]]:
    """(ident, matchPattern, replacementPattern) of every prefixDef in the header."""
    for definition in root.iter(f"{T}prefixDef"):
        ident, match, replacement = (definition.get(name) for name in ("ident", "matchPattern", "replacementPattern"))
        if ident and match is not None and replacement is not None:
            yield ident, match, replacement
