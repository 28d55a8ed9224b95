"""The search page's content, the same for the essay's edition and for project sites: without
JavaScript a note and links to what can be read without it; with it, the form ``search.js`` runs."""

from __future__ import annotations

from html import escape

SCRIPT, STYLE = "search.js", "search.css"


def search_content(browse: list[tuple[str, str]], *, root: str = "") -> str:
    """The page's ``main`` content; ``browse``: (address, label) of the pages to read without
    JavaScript (the document list, the indexes); ``root``: the way from the page to the site's root."""
    links = ", ".join(f'<a href="{escape(root + href)}">{escape(label)}</a>' for href, label in browse)
    return (
        f'<link rel="stylesheet" href="{escape(root)}assets/{STYLE}"><h1>Search</h1>'
        '<p id="search-no-script" class="search-no-script">Searching needs JavaScript, which this browser does not '
        f'run for this page. Everything can be read without it: {links}.</p>'
        f'<div id="search-app" class="search" data-index="{escape(root)}search/" hidden="">'
        '<form class="search-form" role="search" aria-label="Search the texts">'
        '<label for="search-input">Search the texts</label> '
        '<input type="search" id="search-input" name="q" autocomplete="off" spellcheck="false" '
        'aria-describedby="search-help"> <button type="submit">Search</button>'
        '<p id="search-help" class="search-help">Words match whatever their case and accents (Pestana finds '
        'Pestaña); put a phrase in quotes (“Workers’ Opposition”); end a word with * for every word that begins so '
        '(anarch*).</p></form>'
        '<div class="search-layout">'
        '<div id="search-filters" class="search-filters" role="group" aria-label="Narrow the results"></div>'
        '<section class="search-found" aria-labelledby="search-results-title">'
        '<h2 id="search-results-title">Results</h2>'
        '<p id="search-status" class="search-status" role="status" aria-live="polite"></p>'
        '<ol id="search-results" class="search-results"></ol>'
        '<button type="button" id="search-more" hidden="">Show more results</button>'
        '</section></div></div>'
        f'<script src="{escape(root)}assets/{SCRIPT}" defer=""></script>'
    )
