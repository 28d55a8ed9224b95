"""The book of a project indexes names however the letters mark them: ``rs`` and ``name`` with
``@type``, ``title`` with ``@ref`` (works), ``eventName`` (events), ``objectName`` (objects) and the names of the
letters' ``correspAction``s, which the book prints under each letter's title. Each index entry
gives the pages on which a name pointing at it stands in the PDF, read back with pypdf; which
names point at which entry is read here from the TEI with lxml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.project.objects_project import REGISTERS, make_objects_project
from tests.robustness.cli_support import run_in_process

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# Each register's entries, and where each entry gives its name.
HEADINGS = {"persons": ("//t:person | //t:personGrp", "t:persName"), "places": ("//t:place", "t:placeName"),
            "works": ("//t:bibl", "t:title"), "events": ("//t:event", "t:eventName"),
            "objects": ("//t:object", "t:objectIdentifier/t:objectName")}
T = {"t": TEI[1:-1]}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> tuple[Path, list[str]]:
    root = make_objects_project(tmp_path_factory.mktemp("book-names") / "things")
    status, _out, err = run_in_process("--project", root, "build", "pdf", "--date", "2026-01-31")
    assert status == 0, err
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(root / "build" / "pdf" / "letters-about-things.pdf").pages]
    return root, pages


def names_by_entry(root: Path) -> dict[str, set[str]]:
    """Entry id -> the forms of every name in the letters that points at it (ids are unique here)."""
    found: dict[str, set[str]] = {}
    for letter in sorted((root / "letters").glob("*.xml")):
        for element in etree.parse(str(letter)).iter():
            if isinstance(element.tag, str) and element.get("ref"):
                form = " ".join("".join(element.itertext()).split())
                found.setdefault(element.get("ref").rpartition("#")[2], set()).add(form)
    return found


def headings() -> dict[str, tuple[str, str]]:
    """Entry id -> (its register, its name as the register gives it)."""
    found = {}
    for register, (entries, name) in HEADINGS.items():
        for entry in etree.fromstring(REGISTERS[register].encode("utf-8")).xpath(entries, namespaces=T):
            found[entry.get(XML_ID)] = (register, " ".join(entry.xpath(f"string({name})", namespaces=T).split()))
    return found


def index_pages(pages: list[str], register: str, heading: str) -> set[int]:
    """The pages the index of ``register`` gives for ``heading`` (a range a–b as every page in it)."""
    for page in pages:
        if page.startswith(f"Index of {register}"):
            match = re.search(re.escape(heading) + r",\s*(\d+(?:\s*[,–]\s*\d+)*)", page)
            if match:
                numbers = set()
                for part in re.split(r"\s*,\s*", match.group(1)):
                    first, _, last = part.partition("–")
                    numbers.update(range(int(first), int(last or first) + 1))
                return numbers
    return set()


def test_each_entry_gives_the_pages_on_which_a_name_pointing_at_it_is_printed(book):
    root, pages = book
    named, registered = names_by_entry(root), headings()
    assert {register for register, _name in (registered[entry] for entry in named)} == set(HEADINGS)
    for entry, forms in named.items():
        expected = {number for number, page in enumerate(pages, 1) if not page.startswith("Index of")
                    and any(form in page for form in forms)}
        assert expected, (entry, forms)
        register, heading = registered[entry]
        assert index_pages(pages, register, heading) == expected, (entry, forms)


def test_the_book_prints_who_sent_each_letter_and_to_whom(book):
    root, pages = book
    for letter in sorted((root / "letters").glob("*.xml")):
        tree = etree.parse(str(letter))
        title = tree.findtext(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
        start = next(page for page in pages if page.startswith(title))  # each letter begins a page
        for action, word in (("sent", "From"), ("received", "To")):
            for name in tree.iterfind(f".//{TEI}correspAction[@type='{action}']/*[@ref]"):
                assert f"{word} {name.text}" in start, (letter.name, action)


def test_an_entry_named_in_two_letters_and_twice_in_one_is_indexed_on_three_pages(book):
    root, pages = book
    # the fixture places the Rosetta stone's names far apart: the test above means something
    register, heading = headings()["RosettaStone"]
    assert len(index_pages(pages, register, heading)) == 3
