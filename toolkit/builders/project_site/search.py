"""Search for a project's web edition: ``search.html`` and its index, over every document's text,
with facets for the register entries each document mentions (the register model's, through the
catalogue), its date and type, and for letters the sender, recipient and place of writing.

What the index needs of a document is gathered when Saxon renders it, in the worker: a few facts
kept with its card, and its record: its text's units and postings (``search_facts``), kept
beside its rendered text in the build cache and read only for the index files that change; the
joined postings of blocks of documents are kept too (``search.blocks``). A rebuild reads no
document again, and after an edit reads the edited document's block alone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from lxml import etree

from toolkit.builders.project_site import pages
from toolkit.builders.project_site.catalogue import Catalogue, Document
from toolkit.builders.project_site.metadata import PLACES, _text
from toolkit.search import Facet, SearchDocument, Unit, index_files, units_from_html
from toolkit.search.index import Filters, is_filter_file
from toolkit.search.blocks import BlockStore
from toolkit.search.facets import mention_facets
from toolkit.search.postings import text_postings
from toolkit.search.page import search_content
from toolkit.xmlio import TEI_NS

T = f"{{{TEI_NS}}}"
PAGE = "search.html"
# A document's units and their postings, in two files of its entry in the build cache: a rebuild
# reads the postings of the documents of a changed block, and the units of changed documents alone.
UNITS, POSTINGS = "search-units.json", "search-postings.json"
BLOCKS = "project-site-search"  # the blocks' joined postings, beside the build cache
PARTIES = (("sender", "senders"), ("recipient", "recipients"))  # facet key (and its word), card field
FILTERS = "search-filters"  # the pages' manifest's name for the facet and date files


def search_facts(root: etree._Element, fragment: str) -> tuple[dict, dict[str, bytes]]:
    """What the search index keeps of one document: a few facts (its type, where it was written,
    how many units its text has), and its record: its text's units and their postings (JSON files
    ``UNITS`` and ``POSTINGS``)."""
    written = [_text(place) for action in root.iter(f"{T}correspAction") if action.get("type") == "sent"
               for place in action if isinstance(place.tag, str) and etree.QName(place).localname in PLACES]
    units = units_from_html(fragment)
    record = {UNITS: [unit.to_json() for unit in units], POSTINGS: text_postings(units)}
    facts = {"type": _type(root), "written": [place for place in written if place], "units": len(units)}
    return facts, {name: json.dumps(data, ensure_ascii=False).encode("utf-8") for name, data in record.items()}


def _type(root: etree._Element) -> str:
    """The document's type as its encoding says it: text/@type, TEI/@type, its body's first division's
    type; a letter when it has a correspondence description."""
    text = root.find(f"{T}text")
    division = root.find(f"{T}text/{T}body/{T}div")
    for element in (text, root, division):
        if element is not None and element.get("type"):
            return element.get("type").strip()
    return "letter" if root.find(f".//{T}correspDesc") is not None else ""


def write_search(staging, site: pages.Site, catalogue: Catalogue, record, cache_dir: Path, manifest,
                 connections: str | None = None) -> None:
    """Write ``search.html`` and ``search/`` into the site being published; ``record(document,
    name)`` reads a document's ``UNITS`` or ``POSTINGS``, ``manifest`` (the pages') says which files
    can be kept as they are. ``connections``: a digest of what connects the documents (their order,
    cards and links, and the registers), from which with the documents' own search facts the facet
    and date files are made: they are kept as they were while it is unchanged."""
    words = site.words
    filters_from = connections and hashlib.sha256(json.dumps(
        [connections, words.fingerprint(), [[(document.search or {}).get(key) for key in ("type", "written")]
                                            for document in catalogue.documents]]).encode()).hexdigest()
    kept_filters = manifest.group_kept(FILTERS, filters_from, staging)
    filters = _filters(kept_filters)
    documents, facets = _search_documents(catalogue, record, words, facets=filters is None)

    def kept(relative: str, inputs: str) -> bool:
        unchanged = manifest.unchanged(relative, inputs) and staging.link(relative)
        manifest.record(relative, inputs)
        return unchanged

    store = BlockStore(cache_dir / BLOCKS)
    files, written = index_files(documents, facets, scope="document", store=store, kept=kept, filters=filters), []
    while True:
        try:
            relative, data = next(files)
        except StopIteration as made:  # the index's last file: what it says of its filters
            if filters is None:
                manifest.record_group(FILTERS, filters_from, written, data=made.value.to_json())
            break
        staging.write(relative, data)
        if is_filter_file(relative):
            written.append(relative)
    store.prune()
    browse = [("documents.html", words("list-of-documents"))]
    browse += [(page, label) for key, page, label in site.sections if key not in ("home", "documents", "search", "about")]
    content = search_content(browse, words=words)
    staging.write(PAGE, pages.shell(site, depth=0, current="search", heading=words("search"), content=content).encode())


def _filters(kept: dict | None) -> Filters | None:
    try:
        return Filters.from_json(kept["data"]) if kept is not None else None
    except (KeyError, TypeError, ValueError):
        return None


def _search_documents(catalogue: Catalogue, record, words, *, facets: bool) -> tuple[list[SearchDocument], list[Facet]]:
    """What the index is made from: each document (with its facets' values when ``facets``) and the facets."""
    documents, named = [], {}
    parties = {key: {} for key, _field in PARTIES}
    places, types = {}, {}
    mentioned = _mentioned(catalogue) if facets else {}
    for position, document in enumerate(catalogue.documents):
        facts = document.search or {}
        values = {}
        if facets:
            values = {kind: list(ids) for kind, ids in mentioned.get(position, {}).items()}
            for entry_id in (entry_id for ids in values.values() for entry_id in ids):
                named[entry_id] = catalogue.entries[entry_id]
            for key, field in PARTIES:
                values[key] = [_party(name, document, catalogue, parties[key]) for name in document.card[field]]
            values["written"] = facts.get("written", [])
            places.update((place, place) for place in values["written"])
            if facts.get("type"):
                values["type"] = [facts["type"]]
                types[facts["type"]] = facts["type"]
        documents.append(SearchDocument(
            title=document.card["title"] or document.name, href=f"documents/{document.name}.html",
            units=lambda document=document: [Unit.from_json(unit) for unit in record(document, UNITS)],
            postings=lambda document=document: record(document, POSTINGS), unit_count=facts.get("units", 0),
            key=document.key, date=document.card["date"], date_label=words.date(document.card["date"]),
            facets=values))
    if not facets:
        return documents, []
    return documents, [*mention_facets(named.values(), words),
                       *(Facet(key, words(key), parties[key]) for key, _field in PARTIES),
                       Facet("written", words("place-of-writing"), places), Facet("type", words("document-type"), types)]


def _mentioned(catalogue: Catalogue) -> dict[int, dict[str, list[str]]]:
    """document position -> kind -> the entries its text names (not its header's parties)."""
    found: dict[int, dict[str, list[str]]] = {}
    for entry_id, occurrences in catalogue.occurrences.items():
        entry = catalogue.entries[entry_id]
        for occurrence in occurrences:
            if occurrence.anchors:
                found.setdefault(occurrence.document, {}).setdefault(entry.kind, []).append(entry_id)
    return found


def _party(name: dict, document: Document, catalogue: Catalogue, labels: dict[str, str]) -> str:
    """A sender or recipient as a facet value: the entry their name points at, else the name."""
    key = catalogue.party(name, document)
    kind, _, value = key.partition(":")
    labels[key] = pages.heading_of(catalogue.entries[value]) if kind == "id" and value in catalogue.entries else value
    return key
