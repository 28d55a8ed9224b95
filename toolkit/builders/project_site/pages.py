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

from toolkit import iso_dates
from toolkit.builders.source_copy import download_path
from toolkit.interface_words import Words

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
    words: Words = field(default_factory=Words)  # the interface words of the site's language
    own_css: bool = False  # the project's CSS (rendering option "css"), as assets/custom.css after the site's
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # (key, page, label)
    navigation: dict = field(default_factory=dict)  # (depth, current page) -> its menu, made once

    @property
    def language(self) -> str:
        return self.words.language

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
    root, words = "../" * depth, site.words
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
        f'</head><body class="page-{e(current)}"><a class="skip-link" href="#main">{e(words("skip"))}</a>'
        f'<header class="site-header"><p class="site-title"><a href="{root}index.html">{e(site.title)}</a></p>'
        f'<nav class="site-nav" aria-label="{e(words("project-menu"))}"><ul>{nav}</ul></nav></header>'
        f'<main id="main" tabindex="-1">{content}</main>'
        f'<footer class="site-footer"><p><a href="{root}about.html">{e(words("about-project-link"))}</a>. '
        f'{e(words("built"))} <time datetime="{e(site.build_date)}">{e(words.date(site.build_date))}</time> '
        f'{e(words("with-teikit"))}</p></footer>'
        "</body></html>\n"
    )


def date_cell(card: dict, words: Words) -> str:
    if not card.get("date"):
        return f'<td data-key="~">{e(words("undated"))}</td>'
    return f'<td data-key="{e(iso_dates.chronological_key(card["date"]))}">{dated(card["date"], words)}</td>'


def dated(iso: str, words: Words) -> str:
    """A date as a reader reads it, in a ``<time>`` element where HTML can hold it (from the year 1)."""
    date = iso_dates.parse(iso)
    if date is None or date.before_common_era:
        return f'<span class="date">{e(words.date(iso))}</span>'
    return f'<time datetime="{e(iso)}">{e(words.date(iso))}</time>'


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
    documents, words = catalogue.documents, site.words
    dated = [document.card["date"] for document in documents if document.card["date"]]
    span = ", " + e(words("date-span", start=words.date(dated[0]), end=words.date(dated[-1]))) if dated else ""
    description = "".join(f"<p>{e(paragraph)}</p>" for paragraph in site.description.split("\n\n") if paragraph.strip())
    items = [f'<li><a href="documents.html">{e(words.count("document-count", len(documents)))}</a>{span}</li>']
    for key, page, label in site.sections:
        if key in counts:
            items.append(f'<li><a href="{page}">{e(label)}</a>: {e(words.count("entry-count", counts[key]))}</li>')
    if catalogue.is_letters():
        items.append(f'<li><a href="correspondents.html">{e(words("correspondents"))}</a>: '
                     f'{e(words("who-wrote-to-whom"))}</li>')
    content = (f'<h1>{e(site.title)}</h1><div class="project-description">{description}</div>'
               f'<ul class="project-contents">{"".join(items)}</ul>')
    return shell(site, depth=0, current="home", heading=site.title, content=content)


def documents_table(site: Site, catalogue, link) -> str:
    """Every document in a table that sorts by any column and filters by any words."""
    cards, words = [document.card for document in catalogue.documents], site.words
    columns = [("date", words("date")), ("title", words("title"))]
    for key, label in (("senders", "from"), ("recipients", "to"), ("places", "place"), ("repository", "repository"),
                       ("collection", "collection"), ("shelfmark", "shelfmark")):
        if any(card[key] for card in cards):
            columns.append((key, words(label)))
    head = "".join(
        f'<th scope="col"{SORTED if key == "date" else ""}>'
        f'<button type="button" class="sort" data-column="{index}">{e(label)}</button></th>'
        for index, (key, label) in enumerate(columns)
    )
    rows = []
    for document in catalogue.documents:
        card, cells = document.card, []
        for key, _label in columns:
            if key == "date":
                cells.append(date_cell(card, words))
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
        f'<h1>{e(words("documents"))}</h1><p class="table-filter" hidden><label for="table-filter">'
        f'{e(words("filter-documents"))}</label> '
        f'<input type="search" id="table-filter" autocomplete="off"> <span id="table-filter-status" role="status" '
        f'data-shown="{e(words("filter-shown"))}"></span></p>'
        f'<table class="documents" id="documents"><caption>{e(words.count("documents-caption", len(rows)))}</caption>'
        f'<thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )
    return shell(site, depth=0, current="documents", heading=words("documents"), content=content)


