"""The search page's content, the same for the essay's edition and for project sites: without
JavaScript a note and links to what can be read without it; with it, the form ``search.js`` runs."""

from __future__ import annotations

import json
from html import escape

from toolkit.interface_words import Words

SCRIPT, STYLE = "search.js", "search.css"
# The words search.js writes (its statuses, the filters it builds), given to it by the page.
SCRIPT_WORDS = ("search-unreadable", "search-prompt", "search-none", "search-documents-match", "search-found",
                "search-found-in", "search-find-among", "search-date-help", "search-reading", "search-corrected",
                "search-diplomatic", "date", "search-date-from", "search-date-to", "document-count", "document-count-one", "result-count",
                "result-count-one")


def search_content(browse: list[tuple[str, str]], *, root: str = "", words: Words | None = None) -> str:
    """The page's ``main`` content; ``browse``: (address, label) of the pages to read without
    JavaScript (the document list, the indexes); ``root``: the way from the page to the site's root;
    ``words``: the interface words (English when not given)."""
    words = words or Words()
    links = ", ".join(f'<a href="{escape(root + href)}">{escape(label)}</a>' for href, label in browse)
    search, texts = escape(words("search")), escape(words("search-texts"))
    return (
        f'<link rel="stylesheet" href="{escape(root)}assets/{STYLE}"><h1>{search}</h1>'
        f'<p id="search-no-script" class="search-no-script">{escape(words("search-no-script", links="{links}"))}</p>'
        .replace("{links}", links) +
        f'<div id="search-app" class="search" data-index="{escape(root)}search/" hidden="">'
        f'<form class="search-form" role="search" aria-label="{texts}">'
        f'<label for="search-input">{texts}</label> '
        '<input type="search" id="search-input" name="q" autocomplete="off" spellcheck="false" '
        f'aria-describedby="search-help"> <button type="submit">{search}</button>'
        f'<p id="search-help" class="search-help">{escape(words("search-help"))}</p></form>'
        '<div class="search-layout">'
        f'<div id="search-filters" class="search-filters" role="group" aria-label="{escape(words("search-narrow"))}"></div>'
        '<section class="search-found" aria-labelledby="search-results-title">'
        f'<h2 id="search-results-title">{escape(words("search-results"))}</h2>'
        '<p id="search-status" class="search-status" role="status" aria-live="polite"></p>'
        '<ol id="search-results" class="search-results"></ol>'
        f'<button type="button" id="search-more" hidden="">{escape(words("search-more"))}</button>'
        '</section></div></div>'
        f'<script type="application/json" id="search-words">{_script_words(words)}</script>'
        f'<script src="{escape(root)}assets/{SCRIPT}" defer=""></script>'
    )


def _script_words(words: Words) -> str:
    # JSON inside <script>: "</" written as "<\/" so that no word can close the element.
    return json.dumps({key: words(key) for key in SCRIPT_WORDS}, ensure_ascii=False).replace("</", "<\\/")
