"""The web edition of a project: many documents, registers in files of their own.

``build/html/`` then holds a home page, ``documents.html`` (every document in a table that
sorts and filters), ``documents/NAME.html`` (one page per document: its facts, the documents
before and after it in date order, its whole text), an index per register
(``persons.html``, ``places.html``...) with a page per entry listing every document and
paragraph that names it, ``correspondents.html`` for letters, ``about.html`` (sources,
licences, once), the TEI files in ``tei/`` and the shared assets once in ``assets/``.

The costly part, each document's text through Saxon, needs the document alone: it runs in
worker processes on every core and is kept in the build cache per document, so after an edit
only the edited documents go through Saxon again. Pages are then put together from small
data (each document's card and names) and written one at a time into the new tree.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from toolkit import resources
from toolkit.collation import from_first_filing_character
from toolkit.builders import rendering
from toolkit.builders.cache import CACHE_DIR, DocumentCache
from toolkit.builders.options import BuildOptions
from toolkit.atomic import write_bytes
from toolkit.builders.output import Written, publishing
from toolkit.builders.documents import BuildFailed
from toolkit.builders.project_site import explore, pages, search
from toolkit.builders.project_site.entries import facts, summary
from toolkit.builders.project_site.catalogue import FOLDERS, LABELS, Catalogue, Document, folder_of, pages_follow_ids
from toolkit.builders.project_site.render import render, saxon
from toolkit.builders.source_copy import download_path
from toolkit.errors import Finding, TeikitError
from toolkit.executors import beside, forked_pool
from toolkit.memory import cycle_collector_paused, thaw
from toolkit.builders.project_site import kept_links, kept_registers
from toolkit.builders.project_site.kept_links import KeptLinks
from toolkit.builders.project_site.language import site_words
from toolkit.interface_words import Words

BUILDER = "project-site"
PROJECT = "project"  # the key of BuildOptions.extra that names the project
RENDERING = "rendering"  # the key of BuildOptions.extra that holds the rendering options
FRAGMENT = "text.html"
MANIFEST = "project-site-pages.json"  # what each document page was last made from
CATALOGUE_PAGES = "catalogue"  # the manifest's name for the pages made from the whole catalogue
EXPLORED = "project-site-explore.json"  # the timeline and map last made, and what they showed
FORK_MINIMUM = 8  # fewer documents than this are rendered here: forking would cost more
SEARCH_BESIDE_MINIMUM = 500  # from this many documents the search index is made beside the pages
_REF = re.compile(r'<a class="([^"]*)" href="tk-ref:([^"]*)"')


def is_collection(project) -> bool:
    """Whether a project gets this web edition: several documents, or registers in files of
    their own. A single document with its registers inside (the essay) keeps the edition's."""
    return bool(project.register_files()) or len(project.documents()) > 1


def project_options(project, options: BuildOptions) -> BuildOptions:
    """``options`` for building ``project``: its folder, and a digest of what its pages depend
    on besides the documents (its registers and project file), so that the build redoes the
    site when those change and skips it when nothing did."""
    digest = hashlib.sha256()
    for path in [*project.register_files(), *([project.file] if project.file else [])]:
        data = Path(path).read_bytes()
        digest.update(f"{path}\0{len(data)}\0".encode() + data)
    extra = {**options.extra, PROJECT: {"root": str(project.root), "inputs": digest.hexdigest()}}
    return replace(options, extra=extra)


def build(sources: list[Path], build_dir: Path, *, options: BuildOptions) -> list[Path]:
    """The builder: the web edition of the project named in ``options`` (``project_options``)."""
    from toolkit.project import load_project

    project = load_project(Path(options.extra[PROJECT]["root"]), search_parents=False).listed_once()
    html = project.outputs.html if project.outputs else None
    words, warnings = site_words(project, options)
    try:
        written = build_site(
            sources, lambda own, cache: kept_registers.load(project.register_files(), own, cache), build_dir,
            options=options, title=(html and html.site_title) or project.title or "",
            description=project.description or "", words=words,
            register_files=[path.relative_to(project.root).as_posix() for path in project.register_files()],
        )
    except BuildFailed as error:
        error.findings = [*warnings, *error.findings]
        raise
    finally:
        thaw()  # what build_site froze, now that its catalogue and pages are gone
    return Written(written, warnings)


