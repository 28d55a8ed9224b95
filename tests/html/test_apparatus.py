"""The critical apparatus on the web, in Chromium: every reading, its sigla, a pop-up at each app,
a numbered apparatus, and the text as one witness has it.

Expectations are read from the TEI of each fixture with lxml, not from the stylesheets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.coverage_bench import write_site
from benchmarks.visible_words import Browser, coverage, missing, tokens, words_of
from tests.apparatus_entries import TEI, expected_entry, sigla, squeeze
from tests.chromium import reader
from tests.conftest import CORPUS
from toolkit.builders.options import BuildOptions

pytestmark = pytest.mark.browser
FIXTURES = (reader,)  # pytest finds fixtures among the module's names

CASES = Path(__file__).resolve().parents[1] / "cases" / "apparatus"
OPTIONS = BuildOptions(fixed_date="2026-01-02")


def open_site(reader: Browser, source: Path, folder: Path):
    reader.page.goto(write_site(source, folder, OPTIONS).as_uri())
    return reader.page


def test_every_reading_is_in_the_apparatus_with_its_sigla(reader, tmp_path):
    source = CASES / "parallel.xml"
    root = etree.parse(str(source)).getroot()
    page = open_site(reader, source, tmp_path)
    apps = root.findall(".//t:text//t:app", TEI)
    entries = page.locator("#apparatus .apparatus-list > li")
    assert entries.count() == len(apps)
    names = sigla(root)
    for number, app in enumerate(apps, start=1):
        shown = squeeze(page.locator(f"#appn-{number}").inner_text())
        assert shown == f"{number} {expected_entry(app, names)}"
    # Every word of every reading can be read on the page.
    seen = tokens(page.evaluate("document.body.innerText"))
    for element in root.iterfind(".//t:text//t:app", TEI):
        assert coverage(tokens(words_of(element)), seen) == 1.0, missing(tokens(words_of(element)), seen)


def test_the_entry_opens_at_the_app_from_the_keyboard(reader, tmp_path):
    source = CASES / "parallel.xml"
    root = etree.parse(str(source)).getroot()
    page = open_site(reader, source, tmp_path)
    popup = page.locator("#app-pop-1")
    assert not popup.is_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "appref-1":
            break
    else:
        pytest.fail("the first apparatus marker cannot be reached with Tab")
    assert popup.is_visible()
    first = root.find(".//t:text//t:app", TEI)
    assert squeeze(popup.inner_text()) == expected_entry(first, sigla(root))
    page.keyboard.press("Escape")
    assert not popup.is_visible()


def test_the_text_can_be_read_as_each_witness_has_it(reader, tmp_path):
    source = CASES / "parallel.xml"
    root = etree.parse(str(source)).getroot()
    page = open_site(reader, source, tmp_path)
    paragraph = page.locator("main .p").first
    outer = [app for app in root.iterfind(".//t:text//t:app", TEI) if not list(app.iterancestors("{*}app"))]

    def witness_text(witness: str) -> str:
        """The paragraph as a witness reads it: at each app the reading naming it, else the lemma."""
        def read(element):
            parts = [element.text or ""]
            for child in element:
                if etree.QName(child).localname == "app":
                    chosen = child.find("t:lem", TEI)
                    for reading in child.iter("{*}rdg"):
                        wit = (reading.get("wit") or reading.getparent().get("wit") or "").split()
                        if next(reading.iterancestors("{*}app")) is child and witness in [w.lstrip("#") for w in wit]:
                            chosen = reading
                            break
                    parts.append(read(chosen))
                else:
                    parts.append(read(child))
                parts.append(child.tail or "")
            return "".join(parts)
        return squeeze(read(root.find(".//t:body/t:p", TEI)))

    def shown_text() -> str:
        # The paragraph's text without its number and the apparatus markers.
        text = page.evaluate("""(p) => { const copy = p.cloneNode(true);
            copy.querySelectorAll('.pnum, .app-ref, .app-pop, [hidden]').forEach(e => e.remove());
            return copy.textContent; }""", paragraph.element_handle())
        return re.sub(r"\s+([.,])", r"\1", squeeze(text))

    assert outer
    select = page.locator("#witness-select")
    assert select.is_visible()
    for witness in ("B", "C", "A"):
        select.select_option(witness)
        assert shown_text() == re.sub(r"\s+([.,])", r"\1", witness_text(witness)), witness
    select.select_option("")
    assert shown_text() == re.sub(r"\s+([.,])", r"\1", witness_text("no witness"))


def test_a_location_referenced_apparatus_keeps_the_base_text_once(reader, tmp_path):
    source = CASES / "location-referenced.xml"
    root = etree.parse(str(source)).getroot()
    page = open_site(reader, source, tmp_path)
    line = squeeze(page.locator("main .l").first.inner_text())
    assert line.startswith("Arma virumque cano")
    assert "canto" not in line.replace(page.locator(".app-ref").first.inner_text(), "")
    assert squeeze(page.locator("#appn-1").inner_text()) == "1 " + expected_entry(root.find(".//t:app", TEI), sigla(root))
    assert page.locator("#witness-select").count() == 0


def test_corpus_editions_show_every_reading(reader, tmp_path):
    editions = sorted((CORPUS / "pta" / "data").rglob("*.xml"))
    assert len(editions) >= 6
    short = {}
    for number, source in enumerate(editions):
        page = open_site(reader, source, tmp_path / str(number))
        seen = tokens(page.evaluate("document.body.innerText"))
        root = etree.parse(str(source)).getroot()
        wanted = sum((tokens(words_of(reading)) for reading in root.iterfind(".//t:text//t:rdg", TEI)), tokens(""))
        if coverage(wanted, seen) < 1.0:
            short[source.name] = dict(missing(wanted, seen).most_common(5))
    assert not short, short
