"""A project's own Schematron may read the project's own files with doc(): directly or through the
catalog, inside the allowed root only; anything else is a finding for the document, not the run's end."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SHARED
from toolkit.validation import validate

MELP = SHARED / "projects" / "melp"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PUBLISHED = "https://raw.githubusercontent.com/Maria-Edgeworth-Letters-Project/me-tei/refs/heads/main/"
LETTERS = sorted((MELP / "Encoded Letters").glob("*.xml"))[:6]


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "melp"
    shutil.copytree(MELP / "People_Places_Works", root / "People_Places_Works")
    shutil.copy(MELP / "melp.sch", root / "melp.sch")
    (root / "letters").mkdir()
    for letter in LETTERS:
        shutil.copy(letter, root / "letters" / letter.name)
    (root / "catalog.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        f'<rewriteURI uriStartString="{PUBLISHED}" rewritePrefix="{root.as_uri()}/"/></catalog>')
    return root


def _ids(path: Path, tag: str) -> set[str]:
    return {element.get(XML_ID) for element in etree.parse(str(path)).iter(f"{{{TEI_NS}}}{tag}")}


def _expected_unlisted(root: Path) -> Counter:
    """Every @ref on persName, placeName and title whose id the registers do not hold, counted here."""
    registers = {"persName": _ids(root / "People_Places_Works" / "Personography.xml", "person"),
                 "placeName": _ids(root / "People_Places_Works" / "Placeography.xml", "place"),
                 "title": _ids(root / "People_Places_Works" / "Workography.xml", "bibl")}
    expected = Counter()
    for letter in sorted((root / "letters").glob("*.xml")):
        for name, ids in registers.items():
            for element in etree.parse(str(letter)).iter(f"{{{TEI_NS}}}{name}"):
                ref = element.get("ref")
                if ref is not None:
                    identifier = ref.partition("#")[2]
                    if identifier not in ids:
                        expected[(letter.name, identifier)] += 1
    return expected


def _unlisted(report) -> Counter:
    found = Counter()
    for finding in report.findings:
        if finding.message.startswith("Please confirm that the ID"):
            identifier = finding.message.split("the ID", 1)[1].split(" is listed")[0].strip()
            found[(Path(finding.file).name, identifier)] += 1
    return found


def test_melp_reads_its_registers_through_the_catalog_inside_the_project(project):
    report = validate(sorted((project / "letters").glob("*.xml")), schematron=project / "melp.sch",
                      catalog=project / "catalog.xml", allowed_root=project, jobs=1)
    assert not [f for f in report.findings if f.code.startswith(("sch.read", "sch.dynamic", "limits."))]
    expected = _expected_unlisted(project)
    assert _unlisted(report) == expected
    assert sum(expected.values()) > 0  # the letters do point at ids the registers lack


def test_without_an_allowed_root_each_letter_gets_a_refusal_and_the_run_goes_on(project):
    letters = sorted((project / "letters").glob("*.xml"))
    report = validate(letters, schematron=project / "melp.sch", catalog=project / "catalog.xml", jobs=1)
    refused = [f for f in report.findings if f.code == "sch.read-refused"]
    assert sorted(Path(f.file).name for f in refused) == [letter.name for letter in letters]
    assert "Personography.xml" in refused[0].message


def test_a_catalog_entry_leading_outside_the_root_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(project / "People_Places_Works", outside)
    (project / "catalog.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        f'<rewriteURI uriStartString="{PUBLISHED}People_Places_Works/" rewritePrefix="{outside.as_uri()}/"/></catalog>')
    report = validate(sorted((project / "letters").glob("*.xml"))[:2], schematron=project / "melp.sch",
                      catalog=project / "catalog.xml", allowed_root=project, jobs=1)
    refused = [f for f in report.findings if f.code == "sch.read-refused"]
    assert len(refused) == 2 and "outside" in refused[0].message


@pytest.mark.parametrize(("expression", "allowed"), [
    ("doc('data/register.xml')", True),
    ("doc('./data/../data/register.xml')", True),
    ("doc-available('data/register.xml')", True),
    ("doc('../secret.xml')", False),
    ("doc('link/secret.xml')", False),  # a symlink inside the root to a folder outside
    ("doc('file:///etc/passwd')", False),
    ("doc('https://example.org/register.xml')", False),
    ("function-lookup(QName('http://www.w3.org/2005/xpath-functions', 'doc'), 1)('data/register.xml')", False),
    ("unparsed-text('data/register.xml')", False),
])
def test_reads_inside_the_root_only(tmp_path, expression, allowed):
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "register.xml").write_text("<register><entry>ok</entry></register>")
    (tmp_path / "secret.xml").write_text("<secret>TOPSECRET</secret>")
    (root / "link").symlink_to(tmp_path)
    schema = root / "rules.sch"
    schema.write_text('<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3"><sch:pattern>'
                      f'<sch:rule context="/*"><sch:report test="true()">read: <sch:value-of select="string({expression})"/>'
                      '</sch:report></sch:rule></sch:pattern></sch:schema>'.replace("string(doc-available", "string(doc-available"))
    documents = []
    for name in ("a.xml", "b.xml"):
        (root / name).write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/><text/></TEI>')
        documents.append(root / name)
    report = validate(documents, schematron=schema, allowed_root=root, jobs=1)
    text = report.to_text()
    assert "TOPSECRET" not in text and "root:" not in text
    codes = [f.code for f in report.findings]
    if allowed:
        assert codes == ["sch.pattern-1", "sch.pattern-1"]
        assert all(f.message in ("read: ok", "read: true") for f in report.findings)
    else:
        assert codes == ["sch.read-refused", "sch.read-refused"]


def test_doc_in_an_assertion_s_test_and_in_its_message_stays_the_schema_s_own(tmp_path):
    # The test is copied into the SVRL (as its test attribute) and the message is text: neither is a call.
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "register.xml").write_text("<register><entry xml:id='known'/></register>")
    schema = root / "rules.sch"
    test = "doc('data/register.xml')//entry[@xml:id = current()/@n]"
    schema.write_text('<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3"><sch:pattern>'
                      f'<sch:rule context="*[@n]"><sch:assert test="{test}">not in the register: see doc(1) for '
                      '{the} list</sch:assert></sch:rule></sch:pattern></sch:schema>')
    document = root / "a.xml"
    document.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body><p n="known"/>\n<p n="unknown"/></body></text></TEI>')
    report = validate([document], schematron=schema, allowed_root=root, jobs=1)
    assert [(f.code, f.line, f.message, f.extra["test"]) for f in report.findings] == [
        ("sch.pattern-1", 2, "not in the register: see doc(1) for {the} list", test)]
