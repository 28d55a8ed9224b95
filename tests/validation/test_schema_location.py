"""A document that names its XML Schema only with ``xsi:schemaLocation`` is checked against it,
told so, and a URL there is looked up in the catalog, never fetched."""

from __future__ import annotations

from pathlib import Path

from tests.validation.support import CASES, NetworkCanary
from toolkit.errors import Severity
from toolkit.limits import Limits
from toolkit.validation import validate

IN_PROCESS = Limits(document_seconds=0, document_memory=0)
DECLARED = CASES / "models" / "xsd-invalid-2_error.xml"  # names tiny.xsd with an xml-model PI
TINY_XSD = CASES / "schemas" / "tiny.xsd"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


def _located(folder: Path, location: str) -> Path:
    """The declared fixture with its xml-model PI replaced by xsi:schemaLocation on the root (same lines)."""
    lines = DECLARED.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "xml-model" in lines[1] and lines[2].startswith("<TEI ")
    lines[1] = "\n"
    lines[2] = f'<TEI xmlns="{TEI_NS}" {XSI} xsi:schemaLocation="{TEI_NS} {location}">\n'
    path = folder / "letter.xml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _schema_findings(report) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in report.findings if f.code.startswith("xsd.")]


def test_a_relative_schema_location_is_followed_and_named(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "tiny.xsd").write_bytes(TINY_XSD.read_bytes())
    located = validate([_located(tmp_path, "schemas/tiny.xsd")], jobs=1, limits=IN_PROCESS)
    declared = validate([DECLARED], jobs=1, limits=IN_PROCESS)
    assert _schema_findings(declared)  # the reference: the same schema declared with xml-model
    assert _schema_findings(located) == _schema_findings(declared)
    told = [f for f in located.findings if f.code == "model.schema-location"]
    assert len(told) == 1 and told[0].severity == Severity.INFO and told[0].line == 3
    assert str((tmp_path / "schemas" / "tiny.xsd").resolve()) in told[0].message
    assert not located.valid


def test_a_schema_url_goes_through_the_catalog_and_never_the_network(tmp_path):
    canary = NetworkCanary()
    try:
        url = f"{canary.url}/schemas/tiny.xsd"
        document = _located(tmp_path, url)
        unmapped = validate([document], jobs=1, limits=IN_PROCESS)
        catalog = tmp_path / "catalog.xml"
        catalog.write_text('<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
                           f'<uri name="{url}" uri="{TINY_XSD.resolve().as_uri()}"/></catalog>', encoding="utf-8")
        mapped = validate([document], jobs=1, catalog=catalog, limits=IN_PROCESS)
        assert canary.connections() == 0
    finally:
        canary.close()
    assert [(f.code, f.line) for f in unmapped.findings if f.severity != Severity.INFO] == [("model.unresolved", 3)]
    assert "catalog" in next(f.hint for f in unmapped.findings if f.code == "model.unresolved")
    assert _schema_findings(mapped) == _schema_findings(validate([DECLARED], jobs=1, limits=IN_PROCESS))


def test_an_xml_model_declaration_wins_over_the_schema_location(tmp_path):
    document = _located(tmp_path, "nowhere.xsd")
    text = document.read_text(encoding="utf-8").replace(
        "\n", f'<?xml-model href="{TINY_XSD.resolve()}" schematypens="http://www.w3.org/2001/XMLSchema"?>\n', 1)
    document.write_text(text, encoding="utf-8")
    report = validate([document], jobs=1, limits=IN_PROCESS)
    assert not any(f.code.startswith("model.") for f in report.findings)
    assert _schema_findings(report)
