"""Schema selection: xml-model declarations, XML catalogs, and command-line overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TEI_ALL_RNG
from tests.validation.support import CASES, TEI_ALL_URL, counted, expected_counts, tei, write_tei_all_catalog
from toolkit.errors import Severity, TeikitError
from toolkit.validation import validate
from toolkit.validation.catalog import Catalog
from toolkit.limits import Limits

IN_PROCESS = Limits(document_seconds=0, document_memory=0)  # no budget: checks run in this process
from toolkit.validation.xmlmodel import declarations

MODELS = sorted((CASES / "models").glob("*.xml"))

FIRST_CODE = {
    "embedded-rules-1_error.xml": "hi-not-empty",
    "compact-syntax-1_error.xml": "model.unsupported",
    "malformed-schema-1_error.xml": "schema.invalid",
    "missing-path-1_error.xml": "model.missing",
    "not-a-schema-1_error.xml": "model.refused",
    "not-relaxng-schema-1_error.xml": "schema.invalid",
    "rng-and-xsd-invalid-4_error.xml": "rng.RELAXNG_ERR_DATATYPE",  # @n="first", reported first as Jing does
    "rng-by-extension-2_error.xml": "rng.RELAXNG_ERR_DATATYPE",  # @n="first", reported first as Jing does
    "rng-invalid-2_error.xml": "rng.RELAXNG_ERR_DATATYPE",  # @n="first", reported first as Jing does
    "unknown-language-1_warning.xml": "model.unknown-type",
    "unmapped-url-1_error.xml": "model.unresolved",
    "xsd-invalid-2_error.xml": "xsd.datatype",
}


@pytest.mark.parametrize("path", MODELS, ids=lambda path: path.name)
def test_declared_schemas_are_used(path: Path):
    report = validate([path], jobs=1)
    assert counted(report.findings) == expected_counts(path), [str(f) for f in report.findings]
    if path.name in FIRST_CODE:
        first = report.findings[0]
        assert first.code == FIRST_CODE[path.name]
        assert first.file == str(path)
        assert first.hint or "." not in first.code  # our own findings always say what to do


def test_rng_findings_carry_line_and_readable_xpath():
    report = validate([CASES / "models" / "rng-invalid-2_error.xml"], jobs=1)
    first = [f for f in report.findings if f.code == "rng.RELAXNG_ERR_ELEMNAME"][0]
    assert (first.line, first.xpath) == (13, "/TEI/text[1]/body[1]/p[1]/list[1]")
    assert "list" in first.message


def test_schematron_embedded_in_relaxng_is_run():
    # TEI ODDs put their Schematron rules inside the RELAX NG; an xml-model may name it for both.
    [finding] = validate([CASES / "models" / "embedded-rules-1_error.xml"], jobs=1).findings
    assert (finding.code, finding.line, finding.severity) == ("hi-not-empty", 14, Severity.ERROR)
    assert "remove the empty hi" in finding.message


def test_rng_runs_before_xsd():
    report = validate([CASES / "models" / "rng-and-xsd-invalid-4_error.xml"], jobs=1)
    assert [f.code.split(".")[0] for f in report.findings] == ["rng", "rng", "xsd", "xsd"]


def test_problem_schema_is_reported_at_the_declaration():
    [finding] = validate([CASES / "models" / "malformed-schema-1_error.xml"], jobs=1).findings
    assert finding.line == 2 and "malformed.rng" in finding.message and "line 6" in finding.message


def test_unresolved_url_says_what_to_do():
    [finding] = validate([CASES / "models" / "unmapped-url-1_error.xml"], jobs=1).findings
    assert "--catalog" in finding.hint and "https://schemas.example.org/unknown/project.rng" in finding.message


def test_pseudo_attributes_parsed():
    data = (b'<?xml version="1.0"?>\n<!-- <?xml-model href="commented.rng"?> -->\n'
            b"<?xml-model href='rules.sch' type=\"application/xml\" schematypens=\"http://purl.oclc.org/dsdl/schematron\""
            b' phase="strict"?>\n<?xml-model href="a&amp;b.xsd"?>\n<TEI/>\n<?xml-model href="after-root.rng"?>')
    found = declarations(data)
    assert [(d.href, d.kind, d.phase, d.line) for d in found] == [
        ("rules.sch", "sch", "strict", 3), ("a&b.xsd", "xsd", None, 4)]


def test_catalog_maps_tei_all_url_http_and_https(tmp_path):
    catalog = write_tei_all_catalog(tmp_path)
    folder = CASES / "models" / "catalog"
    report = validate([folder], catalog=catalog, jobs=1)
    for path in sorted(folder.glob("*.xml")):
        findings = report.by_file()[str(path)]
        assert counted(findings) == expected_counts(path), [str(f) for f in findings]
    [error] = [f for f in report.findings if f.severity == Severity.ERROR]
    assert error.code.startswith("rng.") and "foo" in error.message and error.line == 13
    # Without the catalog nothing is fetched: both documents say how to map the URL.
    plain = validate([folder], jobs=1)
    assert [f.code for f in plain.findings] == ["model.unresolved", "model.unresolved"]


def test_catalog_from_environment(tmp_path, monkeypatch):
    catalog = Catalog([write_tei_all_catalog(tmp_path)])
    assert catalog.lookup(f"https://{TEI_ALL_URL}") == TEI_ALL_RNG
    monkeypatch.setenv("TEIKIT_CATALOG", str(tmp_path / "catalog.xml"))
    from toolkit.validation.catalog import load_catalog

    assert load_catalog(None).lookup(f"http://{TEI_ALL_URL}") == TEI_ALL_RNG


def test_catalog_rewrite_suffix_next_and_base(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "next.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        '<uriSuffix uriSuffix="/odd/project.rng" uri="local/project.rng"/></catalog>')
    (tmp_path / "catalog.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        '<group xml:base="schemas/"><rewriteURI uriStartString="https://example.org/s/" rewritePrefix="mirror/"/>'
        '<rewriteURI uriStartString="https://example.org/s/deeper/" rewritePrefix="deep/"/></group>'
        '<uri name="https://elsewhere.org/x.rng" uri="https://mirror.org/x.rng"/>'
        '<nextCatalog catalog="sub/next.xml"/></catalog>')
    catalog = Catalog([tmp_path / "catalog.xml"])
    assert catalog.lookup("https://example.org/s/a.rng") == tmp_path / "schemas/mirror/a.rng"
    assert catalog.lookup("https://example.org/s/deeper/b.rng") == tmp_path / "schemas/deep/b.rng"
    assert catalog.lookup("https://x.org/odd/project.rng") == tmp_path / "sub/local/project.rng"
    assert catalog.lookup("https://elsewhere.org/x.rng") is None  # mapped to another URL: still not fetched
    assert catalog.lookup("https://unknown.org/y.rng") is None


def test_catalog_problems_are_usage_errors(tmp_path):
    with pytest.raises(TeikitError, match="catalog not found"):
        validate([CASES / "models" / "rng-valid-0_error.xml"], catalog=tmp_path / "none.xml")
    (tmp_path / "bad.xml").write_text("<catalog>")
    with pytest.raises(TeikitError, match="cannot be read"):
        validate([CASES / "models" / "rng-valid-0_error.xml"], catalog=tmp_path / "bad.xml")


def test_schema_override_replaces_declarations(tmp_path):
    # The document declares a schema that does not exist; --schema judges it instead, by either language.
    document = tmp_path / "doc.xml"
    document.write_text(tei('<p n="0">Zero is not a positive integer.</p>',
                            prolog='<?xml version="1.0"?>\n<?xml-model href="nowhere.rng"?>\n'))
    report = validate([document], schema=CASES / "schemas" / "tiny.xsd", jobs=1)
    assert [(f.code, f.line) for f in report.findings] == [("xsd.validation", 13)]
    assert "positive" in report.findings[0].message
    report = validate([document], schema=CASES / "schemas" / "tiny.rng", jobs=1)
    assert ("rng.RELAXNG_ERR_DATATYPE", 13) in [(f.code, f.line) for f in report.findings]
    assert 'attribute "n"' in report.findings[0].message
    assert all(f.code.startswith("rng.") for f in report.findings)


def test_unusable_override_is_a_usage_error(tmp_path):
    with pytest.raises(TeikitError, match="schema not found"):
        validate([CASES / "models" / "rng-valid-0_error.xml"], schema=tmp_path / "missing.rng")
    with pytest.raises(TeikitError, match="cannot be used"):
        validate([CASES / "models" / "rng-valid-0_error.xml"], schema=CASES / "schemas" / "malformed.rng")


def test_document_with_thousands_of_siblings_is_validated_in_parts(tmp_path, monkeypatch):
    # tei_lite's start reaches TEI through a define, so the parts validator takes the long body.
    from lxml import etree

    from tests.conftest import SHARED
    from toolkit.xmlio import read_document

    from toolkit.validation.relaxng import RelaxNG

    calls = []
    original = RelaxNG.errors_in_parts
    monkeypatch.setattr(RelaxNG, "errors_in_parts", lambda self, tree: calls.append(1) or original(self, tree))
    lite = SHARED / "schemas" / "tei-p5" / "tei_lite.rng"
    paragraphs = "\n".join("<p>Paragraph.</p>" if n != 1200 else '<p rend="x" foo="bar">Bad.</p>'
                           for n in range(1, 1501))
    document = tmp_path / "register.xml"
    document.write_text(tei(paragraphs))
    # In this process, so that the counter sees the calls (with budgets they happen in a worker).
    report = validate([document], schema=lite, jobs=1, limits=IN_PROCESS)
    assert not report.valid and calls
    assert {f.line for f in report.findings} == {12 + 1199}
    # Same verdicts as libxml2 on the whole document with the whole grammar.
    whole = etree.RelaxNG(etree.parse(str(lite)))
    assert whole.validate(read_document(document).tree) is False
    document.write_text(tei(paragraphs.replace(' foo="bar"', "")))
    assert whole.validate(read_document(document).tree) is True
    assert validate([document], schema=lite, jobs=1).valid


def test_unchanged_rejected_document_is_not_diagnosed_twice(tmp_path, monkeypatch):
    from tests.conftest import SHARED
    from toolkit.validation import derivatives

    lite = SHARED / "schemas" / "tei-p5" / "tei_lite.rng"
    document = tmp_path / "doc.xml"
    document.write_text(tei('<p foo="bar">An attribute TEI does not know.</p>'))
    # Counted in this process: without budgets the diagnoses are made here, not in a worker.
    compiled = []  # diagnoses made (by the full grammar, read by the derivative validator)
    original = derivatives.findings
    monkeypatch.setattr(derivatives, "findings", lambda *args: compiled.append(1) or original(*args))
    first = validate([document], schema=lite, jobs=1, limits=IN_PROCESS)
    assert compiled and not first.valid
    assert "rng.RELAXNG_ERR_INVALIDATTR" in [f.code for f in first.findings]
    compiled.clear()
    again = validate([document], schema=lite, jobs=1, limits=IN_PROCESS)
    assert not compiled and again.findings == first.findings
    document.write_text(tei('<p foo="baz">Changed, still unknown.</p>'))
    changed = validate([document], schema=lite, jobs=1, limits=IN_PROCESS)
    assert compiled and not changed.valid


def _catalog_file(path, *entries):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">' + "".join(entries) + "</catalog>")
    return path


def test_chained_catalogs_are_consulted_in_order_the_next_only_when_nothing_matched(tmp_path):
    # The first file's suffix entry matches: a longer rewrite in the next catalog must not win over it.
    first = _catalog_file(tmp_path / "first.xml",
                          '<uriSuffix uriSuffix="/a.rng" uri="first/a.rng"/>',
                          '<nextCatalog catalog="second.xml"/>')
    _catalog_file(tmp_path / "second.xml",
                  '<rewriteURI uriStartString="https://example.org/schemas/" rewritePrefix="second/"/>',
                  '<uri name="https://example.org/schemas/b.rng" uri="second/exact-b.rng"/>')
    catalog = Catalog([first])
    assert catalog.lookup("https://example.org/schemas/a.rng") == tmp_path / "first/a.rng"
    assert catalog.lookup("https://example.org/schemas/b.rng") == tmp_path / "second/exact-b.rng"
    assert catalog.lookup("https://example.org/schemas/c.rng") == tmp_path / "second/c.rng"


def test_catalog_files_given_together_are_consulted_in_order(tmp_path):
    one = _catalog_file(tmp_path / "one.xml", '<uriSuffix uriSuffix="x.rng" uri="one/x.rng"/>')
    two = _catalog_file(tmp_path / "two.xml", '<uri name="https://example.org/x.rng" uri="two/x.rng"/>')
    assert Catalog([one, two]).lookup("https://example.org/x.rng") == tmp_path / "one/x.rng"
    assert Catalog([two, one]).lookup("https://example.org/x.rng") == tmp_path / "two/x.rng"


def test_delegate_entries_consult_only_the_catalogs_they_name_longest_prefix_first(tmp_path):
    main = _catalog_file(tmp_path / "main.xml",
                         '<delegateURI uriStartString="https://example.org/" catalog="wide.xml"/>',
                         '<delegateURI uriStartString="https://example.org/tei/" catalog="narrow.xml"/>',
                         '<nextCatalog catalog="next.xml"/>')
    _catalog_file(tmp_path / "wide.xml", '<rewriteURI uriStartString="https://example.org/" rewritePrefix="wide/"/>')
    _catalog_file(tmp_path / "narrow.xml", '<uri name="https://example.org/tei/all.rng" uri="narrow/all.rng"/>')
    _catalog_file(tmp_path / "next.xml", '<rewriteURI uriStartString="https://" rewritePrefix="next/"/>')
    catalog = Catalog([main])
    assert catalog.lookup("https://example.org/tei/all.rng") == tmp_path / "narrow/all.rng"
    # narrow.xml has no entry for this one: the next delegate (wide.xml) answers, never next.xml
    assert catalog.lookup("https://example.org/tei/other.rng") == tmp_path / "wide/tei/other.rng"
    assert catalog.lookup("https://example.org/misc.rng") == tmp_path / "wide/misc.rng"
    assert catalog.lookup("https://elsewhere.org/x.rng") == tmp_path / "next/elsewhere.org/x.rng"


def test_delegation_that_finds_nothing_stops_the_search(tmp_path):
    main = _catalog_file(tmp_path / "main.xml",
                         '<delegateURI uriStartString="https://example.org/" catalog="empty.xml"/>',
                         '<nextCatalog catalog="next.xml"/>')
    _catalog_file(tmp_path / "empty.xml")
    _catalog_file(tmp_path / "next.xml", '<rewriteURI uriStartString="https://" rewritePrefix="next/"/>')
    assert Catalog([main]).lookup("https://example.org/a.rng") is None
