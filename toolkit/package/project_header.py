"""The header of a whole project, for its deposit: a ``teiCorpus`` header made from ``teikit.toml``
and the headers of all its documents, so that the same stylesheets that describe one edition
(xslt/metadata/) describe the project.

What the project file says comes first; what it leaves out is derived from the documents where
they agree or can be summed up (the authors and senders of the letters, their editors, the
publisher most of them name, the latest publication date, their licences, the languages they
declare, the range of their dates). Nothing is invented: an identifier comes from the project
file only, and a field nobody gives stays empty, for ``records.header_fields`` to report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.builders.project_site.metadata import card
from toolkit.xmlio import TEI_NS, Document, UnreadableDocument, read_document

T = f"{{{TEI_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMES = ("persName", "orgName", "name", "rs")
_YEAR = re.compile(r"(\d{4})")
# The teikit.toml key that gives each field the records require (see header.xsl's missing fields).
PROJECT_KEYS = {"title": "title", "creator": "creators in [deposit]", "publisher": "publisher in [deposit]",
                "date": "date in [deposit]", "licence": "licence in [deposit]",
                "identifier": "identifier in [deposit]", "language": "language"}


@dataclass
class People:
    """Persons named in the documents' headers, counted by document: one person however their
    name is spelt where the names point at the same register entry."""

    documents: Counter = field(default_factory=Counter)  # key -> documents naming them
    spellings: dict = field(default_factory=dict)  # key -> Counter of the names as written

    def add(self, named: dict[str, str]) -> None:
        """One document's persons: key -> the name as written there."""
        for key, name in named.items():
            self.documents[key] += 1
            self.spellings.setdefault(key, Counter())[name] += 1

    def names(self) -> list[str]:
        """Each person once, by their most usual spelling; most documents first."""
        ranked = sorted(self.documents, key=lambda key: (-self.documents[key], key))
        # A name written without a pointer in some documents is the same name as with one.
        return list(dict.fromkeys(self.spellings[key].most_common(1)[0][0] for key in ranked))


@dataclass
class Gathered:
    """What the documents' headers say, summed over the project."""

    series: Counter = field(default_factory=Counter)
    authors: People = field(default_factory=People)
    editors: People = field(default_factory=People)
    publishers: Counter = field(default_factory=Counter)
    years: set = field(default_factory=set)
    licences: Counter = field(default_factory=Counter)  # (label, target) -> documents
    languages: Counter = field(default_factory=Counter)
    dates: list = field(default_factory=list)  # each document's ISO date
    cards: dict = field(default_factory=dict)  # path -> the document's card (title, date...)


def gather(documents: list[Path], registers=None) -> Gathered:
    """Read every document's header once; an unreadable document is left out (validation says
    why). ``registers`` (the project's) tells which differently spelt names are one person."""
    found = Gathered()
    for path in documents:
        try:
            root = read_document(path).root
        except UnreadableDocument:
            continue
        _gather_one(root, path, found, registers)
    return found


def _gather_one(root: etree._Element, path: Path, found: Gathered, registers) -> None:
    summary = card(root)
    found.cards[path] = summary
    if summary["series"]:
        found.series[summary["series"]] += 1
    if summary["date"]:
        found.dates.append(summary["date"])
    if summary["licence"]:
        found.licences[(summary["licence"]["label"], summary["licence"]["target"])] += 1
    header = root.find(f"{T}teiHeader")
    if header is None:
        return
    title_statement = header.find(f"{T}fileDesc/{T}titleStmt")

    def person(name: str, pointer: str) -> tuple[str, str]:
        entry = registers.resolve(pointer.split()[0], path) if registers is not None and pointer.split() else None
        return (f"entry:{entry.id}" if entry is not None else f"name:{name}"), name

    authors = [person(_name(author), _pointer(author)) for author in
               (title_statement.findall(f"{T}author") if title_statement is not None else [])]
    authors += [person(sender["name"], sender["ref"]) for sender in summary["senders"]]
    found.authors.add({key: name for key, name in authors if name})
    if title_statement is not None:
        editors = [person(_name(editor), _pointer(editor)) for editor in title_statement.findall(f"{T}editor")]
        editors += [person(_name(name), _pointer(name)) for statement in title_statement.findall(f"{T}respStmt")
                    for name in statement if _local(name) in NAMES]
        found.editors.add({key: name for key, name in editors if name})
    publication = header.find(f"{T}fileDesc/{T}publicationStmt")
    if publication is not None:
        publisher = _name(publication.find(f"{T}publisher")) or _name(publication.find(f"{T}authority"))
        if publisher:
            found.publishers[publisher] += 1
        date = publication.find(f"{T}date")
        if date is not None and (year := _YEAR.search(date.get("when") or _name(date))):
            found.years.add(year.group(1))
    languages = [language.get("ident") for language in header.iterfind(f"{T}profileDesc/{T}langUsage/{T}language")]
    languages += [element.get(XML_LANG) for element in (root, root.find(f"{T}text"))
                  if element is not None and element.get(XML_LANG)]
    found.languages.update({language.strip() for language in languages if language and language.strip()})


