"""Each schema language's validator answers the same two questions: what is wrong (``iter_findings``)
and whether the document is valid (``is_valid``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.validation.relaxng import RelaxNGValidator
from toolkit.validation.schematron import SchematronValidator
from toolkit.validation.selection import SchemaRef
from toolkit.validation.validator import SchemaFailed
from toolkit.validation.xsd import XSDValidator
from toolkit.xmlio import document_from_bytes

RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="list"/></start>
  <define name="list"><element name="list"><oneOrMore><ref name="item"/></oneOrMore></element></define>
  <define name="item"><element name="item"><text/></element></define>
  <define name="note"><element name="note"><text/></element></define>
</grammar>"""
XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="list"><xs:complexType><xs:sequence>
    <xs:element name="item" type="xs:string" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""
SCH = """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <pattern><rule context="list"><assert test="not(note)">a list holds items only</assert></rule></pattern>
</schema>"""

VALID = b"<list>\n<item>one</item>\n<item>two</item>\n</list>"
INVALID = b"<list>\n<item>one</item>\n<note>two</note>\n</list>"  # the stray element is on line 3
# RELAX NG names the stray element; XML Schema the list whose content is wrong; the rule's context is the list.
LINE = {"rng": 3, "xsd": 1, "sch": 1}


def compiled(kind: str, folder: Path, names: frozenset[str] | None = None):
    text, suffix = {"rng": (RNG, ".rng"), "xsd": (XSD, ".xsd"), "sch": (SCH, ".sch")}[kind]
    schema = folder / f"schema{suffix}"
    schema.write_text(text, encoding="utf-8")
    ref = SchemaRef(kind, schema.resolve())
    if kind == "rng":
        return RelaxNGValidator.compile(ref, names)
    if kind == "xsd":
        return XSDValidator.compile(ref)
    return SchematronValidator.compile(ref)


@pytest.mark.parametrize("kind", ["rng", "xsd", "sch"])
def test_every_language_gives_findings_and_a_verdict(tmp_path, kind):
    validator = compiled(kind, tmp_path)
    valid, invalid = (document_from_bytes(tmp_path / "d.xml", data) for data in (VALID, INVALID))
    assert validator.is_valid(valid) and list(validator.iter_findings(valid)) == []
    assert not validator.is_valid(invalid)
    findings = list(validator.iter_findings(invalid))
    assert findings and {finding.line for finding in findings} == {LINE[kind]}
    assert all(finding.file == str(tmp_path / "d.xml") for finding in findings)


def test_a_reduced_grammar_gives_a_quick_verdict_and_its_findings_come_from_the_full_grammar(tmp_path):
    validator = compiled("rng", tmp_path, names=frozenset({"list", "item"}))
    valid, invalid = (document_from_bytes(tmp_path / "d.xml", data) for data in (VALID, INVALID))
    assert validator.quick_verdict(valid) is True and validator.quick_verdict(invalid) is False
    assert not validator.is_valid(invalid)
    # No placeholder: the findings themselves, naming the element the full grammar did not expect.
    [finding] = validator.iter_findings(invalid)
    assert finding.code.startswith("rng.") and finding.line == 3 and "note" in finding.message


def test_a_schema_that_cannot_be_compiled_says_why(tmp_path):
    schema = tmp_path / "broken.rng"
    schema.write_text('<element xmlns="http://relaxng.org/ns/structure/1.0"/>', encoding="utf-8")
    with pytest.raises(SchemaFailed):
        RelaxNGValidator.compile(SchemaRef("rng", schema.resolve()))
