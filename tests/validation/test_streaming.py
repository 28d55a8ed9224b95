"""Large documents checked only against RELAX NG are read as a stream: same verdicts, same lines."""

from __future__ import annotations

import pytest

from tests.conftest import TEI_ALL_RNG
from tests.test_chunked_relaxng import VARIANTS, register
from toolkit.validation import engine, validate
from toolkit.validation.chunked import ChunkedRelaxNG


def _findings(path, monkeypatch, *, stream: bool):
    monkeypatch.setattr(engine, "STREAM_BYTES", 1 if stream else 1 << 40)
    return validate([path], schema=TEI_ALL_RNG, jobs=1).findings


@pytest.fixture
def tree_never_built(monkeypatch):
    """Fail the test if the document is parsed whole."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the document was read whole")
    monkeypatch.setattr(engine, "read_document", refuse)
    monkeypatch.setattr(engine, "parse_bytes", refuse)


@pytest.mark.parametrize("name", [name for name in VARIANTS if name != "wrong document element"])
def test_stream_and_whole_tree_agree(name, tmp_path, monkeypatch):
    data, valid = VARIANTS[name]
    path = tmp_path / "register.xml"
    path.write_bytes(data)
    whole = _findings(path, monkeypatch, stream=False)
    with monkeypatch.context() as patch:
        patch.setattr(engine, "read_document", lambda *_a: pytest.fail("read whole"))
        streamed = _findings(path, monkeypatch, stream=True)
    assert (not [f for f in streamed if f.severity.value == "error"]) is valid
    assert (not [f for f in whole if f.severity.value == "error"]) is valid
    # Each reading names lines of its own (the whole grammar blames containers, the parts the
    # entry itself), but an error in an entry is always placed on that entry's line.
    lines = data.decode().split("\n")
    for number, line in enumerate(lines, start=1):
        if "<bogus/>" in line or "not a date" in line:
            assert number in {f.line for f in streamed}
    assert all(f.file == str(path) and f.code.startswith("rng.") for f in streamed)


def test_a_large_document_is_checked_without_its_tree(tmp_path, monkeypatch, tree_never_built):
    path = tmp_path / "register.xml"
    path.write_bytes(register(400, {390: "<bogus/>"}))
    findings = _findings(path, monkeypatch, stream=True)
    assert findings and {f.line for f in findings} == {path.read_text().count("\n", 0, path.read_text().index("<bogus/>")) + 1}


@pytest.mark.parametrize("case, code", [
    ("doctype", "xml.entity-declaration"),
    ("malformed", "xml.not-well-formed"),
])
def test_what_a_stream_cannot_judge_is_read_whole(case, code, tmp_path, monkeypatch):
    data = register(100)
    if case == "doctype":
        data = b'<!DOCTYPE TEI [<!ENTITY x "y">]>' + data
    else:
        data = data[:-30]
    path = tmp_path / f"{case}.xml"
    path.write_bytes(data)
    assert code in {f.code for f in _findings(path, monkeypatch, stream=True)}


def test_a_schematron_or_xsd_check_reads_the_whole_tree(tmp_path, monkeypatch):
    path = tmp_path / "register.xml"
    path.write_bytes(register(100))
    calls = []
    original = engine.read_document
    monkeypatch.setattr(engine, "read_document", lambda p: calls.append(p) or original(p))
    monkeypatch.setattr(engine, "STREAM_BYTES", 1)
    schematron = tmp_path / "rules.sch"
    schematron.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2"><ns prefix="t" uri="http://www.tei-c.org/ns/1.0"/>'
        '<pattern><rule context="t:person"><assert test="@xml:id">a person has an id</assert></rule></pattern></schema>')
    report = validate([path], schema=TEI_ALL_RNG, schematron=schematron, jobs=1)
    assert report.valid and calls == [path]


def test_streamed_names_equal_the_tree_names(tmp_path):
    from lxml import etree

    from toolkit.validation.chunked import streamed_element_names
    from toolkit.validation.reduced import element_names

    data = register(50, between={10: "<!-- c --><?pi x?>"})
    path = tmp_path / "r.xml"
    path.write_bytes(data)
    assert streamed_element_names(path) == element_names(etree.ElementTree(etree.fromstring(data)))
    assert isinstance(ChunkedRelaxNG(TEI_ALL_RNG).validate_file(path)[0], list)


def test_hostile_documents_meant_for_the_stream_are_refused_and_read_nothing(tmp_path, monkeypatch):
    from tests.validation.support import FileCanary
    from tests.validation.test_hostile import write_all

    monkeypatch.setattr(engine, "STREAM_BYTES", 1)
    outside = tmp_path / "outside"
    outside.mkdir()
    with FileCanary(outside / "canary") as canary:
        expected = write_all(tmp_path / "project", (outside / "canary").as_uri())
        report = validate([tmp_path / "project"], schema=TEI_ALL_RNG, jobs=1)
    assert canary.opened == 0
    by_file = report.by_file()
    for path, code in expected.items():
        if code:
            assert code in {f.code for f in by_file[str(path)]}, path.name
