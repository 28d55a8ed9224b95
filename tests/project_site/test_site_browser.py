"""The MELP letters' web edition in a real browser (Debian's Chromium through Playwright), from file://."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from tests.chromium import watched
from tests.project_site.melp_site import TEI, letters, melp_site, parsed, pointers, register_id
from tests.word_breaks import in_formula

FIXTURES = (melp_site,)

pytestmark = pytest.mark.browser

# Note markers are the edition's numbers, not the letter's words ("16" and marker "1" read "161");
# the notes' own text is in the list of notes.
BREAKS = {f"{TEI}{name}" for name in ("lb", "pb", "cb")}
NOTE_MARKERS_HIDDEN = "sup.noteref { display: none !important; }"
# What a reader sees of the letter's text with that style added, read in one call to the page (a
# third of the browser's work per letter, against adding the style and reading in two).
TEXT_WITHOUT_NOTE_MARKERS = """style => {
  const sheet = document.createElement("style");
  sheet.textContent = style;
  document.head.append(sheet);
  return document.querySelector("article.document-text").innerText;
}"""


@pytest.fixture
def page(chromium):
    page = watched(chromium.new_page(viewport={"width": 1200, "height": 900}))
    yield page
    page.close()


def document_pages(site: Path) -> dict[str, Path]:
    """TEI file name -> its page, read from each page's download link (the name a click saves)."""
    found = {}
    for path in (site / "documents").glob("*.html"):
        for name in lxml_html.parse(str(path)).xpath("//a[@download]/@download"):
            found[name] = path
    return found


def test_the_document_table_sorts_by_date(page, melp_site):
    html = melp_site / "build" / "html"
    page.goto((html / "documents.html").as_uri())
    expected = letters(melp_site)
    rows = page.locator("#documents tbody tr")
    assert rows.count() == len(expected)

    def dates() -> list[str]:
        return page.eval_on_selector_all("#documents tbody tr", "rows => rows.map(r => r.cells[0].getAttribute('data-key'))")

    first = dates()
    assert first == sorted(first), "the table opens in date order"
    page.get_by_role("button", name="Date").click()
    descending = dates()
    assert descending == sorted(first, reverse=True)
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("Date")
    page.get_by_role("button", name="Date").click()
    assert dates() == first

    # Each letter's date in the table is one its TEI gives of the letter (not of its encoding).
    by_file = {}
    for row in page.eval_on_selector_all(
            "#documents tbody tr", "rows => rows.map(r => [r.cells[0].getAttribute('data-key'), r.cells[1].querySelector('a').href])"):
        by_file[row[1]] = row[0]
    pages = document_pages(html)
    for letter in expected:
        key = by_file[pages[letter.name].as_uri()]
        whens = {value.strip() for value in parsed(letter).xpath(
            "(//t:text | //t:correspDesc | //t:msDesc | //t:creation)//@when", namespaces={"t": TEI[1:-1]})}
        assert key in whens or (key == "~" and not any(re.match(r"^\d{4}", w) for w in whens)), letter.name

    # The filter keeps the rows that contain every word typed.
    page.fill("#table-filter", "Dumont")
    shown = page.eval_on_selector_all("#documents tbody tr:not([hidden])", "rows => rows.map(r => r.textContent)")
    hidden = page.eval_on_selector_all("#documents tbody tr[hidden]", "rows => rows.map(r => r.textContent)")
    assert shown and all("dumont" in text.lower() for text in shown)
    assert not any("dumont" in text.lower() for text in hidden)
    assert page.problems == []


def _letters_naming(project: Path, register: str) -> dict[str, set[str]]:
    """Register id -> the letters whose TEI points at it, counted here from the TEI."""
    found: dict[str, set[str]] = defaultdict(set)
    for letter in letters(project):
        for pointer in pointers(parsed(letter)):
            if (identifier := register_id(pointer, register)) is not None:
                found[identifier].add(letter.name)
    return found