def document_page(site: Site, catalogue, position: int, fragment: str, link, licence: dict | None) -> str:
    document, words = catalogue.documents[position], site.words
    card = document.card
    before, after = catalogue.neighbours(position)
    own_link = lambda ref: link(ref, document, depth=1)  # noqa: E731 - names of this document
    facts = []
    if card["date"]:
        facts.append((words("date"), dated(card["date"], words)))
    for key, label in (("senders", "from"), ("recipients", "to"), ("places", "place")):
        if card[key]:
            facts.append((words(label), people(card[key], own_link)))
    for key, label in (("repository", "repository"), ("collection", "collection"), ("settlement", "held-in"),
                       ("shelfmark", "shelfmark")):
        if card[key]:
            facts.append((words(label), e(card[key])))
    if licence:
        facts.append((words("licence"), _licence(licence)))
    facts.append((words("source"), f'<a href="../{e(download_path(document.source.name))}" download="{e(document.source.name)}">'
                                   f'{e(words("tei-file", name=document.source.name))}</a>'))
    panel = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in facts)
    sequence = []
    if before is not None:
        sequence.append(f'<a rel="prev" href="{e(before.name)}.html">{e(words("earlier", title=before.card["title"]))}</a>')
    if after is not None:
        sequence.append(f'<a rel="next" href="{e(after.name)}.html">{e(words("later", title=after.card["title"]))}</a>')
    nav = (f'<nav class="sequence" aria-label="{e(words("documents-in-date-order"))}">{" ".join(sequence)}</nav>'
           if sequence else "")
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
    items, words = [], site.words
    for entry in entries:
        count = len(catalogue.occurrences.get(entry.id, ()))
        summary = describe(entry, words)
        items.append(
            f'<li id="{e(entry.id)}" data-names="{e(" ".join(_names(entry)))}"><a class="entry-name" '
            f'href="{e(catalogue.page_of(entry))}">{e(heading_of(entry))}</a>'
            f'{_summary(summary)}'
            f' <span class="entry-count">{e(words.count("document-count", count))}</span></li>'
        )
    content = (
        f'<h1>{e(label)}</h1><p class="register-filter" hidden><label for="register-filter">'
        f'{e(words("filter-entries"))}</label> '
        f'<input type="search" id="register-filter" autocomplete="off"> <span id="register-filter-status" role="status" '
        f'data-shown="{e(words("filter-shown"))}"></span></p>'
        f'<ul class="register-list" id="register">{"".join(items)}</ul>'
    )
    return shell(site, depth=0, current=folder, heading=label, content=content)


def entry_page(site: Site, folder: str, entry, facts: list[tuple[str, str]], catalogue) -> str:
    occurrences, words = catalogue.occurrences.get(entry.id, []), site.words
    links = _document_links(catalogue, words)
    rows = []
    for occurrence in occurrences:
        link, href = links[occurrence.document]
        details = [e(words(ROLES[role])) if role in ROLES else e(role) for role in occurrence.roles]
        details += [f'<a class="occurrence" href="{href}#{e(anchor)}">{e(label)}</a>' for anchor, label in occurrence.anchors]
        rows.append(f'<li>{link}{": " + ", ".join(details) if details else ""}</li>')
    count = len(occurrences)
    data = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in facts)
    content = (
        f'<h1 class="entry-name">{e(heading_of(entry))}</h1>'
        f'{_data(data)}'
        f'<h2 id="occurrences">{_mentioned_in(words, count)}</h2>'
        f'<ol class="occurrences">{"".join(rows)}</ol>'
    )
    return shell(site, depth=1, current=folder, heading=heading_of(entry), content=content)


