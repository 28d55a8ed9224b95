"""The TEI's own tei_all.isosch, compiled by our compiler, on real-world corpus files."""

from __future__ import annotations

import re

import pytest

from tests.conftest import CORPUS, TEI_ALL_ISOSCH
from toolkit.errors import Severity
from toolkit.validation.schematron import SchematronValidator
from toolkit.xmlio import read_document

WHEN = "sch.schematron-constraint-tei_all-att.datable.w3c-att-datable-w3c-when-2"
DIMENSIONS = "sch.schematron-constraint-tei_all-dimensions-duplicateDim-41"
ADDSPAN = "sch.schematron-constraint-tei_all-addSpan-addSpan-requires-spanTo-47"

EXPECTED = {
    "eltec-eng/level1/ENG18652_Carroll.xml": [],
    "gerdracor/tei/lessing-der-schatz.xml": [],
    "schnitzler-briefe/data/editions/L04362.xml": [(331, Severity.WARNING, WHEN), (352, Severity.WARNING, WHEN)],
    "schnitzler-briefe/data/editions/L04276.xml": [(79, Severity.ERROR, ADDSPAN)],
    "tei-guidelines/P5/Test/testall.xml": [(52, Severity.ERROR, DIMENSIONS)],
    "tei-guidelines/P5/Test/testms.xml": [(None, Severity.ERROR, DIMENSIONS)],
}


@pytest.fixture(scope="module")
def tei_all():
    return SchematronValidator(TEI_ALL_ISOSCH)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tei_all_findings_on_corpus_files(tei_all, name):
    document = read_document(CORPUS / name)
    findings = tei_all.iter_findings(document)
    expected = EXPECTED[name]
    assert [(f.severity, f.code) for f in findings] == [(severity, code) for _, severity, code in expected]
    for finding, (line, _, _) in zip(findings, expected):
        assert finding.line is not None and finding.xpath.startswith("/Q{http://www.tei-c.org/ns/1.0}TEI[1]/")
        if line is not None:
            assert finding.line == line
    assert tei_all.iter_findings(document) == findings  # stable from one run to the next


def test_the_located_element_is_the_one_the_rule_is_about(tei_all):
    document = read_document(CORPUS / "tei-guidelines/P5/Test/testall.xml")
    (finding,) = tei_all.iter_findings(document)
    # The SVRL location, read by lxml's own XPath engine, designates the offending element.
    path = finding.xpath.replace("Q{http://www.tei-c.org/ns/1.0}", "tei:")
    (element,) = document.tree.xpath(path, namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    assert element.tag == "{http://www.tei-c.org/ns/1.0}dimensions"
    assert len(element.findall("{http://www.tei-c.org/ns/1.0}width")) == 2
    assert finding.line == element.sourceline
    assert finding.message == "The element dimensions may appear once only"


def test_tei_all_reports_its_own_rule_messages_with_values(tei_all, tmp_path):
    document = tmp_path / "spans.xml"
    document.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        '<p><date when="1917" from="1917">1917</date></p>\n'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    findings = tei_all.iter_findings(read_document(document))
    assert [(f.line, f.severity, f.code) for f in findings] == [(2, Severity.WARNING, WHEN)]


@pytest.mark.parametrize(
    "name", ["schnitzler-briefe/data/editions/L03100.xml", "eltec-eng/level1/ENG18872_Lyall.xml", "tei-guidelines/P5/Test/testnames.xml"]
)
def test_every_location_designates_its_node_for_lxml_too(tmp_path, name):
    # One report per element and per attribute: each SVRL location, read by lxml's XPath, finds
    # exactly one node, and the finding's line is that node's (or its element's) line.
    schema = tmp_path / "everything.sch"
    schema.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">'
        '<pattern><rule context="*"><report test="true()">e</report></rule></pattern>'
        '<pattern><rule context="@*"><report test="true()">a</report></rule></pattern></schema>',
        encoding="utf-8",
    )
    document = read_document(CORPUS / name)
    findings = SchematronValidator(schema).iter_findings(document)
    elements = list(document.root.iter("{*}*"))
    attributes = sum(len(element.attrib) for element in elements)
    assert len(findings) == len(elements) + attributes
    namespaces: dict[str, str] = {}

    def prefixed(match) -> str:
        return namespaces.setdefault(match.group(1), f"n{len(namespaces)}") + ":"

    for finding in findings:
        path = re.sub(r"Q\{([^}]+)\}", prefixed, finding.xpath)
        (node,) = document.tree.xpath(path, namespaces={prefix: uri for uri, prefix in namespaces.items()})
        element = node if finding.message == "e" else node.getparent()
        assert finding.line == element.sourceline, finding.xpath
