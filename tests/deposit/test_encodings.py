"""An edition in another encoding than UTF-8 is deposited as it validates: the metadata
records are made from what the parser decoded, never from bytes taken for UTF-8."""

from __future__ import annotations

from lxml import etree

from tests.deposit.deposit_cases import CASES
from toolkit import resources
from toolkit.package import deposit
from toolkit.validation import validate

TITLE = "A Short Essay on Dépôts, Ægis and Œuvres"  # Œ is not in ISO-8859-1: a character reference
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}
DC = {"dc": "http://purl.org/dc/elements/1.1/"}


def test_an_iso_8859_1_edition_validates_and_is_deposited_with_its_title_whole(tmp_path):
    text = (CASES / "valid" / "tei" / "short-essay.xml").read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"', 1).replace("A Short Essay on Deposits", TITLE)
    case = tmp_path / "case"
    (case / "tei").mkdir(parents=True)
    source = case / "tei" / "short-essay.xml"
    source.write_bytes(text.encode("iso-8859-1", errors="xmlcharrefreplace"))
    assert b"D\xe9p\xf4ts" in source.read_bytes()  # really Latin-1 bytes

    report = validate([source], schema=resources.schema("edition.rng"), schematron=resources.schema("edition.sch"))
    assert report.valid, [str(finding) for finding in report.findings]

    result = deposit([source], tmp_path / "deposit", build_dir=tmp_path / "build", builders={})
    expected = etree.parse(str(source)).findtext(".//tei:titleStmt/tei:title[@type='main']", namespaces=TEI)
    assert expected == TITLE
    dc = etree.parse(str(result.bag / "data" / "metadata" / "dc.xml"))
    assert TITLE in [title.text for title in dc.iterfind(".//dc:title", DC)]

