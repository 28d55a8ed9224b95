"""The pages of a project's web edition, as HTML text: the shell every page shares and the
content of each kind of page (home, documents, one document, indexes, entries,
correspondents, about).

Pages are plain strings made here rather than by Saxon: a project has thousands of them and
each is a few lines of markup around data already in hand (the documents' texts were rendered
by Saxon once, and cached). Every value from the TEI is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from toolkit.builders.project_site.dates import format_iso
from toolkit.builders.source_copy import download_path

ASSETS = ("edition.css", "phrases.css", "edition.js", "project.css", "project.js", "explore.css", "explore.js",
          "search.js", "search.css")
OWN_CSS = "custom.css"  # the project's own CSS, after the site's (assets/project.css is the site's)
EXPLORING = ("timeline", "map")  # the pages that load explore.css and explore.js
CURRENT = ' aria-current="page"'
SORTED = ' aria-sort="ascending"'


@dataclass
class Site:
    title: str
    description: str
    build_date: str
    language: str = "en"
    own_css: bool = False  # the project's CSS (rendering option "css"), as assets/custom.css after the site's
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # (key, page, label)
    navigation: dict = field(default_factory=dict)  # (depth, current page) -> its menu, made once

    def fingerprint(self, options) -> str:
        """What every page shares: the site's title, description, menu and date, the project's
        registers and options, and the code that makes the pages."""
        from toolkit.builders.cache import code_digest

        return repr((self.title, self.description, self.build_date, self.language, self.own_css, self.sections,
                     code_digest("project-site", options)))


def e(value) -> str:
    return _escaped(str(value or ""))


@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    # The same names, dates and labels recur on thousands of pages.
    return escape(text, quote=True)


def shell(site: Site, *, depth: int, current: str, heading: str, content: str, lang: str | None = None) -> str:
    """A whole page: head, the site's header and navigation, ``content``, a one-line footer."""
    root = "../" * depth
    nav = site.navigation.get((depth, current))
    if nav is None:
        nav = site.navigation[(depth, current)] = "".join(
            f'<li><a href="{root}{page}"{CURRENT if key == current else ""}>{e(label)}</a></li>'
            for key, page, label in site.sections
        )
    title = site.title if heading == site.title else f"{heading} — {site.title}"
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang or site.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="teikit">'
        f"<title>{e(title)}</title>"
        f'<link rel="stylesheet" href="{root}assets/edition.css"><link rel="stylesheet" href="{root}assets/project.css">'
        f'<script src="{root}assets/edition.js" defer></script><script src="{root}assets/project.js" defer></script>'
        + (f'<link rel="stylesheet" href="{root}assets/explore.css"><script src="{root}assets/explore.js" defer></script>'
           if current in EXPLORING else "")
        + (f'<link rel="stylesheet" href="{root}assets/{OWN_CSS}">' if site.own_css else "") +
        f'</head><body class="page-{e(current)}"><a class="skip-link" href="#main">Skip to the content</a>'
        f'<header class="site-header"><p class="site-title"><a href="{root}index.html">{e(site.title)}</a></p>'
        f'<nav class="site-nav" aria-label="Project"><ul>{nav}</ul></nav></header>'
        f'<main id="main" tabindex="-1">{content}</main>'
        f'<footer class="site-footer"><p><a href="{root}about.html">About the project, sources and licences</a>. '
        f'Built <time datetime="{e(site.build_date)}">{e(format_iso(site.build_date))}</time> with teikit.</p></footer>'
        "</body></html>\n"
    )


def date_cell(card: dict) -> str:
    if not card.get("date"):
        return '<td data-key="~">undated</td>'
    return f'<td data-key="{e(card["date"])}"><time datetime="{e(card["date"])}">{e(format_iso(card["date"]))}</time></td>'


def people(names: list[dict], link) -> str:
    """Names from ``correspDesc``, each linked to its entry where its pointer resolves."""
    return "; ".join(_named(name, link) for name in names)


def _named(name: dict, link) -> str:
    href = link(name.get("ref", "")) if name.get("ref") else None
    text = e(name.get("name") or name.get("ref"))
    return f'<a href="{e(href)}">{text}</a>' if href else text


def text_key(value: str) -> str:
    return e(" ".join(value.split()).casefold())


# ===== The pages =====

def home(site: Site, catalogue, counts: dict[str, int]) -> str:
    documents = catalogue.documents
    dated = [document.card["date"] for document in documents if document.card["date"]]
    span = f", {e(format_iso(dated[0]))} to {e(format_iso(dated[-1]))}" if dated else ""
    description = "".join(f"<p>{e(paragraph)}</p>" for paragraph in site.description.split("\n\n") if paragraph.strip())
    items = [f'<li><a href="documents.html">{len(documents)} documents</a>{span}</li>']
    for key, page, label in site.sections:
        if key in counts:
            items.append(f'<li><a href="{page}">{e(label)}</a>: {counts[key]} entries</li>')
    if catalogue.is_letters():
        items.append('<li><a href="correspondents.html">Correspondents</a>: who wrote to whom</li>')
    content = (f'<h1>{e(site.title)}</h1><div class="project-description">{description}</div>'
               f'<ul class="project-contents">{"".join(items)}</ul>')
    return shell(site, depth=0, current="home", heading=site.title, content=content)


