"""Each broken or hostile document gives the expected finding: code, line, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.validation.support import CASES, counted, expected_counts
from toolkit.errors import Severity
from toolkit.validation import validate

FIXTURES = sorted((CASES / "wellformedness").glob("*.xml"))

# fixture -> (code, line) of its first error or warning; None where the document is fine.
EXPECTED = {
    "billion-laughs-1_error.xml": ("xml.entity-expansion", 14),
    "binary-junk-1_error.xml": ("xml.binary", 1),
    "bom-contradicts-declaration-1_error.xml": ("xml.encoding-mismatch", 1),
    "docbook-1_error.xml": ("tei.root", 2),
    "empty-1_error.xml": ("xml.empty", None),
    "external-dtd-1_error.xml": ("xml.external-dtd", 2),
    "external-dtd-entities-2_error.xml": ("xml.external-dtd", 2),
    "external-entity-file-2_error.xml": ("xml.entity-declaration", 3),
    "external-entity-network-2_error.xml": ("xml.entity-declaration", 3),
    "html-page-1_error.xml": ("xml.html", 4),
    "invalid-utf8-1_error.xml": ("xml.encoding", 12),
    "latin1-declared-0_error.xml": None,
    "lying-encoding-1_error.xml": ("xml.encoding-mismatch", 12),
    "no-namespace-1_error.xml": ("tei.namespace", 2),
    "other-namespace-1_error.xml": ("tei.namespace", 2),
    "parameter-entities-1_error.xml": ("xml.entity-declaration", 3),
    "quadratic-blowup-1_error.xml": ("xml.entity-expansion", 5),
    "tei-p4-1_error.xml": ("tei.p4", 2),
    "truncated-1_error.xml": ("xml.truncated", 6),
    "unclosed-1_error.xml": ("xml.not-well-formed", 12),
    "utf16-bom-0_error.xml": None,
    "utf16-no-bom-1_error.xml": ("xml.encoding", 1),
    "utf8-bom-0_error.xml": None,
    "wellformed-0_error.xml": None,
    "xhtml-page-1_error.xml": ("tei.root", 2),
    "xinclude-beside-0_error.xml": None,  # expanded: the included document is checked in its place
    "xinclude-etc-1_error.xml": ("xml.xinclude-refused", 12),
    "xinclude-parent-1_error.xml": ("xml.xinclude-refused", 12),
}


def test_every_fixture_has_an_expectation():
    assert sorted(path.name for path in FIXTURES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_fixture_gives_expected_findings(path: Path):
    report = validate([path], jobs=1)
    problems = [f for f in report.findings if f.severity != Severity.INFO]
    assert counted(report.findings) == expected_counts(path), [str(f) for f in problems]
    expected = EXPECTED[path.name]
    if expected is None:
        assert report.valid and report.exit_code == 0
        return
    code, line = expected
    first = problems[0]
    assert (first.code, first.line) == (code, line), str(first)
    assert first.file == str(path)
    assert first.hint, "every finding says what to do"


def test_invalid_utf8_names_the_byte_and_position():
    report = validate([CASES / "wellformedness" / "invalid-utf8-1_error.xml"], jobs=1)
    assert "byte 0xE9 at line 12, column 13" in report.findings[0].message


def test_utf16_with_bom_is_read_as_text():
    # The Cyrillic paragraph comes through intact: the BOM decided the encoding.
    from toolkit.xmlio import read_document

    document = read_document(CASES / "wellformedness" / "utf16-bom-0_error.xml")
    assert "Серж in UTF-16." in "".join(document.root.itertext())


def test_latin1_declaration_that_tells_the_truth_is_honoured():
    from toolkit.xmlio import read_document

    document = read_document(CASES / "wellformedness" / "latin1-declared-0_error.xml")
    assert "Café." in "".join(document.root.itertext())


def test_nesting_100000_deep_is_refused_cleanly(tmp_path):
    deep = tmp_path / "deep.xml"
    deep.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<div>" * 100_000 + "</div>" * 100_000 + "</TEI>")
    report = validate([deep], jobs=1)
    [finding] = [f for f in report.findings if f.severity == Severity.ERROR]
    assert finding.code == "xml.too-deep" and finding.line == 1
    assert report.exit_code == 1


def test_gzip_compressed_file_is_not_silently_decompressed(tmp_path):
    import gzip

    packed = tmp_path / "packed.xml"
    packed.write_bytes(gzip.compress((CASES / "wellformedness" / "wellformed-0_error.xml").read_bytes()))
    [finding] = validate([packed], jobs=1).findings
    assert finding.code == "xml.compressed"


@pytest.mark.parametrize(("error_type", "code"), [
    ("ERR_TAG_NOT_FINISHED", "xml.truncated"),
    ("ERR_INVALID_ENCODING", "xml.encoding"),
    ("ERR_ENTITYREF_SEMICOL_MISSING", "xml.entity"),
    ("ERR_UNDECLARED_ENTITY", "xml.entity"),
    ("ERR_DOCUMENT_EMPTY", "xml.not-xml"),
    ("ERR_TAG_NAME_MISMATCH", "xml.not-well-formed"),
])
def test_parse_errors_are_classified_by_libxml2s_code_not_its_wording(error_type, code):
    # The same errors in other words (a reworded or translated libxml2) keep their classification.
    from lxml import etree

    from toolkit.xmlio import _syntax_finding

    error = etree.XMLSyntaxError("Erreur de l'analyseur (texte sans rapport)", getattr(etree.ErrorTypes, error_type), 3, 7, "x.xml")
    assert _syntax_finding(Path("x.xml"), error).code == code


@pytest.mark.parametrize(("data", "code"), [
    ("<p>AT& T</p>", "xml.entity"),
    ("<p>Écrit\npar Marx & Engels</p>", "xml.entity"),
    ("<p><& x/></p>", "xml.not-well-formed"),  # the same error code, for a start tag without a name
])
def test_a_missing_name_is_an_entity_reference_when_an_ampersand_precedes_it(data, code):
    # libxml2 gives both cases the same code (ERR_NAME_REQUIRED); its wording must not decide.
    from lxml import etree

    from toolkit.xmlio import _syntax_finding

    encoded = data.encode("utf-8")
    with pytest.raises(etree.XMLSyntaxError) as raised:
        etree.fromstring(encoded)
    assert raised.value.code == etree.ErrorTypes.ERR_NAME_REQUIRED
    reworded = etree.XMLSyntaxError("Erreur de l'analyseur", raised.value.code, *raised.value.position, "x.xml")
    assert _syntax_finding(Path("x.xml"), reworded, encoded).code == code