def build_site(sources: list[Path], load_registers, build_dir: Path, *, options: BuildOptions, title: str = "",
               description: str = "", register_files: list[str] = (), jobs: int | None = None,
               words: Words | None = None) -> list[Path]:
    """Write the web edition of the documents ``sources`` to ``build_dir/html``.

    ``load_registers(documents, cache)`` gives the project's registers (kept in the build's
    ``cache``), reading the register entries of ``documents`` too (those that keep some of their own); ``registers.resolve(pointer,
    document_path)`` gives the ``Entry`` a pointer designates, or None. Documents that cannot
    be rendered are reported (``BuildFailed``) after the others are published. ``words``: the
    interface words of the pages' frame (English when not given).
    """
    words = words or Words()
    sources = [Path(source) for source in sources]
    if not sources:
        raise TeikitError("the project has no documents to build", hint="check the document globs in teikit.toml")
    # What a document's rendering depends on: the document, the code, the options and the
    # rendering options, but not the project's registers (pointers are resolved afterwards), so
    # a register edit keeps the cache.
    cache = DocumentCache(build_dir, BUILDER, replace(options, extra={key: value for key, value in options.extra.items()
                                                                      if key == RENDERING}))
    kept = KeptLinks(build_dir / CACHE_DIR)
    documents, findings = _documents(sources, cache, options, jobs, kept)
    with cycle_collector_paused(freeze=True):  # hundreds of thousands of small objects, and no cycles
        registers = load_registers([document.source for document in documents if document.card.get("own_registers")], cache)
        _relink(documents, registers, cache)
        catalogue = Catalogue(documents, registers.resolve, registers.get, pages_by_id=pages_follow_ids(registers.kinds()),
                              names_of=lambda document: _names_of(document, cache))
        build_dir = Path(build_dir)
        # The timeline and the map, where there is something to show (as the last build's when unchanged).
        connections = _connections(catalogue, registers.identity)
        explored = explore.contents(catalogue, registers, words, explore.Kept(build_dir / CACHE_DIR / EXPLORED, cache.salt),
                                    connections)
        own_css = rendering.css(options, "css")
        site = _site(title or _series_title(documents) or words("documents"), description, options, catalogue, explored,
                     own_css=own_css is not None, words=words)
        manifest = Manifest(build_dir / CACHE_DIR / MANIFEST, site.fingerprint(options))
        # Updated in place: an edit changes a few of tens of thousands of files.
        with publishing(build_dir / "html", durable=False, in_place=True) as staging:
            _write_pages(staging, site, catalogue, cache, register_files, manifest, connections)
            if own_css is not None:
                staging.write(f"assets/{pages.OWN_CSS}", own_css)
            for key, content in explored.items():
                staging.write(f"{key}.html", pages.shell(site, depth=0, current=key, heading=words(key),
                                                         content=content).encode())
            staging.when_published(manifest.save)  # what the published pages were made from
        for document, links in zip(catalogue.documents, catalogue.links):
            if document.mentions is not None:  # linked anew (some only once the whole was connected)
                kept.put(document.key, document.card, document.search, links, registers.identity)
    kept.save()
    cache.prune()
    if findings:
        raise BuildFailed(findings)
    return staging.written


def _documents(sources: list[Path], cache: DocumentCache, options: BuildOptions,
               jobs: int | None, kept: KeptLinks | None = None) -> tuple[list[Document], list[Finding]]:
    """Every document's card and names: its card and links as the last build kept them, else
    from the cache, else rendered now (on every core)."""
    names = _page_names(sources)
    keys = [cache.key(source) for source in sources]
    documents: dict[int, Document] = {}
    missing = []
    with cycle_collector_paused(freeze=True):
        for index, (source, key) in enumerate(zip(sources, keys)):
            row = kept.get(key) if kept is not None else None
            if row is not None and cache.holds(key):
                card, search, links, registers = row
                documents[index] = Document(names[index], source, card, None, key, search=search, links=links,
                                            linked_with=registers)
                continue
            hit = cache.facts(key)  # the card and names alone: the text is read only for pages made again
            if hit is not None and "card" in hit and "search" in hit:
                documents[index] = Document(names[index], source, hit["card"], hit["mentions"], key, search=hit["search"])
            else:
                missing.append(index)
    findings: list[Finding] = []
    for index, outcome in zip(missing, _render_all([sources[i] for i in missing], options, jobs)):
        if isinstance(outcome, Finding):
            findings.append(outcome)
            continue
        source, key = sources[index], keys[index]
        cache.put(key, source, {FRAGMENT: outcome.fragment.encode("utf-8"), **outcome.search_record},
                  {"card": outcome.card, "mentions": outcome.mentions, "search": outcome.search})
        document = Document(names[index], source, outcome.card, outcome.mentions, key, search=outcome.search)
        if key is None or cache.facts(key) is None:  # changed while it was rendered: keep this text
            document.fragment, document.search_record = outcome.fragment, outcome.search_record
            document.key = None  # nothing made from it is kept for the next build
        documents[index] = document
    return [documents[index] for index in sorted(documents)], findings


