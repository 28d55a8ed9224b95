"""Each Schematron feature on a small case: schema, documents named by their finding count, expected.tsv."""

from __future__ import annotations

import pytest

from toolkit.errors import Severity
from toolkit.validation.schematron import SchematronError, SchematronValidator

from tests.schematron.schematron_support import CASES, expected_count, expected_rows, rows, validate

FEATURES = [
    "let",
    "ns",
    "diagnostics",
    "message",
    "includes",
    "abstract-rules",
    "abstract-patterns",
    "first-match",
    "report-assert",
    "roles",
    "attributes",
    "lines",
    "keys",
    "contexts",
]

CASE_DOCUMENTS = [
    pytest.param(feature, document.name, id=f"{feature}/{document.stem}")
    for feature in FEATURES
    for document in sorted((CASES / feature).glob("*.xml"))
]


@pytest.mark.parametrize(("feature", "name"), CASE_DOCUMENTS)
def test_case_gives_exactly_the_expected_findings(feature, name):
    folder = CASES / feature
    findings = validate(SchematronValidator(folder / "schema.sch"), folder / name)
    assert len(findings) == expected_count(folder / name)
    assert rows(findings) == expected_rows(folder).get(name, [])


def test_every_feature_has_a_case_with_findings_and_its_expectations():
    for feature in FEATURES:
        documents = sorted((CASES / feature).glob("*.xml"))
        assert any(expected_count(document) > 0 for document in documents), feature
        assert sum(len(found) for found in expected_rows(CASES / feature).values()) == sum(
            expected_count(document) for document in documents
        ), feature


def test_diagnostics_become_the_hint():
    folder = CASES / "diagnostics"
    (finding,) = validate(SchematronValidator(folder / "schema.sch"), folder / "dates-1_findings.xml")
    assert finding.hint == "Write 25/10/1917 as YYYY-MM-DD. For example 1917-10-25."
    assert finding.message == "The date 25/10/1917 is not an ISO 8601 date."


def test_findings_carry_a_precise_xpath_with_namespaces_and_positions():
    folder = CASES / "attributes"
    findings = validate(SchematronValidator(folder / "schema.sch"), folder / "values-3_findings.xml")
    tei = "Q{http://www.tei-c.org/ns/1.0}"
    assert findings[0].xpath == f"/{tei}TEI[1]/{tei}p[1]/{tei}date[2]/@when"
    assert findings[2].xpath == f"/{tei}TEI[1]/{tei}p[2]/{tei}date[1]/@Q{{http://www.w3.org/XML/1998/namespace}}lang"
    assert findings[0].extra["kind"] == "assert" and findings[0].extra["test"].startswith(". castable as xs:date")


def test_phases_default_named_and_all():
    folder = CASES / "phases"
    document = folder / "document-1_quick-2_full.xml"
    default = validate(SchematronValidator(folder / "schema.sch"), document)
    assert [f.code for f in default] == ["div-head"]
    assert validate(SchematronValidator(folder / "schema.sch", phase="#DEFAULT"), document) == default
    full = validate(SchematronValidator(folder / "schema.sch", phase="full"), document)
    assert sorted((f.code, f.line, f.severity) for f in full) == [
        ("div-head", 3, Severity.ERROR),
        ("div-length", 2, Severity.WARNING),
    ]
    assert full[1].message == "Divisions hold at most 2 paragraphs."


def test_phase_lets_exist_only_in_their_phase():
    # Under #ALL the phase's let is not declared, so the schema's own mistake is reported clearly.
    with pytest.raises(SchematronError, match=r"schema\.sch cannot be compiled: .*\$limit has not been declared"):
        SchematronValidator(CASES / "phases" / "schema.sch", phase="#ALL")


def test_an_unknown_phase_is_named_with_the_ones_that_exist():
    with pytest.raises(SchematronError, match="there is no phase 'nope'; the schema defines quick, full"):
        SchematronValidator(CASES / "phases" / "schema.sch", phase="nope")


def test_codes_fall_back_to_the_pattern(tmp_path):
    schema = tmp_path / "fallback.sch"
    schema.write_text(
        """<schema xmlns="http://purl.oclc.org/dsdl/schematron">
             <pattern id="named"><rule context="p"><report test="true()">a</report></rule></pattern>
             <pattern><rule context="p"><report test="true()">b</report></rule></pattern>
           </schema>""",
        encoding="utf-8",
    )
    document = tmp_path / "doc.xml"
    document.write_text("<doc>\n<p/></doc>", encoding="utf-8")
    findings = validate(SchematronValidator(schema), document)
    assert [(f.code, f.line, f.message) for f in findings] == [("sch.named", 2, "a"), ("sch.pattern-2", 2, "b")]


@pytest.mark.parametrize(
    ("schema_text", "message"),
    [
        ('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="p"><assert test="(">x</assert></rule></pattern></schema>',
         "cannot be compiled: .*XPST0003"),
        ('<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xquery"/>',
         "queryBinding 'xquery' is not supported"),
        ('<schema xmlns="http://www.ascc.net/xml/schematron"/>', "is not an ISO Schematron schema"),
        ('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern is-a="missing"/></schema>',
         "no abstract pattern with that id"),
        ('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="p"><extends rule="nope"/></rule></pattern></schema>',
         "no abstract rule with that id"),
        ('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="p"><assert test="1" diagnostics="d9">x</assert></rule></pattern></schema>',
         "diagnostic 'd9' .* is not defined"),
        ('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="tk" uri="urn:other"/></schema>',
         "prefix 'tk' is reserved"),
        ("<schema", "cannot read Schematron"),
    ],
    ids=["bad-xpath", "binding", "schematron-1.5", "is-a", "extends", "diagnostic", "reserved-prefix", "malformed"],
)
def test_a_broken_schema_is_a_clear_error_naming_it(tmp_path, schema_text, message):
    schema = tmp_path / "broken.sch"
    schema.write_text(schema_text, encoding="utf-8")
    with pytest.raises(SchematronError, match=message) as raised:
        SchematronValidator(schema)
    assert "broken.sch" in str(raised.value)


