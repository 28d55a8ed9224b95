"""Bad project input: a clear message and the right exit status, and the other documents still checked."""

from __future__ import annotations

from tests.project.mixed_project import make_project
from tests.robustness.cli_support import assert_no_traceback, findings_of, run_in_process


def test_a_bad_project_file_is_a_usage_error_with_file_and_line(tmp_path):
    (tmp_path / "teikit.toml").write_text('title = "x"\n[documents]\ninclude = "*.xml"\n', encoding="utf-8")
    status, out, err = run_in_process("--project", tmp_path, "validate")
    assert status == 2 and f"{tmp_path / 'teikit.toml'}:3:" in err
    assert_no_traceback(out, err)


def test_a_missing_project_folder_is_a_usage_error(tmp_path):
    status, out, err = run_in_process("--project", tmp_path / "nowhere", "validate")
    assert status == 2 and "nowhere" in err
    assert_no_traceback(out, err)


def test_a_broken_document_is_reported_and_the_others_are_still_checked(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    (root / "letters" / "broken.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n</TEI>',
                                                 encoding="utf-8")
    monkeypatch.chdir(root)
    status, out, err = run_in_process("validate", "--format", "json", "--no-progress")
    assert status == 1
    assert_no_traceback(out, err)
    findings = findings_of(out)
    broken = [f for f in findings if f["file"].endswith("broken.xml")]
    assert broken and broken[0]["code"].startswith("xml.") and broken[0]["line"] == 2
    # the other letters' pointers were still checked
    assert any(f["code"] == "project.unresolved-ref" and f["file"].endswith("one.xml") for f in findings)
