"""What the user sees: report formats, exit codes of the real command, parallel runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from lxml import etree

from tests.conftest import EDITION
from tests.validation.support import CASES
from toolkit.errors import Severity
from toolkit.validation import validate

VALID = CASES / "models" / "rng-valid-0_error.xml"
INVALID = CASES / "models" / "rng-invalid-2_error.xml"
WARNING = CASES / "models" / "unknown-language-1_warning.xml"
UNRESOLVED = CASES / "models" / "unmapped-url-1_error.xml"


def teikit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", "validate", "--no-progress", *args],
                          capture_output=True, text=True, timeout=120)


def test_exit_codes_of_the_real_command(tmp_path):
    assert teikit(str(VALID)).returncode == 0
    invalid = teikit(str(INVALID))
    assert invalid.returncode == 1
    missing = teikit(str(tmp_path / "no-such.xml"))
    assert missing.returncode == 2
    assert "no such file or directory" in missing.stderr and str(tmp_path / "no-such.xml") in missing.stderr
    assert teikit("--format", "yaml", str(VALID)).returncode == 2
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    nothing = teikit(str(empty))
    assert nothing.returncode == 2 and "no XML files" in nothing.stderr
    for result in (invalid, missing, nothing):
        assert "Traceback" not in result.stderr


def test_strict_turns_warnings_into_failures():
    assert teikit(str(WARNING)).returncode == 0
    strict = teikit("--strict", str(WARNING))
    assert strict.returncode == 1
    assert "strict" in strict.stdout


def test_a_schema_that_cannot_be_used_fails_the_file_in_every_format():
    # The schema's URL is not mapped by any catalog: nothing was validated, which is no pass.
    text = teikit(str(UNRESOLVED))
    assert text.returncode == 1
    assert "[model.unresolved]" in text.stdout and "not validated against it" in text.stdout
    assert '<uri name="https://schemas.example.org/unknown/project.rng"' in text.stdout  # the entry to write
    assert text.stdout.rstrip().endswith("nothing could be validated: no file's declared schema could be used "
                                         "(see the model.* errors for the catalog entry to write, or pass --schema)")
    data = json.loads(teikit("--format", "json", str(UNRESOLVED), str(VALID)).stdout)
    assert data["valid"] is False
    assert (data["summary"]["invalid_files"], data["summary"]["unvalidated_files"]) == (1, 1)
    mixed = teikit(str(UNRESOLVED), str(VALID)).stdout
    assert "1 of them could not be validated against a schema they declare" in mixed
    junit = etree.fromstring(teikit("--format", "junit", str(UNRESOLVED)).stdout.encode("utf-8"))
    [failure] = junit.iter("failure")
    assert failure.get("type") == "model.unresolved"


def test_text_report_lines():
    result = teikit(str(INVALID), str(VALID))
    lines = result.stdout.splitlines()
    assert (f'{INVALID}:13: error [rng.RELAXNG_ERR_ELEMNAME] element "list" not allowed anywhere; '
            'expected the element end-tag, text or element "hi"') in lines
    assert lines[1].startswith("    hint: ")
    assert lines[-1] == "INVALID: 2 files checked, 1 valid, 1 invalid; 2 errors, 0 warnings"
    assert "\x1b[" not in result.stdout  # no colour codes when not on a terminal


def test_json_report_shape():
    result = teikit("--format", "json", str(INVALID), str(VALID))
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["strict"] is False
    assert data["summary"] == {"files": 2, "invalid_files": 1, "unvalidated_files": 0, "errors": 2, "warnings": 0,
                               "infos": 0}
    assert [(entry["file"], entry["valid"]) for entry in data["files"]] == [(str(INVALID), False), (str(VALID), True)]
    first = [f for f in data["files"][0]["findings"] if f["code"] == "rng.RELAXNG_ERR_ELEMNAME"][0]
    assert set(first) == {"file", "line", "column", "severity", "code", "message", "xpath", "hint"}
    assert (first["line"], first["severity"], first["code"]) == (13, "error", "rng.RELAXNG_ERR_ELEMNAME")
    assert first["xpath"] == "/TEI/text[1]/body[1]/p[1]/list[1]"


def test_junit_report_shape():
    result = teikit("--format", "junit", str(INVALID), str(VALID), str(WARNING))
    assert result.returncode == 1
    suites = etree.fromstring(result.stdout.encode("utf-8"))
    [suite] = suites.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    [failure] = cases[str(INVALID)].findall("failure")
    # The first of the line's two errors, as Jing reports them: the value of @n, then the list.
    assert failure.get("type") == "rng.RELAXNG_ERR_DATATYPE" and ":13:" in failure.get("message")
    assert cases[str(VALID)].find("failure") is None
    assert "model.unknown-type" in cases[str(WARNING)].findtext("system-out")


def test_help_explains_the_options():
    result = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--help"], capture_output=True, text=True)
    for option in ("--schema", "--schematron", "--phase", "--catalog", "--format", "--strict", "--jobs",
                   "--no-progress", "Exit status"):
        assert option in result.stdout


def test_two_workers_give_the_same_findings_as_one():
    # Includes the edition, so the Schematron engine also runs in forked workers.
    paths = [CASES, EDITION]
    one = validate(paths, jobs=1)
    two = validate(paths, jobs=2)
    assert len(one.files) > 40
    assert two.findings == one.findings
    assert [f.to_dict() for f in two.findings] == [f.to_dict() for f in one.findings]


def test_progress_bar_does_not_disturb_results():
    quiet = validate([CASES / "wellformedness"], jobs=1)
    shown = validate([CASES / "wellformedness"], jobs=1, progress=True)
    assert shown.findings == quiet.findings


def test_findings_keep_document_order_and_severity_sorting_is_not_applied():
    report = validate([WARNING, CASES / "wellformedness"], jobs=2)
    files = [str(p) for p in report.files]
    assert files == sorted(files)
    order = [files.index(f.file) for f in report.findings]
    assert order == sorted(order)
    assert any(f.severity == Severity.WARNING for f in report.findings)


def test_directory_walk_skips_symlink_loops_and_links_leaving_the_tree(tmp_path):
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "a.xml").write_bytes(VALID.read_bytes().replace(b"../schemas/", (str(CASES / "schemas") + "/").encode()))
    (tree / "sub" / "loop").symlink_to(tree)  # a loop back to the top
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.xml").write_bytes(INVALID.read_bytes())
    (tree / "elsewhere").symlink_to(outside)
    (tree / "same.xml").symlink_to(tree / "sub" / "a.xml")
    report = validate([tree], jobs=1)
    assert [p.name for p in report.files] == ["same.xml"]  # the loop and the link outside are not followed
    assert report.valid


def test_file_names_with_spaces_and_non_ascii(tmp_path):
    folder = tmp_path / "Éditions à revoir"
    folder.mkdir()
    target = folder / "lettre n° 1.xml"
    target.write_bytes(INVALID.read_bytes().replace(b"../schemas/", (str(CASES / "schemas") + "/").encode()))
    result = teikit(str(folder))
    assert result.returncode == 1
    assert re.search(re.escape(str(target)) + r":13: error", result.stdout)


def test_unreadable_directory_is_a_clear_usage_error(tmp_path, monkeypatch):
    # Running as root, permissions cannot make a directory unreadable: the walk's error is simulated.
    import pytest

    from toolkit.errors import TeikitError
    from toolkit.validation import files

    (tmp_path / "locked").mkdir()

    def walk(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        return iter(())

    monkeypatch.setattr(files.os, "walk", walk)
    with pytest.raises(TeikitError, match=r"cannot read directory .*locked: Permission denied"):
        validate([tmp_path], jobs=1)


def test_a_document_saxon_cannot_read_is_reported_once_and_plainly(tmp_path):
    # libxml2 reads a name that starts with U+0132 (allowed since XML 1.0's fifth edition);
    # Saxon's parser follows the earlier name rules and refuses it.
    rules = tmp_path / "rules.sch"
    rules.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
                     '<pattern><rule context="/*"><assert test="true()">never</assert></rule></pattern></schema>',
                     encoding="utf-8")
    document = tmp_path / "odd-name.xml"
    document.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<\u0132sselmeer/>\n', encoding="utf-8")
    result = teikit("--schematron", str(rules), str(document))
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if "[sch.unreadable]" in line]
    assert line.startswith(f"{document}:")
    assert line.count("Saxon could not read the document") == 1
