"""The facets count the current results: once words or another facet narrow them, each value shown
says how many of those results hold it, and a value none holds shows 0 and cannot be chosen.
The works facet lists the works the essay's titles point at. Everything expected is worked out
from the essay's TEI here."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.html.html_site import EDITION, edition_site
from tests.html.test_browser import browser_page
from tests.search.browser import open_search, refresh, search
from tests.search.expected import TEI, contains, outside_notes
from tests.search.test_search_edition import passages

FIXTURES = (browser_page, edition_site)
pytestmark = pytest.mark.browser
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NAMES = {"person": "persName", "place": "placeName", "work": "title"}
ENTRIES = {"person": ("person", "personGrp"), "place": ("place",), "work": ("bibl",)}


def register_names(kind: str) -> dict[str, str]:
    """entry id -> the name the index shows (its preferred name, else its first)."""
    tree = etree.parse(str(EDITION))
    names = {}
    for entry in tree.find(f"{TEI}standOff").iter(*(f"{TEI}{name}" for name in ENTRIES[kind])):
        forms = entry.findall(f"{TEI}{NAMES[kind]}")
        preferred = [form for form in forms if form.get("type") == "preferred"] or forms
        names[entry.get(XML_ID)] = " ".join("".join(preferred[0].itertext()).split())
    assert len(set(names.values())) == len(names), "each name designates one entry"
    return names


def mentioned(element, kind: str) -> set[str]:
    return {name.get("ref").lstrip("#") for name in outside_notes(element, NAMES[kind]) if name.get("ref")}


def expected_counts(query: list[str] | None, kind: str, keep) -> dict[str, int]:
    """name -> how many passages holding ``query`` (and kept by ``keep``) mention the entry."""
    names = register_names(kind)
    counts = dict.fromkeys(names.values(), 0)
    for words, element in passages().values():
        if (not query or contains(words, query)) and keep(element):
            for entry in mentioned(element, kind):
                counts[names[entry]] += 1
    return counts


def shown_counts(page, kind: str) -> dict[str, tuple[int, bool]]:
    """name -> (count, whether it can be chosen) for every value the facet shows."""
    rows = page.eval_on_selector_all(
        f".facet[data-facet='{kind}'] li",
        "items => items.map(li => [li.querySelector('label').textContent, li.querySelector('input').disabled])")
    shown = {}
    for text, disabled in rows:
        name, _, count = text.rpartition(" (")
        shown[name.strip()] = (int(count.rstrip(")").replace(",", "")), not disabled)
    return shown


def counted(page, action) -> list[str]:
    """Do ``action`` and wait until the facets count its results."""
    page.evaluate("() => document.getElementById('search-filters').removeAttribute('data-counted')")
    results = action()
    query = page.input_value("#search-input")
    page.wait_for_function("q => document.getElementById('search-filters').dataset.counted === q", arg=query)
    return results


def test_facet_counts_follow_the_query_and_the_other_facets(browser_page, edition_site):
    page = browser_page
    open_search(page, edition_site / "html")
    before = shown_counts(page, "place")
    counted(page, lambda: search(page, "anarchists"))
    places = shown_counts(page, "place")
    wanted = expected_counts(["anarchists"], "place", lambda element: True)
    assert places and {name: count for name, (count, _on) in places.items()} == {name: wanted[name] for name in places}
    assert any(places[name][0] != before[name][0] for name in places), "the query changes some counts"

    counted(page, lambda: refresh(page, lambda: page.locator(".facet[data-facet='person'] label",
                                                              has_text="Victor Serge").click()))
    serge = register_names("person")["pers-serge"]
    with_serge = expected_counts(["anarchists"], "place", lambda element: "pers-serge" in mentioned(element, "person"))
    places = shown_counts(page, "place")
    assert {name: count for name, (count, _on) in places.items()} == {name: with_serge[name] for name in places}
    for name, (count, can_choose) in places.items():
        assert can_choose == (count > 0), f"{name}: {count} results, {'enabled' if can_choose else 'disabled'}"
    assert any(count == 0 for count, _on in places.values()), "some place is not in these results"
    # A facet's own values are alternatives: its counts are those of the query alone.
    persons = shown_counts(page, "person")
    alone = expected_counts(["anarchists"], "person", lambda element: True)
    assert persons[serge][1] and {name: count for name, (count, _on) in persons.items()} == {
        name: alone[name] for name in persons}
    assert not page.problems


def test_the_works_facet_lists_the_works_the_titles_name(browser_page, edition_site):
    page = browser_page
    open_search(page, edition_site / "html")
    names = register_names("work")
    wanted = expected_counts(None, "work", lambda element: True)
    shown = shown_counts(page, "work")
    assert shown and {name: count for name, (count, _on) in shown.items()} == {name: wanted[name] for name in shown}
    memoirs = names["bibl-memoirs"]
    page.fill("#facet-find-work", "Memoirs")  # the facet shows its most named works; the others on asking
    found = refresh(page, lambda: page.locator(".facet[data-facet='work'] label", has_text=memoirs).click())
    naming = {f"index.html#{anchor}" for anchor, (_words, element) in passages().items()
              if "bibl-memoirs" in mentioned(element, "work")}
    assert naming and sorted(found) == sorted(naming)
    assert not page.problems
