"""Debian's Chromium for the browser tests: launched headless through Playwright, and pages that
record every script error, console warning and failed request (a test expects none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.visible_words import Browser
from tests.conftest import required, required_program

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def playwright_api():
    return required("playwright.sync_api", "make test installs it (pip install -e '.[test]')")


def require_chromium() -> None:
    """Fail, saying how to install it, when Chromium is missing."""
    required_program(CHROMIUM, "make test installs Debian's chromium")


def launched(playwright):
    require_chromium()
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)


def watched(page):
    """``page``, with ``page.problems``: what went wrong in it so far."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed request {request.url}"))
    page.problems = problems
    return page


def one_browser():
    """The browser of the ``chromium`` fixture (tests/conftest.py): one for the whole test run in
    this process, since starting Chromium costs about a second of CPU time; each test opens and
    closes its own pages (each page its own context: nothing is shared between tests)."""
    with playwright_api().sync_playwright() as playwright:
        browser = launched(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reader(chromium):
    """One page that reads what a reader sees (``benchmarks.visible_words.Browser``), for a test module."""
    with Browser(chromium) as opened:
        yield opened
