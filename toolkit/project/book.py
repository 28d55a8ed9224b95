"""A project's documents as one TEI book, for the print edition.

The documents follow one another in date order (or as ``[documents]`` lists them, with
``order = "listed"``), each a ``div`` headed by its own title, so the book's contents list
them. The project's registers (``Registers.to_tei``) become the book's ``standOff``, and
every name that resolves to an entry points at it by its canonical id, however the
document marked it (an ``rs type="person"`` becomes a ``persName``), so the back-of-book
indexes gather the mentions of all documents. Ids are prefixed per document, so that two
letters' ``#p1`` stay apart, and pointers within a document follow its ids.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit.namespaces import XML
from toolkit.project.config import Project
from toolkit.project.mentions import NAME_KIND, TYPE_KIND, document_title
from toolkit.project.registers import LISTS, XML_ID, Registers
from toolkit.xmlio import TEI_NS, UnreadableDocument, read_document

T = f"{{{TEI_NS}}}"
POINTER_ATTRIBUTES = ("ref", "target", "corresp", "sameAs", "who", "facs", "start", "end", "synch", "prev", "next")
NAME_OF_KIND = {"person": "persName", "place": "placeName", "org": "orgName"}
NAME_ELEMENTS = {T + name for name in (*NAME_KIND, "rs", "name")}


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
    text = tree.getroot().find(f"{T}text")
    if text is None:
        return part
    for section in ("front", "body", "back"):
        holder = text.find(f"{T}{section}")
        if holder is None:
            continue
        for child in holder:
            if not isinstance(child.tag, str) or child.tag in {T + name for name in LISTS} or child.tag == T + "titlePage":
                continue
            part.append(copy.deepcopy(child))
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
        if element.tag in NAME_ELEMENTS:
            _point_name(element, document.path, registers)
            continue
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                element.set(attribute, " ".join(prefix + p[1:] if p.startswith("#") and p[1:] in own_ids else p
                                                for p in value.split()))
    return part


def _point_name(element: etree._Element, document: Path, registers: Registers) -> None:
    """A name points at its entry's canonical id, as the element the indexes read for its kind."""
    pointers = (element.get("ref") or "").split()
    entries = [entry for entry in (registers.resolve(pointer, document) for pointer in pointers) if entry is not None]
    if not pointers:
        return
    if not entries:
        del element.attrib["ref"]  # it resolves nowhere (validation says so): printed as plain text
        return
    element.set("ref", " ".join(f"#{entry.id}" for entry in entries))
    local = etree.QName(element).localname
    kind = entries[0].kind
    if local in ("rs", "name") and kind in NAME_OF_KIND and TYPE_KIND.get(element.get("type", ""), kind) == kind:
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
