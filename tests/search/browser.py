"""Driving the search page in Chromium as a reader does: type, wait for the results, follow them."""

from __future__ import annotations

STATUS_DONE = """q => { const s = document.getElementById('search-status');
  return s && s.dataset.query === q && s.getAttribute('aria-busy') === 'false'; }"""


def open_search(page, site) -> None:
    page.goto((site / "search.html").as_uri())
    page.wait_for_selector("#search-app:not([hidden])")
    page.wait_for_function(STATUS_DONE, arg="")


def search(page, query: str) -> list[str]:
    """Type ``query`` and return every result's link (all pages of results)."""
    page.fill("#search-input", query)
    return _results(page, query)


def refresh(page, action) -> list[str]:
    """Do ``action`` (a facet, a date, the reading) and return the results it gives."""
    query = page.input_value("#search-input")
    page.evaluate("() => document.getElementById('search-status').removeAttribute('data-query')")
    action()
    return _results(page, query)


def _results(page, query: str) -> list[str]:
    page.wait_for_function(STATUS_DONE, arg=query)
    while page.is_visible("#search-more"):
        before = page.locator("#search-results > li").count()
        page.click("#search-more")
        page.wait_for_function("n => document.querySelectorAll('#search-results > li').length > n", arg=before)
    return [link.get_attribute("href") for link in page.locator("#search-results > li .result-title a").all()]


def status(page) -> str:
    return page.inner_text("#search-status")
