"""The edition's own schemas: edition.rng, its XSD twin, and the Schematron rules.

Fixtures live in tests/cases/edition/. Their names say what to expect:
- schema/<construct>-valid.xml and -invalid.xml: the grammar's verdict;
- schematron/<rule>-valid.xml: no finding at all;
- schematron/<rule>-<N>_errors.xml or -<N>_warnings.xml: exactly N findings, all of that
  rule (the assert/report @id) and that severity.
Every fixture (and seeded random edits of the complete one) is also checked for agreement
between edition.rng and edition.xsd, and every document edition.rng accepts must be
accepted by the official tei_all.rng; a static check compares what the two grammars allow
inside each element. The edition itself must pass all three grammars and the Schematron.
"""

from __future__ import annotations

import copy
import random
import re
from functools import cache
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from tests.conftest import EDITION, REPOSITORY, TEI_ALL_RNG, tei_all_grammar
from toolkit.errors import Severity
from toolkit.validation import validate
from toolkit.validation.schematron import SchematronValidator
from toolkit.xmlio import Document, read_document

SCHEMAS = REPOSITORY / "schemas"
CASES = REPOSITORY / "tests" / "cases" / "edition"
SCHEMA_CASES = sorted((CASES / "schema").glob("*.xml"))
RULE_CASES = sorted((CASES / "schematron").glob("*.xml"))
ALL_CASES = SCHEMA_CASES + RULE_CASES
SCH_NS = {"sch": "http://purl.oclc.org/dsdl/schematron"}
EXPECTATION = re.compile(r"^(?P<rule>[a-z0-9-]+?)-(?P<count>\d+)_(?P<kind>errors|warnings)\.xml$")

@cache
def edition_rng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "edition.rng")))


@cache
def edition_xsd() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(SCHEMAS / "edition.xsd"))


@cache
def edition_sch() -> SchematronValidator:
    return SchematronValidator(SCHEMAS / "edition.sch")


@cache
def load(path: Path) -> Document:
    return read_document(path)


def rng_verdict(document: Document) -> tuple[bool, str]:
    schema = edition_rng()
    valid = schema.validate(document.tree)
    return valid, "" if valid else str(schema.error_log.last_error)


def xsd_verdict(document: Document) -> tuple[bool, str]:
    error = next(edition_xsd().iter_errors(document.tree), None)
    return error is None, "" if error is None else f"{error.path}: {error.reason}"


def declared_rules() -> dict[str, str]:
    """assert/report @id -> @role, as edition.sch declares them."""
    schema = etree.parse(str(SCHEMAS / "edition.sch"))
    return {test.get("id"): test.get("role") for test in schema.xpath("//sch:assert | //sch:report", namespaces=SCH_NS)}


def case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


# ---------------------------------------------------------------- Schematron rules


def test_every_assertion_has_an_id_a_role_and_a_message():
    schema = etree.parse(str(SCHEMAS / "edition.sch"))
    tests = schema.xpath("//sch:assert | //sch:report", namespaces=SCH_NS)
    assert len(tests) >= 20
    ids = [test.get("id") for test in tests]
    assert len(ids) == len(set(ids)), "assert/report ids must be unique: they are the finding codes"
    for test in tests:
        assert test.get("id"), etree.tostring(test)[:120]
        assert test.get("role") in {"error", "warning"}, test.get("id")
        message = " ".join("".join(test.itertext()).split())
        assert len(message) > 40, f"{test.get('id')}: the message must say how to fix the problem"


def test_every_rule_has_a_passing_and_a_failing_fixture():
    names = {path.name for path in RULE_CASES}
    for rule, role in declared_rules().items():
        assert f"{rule}-valid.xml" in names, f"no passing fixture for {rule}"
        kind = "errors" if role == "error" else "warnings"
        failing = [name for name in names if (match := EXPECTATION.match(name)) and match["rule"] == rule]
        assert failing, f"no failing fixture for {rule}"
        assert all(EXPECTATION.match(name)["kind"] == kind for name in failing), f"{rule} is a {role}"


