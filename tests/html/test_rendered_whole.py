"""Any TEI rendered whole: what a reader sees in Chromium holds every word of the parts measured.

Words are counted as ``benchmarks.visible_words`` counts them (innerText, NFC, case-folded,
multisets), from the TEI of each document in the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from benchmarks import coverage_bench
from benchmarks.visible_words import coverage, missing, tokens, words_of
from tests.chromium import reader
from tests.conftest import CORPUS, corpus_manifest
from toolkit.builders.options import BuildOptions
from toolkit.xmlio import read_document

pytestmark = pytest.mark.browser
FIXTURES = (reader,)  # pytest finds fixtures among the module's names

OPTIONS = BuildOptions(fixed_date="2026-01-02")
LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl")


def write_site(source: Path, folder: Path) -> Path:
    return coverage_bench.write_site(source, folder, OPTIONS)


def in_text(root: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    """Outermost elements of these names inside the document's text."""
    wanted = " or ".join(f"self::*[local-name() = '{name}']" for name in names)
    # Manuscript descriptions kept in a listBibl are descriptions, not register entries.
    return root.xpath(f"//*[local-name() = 'text']//*[{wanted}][not(ancestor::*[{wanted}])]"
                      "[not(.//*[local-name() = 'msDesc'])]")


def corpus_with(names: tuple[str, ...], max_bytes: int = 1_000_000) -> list[Path]:
    files = []
    for row in corpus_manifest():
        path = CORPUS / row["file"]
        if path.stat().st_size <= max_bytes and in_text(read_document(path).root, names):
            files.append(path)
    return files


def test_registers_inside_documents_show_every_word(reader, tmp_path):
    files = corpus_with(LISTS)
    assert len(files) >= 8  # letters with their registers, register files, the TEI test files
    short = {}
    for number, source in enumerate(files):
        seen = tokens(reader.visible_text(write_site(source, tmp_path / str(number))))
        for element in in_text(read_document(source).root, LISTS):
            wanted = tokens(words_of(element))
            if coverage(wanted, seen) < 1.0:
                short[f"{source.name} {etree.QName(element).localname} line {element.sourceline}"] = \
                    dict(missing(wanted, seen).most_common(5))
    assert not short, short


def test_standoff_events_and_relations_are_shown_after_the_text(reader, tmp_path):
    source = tmp_path / "play.xml"
    source.write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A play</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
  <sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
  <standOff>
    <listEvent><event type="premiere" when="1744"><desc>First performed at Leipzig</desc></event></listEvent>
    <listPerson><person><persName>Galathee</persName><occupation>shepherdess</occupation></person></listPerson>
  </standOff>
  <text><body><p>The play begins.</p></body></text>
</TEI>""", encoding="utf-8")
    seen = tokens(reader.visible_text(write_site(source, tmp_path / "site")))
    assert coverage(tokens("First performed at Leipzig Galathee shepherdess"), seen) == 1.0


def test_identifiers_that_are_not_ncnames_are_rendered(reader, tmp_path, capsys):
    source = Path(__file__).resolve().parents[1] / "cases" / "ids" / "arabic-issue.xml"
    seen = tokens(reader.visible_text(write_site(source, tmp_path)))
    root = etree.parse(str(source), etree.XMLParser(collect_ids=False)).getroot()
    text = root.find("{http://www.tei-c.org/ns/1.0}text")
    assert coverage(tokens(words_of(text)), seen) == 1.0
    assert "warning [xml.id-not-ncname]" in capsys.readouterr().err
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl"' in page
