"""The attack reproductions of the validation side (shared/security/repro/) fail, on every test run.

Each script prints what it observed; these tests run it in a scratch folder with the
installed ``teikit`` first on PATH and check that the attack did not work. Scripts that
need prepared cases (``$LAB/cases``) get them from here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.validation.hostile_schemas import CASES, GREEDY_SCHEMATRON, exponential_grammar

REPRO = SHARED / "security" / "repro"
BIN = Path(sys.executable).parent


def run_repro(name: str, lab: Path, timeout: float = 600) -> str:
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "LAB": str(lab)}
    environment.pop("TEIKIT_CACHE", None)
    completed = subprocess.run(["bash", str(REPRO / name)], cwd=lab, env=environment, capture_output=True,
                               text=True, timeout=timeout)
    return completed.stdout + completed.stderr


def secret(lab: Path) -> str:
    return (lab / "secret.txt").read_text().strip()


def test_f01_schematron_reads_no_environment(tmp_path):
    output = run_repro("F01-schematron-env-leak.sh", tmp_path)
    assert "token occurrences in the JUnit report: 0" in output
    assert "ghp_FAKE_CANARY_TOKEN_123" not in output
    report = (tmp_path / "scratch-repro" / "F01" / "report.xml").read_text()
    assert "ghp_FAKE_CANARY_TOKEN_123" not in report and "A=" in report
    for line in output.splitlines():
        if line.startswith("letter.xml"):
            assert line.rstrip().endswith(("A=", "B=", "C=", "D=")), line  # nothing after the '='


def test_f14_a_planted_cache_entry_reads_nothing(tmp_path):
    (tmp_path / "secret.txt").write_text("TOPSECRET-f14-canary\n")
    output = run_repro("F14-cache-poison.sh", tmp_path)
    assert secret(tmp_path) not in output
    assert "POISONED" not in output
    assert output.count("valid: 1 file checked, 1 valid") == 2  # the tampered entry was a miss


# --- cases the scripts expect under $LAB/cases -----------------------------------------------

def _write_cases(lab: Path) -> None:
    (lab / "cases" / "rng").mkdir(parents=True, exist_ok=True)
    (lab / "cases" / "rng" / "exp.rng").write_text(exponential_grammar())
    for name, text in CASES.items():
        (lab / "cases" / name).parent.mkdir(parents=True, exist_ok=True)
        (lab / "cases" / name).write_text(text)


def test_f08_costly_schemas_are_stopped_per_document_and_the_run_goes_on(tmp_path, monkeypatch):
    _write_cases(tmp_path)
    # The budget is configured, as a user would: CPU time, far above what the ordinary documents
    # and schemas need (well under a second), and far below the script's own 30 s patience (clock
    # time), so that a machine shared by ten busy processes still gives it that much CPU in time.
    monkeypatch.setenv("TEIKIT_DOCUMENT_SECONDS", "2")
    output = run_repro("F08-schema-dos.sh", tmp_path)
    assert "5 KB RELAX NG: exit 0" in output  # this grammar is costly for other documents (see below)
    assert "XSD (a+)+b: exit 1" in output
    assert "Schematron loop: exit 1" in output
    assert output.count("[limits.time]") == 2, output
    assert "root:" not in output
    summary = [line for line in output.splitlines() if line.startswith("corpus with one hostile document")]
    assert summary and summary[0].startswith("corpus with one hostile document: exit 1,"), output
    report = json.loads((tmp_path / "scratch-repro" / "F08" / "report.json").read_text())
    assert report["summary"]["files"] == 2
    codes = {Path(entry["file"]).name: [finding["code"] for finding in entry["findings"]] for entry in report["files"]}
    assert codes == {"a.xml": ["model.none"], "b.xml": ["sch.read-refused"]}, codes  # a.xml checked too


def test_a_costly_grammar_stops_only_the_documents_it_is_costly_for(tmp_path):
    grammar = tmp_path / "exp.rng"
    grammar.write_text(exponential_grammar())
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0">{}</TEI>'
    costly, simple = tmp_path / "costly.xml", tmp_path / "simple.xml"
    costly.write_text(tei.format("<a/>" * 60))
    simple.write_text(tei.format("<teiHeader/><text/>"))
    environment = {**os.environ, "TEIKIT_DOCUMENT_SECONDS": "3"}
    completed = subprocess.run([str(BIN / "teikit"), "validate", "--format", "json", "--schema", str(grammar),
                                str(costly), str(simple)], env=environment, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 1, completed.stderr
    files = {Path(entry["file"]).name: entry["findings"] for entry in json.loads(completed.stdout)["files"]}
    assert [f["code"] for f in files["costly.xml"]] == ["limits.time"]
    assert "3 s" in files["costly.xml"][0]["message"] and "TEIKIT_DOCUMENT_SECONDS" in files["costly.xml"][0]["hint"]
    assert not files.get("simple.xml")


def test_a_rule_that_fills_the_memory_is_stopped_at_the_memory_budget(tmp_path):
    # Through the command, in a process of its own: a Saxon stopped in the middle of its work
    # must not share a process with the other tests.
    schema = tmp_path / "greedy.sch"
    schema.write_text(GREEDY_SCHEMATRON)
    ordinary = tmp_path / "ordinary.sch"
    ordinary.write_text('<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3"><sch:pattern>'
                        '<sch:rule context="/*"><sch:assert test="count(*) = 2">two children</sch:assert></sch:rule>'
                        '</sch:pattern></sch:schema>')
    document = tmp_path / "doc.xml"
    document.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text/></TEI>')
    environment = {**os.environ, "TEIKIT_DOCUMENT_MEMORY": "512M", "TEIKIT_DOCUMENT_SECONDS": "0"}

    def teikit(schematron: Path) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "teikit"), "validate", "--format", "json", "--schematron", str(schematron),
                               str(document)], env=environment, capture_output=True, text=True, timeout=600)

    greedy = teikit(schema)
    assert greedy.returncode == 1, greedy.stderr
    findings = json.loads(greedy.stdout)["files"][0]["findings"]
    assert [(f["code"], "512 MiB" in f["message"]) for f in findings] == [("limits.memory", True)]
    assert teikit(ordinary).returncode == 0  # the same budget leaves an ordinary rule alone


# --- F12: schema path guards ----------------------------------------------------------------------

def test_f12_schemas_are_read_only_where_they_are_declared(tmp_path):
    (tmp_path / "secret-config.xml").write_text("<config>TOPSECRET-config</config>")
    (tmp_path / "secret-schema.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="x" fixed="TOPSECRET-schema"/></xs:schema>')
    output = run_repro("F12-schema-path-guards.sh", tmp_path)
    assert "TOPSECRET" not in output
    lines = output.splitlines()
    assert "[model.missing]" in lines[0] and "x.xsd" in lines[0]  # the fragment names no folder
    assert "refused" in output and "outside the schema's folder" in output


XINCLUDE_TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"{base}>'
                '<teiHeader/><text><body><div{inner}><xi:include href="{href}" parse="text"/></div></body></text></TEI>')


def _xinclude(folder: Path, name: str, href: str, base: str = "", inner: str = "") -> Path:
    path = folder / f"{name}.xml"
    path.write_text(XINCLUDE_TEI.format(href=href, base=f' xml:base="{base}"' if base else "",
                                        inner=f' xml:base="{inner}"' if inner else ""))
    return path


def test_f13_xincludes_leaving_the_folder_are_refused(tmp_path):
    folder = tmp_path / "cases" / "xinclude" / "ed"
    folder.mkdir(parents=True)
    (tmp_path / "cases" / "xinclude" / "secret.txt").write_text("TOPSECRET-xinclude")
    _xinclude(folder, "xmlbase", "secret.txt", base="../")
    _xinclude(folder, "xmlbase2", "passwd", inner="file:///etc/")
    _xinclude(folder, "pct", "%2e%2e/secret.txt")
    _xinclude(folder, "parent", "../secret.txt")
    output = run_repro("F13-xinclude-classification.sh", tmp_path)
    for name in ("xmlbase", "xmlbase2", "pct", "parent"):
        assert f"{name}: exit 1 [xml.xinclude-refused]" in output, output


@pytest.mark.parametrize(("href", "base", "inner", "refused"), [
    ("part.xml", "", "", False),
    ("sub/part.xml", "", "", False),
    ("%2E%2E/secret.txt", "", "", True),
    ("sub/%2e%2e/%2e%2e/secret.txt", "", "", True),
    ("secret.txt", "", "sub/../../", True),
    ("secret.txt", "http://example.org/", "", True),
    ("part.xml", "sub/", "", False),
    ("//example.org/x.xml", "", "", True),
    ("file:///etc/passwd", "", "", True),
    ("outlink/secret.txt", "", "", True),  # a folder inside that is a symlink to outside
])
def test_where_an_xinclude_points_is_worked_out_as_a_processor_would(tmp_path, href, base, inner, refused):
    from toolkit.xmlio import read_document

    folder = tmp_path / "ed"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("TOPSECRET")
    (folder / "outlink").symlink_to(tmp_path)
    document = read_document(_xinclude(folder, "doc", href, base=base, inner=inner))
    codes = [finding.code for finding in document.findings]
    assert codes == (["xml.xinclude-refused"] if refused else ["xml.xinclude"])
