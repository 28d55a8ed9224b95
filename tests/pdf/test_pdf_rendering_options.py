"""What a project's teikit.toml sets for its book ([rendering]): a preface, the choice between an
abbreviation and its expansion, the words a gap is given; and a book whose project sets none of
these, which prints no preface and the expansions. Expectations come from the TEI and the
teikit.toml, read here."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.visible_words import Browser
from tests.pdf.pdf_book import Book, build_book, squeeze
from toolkit.project import ProjectFileError, load_project

PROJECT = Path(__file__).resolve().parents[1] / "cases" / "rendering" / "project"
SOURCE = PROJECT / "tei" / "journal.xml"
SETTINGS = tomllib.loads((PROJECT / "teikit.toml").read_text(encoding="utf-8"))["rendering"]
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def _choices() -> list[tuple[str, str]]:
    """(abbreviation, expansion) of every abbr/expan choice of the journal."""
    root = etree.parse(str(SOURCE)).getroot()
    return [(choice.findtext("t:abbr", namespaces=TEI), choice.findtext("t:expan", namespaces=TEI))
            for choice in root.iterfind(".//t:choice", TEI)]


def _body_text(book: Book) -> str:
    """The book's text, before the list of the source's readings (which gives the other side)."""
    end = book.destinations.get("source-readings", len(book.pages) + 1) - 1
    return " ".join(" ".join(book.pages[:end]).split())


@pytest.fixture(scope="module")
def project_book(tmp_path_factory) -> Book:
    """The journal built as its project configures it (`teikit --project DIR build`)."""
    output = tmp_path_factory.mktemp("journal-project") / "build"
    result = subprocess.run([sys.executable, "-m", "toolkit", "--project", str(PROJECT), "build", "pdf", "html",
                             "-o", str(output), "--date", "2026-01-02"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return Book(SOURCE, output / "pdf" / "journal.pdf", output / "pdf" / "print.html")


@pytest.fixture(scope="module")
def generic_book(tmp_path_factory) -> Book:
    """The same document built on its own, with no rendering options."""
    return build_book(SOURCE, tmp_path_factory.mktemp("journal-generic"))


def test_the_preface_of_the_project_is_printed_once_listed_in_the_contents_before_the_text(project_book):
    preface = SETTINGS["print_preface"]
    pages = [" ".join(page.split()) for page in project_book.pages]
    contents = next(page for page in pages if "Contents" in page)
    assert preface["heading"] in contents
    text = squeeze(" ".join(pages))
    for paragraph in preface["paragraphs"]:
        assert text.count(squeeze(paragraph)) == 1, paragraph
    first_words = squeeze(etree.parse(str(SOURCE)).getroot().find(".//t:body/t:p", TEI).text)
    assert text.index(squeeze(preface["paragraphs"][-1])) < text.index(first_words)


def test_a_book_whose_project_gives_no_preface_has_none(generic_book):
    text = _body_text(generic_book)
    assert SETTINGS["print_preface"]["heading"] not in text
    assert "A note on the notes" not in text
    assert not generic_book.html.xpath("//section[contains(@class, 'tk-preface')]")


def test_abbreviations_are_printed_as_the_project_chooses(project_book, generic_book, tmp_path):
    assert SETTINGS["abbreviations"] == "both"
    both, expanded = _body_text(project_book), _body_text(generic_book)
    abbreviated = _body_text(build_book(SOURCE, tmp_path, extra={"rendering": {"abbreviations": "abbr"}}))
    for abbr, expan in _choices():
        assert f"{abbr} [{expan}]" in both
        assert re.search(rf"(?<!\w){re.escape(expan)}(?!\w)", expanded)
        assert not re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", expanded), f"{abbr} printed by default"
        assert re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", abbreviated)
        assert not re.search(rf"(?<!\w){re.escape(expan)}(?!\w)", abbreviated), f"{expan} printed with abbr"


def test_a_note_holding_only_a_gap_prints_its_marker_alone(project_book, generic_book):
    root = etree.parse(str(SOURCE)).getroot()
    gap_note, text_note = root.xpath(".//t:note[t:gap]", namespaces=TEI)[0], root.xpath(".//t:note[not(t:gap)]", namespaces=TEI)[0]
    for book in (project_book, generic_book):
        markers = book.html.xpath("//sup[contains(@class, 'tk-note-marker')]")
        assert [marker.text for marker in markers] == [gap_note.get("n")]
        text = _body_text(book)
        assert " ".join(text_note.itertext()).strip() in text  # a real note is a footnote
        assert "[…]" not in text
        assert SETTINGS["gaps"]["leaf-torn"] not in text


def test_the_web_edition_says_what_the_project_gives_for_a_gap(project_book):
    page = project_book.pdf_path.parents[1] / "html" / "index.html"
    spans = etree.parse(str(page), etree.HTMLParser()).xpath("//span[@class='gap']")
    assert spans and {" ".join("".join(span.itertext()).split()) for span in spans} == {SETTINGS["gaps"]["leaf-torn"]}


def test_a_wrong_rendering_option_in_teikit_toml_names_the_file_and_line(tmp_path):
    (tmp_path / "teikit.toml").write_text('title = "x"\n\n[rendering]\nabbreviations = "short"\n', encoding="utf-8")
    with pytest.raises(ProjectFileError) as error:
        load_project(tmp_path, search_parents=False)
    assert f"{tmp_path / 'teikit.toml'}:4:" in str(error.value) and "short" in str(error.value)
    (tmp_path / "teikit.toml").write_text('[rendering.print_preface]\nparagraphs = ["no heading"]\n', encoding="utf-8")
    with pytest.raises(ProjectFileError, match="needs a heading"):
        load_project(tmp_path, search_parents=False)


@pytest.mark.browser
def test_on_the_web_both_the_abbreviation_and_its_expansion_are_within_reach(project_book, chromium):
    page_path = project_book.pdf_path.parents[1] / "html" / "index.html"
    with Browser(chromium) as browser:
        page = browser.page
        page.goto(page_path.as_uri())
        choices = page.locator("main .alternate.choice")
        assert choices.count() == len(_choices())
        for k, (abbr, expan) in enumerate(_choices()):
            shown, source = choices.nth(k).locator(".reading-preferred"), choices.nth(k).locator(".reading-source")
            assert shown.inner_text() == expan and not source.is_visible()
            shown.focus()  # its pop-up names the abbreviation
            popup = page.locator(f"#{shown.get_attribute('aria-describedby')}")
            assert popup.is_visible() and abbr in popup.inner_text()
        page.locator("#view-toggle").click()  # the diplomatic view: the source's abbreviations
        for k, (abbr, expan) in enumerate(_choices()):
            assert choices.nth(k).locator(".reading-source").inner_text() == abbr
            assert not choices.nth(k).locator(".reading-preferred").is_visible()