def _relink(documents: list[Document], registers, cache: DocumentCache) -> None:
    """Documents whose kept links were made with other registers (or are not whole) get their
    names from the cache again, to be linked anew."""
    for document in documents:
        if document.links is None or (document.linked_with == registers.identity
                                      and kept_links.usable(document.links, registers.entries)):
            continue
        document.mentions, document.links = _names_of(document, cache), None


def _names_of(document: Document, cache: DocumentCache) -> list[dict]:
    """The document's mentions, as its rendering found them (kept in the build cache)."""
    hit = cache.facts(document.key)
    if hit is None or not isinstance(hit.get("mentions"), list):
        raise TeikitError(f"the build cache lost the names of {document.source}",
                          hint="run the build again (with --force if it repeats)")
    return hit["mentions"]


def _render_all(sources: list[Path], options: BuildOptions, jobs: int | None):
    jobs = jobs or os.cpu_count() or 1
    rendered = partial(render, options=options)
    if jobs <= 1 or len(sources) < FORK_MINIMUM:
        yield from map(rendered, sources)
        return
    saxon(options)  # compiled once, before the fork: every worker shares it
    with forked_pool(min(jobs, 2 if jobs == 2 else jobs)) as pool:
        yield from pool.imap(rendered, sources, chunksize=max(1, min(8, len(sources) // (jobs * 8))))


def _page_names(sources: list[Path]) -> list[str]:
    """A page name per document, unique, safe in a URL."""
    names: list[str] = []
    taken: set[str] = set()
    for source in sources:
        base = re.sub(r"[^\w.-]+", "-", source.stem).strip("-.") or "document"
        name, k = base, 2
        while name.casefold() in taken:
            name, k = f"{base}-{k}", k + 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _site(title: str, description: str, options: BuildOptions, catalogue: Catalogue, explored, *,
          own_css: bool, words: Words) -> pages.Site:
    sections = [("home", "index.html", words("home")), ("documents", "documents.html", words("documents"))]
    present = catalogue.folders()
    for folder in (*FOLDERS.values(), "entries"):
        if folder in present:
            sections.append((folder, f"{folder}.html", words(LABELS[folder])))
    if catalogue.is_letters():
        sections.append(("correspondents", "correspondents.html", words("correspondents")))
    sections += [(key, f"{key}.html", words(key)) for key in explored]
    sections.append(("search", search.PAGE, words("search")))
    sections.append(("about", "about.html", words("about")))
    return pages.Site(title=title, description=description, build_date=options.build_date(), sections=sections,
                      own_css=own_css, words=words)


def _write_pages(staging, site: pages.Site, catalogue: Catalogue, cache: DocumentCache, register_files,
                 manifest: "Manifest", connections: str | None = None) -> None:
    def link(pointer: str, document: Document, *, depth: int) -> str | None:
        entry = catalogue.entry(pointer.split()[0], document) if pointer.strip() else None
        return ("../" * depth) + catalogue.page_of(entry) if entry is not None else None

    with _search_made(staging, site, catalogue, cache, manifest, connections):
        _write_document_pages(staging, site, catalogue, cache, manifest, link)
        # The pages made from the whole catalogue: taken as they are while what connects the
        # documents is unchanged (an edit of a letter's text, not of its names, dates or places).
        made_from = connections and hashlib.sha256("\0".join([connections, *register_files]).encode()).hexdigest()
        if not manifest.group_kept(CATALOGUE_PAGES, made_from, staging):
            noted = _Noted(staging)
            _write_catalogue_pages(noted, site, catalogue, register_files, manifest, link)
            manifest.record_group(CATALOGUE_PAGES, made_from, noted.pages)


def _write_document_pages(staging, site: pages.Site, catalogue: Catalogue, cache: DocumentCache,
                          manifest: "Manifest", link) -> None:
    licences = _licences(catalogue)
    common = licences.most_common(1)[0][0] if licences else None
    for position, document in enumerate(catalogue.documents):
        licence = document.card["licence"]
        shown = licence if licence and _licence_key(licence) != common else None
        page = f"documents/{document.name}.html"
        # A page whose inputs are those it was last made from is taken from the published tree
        # as it is: its document is not read from the cache nor its page made again.
        made_from = _document_inputs(site, catalogue, position, shown)
        if not (manifest.unchanged(page, made_from) and staging.link(page)):
            fragment = _REF.sub(lambda match: _resolved(match, document, link), _fragment(document, cache))
            staging.write(page, pages.document_page(site, catalogue, position, fragment, link, shown).encode())
        manifest.record(page, made_from)
        copy = download_path(document.source.name)  # as text: never run by a browser
        if not (manifest.unchanged(copy, document.key) and staging.link(copy)):
            staging.write(copy, document.source.read_bytes())
        manifest.record(copy, document.key)


def _write_catalogue_pages(staging, site: pages.Site, catalogue: Catalogue, register_files, manifest: "Manifest",
                           link) -> None:
    licences = _licences(catalogue)
    staging.write("documents.html", pages.documents_table(site, catalogue, link).encode())
    by_folder: dict[str, list] = {}
    for entry in catalogue.entries.values():
        by_folder.setdefault(folder_of(entry), []).append(entry)
    counts = {}
    shown = [(document.name, document.card["title"], document.card["date"]) for document in catalogue.documents]
    # What an entry's page shows of each document: its page, and from its key and links its title,
    # date and where it names the entry.
    tokens = [f"{document.name}\0{document.key}\0{links.digest}" if document.key else None
              for document, links in zip(catalogue.documents, catalogue.links)]
    for folder, entries in by_folder.items():
        entries.sort(key=lambda entry: (_folded(pages.heading_of(entry)), pages.heading_of(entry), entry.id))
        counts[folder] = len(entries)
        staging.write(f"{folder}.html", pages.register_index(site, folder, site.words(LABELS[folder]), entries, catalogue,
                                                             summary).encode())
        for entry in entries:
            # As a document's page: made again only when what it shows has changed.
            page, made_from = catalogue.page_of(entry), _entry_inputs(entry, catalogue, shown, tokens)
            if not (manifest.unchanged(page, made_from) and staging.link(page)):
                staging.write(page, pages.entry_page(site, folder, entry, facts(entry, site.words), catalogue).encode())
            manifest.record(page, made_from)
    if catalogue.is_letters():
        staging.write("correspondents.html", pages.correspondents(
            site, catalogue, catalogue.correspondence(), lambda party: _party(party, catalogue)).encode())
    staging.write("index.html", pages.home(site, catalogue, counts).encode())
    licence_list = [(dict(zip(("label", "target"), key)), count) for key, count in licences.most_common()]
    staging.write("about.html", pages.about(site, catalogue, licence_list, list(register_files)).encode())
    assets = resources.data_dir("xslt") / "assets"
    for name in pages.ASSETS:
        staging.write(f"assets/{name}", (assets / name).read_bytes())


class _Noted:
    """A staging that notes the pages written or taken through it."""

    def __init__(self, staging):
        self.staging, self.pages = staging, []

    def write(self, page: str, data: bytes) -> None:
        self.staging.write(page, data)
        self.pages.append(page)

    def link(self, page: str) -> bool:
        kept = self.staging.link(page)
        if kept:
            self.pages.append(page)
        return kept


def _connections(catalogue: Catalogue, registers: str | None) -> str | None:
    """A digest of what connects the documents, from which the pages of the whole catalogue are
    made: their order, names, cards and links, and the registers (``registers``: their key; None
    when they are not kept, and then neither is anything made from them)."""
    if registers is None:
        return None
    digest = hashlib.sha256(f"{registers}\0{len(catalogue.documents)}".encode())
    for document, links in zip(catalogue.documents, catalogue.links):
        card = json.dumps(document.card, sort_keys=True)
        digest.update(f"\0{document.name}\0{document.source.name}\0{links.digest}\0{len(card)}\0{card}".encode())
    return digest.hexdigest()


@contextmanager
def _search_made(staging, site: pages.Site, catalogue: Catalogue, cache: DocumentCache, manifest: "Manifest",
                 connections: str | None):
    """The search index written into ``staging`` while the block writes the other pages: in a
    process forked beside this one for a large project (both cores at work after an edit, when
    nothing else is), else here after the block."""
    if len(catalogue.documents) < SEARCH_BESIDE_MINIMUM or (os.cpu_count() or 1) < 2:
        yield
        _write_search(staging, site, catalogue, cache, manifest, connections)
        return
    with beside(_search_beside, staging, site, catalogue, cache, manifest, connections) as searching:
        yield
        files, changed, inputs, groups = searching.result()
    staging.take(files, changed)
    for page, made_from in inputs.items():
        manifest.record(page, made_from)
    manifest.groups.update(groups)


def _write_search(staging, site: pages.Site, catalogue: Catalogue, cache: DocumentCache, manifest: "Manifest",
                  connections: str | None) -> None:
    search.write_search(staging, site, catalogue, lambda document, name: _search_record(document, name, cache),
                        cache.folder.parent, manifest, connections)


def _search_beside(staging, site: pages.Site, catalogue: Catalogue, cache: DocumentCache, manifest: "Manifest",
                   connections: str | None):
    """In the forked process: the search files written, and what the build must record of them
    (the files staged, those changed, the inputs of the files kept as they were, the groups)."""
    files, changed = staging.staged()
    recorded, groups = dict(manifest.current), dict(manifest.groups)
    _write_search(staging, site, catalogue, cache, manifest, connections)
    now_files, now_changed = staging.staged()
    return (sorted(now_files - files), sorted(now_changed - changed),
            {page: inputs for page, inputs in manifest.current.items() if recorded.get(page) != inputs},
            {name: group for name, group in manifest.groups.items() if groups.get(name) != group})


def _fragment(document: Document, cache: DocumentCache) -> str:
    if document.fragment is not None:
        return document.fragment
    return _cached(document, cache, FRAGMENT).decode("utf-8")


def _search_record(document: Document, name: str, cache: DocumentCache):
    return json.loads(document.search_record[name] if document.search_record is not None
                      else _cached(document, cache, name))


def _cached(document: Document, cache: DocumentCache, name: str) -> bytes:
    data = cache.file(document.key, name)
    if data is None:
        raise TeikitError(f"the build cache lost the rendered text of {document.source}",
                          hint="run the build again (with --force if it repeats)")
    return data


def _resolved(match: re.Match, document: Document, link) -> str:
    classes, pointer = match.group(1), unquote(match.group(2))
    href = link(pointer, document, depth=1)
    if href is None:
        return f'<a class="{classes} unresolved" title="{pages.e(pointer)}: not in the registers"'
    return f'<a class="{classes}" href="{pages.e(href)}"'


def _party(party: str, catalogue: Catalogue) -> str:
    kind, _, value = party.partition(":")
    if kind == "id" and value in catalogue.entries:
        entry = catalogue.entries[value]
        return f'<a href="{pages.e(catalogue.page_of(entry))}">{pages.e(pages.heading_of(entry))}</a>'
    return pages.e(value)


def _licences(catalogue: Catalogue) -> Counter:
    """How many documents carry each licence."""
    return Counter(_licence_key(document.card["licence"]) for document in catalogue.documents if document.card["licence"])


def _licence_key(licence: dict) -> tuple[str, str]:
    return (licence.get("label") or "", licence.get("target") or "")


def _series_title(documents: list[Document]) -> str:
    """The series most documents say they belong to, for a project that names no title."""
    series = Counter(document.card.get("series") for document in documents if document.card.get("series"))
    return series.most_common(1)[0][0] if series else ""


def _folded(text: str) -> str:
    """A sort key that files Émile with Emile and ignores case: the Unicode collation's first
    levels for Latin names, at a fraction of its cost for tens of thousands of entries."""
    # Not search.text.fold (search.js folds so): NFKD files ² and full-width letters; vowel signs (का) stay.
    if text.isascii():  # most names: nothing to decompose
        return from_first_filing_character(text.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()
    return from_first_filing_character(folded)


def _document_inputs(site: pages.Site, catalogue: Catalogue, position: int, licence: dict | None) -> str:
    """What a document's page is made from: its document, its neighbours' names and titles, the
    entries its names resolve to and their pages, the licence it shows, and what every page shares."""
    # Pages named apart from their ids: the pages themselves, once the whole is connected (a document
    # whose kept links are found damaged then is linked anew).
    entries = catalogue.entries if not catalogue.pages_by_id else None
    document, links = catalogue.documents[position], catalogue.links[position]
    before, after = catalogue.neighbours(position)
    parts = [document.key or "", repr(licence), links.digest]
    parts += [f"{other.name}\0{other.card['title']}" if other else "" for other in (before, after)]
    if entries is not None:
        parts += [catalogue.page_of(entries[entry_id]) for entry_id, _anchors, _roles in links.occurrences]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _entry_inputs(entry, catalogue: Catalogue, shown: list[tuple[str, str, str]], tokens: list[str | None]) -> str:
    """What an entry's page is made from: the entry's data, and for every document that names it
    that document's page, title and date (``shown``, by position) and where in it the entry is named
    (named by the document's ``tokens`` where it has them)."""
    occurrences = catalogue.occurrences.get(entry.id, ())
    data = (entry.id, entry.kind, entry.name, entry.names, entry.dates, entry.occupations, entry.location, entry.geo,
            entry.idnos, entry.note)
    named = [tokens[occurrence.document] for occurrence in occurrences]
    if None in named:  # a document its cache could not keep: what it shows, in full
        named = [repr((shown[occurrence.document], occurrence.roles, occurrence.anchors)) for occurrence in occurrences]
    return hashlib.sha256("\0".join([repr(data), *named]).encode()).hexdigest()


class Manifest:
    """The inputs each page was made from in the last build (kept beside the build cache), and
    of each group of pages made from the same whole (``record_group``) the pages and their inputs."""

    def __init__(self, path: Path, shared: str):
        self.path, self.shared = path, shared
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        usable = isinstance(kept, dict) and kept.get("shared") == shared
        self.previous = kept.get("pages", {}) if usable and isinstance(kept.get("pages"), dict) else {}
        self.previous_groups = kept.get("groups", {}) if usable and isinstance(kept.get("groups"), dict) else {}
        self.current: dict[str, str] = {}
        self.groups: dict[str, dict] = {}

    def unchanged(self, page: str, inputs: str | None) -> bool:
        return inputs is not None and self.previous.get(page) == inputs

    def record(self, page: str, inputs: str | None) -> None:
        if inputs is not None:
            self.current[page] = inputs

    def group_kept(self, name: str, inputs: str | None, staging) -> dict | None:
        """The group ``name`` (its "pages" and the "data" recorded with them) when its pages were
        last made from ``inputs`` and are all taken from the published tree as they are
        (``staging.link``); then they are recorded again. Else None."""
        group = self.previous_groups.get(name)
        if not (inputs is not None and isinstance(group, dict) and group.get("inputs") == inputs
                and isinstance(group.get("pages"), list) and all(isinstance(page, str) for page in group["pages"])):
            return None
        if not all(staging.link(page) for page in group["pages"]):
            return None
        self.current.update((page, self.previous[page]) for page in group["pages"] if page in self.previous)
        self.groups[name] = group
        return group

    def record_group(self, name: str, inputs: str | None, pages: list[str], data=None) -> None:
        """Record that ``pages`` were made from ``inputs``, with what the next build needs of them (``data``)."""
        if inputs is not None:
            self.groups[name] = {"inputs": inputs, "pages": pages, "data": data}

    def save(self) -> None:
        data = json.dumps({"shared": self.shared, "pages": self.current, "groups": self.groups}, sort_keys=True)
        write_bytes(self.path, data.encode("utf-8"), durable=False)