ROLES = {role: f"role-{role}" for role in ("sent", "received", "author", "editor", "header", "other")}  # their words


def _mentioned_in(words: Words, count: int) -> str:
    """"Mentioned in 3 documents", the number marked up for the reader's tools."""
    documents = e(words.count("document-count", count)).replace(str(count), f'<span class="document-count">{count}</span>', 1)
    return e(words("mentioned-in", count="\0")).replace("\0", documents)


def _document_links(catalogue, words: Words) -> list[tuple[str, str]]:
    """Each document's link as entry pages show it (title and date), made once for all entries."""
    made = catalogue.entry_links
    if made is None:
        made = []
        for document in catalogue.documents:
            card, href = document.card, f"../documents/{e(document.name)}.html"
            date = f" {dated(card['date'], words)}" if card["date"] else ""
            made.append((f'<a class="document" href="{href}">{e(card["title"] or document.name)}</a>{date}', href))
        catalogue.entry_links = made
    return made


def correspondents(site: Site, catalogue, pairs, party_html) -> str:
    rows, words = [], site.words
    for sender, recipient, positions in pairs:
        letters = ", ".join(
            f'<a href="documents/{e(catalogue.documents[p].name)}.html">'
            f'{e(words.date(catalogue.documents[p].card["date"]) or catalogue.documents[p].card["title"])}</a>'
            for p in positions
        )
        rows.append(f'<tr><td>{party_html(sender)}</td><td>{party_html(recipient)}</td>'
                    f'<td data-key="{len(positions):08d}">{len(positions)}</td><td>{letters}</td></tr>')
    content = (
        f'<h1>{e(words("correspondents"))}</h1><table class="correspondents" id="correspondents"><caption>'
        f'{e(words("correspondents-caption", n=len(pairs)))}</caption><thead><tr>'
        + "".join(f'<th scope="col">{e(words(key))}</th>' for key in ("from", "to", "letters", "dates"))
        + f'</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return shell(site, depth=0, current="correspondents", heading=words("correspondents"), content=content)


def about(site: Site, catalogue, licences: list[tuple[dict, int]], register_files: list[str]) -> str:
    words = site.words
    parts = [f"<h1>{e(words('about-title', title=site.title))}</h1>"]
    if site.description:
        parts.append("".join(f"<p>{e(p)}</p>" for p in site.description.split("\n\n") if p.strip()))
    documents = words.count("document-count", len(catalogue.documents))
    parts.append(f"<h2>{e(words('documents'))}</h2><p>{e(words('documents-offered', count=documents))}</p>")
    if licences:
        items = "".join(f"<li>{_licence(licence)}: {e(words.count('document-count', count))}</li>"
                        for licence, count in licences)
        parts.append(f'<h2 id="licences">{e(words("licences"))}</h2><ul class="licences">{items}</ul>')
    if register_files:
        items = "".join(f"<li>{e(name)}</li>" for name in register_files)
        parts.append(f"<h2>{e(words('registers'))}</h2><ul>{items}</ul>")
    return shell(site, depth=0, current="about", heading=words("about"), content="".join(parts))


def heading_of(entry) -> str:
    return entry.name or entry.id


def _names(entry) -> list[str]:
    return [entry.name or "", *(entry.names or [])]


def _summary(summary: str) -> str:
    return f' <span class="entry-summary">{e(summary)}</span>' if summary else ""


def _data(data: str) -> str:
    return f'<dl class="entry-data">{data}</dl>' if data else ""
