"""Building a print edition for the tests, and reading it back the way a reader would.

Expectations come from the TEI source (read with lxml here, not through the stylesheets),
and are compared with what the PDF shows: its page texts (pypdf), its named destinations,
outline, metadata, attachments and fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from pypdf import PdfReader

from tests.built_once import built_once
from tests.conftest import project_rendering
from toolkit.builders import pdf as pdf_builder
from toolkit.builders.options import BuildOptions

REPOSITORY = Path(__file__).resolve().parents[2]
SMALL = REPOSITORY / "tests" / "cases" / "pdf" / "small-edition.xml"
EDITION = REPOSITORY / "tei" / "serge-anarchism-russian-years.xml"
FIXED_DATE = "2026-01-31"

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
NAMES = ("persName", "placeName", "orgName")


def build_book(source: Path, build_dir: Path, **options) -> "Book":
    options.setdefault("fixed_date", FIXED_DATE)
    options.setdefault("extra", {"rendering": project_rendering(source)})
    pdf_builder.build([source], build_dir, options=BuildOptions(**options))
    return built_book(source, build_dir)


def built_book(source: Path, build_dir: Path) -> "Book":
    return Book(source, build_dir / "pdf" / f"{source.stem}.pdf", build_dir / "pdf" / "print.html")


# ===== What the TEI says =====

def _t(name: str) -> str:
    return f"{{{TEI}}}{name}"


def _hidden(element: etree._Element) -> bool:
    """Readings the book does not print: the source side of a correction, the notes' texts."""
    for node in element.iterancestors():
        if node.tag in (_t("sic"), _t("orig"), _t("abbr")) and node.getparent().tag == _t("choice"):
            return True
    return False


def reading_text(element: etree._Element) -> str:
    """The text a reader sees for an element: corrections applied, notes left out."""
    out: list[str] = []

    def walk(node):
        if node.tag == _t("note") or (
            node.tag in (_t("sic"), _t("orig"), _t("abbr")) and node.getparent().tag == _t("choice")
        ):
            return
        if node.text:
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(element)
    return " ".join("".join(out).split())


@dataclass
class Source:
    path: Path
    tree: etree._ElementTree = field(init=False)

    def __post_init__(self):
        self.tree = etree.parse(str(self.path))

    def xpath(self, expression: str):
        return self.tree.xpath(expression, namespaces=NS)

    def paragraphs(self) -> list[tuple[str, str]]:
        """(number, reading text) of every numbered paragraph of the text, in order."""
        return [(p.get("n"), reading_text(p)) for p in self.xpath("//t:text//t:p[@n][not(ancestor::t:note)]")]

    def mentions(self) -> list[tuple[str, str, str]]:
        """(id the book gives it, entry id, form) of every indexed name the reader sees, in order
        (the title page, made from the header, is not indexed).

        The book numbers every name with a pointer in the text, m1, m2 …, in document order.
        """
        found = []
        names = self.xpath("//t:text//*[self::t:persName or self::t:placeName or self::t:orgName][@ref]")
        for number, name in enumerate(names, start=1):
            if _hidden(name) or name.xpath("ancestor::t:note[@type='authorial'] | ancestor::t:titlePage", namespaces=NS):
                continue
            entry = name.get("ref").split()[0].lstrip("#")
            found.append((f"m{number}", entry, reading_text(name)))
        return found

    def register_of(self, entry_id: str) -> str | None:
        element = self.xpath(f"//*[@xml:id='{entry_id}']")
        if not element:
            return None
        local = etree.QName(element[0]).localname
        return {"person": "persons", "personGrp": "persons", "place": "places", "org": "organisations"}.get(local)

    def headed_sections(self) -> list[str]:
        return [reading_text(head) for head in self.xpath("//t:text/t:body/t:div/t:head[1]")]


# ===== What the PDF shows =====

def squeeze(text: str) -> str:
    """Text without white space, soft hyphens or the hyphens of automatic hyphenation (U+2010)."""
    return re.sub(r"[\s\u00ad\u2010]+", "", text)


def words(text: str) -> list[str]:
    """Lower-case letter runs; hyphens join (a compound broken at a line end still matches)."""
    text = re.sub(r"[-\u2010\u00ad]\s*", "", text)
    return re.findall(r"[^\W\d_]+", text.lower())


@dataclass
class Book:
    source_path: Path
    pdf_path: Path
    html_path: Path

    @cached_property
    def source(self) -> Source:
        return Source(self.source_path)

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(str(self.pdf_path))

    @cached_property
    def pages(self) -> list[str]:
        """Text of every page; index 0 is page 1."""
        return [page.extract_text() or "" for page in self.reader.pages]

    @cached_property
    def reading_pages(self) -> list[str]:
        """Page texts with the footnote calls (E1, E2 …) taken out: text extraction glues a
        superior call to the word before it."""
        labels = sorted(set(self.html.xpath("//span[contains(@class, 'tk-footnote')]/@data-label")), key=len, reverse=True)
        pages = []
        for text in self.pages:
            for label in labels:
                text = re.sub(rf"(?<=\S){re.escape(label)}(?!\d)", " ", text)
            pages.append(text)
        return pages

    @cached_property
    def destinations(self) -> dict[str, int]:
        """Named destination (an element id of the book) -> page number (1-based)."""
        return {
            name: self.reader.get_destination_page_number(destination) + 1
            for name, destination in self.reader.named_destinations.items()
        }

    @cached_property
    def html(self):
        return lxml_html.parse(str(self.html_path)).getroot()

    def page_of(self, element_id: str) -> int:
        return self.destinations[element_id]

    def index_entries(self, register: str) -> dict[str, str]:
        """entry id -> heading, as the book's index lists them."""
        return {
            p.get("data-entry"): " ".join(p.xpath("string(span[@class='tk-index-heading'])").split())
            for p in self.html.xpath(f"//section[@id='index-{register}']//p[@data-entry]")
        }

    def index_text(self, register: str) -> str:
        """The text of the index's pages, from its first page to the next index or the end."""
        first = self.page_of(f"index-{register}")
        following = [self.page_of(name) for name in self.destinations if name.startswith("index-") and self.page_of(name) > first]
        last = min(following) - 1 if following else len(self.pages)
        return " ".join(" ".join(self.pages[first - 1:last]).split())

    def printed_locators(self, register: str) -> dict[str, list[int]]:
        """entry id -> the page numbers printed after its heading in the index."""
        text = self.index_text(register)
        printed = {}
        for entry, heading in self.index_entries(register).items():
            match = re.search(re.escape(heading) + r"((?:\s*,\s*\d+)+)", text)
            printed[entry] = [int(n) for n in re.findall(r"\d+", match.group(1))] if match else []
        return printed


# ===== Fixtures: each book is built once in a test run (tests/built_once.py) and only read =====
# (Imported by the test modules; tests/pdf has no conftest.py, so `from conftest import` elsewhere
# keeps finding tests/conftest.py.)

_BUILT: dict[str, Book] = {}


def _built_once(name: str, source: Path, tmp_path_factory) -> Book:
    if name not in _BUILT:
        directory, _ = built_once(tmp_path_factory, f"pdf-{name}", lambda build_dir: build_book(source, build_dir))
        _BUILT[name] = built_book(source, directory)
    return _BUILT[name]


@pytest.fixture(scope="session")
def small_book(tmp_path_factory) -> Book:
    return _built_once("small", SMALL, tmp_path_factory)


@pytest.fixture(scope="session")
def edition_book(tmp_path_factory) -> Book:
    return _built_once("edition", EDITION, tmp_path_factory)
