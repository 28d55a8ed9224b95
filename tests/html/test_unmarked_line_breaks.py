"""A line break without @break written between two letters continues the word ("Zu<lb/>sendung"
reads "Zusendung", the break drawn as a rule); one with white space beside it, or in a letter's
opening or closing formula ("Ihr<lb/>ergebener"), breaks the line between two words. Checked in
Chromium's innerText of the web page and in the PDF's text; the words expected are read from the
TEI here (tests/word_breaks.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.visible_words import tokens
from tests.chromium import watched
from tests.pdf.pdf_book import build_book, words
from tests.word_breaks import breaks_inside_words, in_formula
from toolkit.builders import html as html_builder
from toolkit.builders.options import BuildOptions

pytestmark = pytest.mark.browser

SOURCE = Path(__file__).resolve().parents[1] / "cases" / "readings" / "letter-lines.xml"
LB = "{http://www.tei-c.org/ns/1.0}lb"


def split_pairs() -> list[tuple[str, str]]:
    """(word before, word after) of each line break that parts two words: white space beside it,
    or a letter's formula."""
    found = []
    for lb in etree.parse(str(SOURCE)).iter(LB):
        previous = lb.getprevious()
        before = (previous.tail if previous is not None else lb.getparent().text) or ""
        after = lb.tail or ""
        head, rest = re.search(r"(\w*)(\s*)$", before), re.match(r"(\s*)(\w*)", after)
        if head.group(1) and rest.group(2) and (head.group(2) or rest.group(1) or in_formula(lb)):
            found.append((head.group(1), rest.group(2)))
    return found


@pytest.fixture(scope="module")
def page_text(tmp_path_factory, chromium) -> str:
    build = tmp_path_factory.mktemp("letter-lines")
    html_builder.build([SOURCE], build, options=BuildOptions(fixed_date="2026-01-02"))
    page = watched(chromium.new_page())
    page.goto(next((build / "html").rglob("index.html")).as_uri())  # one document: its site is the edition
    text = page.evaluate("document.querySelector('main').innerText")
    assert page.locator("main .lb-in-word:visible").count() == len(breaks_inside_words(SOURCE))
    assert page.problems == []
    page.close()
    return text


def test_the_fixture_has_both_kinds():
    assert {word for word, _name, _n in breaks_inside_words(SOURCE)} == {"Zusendung", "Nachsicht"}
    assert ("Ihr", "ergebener") in split_pairs() and ("Vergnügen", "gelesen") in split_pairs()


def test_a_word_written_on_across_a_line_reads_whole_on_the_web(page_text):
    seen = tokens(page_text)
    for word, _name, _n in breaks_inside_words(SOURCE):
        assert seen[word.casefold()] == 1, word
    for before, after in split_pairs():
        assert re.search(rf"{before}\n\s*{after}", page_text), (before, after)  # two words, two lines
        assert (before + after).casefold() not in seen


def test_a_word_written_on_across_a_line_reads_whole_in_the_pdf(tmp_path):
    book = build_book(SOURCE, tmp_path)
    printed = words("\n".join(book.pages))
    for word, _name, _n in breaks_inside_words(SOURCE):
        assert word.lower() in printed, word
    for before, after in split_pairs():
        assert before.lower() in printed and after.lower() in printed
        assert (before + after).lower() not in printed
