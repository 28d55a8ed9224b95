"""Hostile documents: refused with a clear finding, and nothing outside is read or contacted.

The canaries are a named pipe (any attempt to open it is observed) and a listening
loopback socket (any connection is observed).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.validation.support import FileCanary, NetworkCanary, tei
from toolkit.errors import Severity
from toolkit.validation import validate


def hostile_documents(target: str) -> dict[str, tuple[str, str]]:
    """name -> (document text, the error code it must produce), each pointing at ``target``."""
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n{}\n]>\n'
    xinclude = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{}" parse="{}"/>'
    return {
        "entity.xml": (tei("<p>&x;</p>", doctype.format(f'<!ENTITY x SYSTEM "{target}">')), "xml.entity-declaration"),
        "parameter.xml": (tei(prolog=doctype.format(f'<!ENTITY % p SYSTEM "{target}">\n%p;')), "xml.entity-declaration"),
        "dtd.xml": (tei(prolog=f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{target}">\n'), "xml.external-dtd"),
        "public-dtd.xml": (tei(prolog=f'<?xml version="1.0"?>\n<!DOCTYPE TEI PUBLIC "-//X//DTD X//EN" "{target}">\n'),
                           "xml.external-dtd"),
        "xinclude-text.xml": (tei(xinclude.format(target, "text")), "xml.xinclude-refused"),
        "xinclude-xml.xml": (tei(xinclude.format(target, "xml")), "xml.xinclude-refused"),
        "model.xml": (tei(prolog=f'<?xml version="1.0"?>\n<?xml-model href="{target}" '
                                 'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'), None),
    }


def write_all(directory: Path, target: str) -> dict[Path, str | None]:
    directory.mkdir()
    written = {}
    for name, (text, code) in hostile_documents(target).items():
        (directory / name).write_text(text, encoding="utf-8")
        written[directory / name] = code
    return written


def assert_refused(report, expected: dict[Path, str | None]) -> None:
    by_file = report.by_file()
    for path, code in expected.items():
        codes = {f.code for f in by_file[str(path)] if f.severity != Severity.INFO}
        if code:
            assert code in codes, (path.name, codes)
        else:
            assert codes <= {"model.refused", "model.unresolved"} and codes, (path.name, codes)
    assert not report.valid


def test_local_file_references_never_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    with FileCanary(outside / "canary") as canary:
        expected = write_all(tmp_path / "project", (outside / "canary").as_uri())
        expected |= {path.with_name("abs-" + path.name): code
                     for path, code in write_all(tmp_path / "project2", str(outside / "canary")).items()}
        report = validate([tmp_path / "project"], jobs=1)
        report2 = validate([tmp_path / "project2"], jobs=1)
    assert canary.opened == 0, "a document made the toolkit open a file outside the project"
    assert_refused(report, {p: c for p, c in expected.items() if p.parent.name == "project"})
    assert all(f.code != "io.unreadable" for f in report2.findings)


def test_network_references_never_contacted(tmp_path):
    canary = NetworkCanary()
    try:
        expected = write_all(tmp_path / "project", canary.url + "/secret")
        report = validate([tmp_path / "project"], jobs=1)
        assert canary.connections() == 0, "a document made the toolkit open a network connection"
    finally:
        canary.close()
    assert_refused(report, expected)


def test_real_command_in_worker_processes_reads_nothing_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    network = NetworkCanary()
    try:
        with FileCanary(outside / "canary") as canary:
            write_all(tmp_path / "files", (outside / "canary").as_uri())
            write_all(tmp_path / "urls", network.url + "/x.rng")
            result = subprocess.run(
                [sys.executable, "-m", "toolkit", "validate", "-j", "2", "--no-progress",
                 str(tmp_path / "files"), str(tmp_path / "urls")],
                capture_output=True, text=True, timeout=120,
            )
        assert canary.opened == 0
        assert network.connections() == 0
    finally:
        network.close()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "[xml.entity-declaration]" in result.stdout and "[xml.xinclude-refused]" in result.stdout


def test_canary_detects_a_read(tmp_path):
    # The canary itself works: an ordinary open is observed.
    with FileCanary(tmp_path / "canary") as canary:
        with open(tmp_path / "canary", "rb") as stream:
            stream.read()
    assert canary.opened >= 1


@pytest.mark.parametrize("href", ["/etc/passwd", "../../../../../etc/passwd"])
def test_xml_model_cannot_make_us_read_arbitrary_files(tmp_path, href):
    document = tmp_path / "doc.xml"
    document.write_text(tei(prolog=f'<?xml version="1.0"?>\n<?xml-model href="{href}" '
                                   'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'))
    [finding] = validate([document], jobs=1).findings
    assert (finding.code, finding.line, finding.severity) == ("model.refused", 2, Severity.ERROR)


@pytest.mark.parametrize("body", ["<p>&x;</p>", "&x;<p>Text.</p>"], ids=["in a paragraph", "between paragraphs"])
def test_an_unexpanded_entity_is_judged_as_jing_judges_its_text_without_the_full_grammar(tmp_path, monkeypatch, body):
    # Jing expands the entity to the text it declares; teikit never expands it, and its grammars
    # read the reference as that text: the same verdict, on the same line, and quickly (the
    # full grammar, seconds to compile, is never needed).
    from tests.conftest import TEI_ALL_RNG
    from tests.validation.jing import jing_errors
    from toolkit.validation.relaxng import RelaxNG

    monkeypatch.setattr(RelaxNG, "compile_full", lambda self: pytest.fail("the full grammar was compiled"))
    path = tmp_path / "entity.xml"
    path.write_text(tei(body, '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY x "x">\n]>\n'), encoding="utf-8")
    findings = validate([path], schema=TEI_ALL_RNG, jobs=1).findings
    reference_line = path.read_text().count("\n", 0, path.read_text().index("&x;")) + 1
    assert {(f.code, f.line) for f in findings if f.code.startswith("xml.")} == {
        ("xml.entity-declaration", 3), ("xml.entity-reference", reference_line)}
    assert sorted(f.line for f in findings if f.code.startswith("rng.")) == sorted(
        line for line, kind, _ in jing_errors(TEI_ALL_RNG, [path])[path] if kind == "error")
