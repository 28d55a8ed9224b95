"""How much of a TEI document's text a reader can see: word coverage of rendered pages.

A document's words are the word tokens of its ``text`` (every descendant, readings,
notes and registers included), NFC-normalised and case-folded, read from the TEI with lxml
alone (references to the character entities of a DTD that is not read count as the
characters the HTML standard names). A page's words are the same tokens of what a reader
sees: Chromium's ``innerText`` of the page (hidden pop-ups and collapsed content do not
count), or the text of a PDF (pdftotext). Coverage is the share of the document's tokens
found on the page, counted as multisets (a word the text has three times must be on the
page three times). A web edition's words are those of its reading page and of the register
pages it links to.

An element's edges separate words ("<title>The Absentee</title><idno>https://…" is two
words, as any rendering shows it), except for the phrase-level elements that can stand inside
a word (highlighting, supplied letters, expansions, corrections, breaks inside a word: break="no",
or a break without @break with a letter right before and after it, except a line break in a
letter's opening or closing formula, whose lines are its units: "Ihr<lb/>ergebener").
An element's words are the words its text is part of (the whole word "Gesellschaft" for a
``c`` holding one of its letters).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from html.entities import html5
from pathlib import Path

from lxml import etree

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_WORD = re.compile(r"\w+")
# Elements that may stand inside a word: their edges do not separate words. Names are among
# them: a word is written onto a name ("<rs>Schnitzler</rs>s", "<placeName>Wien</placeName>er").
INSIDE_WORD = {"hi", "foreign", "emph", "supplied", "unclear", "c", "g", "add", "del", "ex", "expan", "abbr", "am", "orig", "reg", "sic",
               "corr", "choice", "subst", "damage", "restore", "mod", "seg", "w", "pc", "surplus", "secl", "anchor", "index",
               "milestone", "handShift", "rs", "name", "persName", "placeName", "orgName"}
# A letter's opening and closing formulae: their line breaks part words, with white space or not.
FORMULA = {"opener", "closer", "salute", "signed", "dateline", "address"}
# Words broken across lines by hyphenation (a hyphen at a line's end).
_HYPHENATED = re.compile(r"(\w)[-\u2010\u00ad]\n\s*(\w)")
# The same read in the order text is drawn: only the typesetter's hyphen (U+2010, WeasyPrint's
# hyphenation character, or a soft hyphen) joins the halves; the text's own keeps its place.
_TYPESET_HYPHEN = re.compile(r"(\w)[\u2010\u00ad]\n\s*(\w)")
_OWN_HYPHEN = re.compile(r"(\w-)\n\s*(\w)")
# The pages of a web edition that hold its registers, when its reading page links to them.
REGISTER_PAGES = ("persons.html", "places.html", "organisations.html")


def read_tei(source: Path) -> etree._Element:
    """The document's root as lxml alone reads it: no DTD, no network, any xml:id value."""
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True, collect_ids=False)
    return etree.parse(str(source), parser).getroot()


def tokens(text: str) -> Counter:
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return Counter(_WORD.findall(folded))


