"""Searching the essay's web edition in Chromium, from file://: each query's hits are worked out
from the TEI here, and each result's link must land on a passage holding the words."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.html.html_site import EDITION, edition_site
from tests.html.test_browser import browser_page
from tests.search.browser import open_search, refresh, search, status
from tests.search.expected import TEI, contains, outside_notes, overlaps, plain, reading

FIXTURES = (browser_page, edition_site)
pytestmark = pytest.mark.browser


def passages(diplomatic: bool = False) -> dict[str, tuple[list[str], object]]:
    """anchor -> (words, element) for every paragraph, note and section heading of the essay."""
    tree = etree.parse(str(EDITION))
    text = tree.find(f"{TEI}text")
    found = {}
    for paragraph in text.iter(f"{TEI}p"):
        if not any(ancestor.tag == f"{TEI}note" for ancestor in paragraph.iterancestors()):
            found[paragraph.get("{http://www.w3.org/XML/1998/namespace}id")] = paragraph
    for note in text.iter(f"{TEI}note"):
        found[note.get("{http://www.w3.org/XML/1998/namespace}id")] = note
    for head in text.iter(f"{TEI}head"):  # a section's heading: the section is the passage
        found[head.getparent().get("{http://www.w3.org/XML/1998/namespace}id")] = head
    assert None not in found, "every paragraph, note and section of the essay has an xml:id"
    passages = {anchor: (plain(reading(element, diplomatic)), element) for anchor, element in found.items()}
    # The registers the indexes do not show (its bibliography) follow the text, under "Registers".
    shown_apart = {f"{TEI}{name}" for name in ("listPerson", "listPlace", "listOrg")}
    others = [element for element in tree.find(f"{TEI}standOff") if element.tag not in shown_apart]
    passages["registers"] = ([word for element in others for word in plain(reading(element, diplomatic, notes=True))],
                             others[0])
    return passages


def expected(query: list[str], *, prefix: bool = False, diplomatic: bool = False, keep=lambda element: True) -> set[str]:
    return {f"index.html#{anchor}" for anchor, (words, element) in passages(diplomatic).items()
            if contains(words, query, prefix) and keep(element)}


@pytest.fixture
def essay_search(browser_page, edition_site):
    """The essay's search page, open in Chromium from file://."""
    open_search(browser_page, edition_site / "html")
    return browser_page


def landed_on_words(page, href: str, query: list[str], prefix: bool = False) -> None:
    """Follow a result's link (as the search page resolves it) and read the passage it lands on."""
    page.goto(page.evaluate("href => new URL(href, location.href).href", href))
    anchor = href.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert contains(plain(target.text_content()), query, prefix), f"{href} does not show {' '.join(query)}"


@pytest.mark.parametrize("query, words, prefix", [
    ("\"Workers' Opposition\"", ["workers", "opposition"], False),  # a phrase
    ("syndical*", ["syndical"], True),  # a prefix
    ("Pestana", ["pestana"], False),  # written Pestaña in the essay
    ("PESTAÑA", ["pestana"], False),
])
def test_queries_find_exactly_the_passages_holding_them(essay_search, query, words, prefix):
    page = essay_search
    found = search(page, query)
    wanted = expected(words, prefix=prefix)
    assert wanted, "the query is meant to find something"
    assert sorted(found) == sorted(wanted)
    assert len(found) == len(set(found))
    assert status(page).startswith(f"{len(wanted)} result")
    for href in found[:6]:
        landed_on_words(page, href, words, prefix)
    assert not page.problems


def test_a_person_and_a_date_range_narrow_the_results(essay_search):
    page = essay_search
    everywhere = search(page, "anarchists")

    def mentions_serge(element) -> bool:
        return any(name.get("ref") == "#pers-serge" for name in outside_notes(element, "persName"))

    def dated_1919_1920(element) -> bool:
        return any(overlaps(date, "1919", "1920") for date in outside_notes(element, "date"))

    assert sorted(everywhere) == sorted(expected(["anarchists"]))
    serge = refresh(page, lambda: page.locator(".facet[data-facet='person'] label", has_text="Victor Serge").click())
    assert sorted(serge) == sorted(expected(["anarchists"], keep=mentions_serge))
    page.fill("#date-from", "1919")
    both = refresh(page, lambda: page.fill("#date-to", "1920"))
    wanted = expected(["anarchists"], keep=lambda element: mentions_serge(element) and dated_1919_1920(element))
    assert wanted and len(wanted) < len(serge) < len(everywhere)
    assert sorted(both) == sorted(wanted)
    for href in both[:4]:
        landed_on_words(page, href, ["anarchists"])
    assert not page.problems


def test_the_diplomatic_reading_finds_the_source_s_words(essay_search):
    page = essay_search
    corrected = search(page, "Unless")
    assert sorted(corrected) == sorted(expected(["unless"]))
    diplomatic = refresh(page, lambda: page.check("#reading-diplomatic"))
    wanted = expected(["unless"], diplomatic=True)
    assert sorted(diplomatic) == sorted(wanted)
    assert set(wanted) - set(corrected), "the essay corrects a misprinted 'Unless'"
    assert page.locator("#search-results mark", has_text="Unless").count() >= 1
    assert not page.problems