@pytest.mark.parametrize(
    ("prolog", "encoding"),
    [
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "utf-8"),
        ('<?xml version="1.0" encoding="ISO-8859-1"?>\n', "iso-8859-1"),
        ('<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "file:///nowhere/tei.dtd">\n', "utf-8"),
        ('\ufeff<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment first -->\n', "utf-8"),
    ],
    ids=["utf-8", "latin-1", "doctype", "bom-and-comment"],
)
def test_the_document_saxon_sees_is_the_one_lxml_read(tmp_path, prolog, encoding):
    # Whatever the encoding or prolog, the rules see the same characters and lines, and a DOCTYPE is never followed.
    document = tmp_path / "doc.xml"
    body = '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <title>Écrits révolutionnaires</title>\n</TEI>\n'
    document.write_bytes((prolog + body).encode(encoding))
    schema = tmp_path / "title.sch"
    schema.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<pattern id="t"><rule context="tei:title"><report test="true()">Title: <value-of select="."/></report></rule></pattern></schema>',
        encoding="utf-8",
    )
    (finding,) = validate(SchematronValidator(schema), document)
    assert finding.message == "Title: Écrits révolutionnaires"
    assert finding.line == prolog.count("\n") + 2


def test_a_suite_gives_what_each_schema_gives_alone():
    from toolkit.validation.schematron import SchematronSuite

    document = CASES / "keys" / "register-4_findings.xml"
    schemas = [CASES / "keys" / "schema.sch", CASES / "first-match" / "schema.sch", (CASES / "phases" / "schema.sch", "full")]
    alone = validate(SchematronValidator(schemas[0]), document) + validate(SchematronValidator(schemas[1]), document)
    alone += validate(SchematronValidator(schemas[2][0], phase="full"), document)
    together = validate(SchematronSuite(schemas), document)
    assert together == alone
    assert len(together) == 4 + 6  # keys, then first-match (three numbered notes, each seen twice)


def test_a_suite_names_the_schema_that_does_not_compile(tmp_path):
    from toolkit.validation.schematron import SchematronSuite

    broken = tmp_path / "broken.sch"
    broken.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="p"><assert test="$nowhere">x</assert></rule></pattern></schema>',
        encoding="utf-8",
    )
    with pytest.raises(SchematronError, match=r"broken\.sch cannot be compiled: .*nowhere"):
        SchematronSuite([CASES / "let" / "schema.sch", broken])


@pytest.mark.parametrize(
    ("binding", "expected"),
    [("", [("note-one", 3)]), (' queryBinding="xslt"', [("note-one", 3)]), (' queryBinding="xslt2"', [("sch.dynamic-error", None)])],
    ids=["no-binding", "xslt", "xslt2"],
)
def test_xslt1_schemas_keep_xpath1_comparisons(tmp_path, binding, expected):
    # Under XPath 1 '@n = 1' on n="(a)" is simply false; XPath 2 refuses to compare "(a)" with a number.
    schema = tmp_path / "numbers.sch"
    schema.write_text(
        f'<schema xmlns="http://purl.oclc.org/dsdl/schematron"{binding}><ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<pattern><rule context="tei:note"><report test="@n = 1" id="note-one">first note</report></rule></pattern></schema>',
        encoding="utf-8",
    )
    document = tmp_path / "notes.xml"
    document.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<note n="(a)"/>\n<note n="1"/>\n</TEI>', encoding="utf-8")
    findings = validate(SchematronValidator(schema), document)
    assert [(f.code, f.line) for f in findings] == expected
    if binding.endswith('xslt2"'):
        assert "numbers.sch failed on this document" in findings[0].message and "(a)" in findings[0].message


def test_pattern_lets_in_rule_contexts_and_shared_names(tmp_path):
    # A pattern let may be used in a rule context; two patterns may give one let name different values.
    schema = tmp_path / "lets.sch"
    schema.write_text(
        """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
             <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
             <pattern id="kinds">
               <let name="kinds" value="distinct-values(//tei:list/@type)"/>
               <rule context="tei:item[@type = $kinds]"><report test="true()" id="kind">item of a listed kind</report></rule>
             </pattern>
             <pattern id="first">
               <let name="limit" value="1"/>
               <rule context="tei:list"><report test="count(tei:item) gt $limit" id="over-one">more than <value-of select="$limit"/></report></rule>
             </pattern>
             <pattern id="second">
               <let name="limit" value="2"/>
               <rule context="tei:list"><report test="count(tei:item) gt $limit" id="over-two">more than <value-of select="$limit"/></report></rule>
             </pattern>
           </schema>""",
        encoding="utf-8",
    )
    document = tmp_path / "lists.xml"
    document.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<list type="a"><item type="a"/><item type="b"/></list>\n'
        '<list><item/><item/><item/></list>\n</TEI>',
        encoding="utf-8",
    )
    findings = validate(SchematronValidator(schema), document)
    assert [(f.code, f.line, f.message) for f in findings] == [
        ("kind", 2, "item of a listed kind"),
        ("over-one", 2, "more than 1"),
        ("over-one", 3, "more than 1"),
        ("over-two", 3, "more than 2"),
    ]