def test_fixture_names_refer_to_declared_rules():
    rules = declared_rules()
    for path in RULE_CASES:
        match = EXPECTATION.match(path.name)
        if match:
            assert match["rule"] in rules, f"{path.name} names no rule of edition.sch"
        else:
            assert path.name.endswith("-valid.xml"), f"{path.name}: name it <rule>-valid.xml or <rule>-<N>_errors.xml"


@pytest.mark.parametrize("path", RULE_CASES, ids=case_id)
def test_schematron_fixture_gives_exactly_the_expected_findings(path):
    findings = edition_sch().iter_findings(load(path))
    match = EXPECTATION.match(path.name)
    if match is None:
        assert findings == [], "\n".join(map(str, findings))
        return
    severity = Severity.ERROR if match["kind"] == "errors" else Severity.WARNING
    got = sorted((finding.code, finding.severity) for finding in findings)
    assert got == [(match["rule"], severity)] * int(match["count"]), "\n".join(map(str, findings))
    for finding in findings:
        assert finding.line is not None, f"{finding} has no line number"
        assert finding.message.strip()


def test_a_repeated_identifier_is_a_finding_of_the_reader_and_the_document_is_checked_on():
    path = CASES / "schematron" / "id-unique-2_errors.xml"
    tree = etree.parse(str(path), etree.XMLParser(collect_ids=False))
    lines: dict[str, list[int]] = {}
    for element in tree.iter():
        if element.get(f"{XML_NS}id") is not None:
            lines.setdefault(element.get(f"{XML_NS}id"), []).append(element.sourceline)
    repeats = sorted(line for found in lines.values() for line in found[1:])
    report = validate([path], schema=SCHEMAS / "edition.rng", schematron=SCHEMAS / "edition.sch", jobs=1)
    repeated = [f for f in report.findings if f.code == "xml.id-repeated"]
    assert repeats and sorted(f.line for f in repeated) == repeats and all(f.file == str(path) for f in repeated)
    assert any(f.code == "id-unique" for f in report.findings)  # the Schematron rules ran as well


def test_schematron_fixtures_that_should_pass_satisfy_the_grammar_too():
    # A passing fixture is a complete, valid edition document, so it shows the rule
    # accepting what the grammar accepts.
    for path in RULE_CASES:
        if path.name.endswith("-valid.xml"):
            valid, error = rng_verdict(load(path))
            assert valid, f"{path.name}: {error}"


# ------------------------------------------------------------- RELAX NG and XSD


@pytest.mark.parametrize("path", SCHEMA_CASES, ids=case_id)
def test_grammar_fixture_verdict(path):
    expected = path.name.endswith("-valid.xml")
    assert path.name.endswith(("-valid.xml", "-invalid.xml")), path.name
    document = load(path)
    valid, error = rng_verdict(document)
    assert valid == expected, error or "edition.rng accepts a document it should refuse"


@pytest.mark.parametrize("path", ALL_CASES, ids=case_id)
def test_rng_and_xsd_agree(path):
    document = load(path)
    rng_valid, rng_error = rng_verdict(document)
    xsd_valid, xsd_error = xsd_verdict(document)
    assert rng_valid == xsd_valid, f"edition.rng: {rng_error or 'valid'}; edition.xsd: {xsd_error or 'valid'}"


XML_NS = "{http://www.w3.org/XML/1998/namespace}"
MUTANT_ATTRIBUTES = ["type", "subtype", "n", f"{XML_NS}id", f"{XML_NS}lang", "ref", "level", "when", "from", "to",
                     "notBefore", "notAfter", "resp", "who", "rend", "place", "target", "reason", "role", "next",
                     "cert", "scheme", "ident", "status"]
MUTANT_VALUES = ["", "x", "x y", "1", "0", "#pers-serge", "#a #b", "1921", "1921-02-29", "1921-13", "14:00:00",
                 "authorial", " editorial ", "j", "journal", "en", "high", "true", "59.9 29.7"]


