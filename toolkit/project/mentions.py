"""Names in a document, however they are marked, and the document's own title.

A mention is an element that names a person, place, organisation, work, event or object:
``persName``, ``placeName``, ``orgName``, ``eventName``, ``geogName`` and the parts of a place's name
(``settlement``, ``region``, ``country``, ``bloc``, ``district``); ``rs`` and ``name`` with a
``@type``, or with a ``@ref`` (the entry it points at says what it names); ``title`` and
``bibl`` with a ``@ref``; ``objectName`` (an object, or whatever its ``@ref`` points at); and the
people named in ``correspAction``, ``author``, ``editor`` and ``respStmt`` (as a name element, or as the element's own text or ``@ref``). Names inside
register entries are the entries' own forms, not mentions, unless they point elsewhere with
``@ref``: a document's own register (in its ``back`` or ``standOff``) that names a person in an
entry's note, or that ties its entry to the project's, names them in that document.

This is the one definition of a mention: the reference checks, the book's indexes, the maps
and the project's web edition (which documents name an entry, and how often) all count these.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit.project.registers import ENTRY_KIND, LISTS, XML_ID, Registers
from toolkit.xmlio import TEI_NS

T = f"{{{TEI_NS}}}"
NAME_KIND = {"persName": "person", "placeName": "place", "orgName": "org", "geogName": "place",
             "settlement": "place", "region": "place", "country": "place", "bloc": "place", "district": "place",
             "eventName": "event"}
# The values of @type on rs and name that say what is named (as projects write them).
TYPE_KIND = {
    "person": "person", "persName": "person", "pers": "person", "people": "person", "personGrp": "person",
    "place": "place", "placeName": "place", "settlement": "place", "country": "place", "geogName": "place",
    "org": "org", "orgName": "org", "organisation": "org", "organization": "org", "institution": "org",
    "work": "work", "bibl": "work", "title": "work", "book": "work", "periodical": "work",
    "event": "event",
    "object": "object", "objectName": "object", "artefact": "object", "artifact": "object",
}
# Elements that name a person by their own content when they hold no name element.
PERSON_HOLDERS = ("author", "editor")
# Paragraph-like blocks a mention is counted in.
BLOCKS = ("p", "ab", "head", "l", "item", "opener", "closer", "dateline", "salute", "signed", "postscript")
ENTRY_TAGS = {T + name for name in ENTRY_KIND}
LIST_TAGS = {T + name for name in LISTS}


@dataclass(frozen=True)
class Mention:
    entry_id: str | None  # the canonical id of the register entry, None when the pointer resolves nowhere
    kind: str | None  # person, place, org, work, event, object (None: an rs/name whose type says nothing we know)
    pointer: str | None  # the pointer as written (one of @ref's), None for an unlinked name
    document: Path
    line: int | None
    anchor: str | None  # the xml:id of the nearest element around the name that has one
    paragraph: int | None  # 1-based number of the block (p, ab, head, l, ...) around it, in document order
    text: str  # the name as it stands
    element: str  # the element's local name
    in_header: bool = False
    in_text: bool = False  # in the document's text (front, body, back), not its header or standOff
    role: str = ""  # what the named did, as the header says: a correspAction's type (sent...), author, editor


def mentions(tree: etree._ElementTree, document: Path, registers: Registers | None = None) -> Iterator[Mention]:
    """Every mention in ``tree`` (the document at ``document``), resolved through ``registers``."""
    for _element, mention in mentions_by_element(tree, document, registers):
        yield mention


def mentions_by_element(tree: etree._ElementTree, document: Path,
                        registers: Registers | None = None) -> Iterator[tuple[etree._Element, Mention]]:
    """``mentions``, each with the element it stands for (for an output that shows that element)."""
    document = Path(document)
    root = tree.getroot()
    blocks = {element: number for number, element in
              enumerate(root.iter(*(T + name for name in BLOCKS)), 1)}
    for element in root.iter(f"{T}*"):
        kind = _kind(element)
        if kind is _NOT_A_MENTION or _entry_form(element):
            continue
        pointers = (element.get("ref") or "").split()
        text = " ".join("".join(element.itertext()).split())
        anchor, paragraph = _anchor(element, blocks)
        in_header, in_text, role = _where(element)
        if role and _in_entry(element):
            role = ""  # the author of a work in the document's own register is not the document's
        common = dict(document=document, line=element.sourceline, anchor=anchor, paragraph=paragraph, text=text,
                      element=etree.QName(element).localname, in_header=in_header, in_text=in_text, role=role)
        if not pointers:
            if text:
                yield element, Mention(entry_id=None, kind=kind, pointer=None, **common)
            continue
        for pointer in pointers:
            entry = registers.resolve(pointer, document) if registers is not None else None
            yield element, Mention(entry_id=entry.id if entry else None, kind=entry.kind if entry else kind,
                                   pointer=pointer, **common)


@dataclass(frozen=True)
class Pointer:
    """One pointer of a mention's ``@ref``, where it is written, and the entry it designates."""

    pointer: str
    entry_id: str | None
    line: int | None
    element: str  # the mention's local name


