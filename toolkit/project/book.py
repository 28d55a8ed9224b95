"""A project's documents as one TEI book, for the print edition.

The documents follow one another in date order (or as ``[documents]`` lists them, with
``order = "listed"``), each a ``div`` headed by its own title and the names of its
``correspAction``s (who sent it, to whom), so the book's contents list them. The project's
registers (``Registers.to_tei``) become the book's ``standOff``, and every name that resolves to
an entry (``project.mentions``, the one definition of a name the web edition counts too)
points at it by its canonical id, however the document marked it, as the element the print
indexes read for its kind (an ``rs type="person"`` becomes a ``persName``, a ``name`` of an
object an ``rs type="object"``), so the back-of-book indexes gather the mentions of all
documents. Ids are prefixed per document, so that two letters' ``#p1`` stay apart, and
pointers within a document follow its ids.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit.namespaces import XML
from toolkit.project.config import Project
from toolkit.project.mentions import NAME_KIND, document_title, mentions_by_element
from toolkit.project.registers import LISTS, XML_ID, Entry, Registers
from toolkit.xmlio import TEI_NS, UnreadableDocument, read_document

T = f"{{{TEI_NS}}}"
POINTER_ATTRIBUTES = ("ref", "target", "corresp", "sameAs", "who", "facs", "start", "end", "synch", "prev", "next")
# The element a name of each kind is in the book: the print indexes (xslt/print/indexes.xsl) read these.
NAME_OF_KIND = {"person": "persName", "place": "placeName", "org": "orgName", "work": "title",
                "event": "eventName", "object": "objectName"}
# A name of a work or an object written otherwise (a name, a bibl) stays as it reads: an rs of that type.
TYPED_KINDS = ("work", "event", "object")
# The book's back-of-book indexes, in this order (xslt/print.xsl's tk:print-registers).
BOOK_INDEXES = "persons places organisations works events objects"
# Who a document is from and to, printed under its title (the names of its correspActions).
PARTY_ELEMENTS = {T + name for name in (*NAME_KIND, "rs", "name")}


@dataclass(frozen=True)
class BookDocument:
    path: Path
    title: str
    date: str | None  # ISO, as the document gives it


def document_date(tree: etree._ElementTree) -> str | None:
    """When the document was written: the sending date of its correspondence description, else its
    creation date, else the first dated element of its text's opener or dateline."""
    root = tree.getroot()
    candidates = root.findall(f"{T}teiHeader/{T}profileDesc/{T}correspDesc/{T}correspAction[@type='sent']/{T}date") + \
        root.findall(f"{T}teiHeader/{T}profileDesc/{T}correspDesc/{T}correspAction/{T}date") + \
        root.findall(f"{T}teiHeader/{T}profileDesc/{T}creation//{T}date") + \
        root.findall(f".//{T}text//{T}dateline//{T}date")
    for date in candidates:
        for attribute in ("when", "notBefore", "from", "notAfter", "to", "when-iso", "notBefore-iso", "from-iso"):
            value = (date.get(attribute) or "").strip()
            if value[:4].isdigit() and value[:4] != "0000":
                return value
    return None


def book_order(project: Project) -> list[tuple[BookDocument, etree._ElementTree]]:
    """The documents that can be read, in the book's order, with their trees."""
    read = []
    for position, path in enumerate(project.documents()):
        try:
            tree = read_document(path).tree
        except UnreadableDocument:
            continue  # validation reports it; the book is made of the others
        title = document_title(tree) or path.stem
        read.append((position, BookDocument(path, title, document_date(tree)), tree))
    pdf = project.outputs.pdf if project.outputs else None
    if pdf is None or pdf.order == "date":
        # Undated documents after the dated ones, in the order the project lists them.
        read.sort(key=lambda item: (item[1].date is None, item[1].date or "", item[0]))
    return [(document, tree) for _position, document, tree in read]


def compose_book(project: Project, registers: Registers | None = None) -> etree._ElementTree:
    """The TEI book of ``project``."""
    registers = registers if registers is not None else Registers.load(project)
    ordered = book_order(project)
    title = project.title or project.root.name
    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    if project.language:
        tei.set(f"{{{XML}}}lang", project.language)
    tei.append(_header(project, title, len(ordered)))
    stand_off = registers.to_tei(title).getroot().find(f"{T}standOff")
    tei.append(stand_off)
    body = etree.SubElement(etree.SubElement(tei, T + "text"), T + "body")
    for number, (document, tree) in enumerate(ordered, 1):
        body.append(_document_part(number, document, tree, registers))
    return etree.ElementTree(tei)


