"""Our compiler against lxml.isoschematron (an independent engine) on XPath 1 rules and real files."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree, isoschematron

from tests.conftest import CORPUS
from toolkit.validation.schematron import SchematronValidator
from toolkit.xmlio import read_document

from tests.schematron.schematron_support import CASES

SCHEMA = CASES / "differential" / "xpath1.sch"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
FILES = [
    "schnitzler-briefe/data/editions/L04276.xml",
    "tei-simple/tests/testsimple5.xml",
    "gerdracor/tei/leisewitz-die-pfandung.xml",
    "melp/People_Places_Works/Workography.xml",
    "tei-guidelines/P5/Test/testnames.xml",
]


@pytest.fixture(scope="module")
def engines():
    return SchematronValidator(SCHEMA), isoschematron.Schematron(etree.parse(str(SCHEMA)), store_report=True)


@pytest.mark.parametrize("name", FILES)
def test_same_findings_on_the_same_lines_as_lxml(engines, name):
    ours, theirs = engines
    document = read_document(CORPUS / name)
    found = Counter((f.code, f.line) for f in ours.iter_findings(document))
    theirs.validate(document.tree)
    expected = Counter()
    for node in theirs.validation_report.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        (target,) = document.tree.xpath(node.get("location"))
        expected[(node.get("id"), target.sourceline)] += 1
    assert found == expected
    assert sum(found.values()) > 0
