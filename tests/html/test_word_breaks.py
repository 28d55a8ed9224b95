"""A line or page break inside a word keeps the word whole in what a reader copies, searches or
has read aloud (Chromium's innerText): the break is a drawn rule, and a page break's number
follows the word ("κρινόμενος[142r]"). The words and numbers expected are read from the TEI
(tests/word_breaks.py): a test case of its own and the corpus documents that have such breaks."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from benchmarks.visible_words import tokens
from tests.chromium import watched
from tests.conftest import CORPUS
from tests.word_breaks import breaks_inside_words
from toolkit.builders import html as html_builder
from toolkit.builders.options import BuildOptions

pytestmark = pytest.mark.browser

CASE = __import__("pathlib").Path(__file__).resolve().parents[1] / "cases" / "readings" / "transcription.xml"
SOURCES = [CASE, CORPUS / "pta/data/pta0001/pta035/pta0001.pta035.pta-grcBibex.xml",
           CORPUS / "pta/data/pta0013/pta003/pta0013.pta003.pta-grc1.xml"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict:
    build = tmp_path_factory.mktemp("word-breaks")
    html_builder.build(SOURCES, build, options=BuildOptions(fixed_date="2026-01-02"))
    return {source: build / "html" / name / "index.html" for source, name in zip(SOURCES, html_builder._site_names(SOURCES))}


@pytest.fixture(scope="module")
def page(chromium):
    opened = watched(chromium.new_page(viewport={"width": 1000, "height": 900}))
    yield opened
    opened.close()


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_a_word_broken_by_a_line_or_page_break_reads_whole(pages, page, source):
    expected = breaks_inside_words(source)
    assert expected
    page.goto(pages[source].as_uri())
    text = page.evaluate("document.querySelector('main').innerText")
    seen = tokens(text)
    wanted = Counter(tokens(" ".join(word for word, _name, _n in expected)))
    assert {word: count for word, count in wanted.items() if seen[word] < count} == {}
    for word, name, n in expected:
        if name == "pb" and n:  # its number right after the word, where a reader sees it
            assert re.search(rf"{re.escape(word)}\[{re.escape(n)}\]", text), (word, n)
    # Each break is still shown where it stands: a drawn rule, seen though it adds no character
    # (in the reading text; a reading quoted again in the apparatus has its own).
    markers = page.locator("main .lb-in-word:visible, main .pb-in-word:visible")
    assert markers.count() >= len(expected)
    for k in range(markers.count()):
        marker = markers.nth(k)
        assert marker.inner_text() == ""
        style = marker.evaluate("m => { const s = getComputedStyle(m); return [s.borderLeftStyle, s.borderLeftWidth, s.visibility]; }")
        assert style[0] == "solid" and float(style[1].removesuffix("px")) > 0 and style[2] == "visible"
        assert marker.bounding_box()["height"] > 0


def test_a_line_break_between_words_still_breaks_the_line(pages, page):
    page.goto(pages[CASE].as_uri())
    text = page.evaluate("document.querySelector('main').innerText")
    assert re.search(r"ends here\n\s*where the next", text)
    assert page.problems == []
