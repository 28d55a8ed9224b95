"""The records an archive reads: valid against their published schemas and saying what the header says."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from tests.deposit.deposit_cases import CASES, datacite_schema, mets_schema
from lxml import etree

from toolkit.cli import main
from toolkit.package import MissingHeaderFields
from toolkit.package.records import header_fields
from toolkit.xmlio import read_document

NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dcite": "http://datacite.org/schema/kernel-4",
    "mets": "http://www.loc.gov/METS/",
    "xlink": "http://www.w3.org/1999/xlink",
    "tei": "http://www.tei-c.org/ns/1.0",
}


def record(bag: Path, name: str) -> etree._Element:
    return etree.parse(str(bag / "data" / "metadata" / name)).getroot()


def header(bag: Path) -> etree._Element:
    return etree.parse(str(bag / "data" / "tei" / "short-essay.xml")).getroot().find("tei:teiHeader", NS)


def texts(root, path: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in root.xpath(path, namespaces=NS)]


def test_datacite_record_is_valid_against_the_kernel_4_schema(packed):
    schema = datacite_schema()
    assert schema.target_namespace == NS["dcite"]
    errors = list(schema.iter_errors(str(packed.bag / "data/metadata/datacite.xml")))
    assert errors == []


def test_datacite_has_the_mandatory_properties_and_agrees_with_the_header(packed):
    root, tei = record(packed.bag, "datacite.xml"), header(packed.bag)
    # DataCite 4.x mandatory: identifier, creator, title, publisher, publicationYear, resourceType.
    assert texts(root, "dcite:identifier") == texts(tei, "tei:fileDesc/tei:publicationStmt/tei:idno")
    assert texts(root, "dcite:creators/dcite:creator/dcite:familyName") == ["Example"]
    assert texts(root, "dcite:creators/dcite:creator/dcite:givenName") == ["Ada"]
    assert texts(root, "dcite:titles/dcite:title[not(@titleType)]") == texts(tei, ".//tei:titleStmt/tei:title[@type='main']")
    assert texts(root, "dcite:publisher") == texts(tei, ".//tei:publicationStmt/tei:publisher")
    assert texts(root, "dcite:publicationYear") == ["2024"]
    assert root.find("dcite:resourceType", NS).get("resourceTypeGeneral") == "Text"
    assert texts(root, "dcite:dates/dcite:date[@dateType='Issued']") == ["2024-05-01"]
    assert texts(root, "dcite:language") == ["en"]


def test_no_licence_stated_becomes_a_rights_statement_without_an_invented_licence(packed):
    root, tei = record(packed.bag, "datacite.xml"), header(packed.bag)
    statement = texts(tei, ".//tei:availability/tei:p")
    assert texts(root, "dcite:rightsList/dcite:rights") == statement
    rights = root.find("dcite:rightsList/dcite:rights", NS)
    assert rights.get("rightsURI") is None and rights.get("rightsIdentifier") is None
    assert texts(record(packed.bag, "dc.xml"), "dc:rights") == statement


def test_dublin_core_has_the_elements_archives_require_and_agrees_with_the_header(packed):
    root, tei = record(packed.bag, "dc.xml"), header(packed.bag)
    assert root.tag == f"{{{NS['oai_dc']}}}dc"
    assert texts(root, "dc:title") == texts(tei, ".//tei:titleStmt/tei:title[@type='main']")
    assert texts(root, "dc:creator") == ["Example, Ada"]
    assert texts(root, "dc:date") == ["2024-05-01"]
    assert texts(root, "dc:identifier") == ["example-short-essay"]
    assert texts(root, "dc:language") == ["en"]
    assert texts(root, "dc:publisher") == ["The Example Edition Project"]
    assert texts(root, "dc:subject") == ["digital preservation", "Helsinki"]
    allowed = {"title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
               "format", "identifier", "source", "language", "relation", "coverage", "rights"}
    assert {etree.QName(child).localname for child in root} <= allowed  # only the fifteen DC elements


def test_mets_is_valid_against_the_mets_schema(packed):
    errors = list(mets_schema().iter_errors(str(packed.bag / "data/metadata/mets.xml")))
    assert errors == []


def test_mets_lists_every_other_payload_file_with_its_role_size_and_checksum(packed):
    root = record(packed.bag, "mets.xml")
    payload = packed.bag / "data"
    listed = {}
    for file in root.iterfind(".//mets:fileSec/mets:fileGrp/mets:file", NS):
        href = file.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href")
        assert href.startswith("../")  # relative to metadata/mets.xml
        path = (payload / "metadata" / href).resolve().relative_to(payload.resolve()).as_posix()
        listed[path] = (file.getparent().get("USE"), file)
    expected = sorted(p.relative_to(payload).as_posix() for p in payload.rglob("*") if p.is_file())
    assert sorted(listed) == [p for p in expected if p != "metadata/mets.xml"]
    for path, (use, file) in listed.items():
        data = (payload / path).read_bytes()
        assert file.get("CHECKSUMTYPE") == "SHA-256"
        assert file.get("CHECKSUM") == hashlib.sha256(data).hexdigest(), path
        assert int(file.get("SIZE")) == len(data)
    assert listed["tei/short-essay.xml"][0] == "source"
    assert listed["tei/short-essay.xml"][1].get("MIMETYPE") == "application/tei+xml"
    assert listed["metadata/datacite.xml"][0] == "metadata"
    assert {use for use, _ in listed.values()} >= {"source", "schema", "metadata"}
    pointers = {fptr.get("FILEID") for fptr in root.iterfind(".//mets:structMap//mets:fptr", NS)}
    assert pointers == {file.get("ID") for _, file in listed.values()}


def test_archivematica_csv_describes_each_tei_source(packed):
    with (packed.bag / "data/metadata/metadata.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["filename"] for row in rows] == ["objects/tei/short-essay.xml"]
    assert rows[0]["dc.title"] == "A Short Essay on Deposits"
    assert rows[0]["dc.creator"] == "Example, Ada"


def test_the_validation_report_proves_validity_at_packing_time(packed):
    report = json.loads((packed.bag / "data/metadata/validation-report.json").read_text(encoding="utf-8"))
    assert report["valid"] is packed.valid
    assert report["deposit"]["packed_although_invalid"] is (not packed.valid)
    assert "/tmp/" not in json.dumps(report)  # no path of the packing machine


def test_each_missing_header_field_is_named_with_what_to_add():
    document = read_document(CASES / "incomplete-header" / "tei" / "short-essay.xml")
    with pytest.raises(MissingHeaderFields) as caught:
        header_fields(document)
    named = [finding.extra["field"] for finding in caught.value.findings]
    assert named == ["publisher", "date", "licence", "identifier", "language"]
    hints = {finding.extra["field"]: finding.hint for finding in caught.value.findings}
    assert "<publisher>" in hints["publisher"] and "publicationStmt" in hints["publisher"]
    assert "<language ident=" in hints["language"]
    assert all(finding.line for finding in caught.value.findings)


def test_the_command_refuses_an_incomplete_header_and_writes_no_bag(tmp_path, capsys):
    from tests.deposit.deposit_cases import edition_copy

    sources = edition_copy("incomplete-header", tmp_path)
    code = main(["deposit", "--force", "-o", str(tmp_path / "out"), "--build-dir", str(tmp_path / "build"),
                 *map(str, sources)])
    err = capsys.readouterr().err
    assert code == 1
    assert "the teiHeader has no publisher" in err and "hint: add <publisher>" in err
    assert not (tmp_path / "out" / "short-essay").exists()


def test_a_contact_address_in_the_header_goes_into_bag_info(tmp_path):
    from tests.deposit.deposit_cases import edition_copy

    from toolkit.package import deposit

    source = edition_copy("valid", tmp_path)[0]
    text = source.read_text(encoding="utf-8").replace(
        "<publisher>The Example Edition Project</publisher>",
        "<publisher>The Example Edition Project</publisher>\n<email>editions@example.org</email>")
    source.write_text(text, encoding="utf-8")
    fields = header_fields(read_document(source))
    assert (fields.contact_name, fields.contact_email) == ("The Example Edition Project", "editions@example.org")
    # The edition's own schema has no place for an e-mail address, hence --force for this header.
    result = deposit([source], tmp_path / "out", build_dir=tmp_path / "build", builders={}, force=True)
    info = (result.bag / "bag-info.txt").read_text(encoding="utf-8")
    assert "Contact-Email: editions@example.org" in info
    assert "Contact-Name: The Example Edition Project" in info


def test_metadata_csv_cells_from_the_header_are_never_formulas(tmp_path):
    # A header whose title and author begin like formulas, packed as a user would.
    from tests.deposit.deposit_cases import edition_copy

    from toolkit.package import deposit

    source = edition_copy("valid", tmp_path)[0]
    text = source.read_text(encoding="utf-8")
    for plain, formula in (('<title type="main">A Short Essay on Deposits</title>',
                            '<title type="main">=HYPERLINK(&quot;http://example.org/x&quot;,&quot;click&quot;)</title>'),
                           ('<author ref="#pers-example">Ada Example</author>', '<author>@SUM(1+1)</author>')):
        assert plain in text
        text = text.replace(plain, formula)
    source.write_text(text, encoding="utf-8")
    fields = header_fields(read_document(source))
    assert fields.title.startswith("=HYPERLINK(") and fields.creators[0].startswith("@SUM")
    result = deposit([source], tmp_path / "out", build_dir=tmp_path / "build", builders={}, force=True)
    with (result.bag / "data/metadata/metadata.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["dc.title"] == "'" + fields.title  # the text kept, marked as text
    assert rows[0]["dc.creator"] == "'" + "; ".join(fields.creators)
    assert not [cell for row in rows for cell in row.values() if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