def mutants(tree: etree._ElementTree, count: int, seed: int):
    """Small random edits of a valid document: each one a step off (or along) the contract."""
    chance = random.Random(seed)
    for _ in range(count):
        mutant = copy.deepcopy(tree)
        elements = [element for element in mutant.iter() if isinstance(element.tag, str)][1:]
        element = chance.choice(elements)
        parent = element.getparent()
        edit = chance.choice(["remove", "repeat", "swap", "drop-attribute", "add-attribute", "set-attribute", "text"])
        if edit == "remove":
            parent.remove(element)
        elif edit == "repeat":
            element.addnext(copy.deepcopy(element))
        elif edit == "swap" and element.getnext() is not None:
            following = element.getnext()
            parent.remove(following)
            element.addprevious(following)
        elif edit == "drop-attribute" and element.attrib:
            del element.attrib[chance.choice(sorted(element.attrib))]
        elif edit == "add-attribute":
            element.set(chance.choice(MUTANT_ATTRIBUTES), chance.choice(MUTANT_VALUES))
        elif edit == "set-attribute" and element.attrib:
            element.set(chance.choice(sorted(element.attrib)), chance.choice(MUTANT_VALUES))
        elif edit == "text":
            element.text = (element.text or "") + "x"
        yield f"{edit} on line {element.sourceline}", mutant


def test_rng_and_xsd_agree_on_random_edits_of_the_complete_fixture():
    # Fixtures show the constructs that matter; random edits look for any other place
    # where the two grammars part ways. Seeded, so a failure reproduces.
    complete = load(CASES / "schema" / "complete-valid.xml").tree
    verdicts = []
    for label, mutant in mutants(complete, 120, seed=20261125):
        rng_valid = edition_rng().validate(mutant)
        xsd_valid = next(edition_xsd().iter_errors(mutant), None) is None
        assert rng_valid == xsd_valid, f"{label}: edition.rng says {rng_valid}, edition.xsd says {xsd_valid}"
        verdicts.append(rng_valid)
    assert 0.2 < verdicts.count(True) / len(verdicts) < 0.8, "the edits should give both verdicts"


# What XSD 1.0 cannot say (see edition.xsd): which attributes a note or a date combines.
NEEDS_XSD_11 = {
    "date-mixed-forms-invalid.xml",
    "date-without-value-invalid.xml",
    "note-authorial-two-gaps-invalid.xml",
    "note-authorial-with-text-invalid.xml",
    "note-authorial-without-n-invalid.xml",
    "note-editorial-without-resp-invalid.xml",
}


def test_xsd_read_as_xsd_10_is_looser_only_where_it_must_be():
    schema_10 = xmlschema.XMLSchema10(str(SCHEMAS / "edition.xsd"))
    for path in ALL_CASES:
        document = load(path)
        expected = rng_verdict(document)[0] or path.name in NEEDS_XSD_11
        assert schema_10.is_valid(document.tree) == expected, path.name


def test_fixtures_cover_both_verdicts_for_the_grammar():
    verdicts = [path.name.endswith("-valid.xml") for path in SCHEMA_CASES]
    assert verdicts.count(True) >= 5 and verdicts.count(False) >= 25


RNG = "{http://relaxng.org/ns/structure/1.0}"


def allowed_content(grammar: etree._ElementTree) -> dict[str, tuple[set[str], set[str]]]:
    """element name -> (child element names, attribute names) a grammar allows, order ignored."""
    defines = {define.get("name"): define for define in grammar.iter(f"{RNG}define")}

    def reach(pattern, seen) -> tuple[set[str], set[str]]:
        children, attributes = set(), set()
        for node in pattern.iterchildren(f"{RNG}*"):
            kind = etree.QName(node).localname
            if kind == "element":
                children.add(node.get("name"))
            elif kind == "attribute":
                attributes.add(node.get("name"))
            elif kind == "ref" and node.get("name") not in seen:
                seen.add(node.get("name"))
                more = reach(defines[node.get("name")], seen)
                children |= more[0]
                attributes |= more[1]
            elif kind not in {"ref", "data", "value", "text", "empty", "param", "notAllowed", "name"}:
                more = reach(node, seen)
                children |= more[0]
                attributes |= more[1]
        return children, attributes

    content: dict[str, tuple[set[str], set[str]]] = {}
    for element in grammar.iter(f"{RNG}element"):
        children, attributes = reach(element, set())
        known = content.setdefault(element.get("name"), (set(), set()))
        known[0].update(children)
        known[1].update(attributes)
    return content