def test_a_persons_page_lists_the_letters_that_name_that_person(page, melp_site):
    html = melp_site / "build" / "html"
    naming = _letters_naming(melp_site, "Personography.xml")
    ranked = sorted(naming, key=lambda identifier: (-len(naming[identifier]), identifier))
    chosen = [ranked[0], ranked[len(ranked) // 2], ranked[-1]]
    pages = {page_path.resolve(): name for name, page_path in document_pages(html).items()}
    for identifier in chosen:
        page.goto((html / "persons.html").as_uri())
        page.click(f"#register li[id='{identifier}'] a.entry-name")
        page.wait_for_selector("h1.entry-name")
        page.wait_for_load_state()  # its stylesheet too: the next navigation must not cancel a load
        assert page.locator(".document-count").inner_text() == str(len(naming[identifier]))
        listed = page.eval_on_selector_all("ol.occurrences a.document", "links => links.map(a => a.href)")
        assert len(listed) == len(naming[identifier])
        names = {pages[Path(href.removeprefix("file://")).resolve()] for href in listed}
        assert names == naming[identifier], identifier
        # From the entry to the paragraph that names the person, and back to the entry.
        occurrence = page.locator("a.occurrence").first
        if occurrence.count():
            occurrence.click()
            page.wait_for_load_state()
            anchor = page.evaluate("location.hash").removeprefix("#")
            assert anchor and page.locator(f"[id='{anchor}'] a.mention[href$='/{identifier}.html']").count() >= 1
    assert page.problems == []


def _reading_words(text_element) -> Counter:
    """The words of a letter's text as a reader sees it: one regularised or corrected reading,
    blocks (paragraphs, notes, openers...), line breaks and gaps separating words."""
    preferred = {f"{TEI}{name}" for name in ("corr", "reg", "expan")}
    separate = {f"{TEI}{name}" for name in ("lb", "pb", "cb", "gap", "p", "ab", "note", "opener", "closer", "salute",
                                            "dateline", "signed", "postscript", "head", "div", "l", "item", "addrLine")}
    parts: list[str] = []

    def walk(element):
        if element.tag == f"{TEI}choice":
            # One reading (the first correction or regularisation); space between the readings is
            # layout, space around them is text.
            readings = [child for child in element if child.tag in preferred] or list(element)[:1]
            parts.append(" " if (element.text or "").strip() == "" and (element.text or "") != "" else "")
            for reading in readings[:1]:
                walk(reading)
            last = list(element)[-1] if len(element) else None
            parts.append(" " if last is not None and (last.tail or "") and not (last.tail or "").strip() else "")
            return
        joined = element.tag not in separate or element.get("break") == "no" or _inside_a_word(element, parts)
        parts.append("" if joined else " ")
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        parts.append("" if joined else " ")
    walk(text_element)
    return Counter(re.findall(r"\w+", unicodedata.normalize("NFC", "".join(parts))))


def _inside_a_word(element, parts: list[str]) -> bool:
    """A break without @break written between two letters continues the word, except a line
    break in a letter's opening or closing formula (see tests/word_breaks.py)."""
    if element.tag not in BREAKS or element.get("break") is not None or len(element) or element.text:
        return False
    if element.tag == f"{TEI}lb" and in_formula(element):
        return False
    before = next((part for part in reversed(parts) if part), "")
    return bool(re.search(r"\w$", before) and re.match(r"\w", element.tail or ""))


def test_no_letter_loses_a_word_of_its_text(page, melp_site):
    html = melp_site / "build" / "html"
    pages = document_pages(html)
    losses = {}
    for letter in letters(melp_site):
        expected = _reading_words(parsed(letter).find(f"{TEI}text"))
        page.goto(pages[letter.name].as_uri())
        shown = Counter(re.findall(r"\w+", unicodedata.normalize("NFC", page.evaluate(TEXT_WITHOUT_NOTE_MARKERS,
                                                                                      NOTE_MARKERS_HIDDEN))))
        missing = expected - shown
        if missing:
            losses[letter.name] = sorted(missing)
    assert losses == {}
    assert page.problems == []
