"""The search pages for keyboard and screen-reader users: axe-core finds no serious or critical
violation (results, facets and the reading switch shown), and a query is typed, counted and
followed from the keyboard alone."""

from __future__ import annotations

import pytest

from tests.conftest import required
from tests.html.html_site import edition_site
from tests.html.test_browser import browser_page
from tests.project_site.melp_site import melp_site
from tests.search.browser import open_search, refresh, search, status

FIXTURES = (browser_page, edition_site, melp_site)
pytestmark = pytest.mark.browser


def serious_violations(page) -> list[str]:
    axe = required("axe_playwright_python.sync_playwright", "make test installs it (pip install -e '.[test]')")
    results = axe.Axe().run(page)
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            f"{[node['target'] for node in violation['nodes']][:3]}"
            for violation in results.response["violations"] if violation["impact"] in ("serious", "critical")]


def test_the_essay_s_search_page_passes_axe(browser_page, edition_site):
    page = browser_page
    open_search(page, edition_site / "html")
    assert serious_violations(page) == []
    search(page, "anarchists")
    refresh(page, lambda: page.locator(".facet[data-facet='person'] input[type='checkbox']").first.check())
    assert serious_violations(page) == []


def test_the_project_s_search_page_passes_axe(browser_page, melp_site):
    page = browser_page
    open_search(page, melp_site / "build" / "html")
    search(page, '"dear madam"')
    page.fill("#facet-find-person", "Edgeworth")
    page.wait_for_selector(".facet[data-facet='person'] li")
    refresh(page, lambda: page.locator(".facet[data-facet='person'] input[type='checkbox']").first.check())
    assert serious_violations(page) == []


def test_searching_from_the_keyboard(browser_page, edition_site):
    page = browser_page
    open_search(page, edition_site / "html")
    for _ in range(30):  # Tab from the top of the page to the search field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-input":
            break
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("Pestana")
    page.wait_for_function("() => document.getElementById('search-status').dataset.query === 'Pestana'")
    assert status(page) == "2 results."
    assert page.get_attribute("#search-status", "role") == "status"
    for _ in range(100):  # past the filters, on to the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#search-results') !== null"):
            break
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target, "a result's link takes the focus"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{target}")
    assert page.evaluate("location.hash") in ("#p95", "#p96")
    assert not page.problems


def test_without_javascript_the_page_says_so_and_leads_to_the_texts(browser_page, edition_site):
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((edition_site / "html" / "search.html").as_uri())
    note = page.locator("#search-no-script")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    assert not page.locator("#search-app").is_visible()
    links = [link.get_attribute("href") for link in note.locator("a").all()]
    assert links == ["index.html", "persons.html", "places.html", "organisations.html"]
    assert all((edition_site / "html" / link).is_file() for link in links)
    context.close()
