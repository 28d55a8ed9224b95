"""Indexes at the edges, searched in Chromium from file://: texts without a word, a word in the
diplomatic reading alone, a passage that holds another passage."""

from __future__ import annotations

import shutil

import pytest

from tests.html.test_browser import browser_page
from tests.search.browser import open_search, search, status
from toolkit.resources import data_dir
from toolkit.search import SearchDocument, Unit, index_files, units_from_html
from toolkit.search.page import SCRIPT, STYLE, search_content

FIXTURES = (browser_page,)
pytestmark = pytest.mark.browser


def site_of(folder, documents):
    """A site holding the search page and the index of ``documents``."""
    for relative, data in index_files(documents, []):
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    (folder / "assets").mkdir()
    for name in (SCRIPT, STYLE):
        shutil.copy(data_dir("xslt") / "assets" / name, folder / "assets" / name)
    content = search_content([("index.html", "Documents")])
    (folder / "search.html").write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search'
                                        f'</title></head><body><main>{content}</main></body></html>', encoding="utf-8")
    return folder


def test_an_index_without_any_word_finds_nothing_without_an_error(browser_page, tmp_path):
    # A text with no passage and one whose only passage is punctuation: the index has no term at all.
    documents = [SearchDocument("Empty", "a.html", []), SearchDocument("Dashes", "b.html", [Unit("p1", "¶ 1", "— … –")])]
    site = site_of(tmp_path, documents)
    open_search(browser_page, site)
    assert search(browser_page, "letter") == []
    assert search(browser_page, "let*") == []
    assert status(browser_page) == "No results."
    assert browser_page.problems == []


def test_a_phrase_does_not_run_across_a_passage_held_inside_another(browser_page, tmp_path):
    # The section's words before and after its paragraph are not next to each other on the page.
    page = ('<main><section id="s1">Workers<p id="p1">of the world</p>Opposition'
            '<p id="p2">Workers Opposition</p></section></main>')
    units = units_from_html(page)
    assert [unit.anchor for unit in units] == ["s1", "p1", "p2"]
    site = site_of(tmp_path, [SearchDocument("Sections", "a.html", units)])
    open_search(browser_page, site)
    assert search(browser_page, "workers") == ["a.html#s1", "a.html#p2"]
    assert search(browser_page, '"workers opposition"') == ["a.html#p2"]
    assert search(browser_page, '"world opposition"') == []
    assert browser_page.problems == []
