"""Each document's schema checks run within a time and memory budget wherever documents are
checked: ``teikit validate`` of many documents, ``teikit build`` of a project, the Dask executor.

A corpus mixes documents whose declared schemas attack (a RELAX NG grammar that blows up, an
XSD pattern ``(a+)+b``, a Schematron loop, a Schematron rule that fills the memory, a Schematron
``doc()`` of a file outside the project) with ordinary ones, valid and invalid: each attack is a
finding for its document alone, and every other document gets its own findings.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_distributed import cluster  # noqa: F401 - the LocalCluster fixture
from tests.validation.hostile_schemas import CASES, GREEDY_SCHEMATRON, exponential_grammar
from toolkit.limits import MIB, Limits
from toolkit.validation import budget

BIN = Path(sys.executable).parent
TEI = "http://www.tei-c.org/ns/1.0"
SECONDS, MEMORY = "4", "512M"  # CPU time: far above what an ordinary document needs, however busy the machine
SIMPLE_RNG = (f'<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="{TEI}"><start><element name="TEI">'
              '<element name="teiHeader"><empty/></element><element name="text"><empty/></element>'
              '</element></start></grammar>')
KINDS = {"rng": "http://relaxng.org/ns/structure/1.0", "xsd": "http://www.w3.org/2001/XMLSchema",
         "sch": "http://purl.oclc.org/dsdl/schematron"}


def write_corpus(folder: Path) -> dict[str, list[str]]:
    """The corpus under ``folder``; returns each document's name with the finding codes expected
    for it (an invalid ordinary document: the RELAX NG code of its one unexpected element)."""
    schemas = folder / "schemas"
    schemas.mkdir(parents=True)
    (schemas / "exp.rng").write_text(exponential_grammar())
    (schemas / "simple.rng").write_text(SIMPLE_RNG)
    (schemas / "redos.xsd").write_text(CASES["xsd/redos.xsd"])
    (schemas / "loop.sch").write_text(CASES["schematron/dos-loop.sch"])
    (schemas / "reader.sch").write_text(CASES["schematron/doc.sch"])
    (schemas / "greedy.sch").write_text(GREEDY_SCHEMATRON)
    documents = {
        # name: (schema, attributes of TEI, content of TEI, expected codes)
        "rng-blowup.xml": ("exp.rng", "", "<a/>" * 60, ["limits.time"]),
        "xsd-redos.xml": ("redos.xsd", ' n="' + "a" * 43 + 'c"', "<teiHeader/><text/>", ["limits.time"]),
        "sch-loop.xml": ("loop.sch", "", "<teiHeader/><text/>", ["limits.time"]),
        "sch-greedy.xml": ("greedy.sch", "", "<teiHeader/><text/>", ["limits.memory"]),
        "sch-reads-passwd.xml": ("reader.sch", "", "<teiHeader/><text/>", ["sch.read-refused"]),
        "ordinary-valid.xml": ("simple.rng", "", "<teiHeader/><text/>", []),
        "ordinary-invalid.xml": ("simple.rng", "", "<teiHeader/><text/><back/>", ["rng.RELAXNG_ERR_ELEMNAME"]),
    }
    expected = {}
    for name, (schema, attributes, content, codes) in documents.items():
        kind = KINDS[schema.rsplit(".", 1)[1]]
        (folder / "docs").mkdir(exist_ok=True)
        (folder / "docs" / name).write_text(
            f'<?xml version="1.0"?>\n<?xml-model href="../schemas/{schema}" schematypens="{kind}"?>\n'
            f'<TEI xmlns="{TEI}"{attributes}>{content}</TEI>\n')
        expected[name] = codes
    return expected


def codes_by_file(report: dict) -> dict[str, list[str]]:
    return {Path(entry["file"]).name: [finding["code"] for finding in entry["findings"]]
            for entry in report["files"]}


def teikit(*arguments: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TEIKIT_DOCUMENT_")}
    return subprocess.run([str(BIN / "teikit"), *arguments], cwd=cwd, env={**env, **environment},
                          capture_output=True, text=True, timeout=900)


def assert_each_document_got_its_findings(report: dict, expected: dict[str, list[str]]) -> None:
    found = codes_by_file(report)
    assert {name: found.get(name, []) for name in expected} == expected
    for entry in report["files"]:
        for finding in entry["findings"]:
            if finding["code"].startswith("limits."):
                assert "budget" in finding["message"] and "TEIKIT_DOCUMENT_" in finding["hint"], finding
            assert "root:" not in finding["message"]  # /etc/passwd was never read


def test_a_validation_of_many_documents_gives_each_its_findings(tmp_path):
    expected = write_corpus(tmp_path)
    # The budget from the command line; a variable set lower is overridden by it.
    result = teikit("validate", "--format", "json", "--jobs", "2", "--document-seconds", SECONDS,
                    "--document-memory", MEMORY, "docs", cwd=tmp_path, TEIKIT_DOCUMENT_SECONDS="0.001")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(expected)
    assert_each_document_got_its_findings(report, expected)
    memory = next(f for entry in report["files"] for f in entry["findings"] if f["code"] == "limits.memory")
    assert "512 MiB" in memory["message"]


def test_a_project_build_refuses_the_documents_over_budget_and_reports_the_others(tmp_path):
    expected = write_corpus(tmp_path)
    # The budget from the project's teikit.toml.
    (tmp_path / "teikit.toml").write_text(
        f'title = "Budget"\n[documents]\ninclude = ["docs/*.xml"]\n'
        f'[validation]\ndocument_seconds = {SECONDS}\ndocument_memory = "{MEMORY}"\n')
    result = teikit("build", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    reported: dict[str, list[str]] = {}
    for line in result.stderr.splitlines():
        if line.startswith("docs/"):
            name, _, rest = line.partition(":")
            reported.setdefault(Path(name).name, []).append(rest.split("[", 1)[1].split("]", 1)[0])
    assert reported == {name: codes for name, codes in expected.items() if codes}, result.stderr
    assert "its time budget of 4 s" in result.stderr and "its memory budget of 512 MiB" in result.stderr
    assert not (tmp_path / "build" / "html").exists()  # an invalid project is not published


def test_the_dask_executor_applies_the_budget_on_its_workers(tmp_path, cluster):  # noqa: F811
    expected = write_corpus(tmp_path)
    result = teikit("validate", "--format", "json", "--executor", "dask", "--scheduler", cluster.scheduler_address,
                    "docs", cwd=tmp_path, TEIKIT_DOCUMENT_SECONDS=SECONDS, TEIKIT_DOCUMENT_MEMORY=MEMORY)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(expected)
    assert_each_document_got_its_findings(report, expected)


def test_a_bad_budget_in_teikit_toml_names_the_file_and_line(tmp_path):
    (tmp_path / "teikit.toml").write_text('title = "x"\n[validation]\ndocument_memory = "lots"\n')
    result = teikit("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "teikit.toml:3:" in result.stderr and "document_memory" in result.stderr


# --- the worker's own bounds, whatever the schema language ---------------------------------------

def _allocate_or_not(task):
    if task == "allocate":
        return len(bytearray(256 * MIB))  # Python's own allocation, refused by the worker's data limit
    if task == "killed":
        os.kill(os.getpid(), signal.SIGKILL)  # as the system's out-of-memory killer does
    return task


def test_memory_is_bounded_in_the_worker_itself_and_a_killed_worker_is_a_finding():
    tasks = ["before", "allocate", "between", "killed", "after"]
    results = list(budget.run(_allocate_or_not, tasks, 1, Limits(document_memory=64 * MIB),
                              lambda task, overrun: (task, overrun.kind)))
    assert results == ["before", ("allocate", "memory"), "between", ("killed", "killed"), "after"]
    # The same allocation within a budget that allows it succeeds.
    assert list(budget.run(_allocate_or_not, ["allocate"], 1, Limits(document_memory=1024 * MIB),
                           lambda task, overrun: overrun.kind)) == [256 * MIB]