def unresolved_pointers(tree: etree._ElementTree, document: Path, registers: Registers) -> Iterator[Pointer]:
    """Every pointer of the mentions in ``tree`` that resolves to no entry, in document order: what
    ``mentions`` gives with ``entry_id`` None for the mentions that carry ``@ref``, without the names'
    text and places (the reference checks need only this, on every change in an editor).  Each distinct
    pointer is resolved once, and only an element with a pointer that resolves nowhere is asked
    whether it is a mention: in a checked document that is almost none of them."""
    document = Path(document)
    resolves: dict[str, bool] = {}
    for element in tree.getroot().iterfind(f".//{T}*[@ref]"):
        unresolved = []
        for pointer in element.get("ref").split():
            if pointer not in resolves:
                resolves[pointer] = registers.resolve(pointer, document) is not None
            if not resolves[pointer]:
                unresolved.append(pointer)
        if not unresolved or _kind(element) is _NOT_A_MENTION or _entry_form(element):
            continue
        for pointer in unresolved:
            yield Pointer(pointer, None, element.sourceline, etree.QName(element).localname)


_NOT_A_MENTION = object()


def _kind(element: etree._Element):
    name = etree.QName(element).localname
    if name in NAME_KIND:
        return NAME_KIND[name]
    if name in ("rs", "name"):
        if element.get("type"):
            return TYPE_KIND.get(element.get("type"))
        parent = element.getparent()
        # An untyped name in a correspondence action or a statement of responsibility names a person.
        if parent is not None and etree.QName(parent).localname in ("correspAction", "respStmt", *PERSON_HOLDERS):
            return "person"
        # Elsewhere it names what its pointer designates, whatever that is.
        return None if (element.get("ref") or "").strip() else _NOT_A_MENTION
    if name in ("title", "bibl"):  # a title or a citation that points at a work
        return "work" if (element.get("ref") or "").strip() else _NOT_A_MENTION
    if name == "objectName":  # an object (one that points is registered as whatever it points at)
        return "object"
    if name in PERSON_HOLDERS:
        # <author>Maria Edgeworth</author> names a person; <author><persName>… is counted there.
        if element.find(f"{T}persName") is not None or element.find(f"{T}name") is not None \
                or element.find(f"{T}orgName") is not None or element.find(f"{T}rs") is not None:
            return _NOT_A_MENTION
        return "person"
    return _NOT_A_MENTION


def _entry_form(element: etree._Element) -> bool:
    """Whether the element is part of a register entry's own data: the entry itself, or a name
    in it that points nowhere else (a name with ``@ref`` in an entry names what it points at)."""
    if not _in_entry(element):
        return False
    if not (element.get("ref") or "").strip():
        return True
    parent = element.getparent()
    return element.tag in ENTRY_TAGS and parent is not None and parent.tag in LIST_TAGS  # a listBibl's bibl


def _in_entry(element: etree._Element) -> bool:
    """Whether the element is part of a register entry (inside a list* element)."""
    for ancestor in element.iterancestors():
        if ancestor.tag in LIST_TAGS:
            return True
    return element.tag in ENTRY_TAGS and element.tag != T + "bibl"  # a bibl outside a list is a citation


def _where(element: etree._Element) -> tuple[bool, bool, str]:
    """Whether the element is in the header, whether in the text, and the role its nearest
    ``correspAction`` (its type) or else ``author`` or ``editor`` gives what it names."""
    in_header = in_text = False
    action = holder = None
    for ancestor in element.iterancestors():
        tag = ancestor.tag
        if tag == T + "teiHeader":
            in_header = True
        elif tag == T + "text":
            in_text = True
        elif tag == T + "correspAction" and action is None:
            action = ancestor.get("type") or None
        elif tag in (T + "author", T + "editor") and holder is None:
            holder = etree.QName(ancestor).localname
    return in_header, in_text, action or holder or ""


def _anchor(element: etree._Element, blocks: dict) -> tuple[str | None, int | None]:
    anchor = paragraph = None
    for ancestor in element.iterancestors():
        if anchor is None and ancestor.get(XML_ID):
            anchor = ancestor.get(XML_ID)
        if paragraph is None and ancestor in blocks:
            paragraph = blocks[ancestor]
        if anchor is not None and paragraph is not None:
            break
    return anchor, paragraph


# --- the document's own title -----------------------------------------------------------------


SERIES_TYPES = {"series", "collection", "project", "edition"}


def document_title(tree: etree._ElementTree) -> str | None:
    """The document's own title: the ``titleStmt`` title that is not the series title (a title with
    ``@type="main"`` first; series titles are those with ``@level="s"``, a series type, or the text
    of the ``seriesStmt`` title)."""
    root = tree.getroot()
    header = root.find(f"{T}teiHeader")
    if header is None:
        return None
    series = {" ".join("".join(title.itertext()).split())
              for title in header.findall(f"{T}fileDesc/{T}seriesStmt/{T}title")}
    titles = []
    for title in header.findall(f"{T}fileDesc/{T}titleStmt/{T}title"):
        text = " ".join("".join(title.itertext()).split())
        if not text:
            continue
        is_series = title.get("level") == "s" or (title.get("type") or "").lower() in SERIES_TYPES or text in series
        titles.append((title.get("type") == "main", not is_series, text))
    own = [text for main, not_series, text in titles if main and not_series] or \
          [text for _main, not_series, text in titles if not_series]
    return own[0] if own else (titles[0][2] if titles else None)
