"""How much of a TEI document's text a reader can see: word coverage of rendered pages.

A document's words are the word tokens of its ``text`` (every descendant, readings,
notes and registers included), NFC-normalised and case-folded. A page's words are the
same tokens of what a reader sees: Chromium's ``innerText`` of the page (hidden
pop-ups and collapsed content do not count), or the text of a PDF (pdftotext). Coverage
is the share of the document's tokens found on the page, counted as multisets (a word
the text has three times must be on the page three times).

An element's edges separate words ("<title>The Absentee</title><idno>https://…" is two
words, as any rendering shows it), except for the phrase-level elements that can stand inside
a word (highlighting, supplied letters, expansions, corrections, word-internal line breaks).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

from lxml import etree

from toolkit.xmlio import read_document

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_WORD = re.compile(r"\w+")
# Elements that may stand inside a word: their edges do not separate words.
INSIDE_WORD = {"hi", "foreign", "emph", "supplied", "unclear", "c", "g", "add", "del", "ex", "expan", "abbr", "am", "orig", "reg", "sic",
               "corr", "choice", "subst", "damage", "restore", "mod", "seg", "w", "pc", "surplus", "secl", "anchor", "index",
               "milestone", "space", "handShift"}
# Words broken across lines by the typesetter's hyphenation (a hyphen at a line's end).
_HYPHENATED = re.compile(r"(\w)[-\u2010\u00ad]\n\s*(\w)")


def tokens(text: str) -> Counter:
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return Counter(_WORD.findall(folded))


def outermost_texts(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//*[local-name() = 'text'][not(ancestor::*[local-name() = 'text'])]")


def words_of(element: etree._Element) -> str:
    """The text of an element, a space at the edges of elements that separate words."""
    parts: list[str] = []
    _collect(element, parts, tail=False)
    return "".join(parts)


def _collect(element: etree._Element, parts: list[str], tail: bool = True) -> None:
    name = etree.QName(element).localname if isinstance(element.tag, str) else ""
    if isinstance(element.tag, str):
        separates = name not in INSIDE_WORD and not (name in ("lb", "pb", "cb") and element.get("break") == "no")
        if separates:
            parts.append(" ")
        parts.append(element.text or "")
        for child in element:
            _collect(child, parts)
        if separates:
            parts.append(" ")
    if tail:
        parts.append(element.tail or "")


def document_tokens(source: Path) -> Counter:
    """Every word of the document's text elements."""
    root = read_document(source).root
    total = Counter()
    for text in outermost_texts(root):
        total += tokens(words_of(text))
    return total


def element_tokens(source: Path) -> dict[str, Counter]:
    """The words under each TEI element name inside the text (outermost elements of a name only)."""
    root = read_document(source).root
    by_name: dict[str, Counter] = {}
    for text in outermost_texts(root):
        for element in text.iter(etree.Element):
            name = etree.QName(element).localname
            if element is not text and _inside_same(element, name, text):
                continue
            by_name.setdefault(name, Counter()).update(tokens(words_of(element)))
    return by_name


def _inside_same(element: etree._Element, name: str, stop: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if etree.QName(ancestor).localname == name:
            return True
        if ancestor is stop:
            return False
    return False


def coverage(wanted: Counter, seen: Counter) -> float:
    """Share of ``wanted`` tokens found in ``seen`` (multisets); 1.0 when nothing is wanted."""
    total = sum(wanted.values())
    if not total:
        return 1.0
    return sum(min(count, seen[token]) for token, count in wanted.items()) / total


def missing(wanted: Counter, seen: Counter) -> Counter:
    return Counter({token: count - seen[token] for token, count in wanted.items() if count > seen[token]})


def pdf_text(pdf: Path) -> str:
    """The text of a PDF as pdftotext reads it, with hyphenated line breaks joined."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return _HYPHENATED.sub(r"\1\2", text.decode("utf-8"))


class Browser:
    """Debian's Chromium through Playwright, one page reused for every document."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        self.page = self._browser.new_page(viewport={"width": 1200, "height": 900})
        # Pages are read offline: a page that links a stylesheet or script on the web (the TEI
        # Stylesheets' output does) must not wait for it until the load times out.
        self.page.route(re.compile(r"^(https?|ftp)://"), lambda route: route.abort())
        return self

    def __exit__(self, *exc):
        self._browser.close()
        self._playwright.stop()
        return False

    def visible_text(self, page: Path) -> str:
        """What a reader sees of a page: its body's innerText once scripts have run."""
        self.page.goto(page.resolve().as_uri(), wait_until="load")
        return self.page.evaluate("document.body.innerText")
