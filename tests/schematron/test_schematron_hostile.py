"""A schema is code: one that reads files, writes files, reads the environment or escapes its folder is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.validation.schematron import SchematronError, SchematronValidator

from tests.schematron.schematron_support import CASES, validate

HOSTILE = CASES / "hostile"
DOCUMENT = HOSTILE / "document.xml"


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ("read-doc.sch", "tried to read file:///etc/passwd, which is refused"),
        ("read-unparsed-text.sch", "tried to read outside the document, which is refused: .*file:///etc/passwd"),
        ("read-relative-text.sch", "tried to read outside the document, which is refused"),
        ("read-collection.sch", "tried to read outside the document, which is refused"),
        ("global-let.sch", "tried to read outside the document, which is refused: .*file:///etc/passwd"),
    ],
)
def test_reading_files_while_running_is_refused_for_that_document(schema, message):
    findings = validate(SchematronValidator(HOSTILE / schema), DOCUMENT)
    assert [finding.code for finding in findings] == ["sch.read-refused"]
    assert re.search(message, findings[0].message)
    assert "root:" not in findings[0].message  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ("write-result-document.sch", "xsl:result-document .* is refused"),
        ("static-param.sch", "use-when on xsl:function .* is refused"),
        ("xsl-include.sch", "xsl:include is not supported"),
        ("include-outside.sch", "refusing to include '../let/schema.sch': it lies outside"),
        ("include-url.sch", "refusing to include 'http://example.org/rules.sch'"),
        ("include-cycle.sch", "include cycle"),
    ],
)
def test_dangerous_schemas_are_refused_before_they_run(schema, message):
    with pytest.raises(SchematronError, match=message) as raised:
        SchematronValidator(HOSTILE / schema)
    assert Path(schema).stem in str(raised.value) or "include" in schema


def test_result_document_never_writes(tmp_path):
    target = tmp_path / "owned.txt"
    schema = tmp_path / "write.sch"
    schema.write_text(
        (HOSTILE / "write-result-document.sch").read_text(encoding="utf-8").replace("file:///tmp/teikit-owned.txt", target.as_uri()),
        encoding="utf-8",
    )
    with pytest.raises(SchematronError):
        SchematronValidator(schema)
    assert not target.exists()


def test_an_include_may_not_reach_a_symlinked_file_outside(tmp_path):
    outside = tmp_path / "outside.sch"
    outside.write_text('<pattern xmlns="http://purl.oclc.org/dsdl/schematron"/>', encoding="utf-8")
    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "link.sch").symlink_to(outside)
    schema = folder / "main.sch"
    schema.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><include href="link.sch"/></schema>', encoding="utf-8"
    )
    with pytest.raises(SchematronError, match="lies outside"):
        SchematronValidator(schema)


def test_an_included_file_is_parsed_safely(tmp_path):
    (tmp_path / "entity.sch").write_text(
        '<!DOCTYPE pattern [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<pattern xmlns="http://purl.oclc.org/dsdl/schematron"><title>&x;</title></pattern>',
        encoding="utf-8",
    )
    schema = tmp_path / "main.sch"
    schema.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><include href="entity.sch"/></schema>', encoding="utf-8"
    )
    with pytest.raises(SchematronError, match=r"entity.sch:1: the entity reference &x; is not resolved") as raised:
        SchematronValidator(schema)
    assert "root:" not in str(raised.value)