def _header(project: Project, title: str, count: int) -> etree._Element:
    header = etree.Element(T + "teiHeader")
    file_desc = etree.SubElement(header, T + "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, T + "titleStmt"), T + "title").text = title
    etree.SubElement(etree.SubElement(file_desc, T + "publicationStmt"), T + "p").text = \
        "Printed by teikit from the project's documents."
    source = etree.SubElement(etree.SubElement(file_desc, T + "sourceDesc"), T + "p")
    source.text = f"The {count} documents of the project, each as its own TEI file." if count != 1 else \
        "The project's document, a TEI file."
    if project.description:
        abstract = etree.SubElement(etree.SubElement(header, T + "profileDesc"), T + "abstract")
        etree.SubElement(abstract, T + "p").text = project.description
    return header


def _document_part(number: int, document: BookDocument, tree: etree._ElementTree, registers: Registers) -> etree._Element:
    prefix = f"d{number}."
    part = etree.Element(T + "div", type="document")
    part.set(XML_ID, f"d{number}")
    head = etree.SubElement(part, T + "head")
    head.text = document.title
    named = _named(tree, document.path, registers)
    names: dict[etree._Element, list[Entry | None]] = {}  # the book's copy of each name -> its entries
    for action in tree.getroot().iterfind(f"{T}teiHeader/{T}profileDesc/{T}correspDesc/{T}correspAction"):
        _add_parties(part, action, named, names)
    text = tree.getroot().find(f"{T}text")
    for section in ("front", "body", "back") if text is not None else ():
        holder = text.find(f"{T}{section}")
        if holder is None:
            continue
        for child in holder:
            if not isinstance(child.tag, str) or child.tag in {T + name for name in LISTS} or child.tag == T + "titlePage":
                continue
            part.append(_copied(child, named, names))
    for stray in list(part.iter(*(T + name for name in LISTS))):
        stray.getparent().remove(stray)  # the registers are in the book's standOff
    # Paragraphs keep the numbers they have on the document's own web page (counted per document).
    paragraphs = [p for p in part.iter(T + "p") if not any(a.tag == T + "note" for a in p.iterancestors())]
    for position, paragraph in enumerate(paragraphs, 1):
        paragraph.set("n", paragraph.get("n") or str(position))
    own_ids = {element.get(XML_ID) for element in part.iter() if isinstance(element.tag, str) and element.get(XML_ID)}
    own_ids.discard(f"d{number}")
    for element in part.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get(XML_ID) and element is not part:
            element.set(XML_ID, prefix + element.get(XML_ID))
        if element in names:
            _point_name(element, names[element])
            continue
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                element.set(attribute, " ".join(prefix + p[1:] if p.startswith("#") and p[1:] in own_ids else p
                                                for p in value.split()))
    return part


def _named(tree: etree._ElementTree, path: Path, registers: Registers) -> dict[etree._Element, list[Entry | None]]:
    """Every name of the document that carries a pointer (``project.mentions``), with the entry each
    of its pointers designates (None where it resolves nowhere)."""
    named: dict[etree._Element, list[Entry | None]] = {}
    for element, mention in mentions_by_element(tree, path, registers):
        if mention.pointer is not None:
            named.setdefault(element, []).append(registers.get(mention.entry_id) if mention.entry_id else None)
    return named


def _copied(element: etree._Element, named: dict, names: dict) -> etree._Element:
    """A copy of ``element`` for the book, its names noted in ``names`` as ``named`` has them."""
    copied = copy.deepcopy(element)
    for original, twin in zip(element.iter(), copied.iter()):
        if original in named:
            names[twin] = named[original]
    return copied


def _add_parties(part: etree._Element, action: etree._Element, named: dict, names: dict) -> None:
    """Under the document's title, the names of one ``correspAction`` (who sent it, or received it):
    a line the book prints with the words for from and to (xslt/print/book.xsl)."""
    parties = [child for child in action if child.tag in PARTY_ELEMENTS and " ".join("".join(child.itertext()).split())]
    if not parties:
        return
    line = etree.SubElement(part, T + "ab", type="correspAction")
    line.set("subtype", action.get("type") or "")
    for position, party in enumerate(parties):
        copied = _copied(party, named, names)
        copied.tail = ", " if position + 1 < len(parties) else None
        line.append(copied)


def _point_name(element: etree._Element, entries: list[Entry | None]) -> None:
    """A name points at its entries' canonical ids, as the element the indexes read for its kind."""
    resolved = [entry for entry in entries if entry is not None]
    if not resolved:
        del element.attrib["ref"]  # it resolves nowhere (validation says so): printed as plain text
        return
    element.set("ref", " ".join(f"#{entry.id}" for entry in resolved))
    kind, local = resolved[0].kind, etree.QName(element).localname
    if kind not in NAME_OF_KIND or local == NAME_OF_KIND[kind]:
        return
    if kind in TYPED_KINDS:
        element.tag = T + "rs"
        element.set("type", kind)
    else:
        element.tag = T + NAME_OF_KIND[kind]
        element.attrib.pop("type", None)


BOOK_FOLDER = ".teikit-book"


def write_book(project: Project, build_dir: Path) -> Path:
    """The project's book as a TEI file in ``build_dir`` (rewritten only when it changed, so an
    unchanged project is not typeset again), named after the project's title."""
    from toolkit.atomic import write_bytes

    tree = compose_book(project)
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=False)
    target = Path(build_dir) / BOOK_FOLDER / f"{_slug(project.title or project.root.name)}.xml"
    if not (target.is_file() and target.read_bytes() == data):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, data)
    return target


def _slug(text: str) -> str:
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "book"