def documents_table(site: Site, catalogue, link) -> str:
    """Every document in a table that sorts by any column and filters by any words."""
    cards = [document.card for document in catalogue.documents]
    columns = [("date", "Date"), ("title", "Title")]
    for key, label in (("senders", "From"), ("recipients", "To"), ("places", "Place"), ("repository", "Repository"),
                       ("collection", "Collection"), ("shelfmark", "Shelfmark")):
        if any(card[key] for card in cards):
            columns.append((key, label))
    head = "".join(
        f'<th scope="col"{SORTED if key == "date" else ""}>'
        f'<button type="button" class="sort" data-column="{index}">{label}</button></th>'
        for index, (key, label) in enumerate(columns)
    )
    rows = []
    for document in catalogue.documents:
        card, cells = document.card, []
        for key, _label in columns:
            if key == "date":
                cells.append(date_cell(card))
            elif key == "title":
                cells.append(f'<td data-key="{text_key(card["title"])}"><a href="documents/{e(document.name)}.html">'
                             f'{e(card["title"] or document.name)}</a></td>')
            elif key in ("senders", "recipients", "places"):
                names = card[key]
                shown = people(names, lambda ref, document=document: link(ref, document, depth=0))
                cells.append(f'<td data-key="{text_key(" ".join(n["name"] for n in names))}">{shown}</td>')
            else:
                cells.append(f'<td data-key="{text_key(card[key])}">{e(card[key])}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    content = (
        f'<h1>Documents</h1><p class="table-filter" hidden><label for="table-filter">Show documents containing</label> '
        f'<input type="search" id="table-filter" autocomplete="off"> <span id="table-filter-status" role="status"></span></p>'
        f'<table class="documents" id="documents"><caption>{len(rows)} documents in date order; '
        f'choose a column heading to sort by it</caption><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )
    return shell(site, depth=0, current="documents", heading="Documents", content=content)


def document_page(site: Site, catalogue, position: int, fragment: str, link, licence: dict | None) -> str:
    document = catalogue.documents[position]
    card = document.card
    before, after = catalogue.neighbours(position)
    own_link = lambda ref: link(ref, document, depth=1)  # noqa: E731 - names of this document
    facts = []
    if card["date"]:
        facts.append(("Date", f'<time datetime="{e(card["date"])}">{e(format_iso(card["date"]))}</time>'))
    for key, label in (("senders", "From"), ("recipients", "To"), ("places", "Place")):
        if card[key]:
            facts.append((label, people(card[key], own_link)))
    for key, label in (("repository", "Repository"), ("collection", "Collection"), ("settlement", "Held in"),
                       ("shelfmark", "Shelfmark")):
        if card[key]:
            facts.append((label, e(card[key])))
    if licence:
        facts.append(("Licence", _licence(licence)))
    facts.append(("Source", f'<a href="../{e(download_path(document.source.name))}" download="{e(document.source.name)}">'
                             f'TEI file {e(document.source.name)}</a>'))
    panel = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts)
    sequence = []
    if before is not None:
        sequence.append(f'<a rel="prev" href="{e(before.name)}.html">Earlier: {e(before.card["title"])}</a>')
    if after is not None:
        sequence.append(f'<a rel="next" href="{e(after.name)}.html">Later: {e(after.card["title"])}</a>')
    nav = f'<nav class="sequence" aria-label="Documents in date order">{" ".join(sequence)}</nav>' if sequence else ""
    content = (f'<header class="document-header"><h1>{e(card["title"] or document.name)}</h1>{nav}'
               f'<dl class="document-facts">{panel}</dl></header>{fragment}{nav}')
    return shell(site, depth=1, current="documents", heading=card["title"] or document.name, content=content)


def _licence(licence: dict) -> str:
    target = licence.get("target") or ""
    label = e(licence.get("label") or target)
    if target.startswith(("https://", "http://")):
        return f'<a rel="license" href="{e(target)}">{label}</a>'
    return label