def test_edition_rng_allows_no_child_or_attribute_that_tei_all_forbids():
    # A static half of conformance, independent of fixtures: wherever edition.rng lets an
    # element contain another element or carry an attribute, tei_all does too.
    ours = allowed_content(etree.parse(str(SCHEMAS / "edition.rng")))
    theirs = allowed_content(etree.parse(str(TEI_ALL_RNG)))
    assert len(ours) > 90
    trespasses = {}
    for name, (children, attributes) in ours.items():
        assert name in theirs, f"<{name}> is no TEI element"
        extra = (children - theirs[name][0]) | {f"@{attribute}" for attribute in attributes - theirs[name][1]}
        if extra:
            trespasses[name] = sorted(extra)
    assert trespasses == {}


# Invalid grammar fixtures that TEI itself refuses; every other invalid fixture breaks a
# rule the edition adds to TEI (and tei_all must accept it, or the rule is not ours).
REFUSED_BY_TEI_TOO = {
    "choice-without-corr-invalid.xml",
    "date-not-iso-invalid.xml",
    "head-after-p-invalid.xml",
    "header-without-publisher-invalid.xml",
    "non-tei-namespace-invalid.xml",
    "org-idno-after-note-invalid.xml",
    "quote-in-date-invalid.xml",
    "sourcedesc-mixed-invalid.xml",
    "text-without-body-invalid.xml",
    "title-level-unknown-invalid.xml",
}


def test_tei_all_verdicts():
    # Conformance: the edition itself and everything edition.rng accepts (every fixture, random
    # edits of the complete fixture), tei_all accepts too; and each invalid grammar fixture is either refused by TEI as
    # well or shows a constraint the edition adds. One test (tei_all is compiled once a test process).
    schema = tei_all_grammar()
    wrong = {}
    for path in [*ALL_CASES, EDITION]:
        document = load(path)
        edition_valid = rng_verdict(document)[0]
        if path == EDITION:
            expected = True  # whatever edition.rng says of it
        elif path in SCHEMA_CASES and not edition_valid:
            expected = path.name not in REFUSED_BY_TEI_TOO
        elif edition_valid:
            expected = True
        else:
            continue
        if schema.validate(document.tree) != expected:
            wrong[path.name] = str(schema.error_log.last_error) if expected else "tei_all accepts it"
    complete = load(CASES / "schema" / "complete-valid.xml").tree
    for label, mutant in mutants(complete, 300, seed=7):
        if edition_rng().validate(mutant) and not schema.validate(mutant):
            wrong[f"complete-valid.xml, {label}"] = str(schema.error_log.last_error)
    assert wrong == {}


# ------------------------------------------------------------------ the edition


def test_edition_is_valid_against_the_edition_grammars():
    document = read_document(EDITION)
    assert rng_verdict(document) == (True, "")
    assert xsd_verdict(document) == (True, "")


def test_edition_has_no_schematron_findings():
    findings = edition_sch().iter_findings(read_document(EDITION))
    assert findings == [], "\n".join(map(str, findings[:20]))


def test_edition_declares_its_schemas():
    models = read_document(EDITION).tree.xpath("/processing-instruction('xml-model')")
    hrefs = {re.search(r'href="([^"]+)"', model.text).group(1) for model in models}
    assert {"../schemas/edition.rng", "../schemas/edition.sch"} <= hrefs
