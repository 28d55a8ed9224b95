"""A schema of several files is read only inside its own folder (or from the catalog's local copies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.validation import validate

RNG = "http://relaxng.org/ns/structure/1.0"
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
PART = (f'<grammar xmlns="{RNG}" ns="http://www.tei-c.org/ns/1.0"><define name="root">'
        '<element name="TEI"><empty/></element></define></grammar>')


def _grammar(href: str) -> str:
    return f'<grammar xmlns="{RNG}"><include href="{href}"/><start><ref name="root"/></start></grammar>'


def _run(tmp_path: Path, href: str, catalog: Path | None = None):
    folder = tmp_path / "schemas"
    folder.mkdir(exist_ok=True)
    (folder / "main.rng").write_text(_grammar(href))
    document = tmp_path / "doc.xml"
    document.write_text(f'<?xml-model href="schemas/main.rng" schematypens="{RNG}"?>\n{TEI}')
    return validate([document], catalog=catalog, jobs=1)


@pytest.mark.parametrize("where", ["parent", "symlink", "absolute"])
def test_a_relaxng_include_outside_the_schemas_folder_is_refused(tmp_path, where):
    (tmp_path / "outside.rng").write_text(PART)
    (tmp_path / "schemas").mkdir()
    href = {"parent": "../outside.rng", "absolute": (tmp_path / "outside.rng").as_uri(), "symlink": "link.rng"}[where]
    if where == "symlink":
        (tmp_path / "schemas" / "link.rng").symlink_to(tmp_path / "outside.rng")
    report = _run(tmp_path, href)
    assert [finding.code for finding in report.findings] == ["schema.invalid"]
    assert "outside the schema's folder" in report.findings[0].message


def test_a_relaxng_include_inside_the_folder_is_used(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "part.rng").write_text(PART)
    assert _run(tmp_path, "part.rng").valid


def test_a_relaxng_include_by_url_is_read_from_the_catalogs_local_copy(tmp_path):
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / "part.rng").write_text(PART)
    catalog = tmp_path / "catalog.xml"
    catalog.write_text('<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
                       f'<uri name="https://example.org/part.rng" uri="{(tmp_path / "copies" / "part.rng").as_uri()}"/></catalog>')
    assert _run(tmp_path, "https://example.org/part.rng", catalog).valid
    unmapped = _run(tmp_path, "https://example.org/other.rng", catalog)
    assert [f.code for f in unmapped.findings] == ["schema.invalid"]
    assert "not fetched from the network" in unmapped.findings[0].message


@pytest.mark.parametrize("reference", ["include", "import", "redefine"])
def test_an_xsd_reference_leaving_the_folder_through_a_symlink_is_refused(tmp_path, reference):
    (tmp_path / "secret.xsd").write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                                         '<xs:element name="x" fixed="TOPSECRET"/></xs:schema>')
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / "link.xsd").symlink_to(tmp_path / "secret.xsd")
    namespace = ' namespace="urn:other"' if reference == "import" else ""
    (folder / "main.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0">'
        f'<xs:{reference} schemaLocation="link.xsd"{namespace}/><xs:element name="TEI"/></xs:schema>')
    document = tmp_path / "doc.xml"
    document.write_text(f'<?xml-model href="schemas/main.xsd" schematypens="http://www.w3.org/2001/XMLSchema"?>\n{TEI}')
    report = validate([document], jobs=1)
    assert [f.code for f in report.findings] == ["schema.invalid"]
    assert "TOPSECRET" not in report.to_text() and "outside the schema's folder" in report.findings[0].message


@pytest.mark.parametrize("href", ["x.xsd#/../../secret.xml", "x.xsd%23/../../secret.xml", "x.xsd?/../../secret.xml"])
def test_a_fragment_or_query_never_becomes_part_of_a_path(tmp_path, href):
    (tmp_path / "secret.xml").write_text("<secret>TOPSECRET</secret>")
    folder = tmp_path / "a" / "b"
    (folder / "x.xsd#").mkdir(parents=True)
    (folder / "x.xsd%23").mkdir()
    document = folder / "doc.xml"
    document.write_text(f'<?xml-model href="{href}" schematypens="http://www.w3.org/2001/XMLSchema"?>\n{TEI}')
    report = validate([document], jobs=1)
    assert "TOPSECRET" not in report.to_text()
    assert [f.code for f in report.findings] in (["model.missing"], ["model.refused"])