def register_index(site: Site, folder: str, label: str, entries: list, catalogue, describe) -> str:
    """The list of a register's entries, each with a short description and where it occurs."""
    items = []
    for entry in entries:
        count = len(catalogue.occurrences.get(entry.id, ()))
        summary = describe(entry)
        items.append(
            f'<li id="{e(entry.id)}" data-names="{e(" ".join(_names(entry)))}"><a class="entry-name" '
            f'href="{e(catalogue.page_of(entry))}">{e(heading_of(entry))}</a>'
            f'{_summary(summary)}'
            f' <span class="entry-count">{count} document{"" if count == 1 else "s"}</span></li>'
        )
    content = (
        f'<h1>{e(label)}</h1><p class="register-filter" hidden><label for="register-filter">Show entries whose name contains</label> '
        f'<input type="search" id="register-filter" autocomplete="off"> <span id="register-filter-status" role="status"></span></p>'
        f'<ul class="register-list" id="register">{"".join(items)}</ul>'
    )
    return shell(site, depth=0, current=folder, heading=label, content=content)


def entry_page(site: Site, folder: str, entry, facts: list[tuple[str, str]], catalogue) -> str:
    occurrences = catalogue.occurrences.get(entry.id, [])
    links = _document_links(catalogue)
    rows = []
    for occurrence in occurrences:
        link, href = links[occurrence.document]
        details = [ROLES_HTML.get(role) or e(role) for role in occurrence.roles]
        details += [f'<a class="occurrence" href="{href}#{e(anchor)}">{e(label)}</a>' for anchor, label in occurrence.anchors]
        rows.append(f'<li>{link}{": " + ", ".join(details) if details else ""}</li>')
    count = len(occurrences)
    data = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in facts)
    content = (
        f'<h1 class="entry-name">{e(heading_of(entry))}</h1>'
        f'{_data(data)}'
        f'<h2 id="occurrences">Mentioned in <span class="document-count">{count}</span> document{"" if count == 1 else "s"}</h2>'
        f'<ol class="occurrences">{"".join(rows)}</ol>'
    )
    return shell(site, depth=1, current=folder, heading=heading_of(entry), content=content)


ROLES = {"sent": "sender", "received": "recipient", "author": "author", "editor": "editor", "header": "in the description",
         "other": "elsewhere in the file"}
ROLES_HTML = {role: escape(label) for role, label in ROLES.items()}


def _document_links(catalogue) -> list[tuple[str, str]]:
    """Each document's link as entry pages show it (title and date), made once for all entries."""
    made = catalogue.entry_links
    if made is None:
        made = []
        for document in catalogue.documents:
            card, href = document.card, f"../documents/{e(document.name)}.html"
            date = f' <time datetime="{e(card["date"])}">{e(format_iso(card["date"]))}</time>' if card["date"] else ""
            made.append((f'<a class="document" href="{href}">{e(card["title"] or document.name)}</a>{date}', href))
        catalogue.entry_links = made
    return made


def correspondents(site: Site, catalogue, pairs, party_html) -> str:
    rows = []
    for sender, recipient, positions in pairs:
        letters = ", ".join(
            f'<a href="documents/{e(catalogue.documents[p].name)}.html">'
            f'{e(format_iso(catalogue.documents[p].card["date"]) or catalogue.documents[p].card["title"])}</a>'
            for p in positions
        )
        rows.append(f'<tr><td>{party_html(sender)}</td><td>{party_html(recipient)}</td>'
                    f'<td data-key="{len(positions):08d}">{len(positions)}</td><td>{letters}</td></tr>')
    content = (
        '<h1>Correspondents</h1><table class="correspondents" id="correspondents"><caption>Who wrote to whom: '
        f'{len(pairs)} pairs of correspondents</caption><thead><tr><th scope="col">From</th><th scope="col">To</th>'
        f'<th scope="col">Letters</th><th scope="col">Dates</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return shell(site, depth=0, current="correspondents", heading="Correspondents", content=content)


def about(site: Site, catalogue, licences: list[tuple[dict, int]], register_files: list[str]) -> str:
    parts = [f"<h1>About {e(site.title)}</h1>"]
    if site.description:
        parts.append("".join(f"<p>{e(p)}</p>" for p in site.description.split("\n\n") if p.strip()))
    parts.append(f"<h2>Documents</h2><p>{len(catalogue.documents)} documents; each page offers its TEI source.</p>")
    if licences:
        items = "".join(f"<li>{_licence(licence)}: {count} document{'' if count == 1 else 's'}</li>"
                        for licence, count in licences)
        parts.append(f'<h2 id="licences">Licences</h2><ul class="licences">{items}</ul>')
    if register_files:
        items = "".join(f"<li>{e(name)}</li>" for name in register_files)
        parts.append(f"<h2>Registers</h2><ul>{items}</ul>")
    return shell(site, depth=0, current="about", heading="About", content="".join(parts))


def heading_of(entry) -> str:
    return entry.name or entry.id


def _names(entry) -> list[str]:
    return [entry.name or "", *(entry.names or [])]


def _summary(summary: str) -> str:
    return f' <span class="entry-summary">{e(summary)}</span>' if summary else ""


def _data(data: str) -> str:
    return f'<dl class="entry-data">{data}</dl>' if data else ""
