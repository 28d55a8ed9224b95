"""Search for the web edition of one document (the essay): its paragraphs and notes, searchable
from ``search.html``, with facets for the persons, places, organisations and works each paragraph
names and the dates it gives.

The units are read from the essay page as rendered (``index.html``); which register entry a name
designates is the register model's answer (``toolkit.project.registers``), through the entry's
address the page links to.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from toolkit.interface_words import Words
from toolkit.project.registers import Registers
from toolkit.search import SearchDocument, index_files, units_from_html
from toolkit.search.facets import by_kind, mention_facets
from toolkit.search.page import search_content

PLACEHOLDER = '<div id="tk-search-content"></div>'
TEXT_PAGE = "index.html"
# The pages to read without JavaScript, and the word that names each.
BROWSE = ((TEXT_PAGE, "browse-text"), ("persons.html", "browse-persons"), ("places.html", "browse-places"),
          ("organisations.html", "browse-organisations"))


def search_files(source: Path, pages: dict[str, str], title: str, registers: Registers,
                 words: Words) -> dict[str, bytes]:
    """``search.html`` (from its shell in ``pages``) and the index of the text page, as files;
    ``registers`` are the document's own; ``words`` those of the other pages' language."""
    units = units_from_html(pages[TEXT_PAGE], root_id="main")
    unit_facets, named = [], {}
    for unit in units:
        entries = [entry for entry in (_entry(registers, href, source) for href in unit.refs) if entry is not None]
        named.update((entry.id, entry) for entry in entries)
        unit_facets.append(by_kind(entries))
    document = SearchDocument(title=title, href=TEXT_PAGE, units=units, unit_facets=unit_facets)
    files = dict(index_files([document], mention_facets(named.values(), words), scope="unit"))
    browse = [(href, words(key)) for href, key in BROWSE]
    page = pages["search.html"].replace(PLACEHOLDER, search_content(browse, words=words), 1)
    files["search.html"] = page.encode("utf-8")
    return files


def _entry(registers: Registers, href: str, source: Path):
    """The entry an index page's address designates (``persons.html#pers-serge``)."""
    fragment = unquote(urlsplit(href).fragment)
    return registers.resolve("#" + fragment, source) if fragment else None