def outermost_texts(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//*[local-name() = 'text'][not(ancestor::*[local-name() = 'text'])]")


def words_of(element: etree._Element) -> str:
    """The text of an element, a space at the edges of elements that separate words."""
    return _Walk(element).text


class _Walk:
    """The text of an element as ``words_of`` gives it, with where each element's own text lies
    in it (``spans``: element name, start, end; the outermost element of each name only)."""

    def __init__(self, element: etree._Element, *, spans: bool = False):
        self._parts: list[str] = []
        self._length = 0
        self._open: Counter = Counter()
        self.spans: list[tuple[str, int, int]] | None = [] if spans else None
        self._visit(element, tail=False)
        self.text = "".join(self._parts)

    def _add(self, text: str) -> None:
        if text:
            # Composed piece by piece, so that offsets are those of the text words are found in.
            text = unicodedata.normalize("NFC", text)
            self._parts.append(text)
            self._length += len(text)

    def _break_in_word(self, name: str, node: etree._Element) -> bool:
        """A line, column or page break inside a word: break="no", or a break without @break
        with a letter right before and after it ("κρι<pb n="142r"/>νόμενος", "Ver<lb/>ehrung"),
        except a line break in a letter's opening or closing formula ("Ihr<lb/>ergebener")."""
        if name not in ("lb", "pb", "cb"):
            return False
        if node.get("break") is not None:
            return node.get("break") == "no"
        if name == "lb" and any(etree.QName(ancestor).localname in FORMULA for ancestor in node.iterancestors()):
            return False
        before = self._parts[-1][-1:] if self._parts else ""
        return bool(_WORD.match(before) and _WORD.match(node.tail or ""))

    def _visit(self, node, tail: bool = True) -> None:
        if isinstance(node, etree._Entity):
            self._add(html5.get(f"{node.name};", ""))  # a character entity of the DTD not read
        elif isinstance(node.tag, str):
            name = etree.QName(node).localname
            separates = name not in INSIDE_WORD and not self._break_in_word(name, node)
            self._add(" " if separates else "")
            start, outermost = self._length, not self._open[name]
            self._open[name] += 1
            self._add(node.text or "")
            for child in node:
                if name == "choice" and child.getprevious() is not None:
                    self._add(" ")  # a choice's alternatives are read one at a time, never as one word
                self._visit(child)
            self._open[name] -= 1
            if self.spans is not None and outermost:
                self.spans.append((name, start, self._length))
            self._add(" " if separates else "")
        if tail:
            self._add(node.tail or "")


def document_tokens(source: Path) -> Counter:
    """Every word of the document's text elements."""
    total = Counter()
    for text in outermost_texts(read_tei(source)):
        total += tokens(words_of(text))
    return total


def element_tokens(source: Path) -> dict[str, Counter]:
    """The words each TEI element name's text is part of inside the text (outermost elements of a
    name only): a word partly inside an element (one letter of it in ``c``) counts whole; an
    element without text has none."""
    by_name: dict[str, Counter] = {}
    for text in outermost_texts(read_tei(source)):
        walk = _Walk(text, spans=True)
        found = list(_WORD.finditer(walk.text))
        starts, ends = [match.start() for match in found], [match.end() for match in found]
        touched: dict[str, set[int]] = {}  # a word two elements of a name touch is counted once
        for name, start, end in walk.spans:
            if start == end:
                continue  # an empty element (a page break inside a word) has no words of its own
            touched.setdefault(name, set()).update(range(bisect_right(ends, start), bisect_left(starts, end)))
        for name, indices in touched.items():
            by_name.setdefault(name, Counter()).update(tokens(" ".join(found[index].group() for index in indices)))
    return by_name


def element_losses(by_name: dict[str, Counter], seen: Counter) -> dict[str, tuple[int, int]]:
    """Element name -> (its words not seen, its words), for the names that have words."""
    return {name: (sum(missing(wanted, seen).values()), sum(wanted.values()))
            for name, wanted in by_name.items() if wanted}


def coverage(wanted: Counter, seen: Counter) -> float:
    """Share of ``wanted`` tokens found in ``seen`` (multisets); 1.0 when nothing is wanted."""
    total = sum(wanted.values())
    if not total:
        return 1.0
    return sum(min(count, seen[token]) for token, count in wanted.items()) / total


def missing(wanted: Counter, seen: Counter) -> Counter:
    return Counter({token: count - seen[token] for token, count in wanted.items() if count > seen[token]})


def pdf_text(pdf: Path, *, drawn_order: bool = False) -> str:
    """The text of a PDF as pdftotext reads it, with hyphenated line breaks joined.

    In its reading order pdftotext itself drops a hyphen that ends a line, the text's own too (a
    URL broken after "schnitzler-" comes back "schnitzlerkultur"). ``drawn_order`` reads the text
    in the order it is drawn (-raw), which keeps the text's own hyphens but sets right-to-left
    scripts in visual order."""
    options = ["-raw"] if drawn_order else []
    text = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    text = text.stdout.decode("utf-8")
    if drawn_order:
        return _OWN_HYPHEN.sub(r"\1\2", _TYPESET_HYPHEN.sub(r"\1\2", text))
    return _HYPHENATED.sub(r"\1\2", text)


class Browser:
    """Debian's Chromium through Playwright, one page reused for every document: a Chromium of
    its own, or a page of ``browser`` (a Playwright browser already running, left running)."""

    def __init__(self, browser=None):
        self._given = browser

    def __enter__(self):
        self._playwright = None
        if self._given is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
        self._browser = self._given or self._playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        self.page = self._browser.new_page(viewport={"width": 1200, "height": 900})
        # Pages are read offline: a page that links a stylesheet or script on the web (the TEI
        # Stylesheets' output does) must not wait for it until the load times out.
        self.page.route(re.compile(r"^(https?|ftp)://"), lambda route: route.abort())
        return self

    def __exit__(self, *exc):
        if self._playwright is None:
            self.page.close()
            return False
        self._browser.close()
        self._playwright.stop()
        return False

    def visible_text(self, page: Path) -> str:
        """What a reader sees of a page: its body's innerText once scripts have run."""
        self.page.goto(page.resolve().as_uri(), wait_until="load")
        return self.page.evaluate("document.body.innerText")

    def edition_tokens(self, home: Path) -> tuple[Counter, Counter]:
        """The words of a web edition's reading page ``home``, and those of the reading page with
        the register pages (``REGISTER_PAGES``) it links to."""
        page = tokens(self.visible_text(home))
        linked = self.page.evaluate("Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))")
        registers = sorted({href for href in linked if href in REGISTER_PAGES})
        site = page + sum((tokens(self.visible_text(home.parent / name)) for name in registers), Counter())
        return page, site