def project_header(project, found: Gathered) -> Document:
    """The project's header as a TEI document (a ``teiCorpus`` holding only its ``teiHeader``)."""
    settings = project.deposit
    E = _Maker()
    title = project.title or (found.series.most_common(1)[0][0] if found.series else None)
    creators = list(settings.creators) or found.authors.names()
    title_statement = E("titleStmt", *([E("title", title, type="main")] if title else []),
                        *(E("author", E("persName", name)) for name in creators),
                        *(E("editor", E("persName", name)) for name in found.editors.names()))
    publisher = settings.publisher or (found.publishers.most_common(1)[0][0] if found.publishers else None)
    date = settings.date or (max(found.years) if found.years else None)
    identifier = settings.identifier
    publication = E("publicationStmt",
                    *([E("publisher", publisher)] if publisher else []),
                    *([E("date", date, when=date)] if date else []),
                    *([_availability(E, settings, found)] if settings.licence or found.licences else []),
                    *([E("idno", identifier, type=_identifier_type(identifier))] if identifier else []))
    if settings.contact_email:
        publication.append(E("address", E("addrLine", E("email", settings.contact_email))))
    source = E("sourceDesc", E("p", f"The {len(found.cards)} documents and the registers of the project, "
                                    "as its teikit.toml lists them."))
    profile = E("profileDesc")
    if project.description:
        profile.append(E("abstract", E("p", project.description)))
    dates = sorted(found.dates)
    if dates:
        profile.append(E("creation", E("date", **{"from": dates[0], "to": dates[-1]})))
    languages = ([project.language] if project.language else []) + [
        language for language, _ in found.languages.most_common() if language != project.language]
    if languages:
        profile.append(E("langUsage", *(E("language", ident=language) for language in languages)))
    header = E("teiHeader", E("fileDesc", title_statement, publication, source), profile)
    root = E("teiCorpus", header)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    path = project.file or project.root / "teikit.toml"
    return Document(path=path, data=data, tree=etree.ElementTree(etree.fromstring(data)))


def _availability(E, settings, found: Gathered) -> etree._Element:
    if settings.licence or settings.licence_url:
        attributes = {"target": settings.licence_url} if settings.licence_url else {}
        return E("availability", E("licence", settings.licence or settings.licence_url, **attributes))
    if len(found.licences) == 1:
        (label, target), = found.licences
        return E("availability", E("licence", label or target, **({"target": target} if target else {})))
    # Documents under different licences: each, with how many documents it covers; no one URI.
    statement = "; ".join(f"{label or target} ({count} document{'s' if count != 1 else ''})"
                          for (label, target), count in found.licences.most_common())
    return E("availability", E("p", f"The documents are distributed under these licences: {statement}."))


def _identifier_type(identifier: str) -> str:
    if re.match(r"(https?://(dx\.)?doi\.org/|doi:)?10\.\d{4,}/", identifier, re.IGNORECASE):
        return "DOI"
    return "URI" if re.match(r"[a-z][a-z0-9+.-]*:", identifier, re.IGNORECASE) else "Other"


def _pointer(element: etree._Element) -> str:
    """An agent's pointer: its own @ref, else its name element's."""
    inner = next((child for child in element.iter() if _local(child) in NAMES and child.get("ref")), None)
    return element.get("ref") or (inner.get("ref") if inner is not None else "") or ""


def _name(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


class _Maker:
    """TEI elements: ``E(name, *children or text, **attributes)``."""

    def __call__(self, name: str, *content, **attributes) -> etree._Element:
        element = etree.Element(T + name, {key: value for key, value in attributes.items()}, nsmap={None: TEI_NS})
        for part in content:
            if isinstance(part, str):
                element.text = (element.text or "") + part
            else:
                element.append(part)
        return element
