"""teikit validate on a project: each pointer style resolves, each broken one is reported with file and line."""

from __future__ import annotations

import json

from tests.project.mixed_project import LETTER, OTHER_LETTER, line_of, make_project
from tests.project.objects_project import make_objects_project
from tests.robustness.cli_support import findings_of, run_in_process


def test_each_broken_pointer_kind_is_reported_with_file_and_line(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    monkeypatch.chdir(tmp_path)
    status, out, _err = run_in_process("--project", root, "validate", "--format", "json", "--no-progress")
    assert status == 1
    findings = [f for f in findings_of(out) if f["code"].startswith("project.")]
    got = {_key(f) for f in findings}
    one = "p/letters/one.xml"
    assert got == {
        ("project.unresolved-ref", one, line_of(LETTER, '"#nobody"'), "#nobody"),
        ("project.unresolved-ref", one, line_of(LETTER, "#nowhere"), "../registers/places.xml#nowhere"),
        ("project.unresolved-ref", one, line_of(LETTER, "pers:ghost"), "pers:ghost"),
        ("project.unresolved-ref", one, line_of(LETTER, 'ref="../registers/persons.xml"'), "../registers/persons.xml"),
        ("project.external-ref", one, line_of(LETTER, "viaf/1"), "http://viaf.org/viaf/1"),
    }
    severities = {pointer: f["severity"] for f in findings for (_c, _f, _l, pointer) in [_key(f)]}
    assert severities["http://viaf.org/viaf/1"] == "info" and severities["#nobody"] == "error"
    # the registers were checked too, and every file is in the report
    assert {entry["file"] for entry in json.loads(out)["files"]} == {
        "p/letters/one.xml", "p/letters/two.xml", "p/registers/persons.xml", "p/registers/places.xml"}


def test_a_pointer_fixed_is_no_longer_reported(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    letter = root / "letters" / "one.xml"
    text = LETTER
    for broken, fixed in [('"#nobody"', '"#AdamA1"'), ("#nowhere", "#Nelson-Place-2_ENK"), ("pers:ghost", "pers:EdgeR1"),
                          ('ref="../registers/persons.xml"', 'ref="../registers/persons.xml#EdgeR1"'),
                          ("viaf/1", "viaf/32015075")]:
        text = text.replace(broken, fixed)
    letter.write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    status, out, _err = run_in_process("validate", "--format", "json", "--no-progress")
    assert status == 0, out
    assert not [f for f in findings_of(out) if f["code"].startswith("project.")]


def test_an_undeclared_prefix_is_reported(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    letter = root / "letters" / "one.xml"
    letter.write_text(LETTER.replace("pers:ghost", "people:ghost"), encoding="utf-8")
    monkeypatch.chdir(root)
    status, out, _err = run_in_process("validate", "--format", "json", "--no-progress")
    assert status == 1
    codes = {_key(f)[3]: f["code"] for f in findings_of(out) if f["code"].startswith("project.")}
    assert codes["people:ghost"] == "project.undeclared-prefix"


def test_a_broken_pointer_in_a_letter_s_own_register_entry_is_reported(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    entry = "<persName>Another visitor</persName>"
    text = OTHER_LETTER.replace(entry, entry + '<note>Sent by <persName ref="#sender">the sender</persName>.</note>')
    assert text != OTHER_LETTER
    (root / "letters" / "two.xml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    _status, out, _err = run_in_process("validate", "--format", "json", "--no-progress")
    got = {_key(f) for f in findings_of(out) if f["code"].startswith("project.")}
    assert ("project.unresolved-ref", "letters/two.xml", line_of(text, '"#sender"'), "#sender") in got


def _key(finding: dict) -> tuple:
    """(code, file, line, the pointer named in the message)."""
    pointer = finding["message"].split('ref="')[1].split('"')[0]
    return finding["code"], finding["file"], finding["line"], pointer


def test_files_of_a_project_named_from_outside_it_are_checked_as_the_projects(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    status, out, _err = run_in_process("validate", "--format", "json", "--no-progress", root / "letters" / "one.xml")
    assert status == 1
    assert any(f["code"] == "project.unresolved-ref" for f in findings_of(out))


def test_an_object_name_pointing_into_the_register_of_objects_resolves_and_a_broken_one_is_reported(tmp_path, monkeypatch):
    root = make_objects_project(tmp_path / "things")
    letter = root / "letters" / "kells.xml"
    good = "<objectName ref=\"../registers/objects.xml#BookKells\">"
    text = letter.read_text(encoding="utf-8").replace(
        good, '<objectName ref="../registers/objects.xml#BookOfDurrow">the other gospels</objectName> and ' + good)
    letter.write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    status, out, _err = run_in_process("validate", "--format", "json", "--no-progress")
    assert status == 1
    got = {_key(f) for f in findings_of(out) if f["code"].startswith("project.")}
    # only the broken pointer: every other objectName, rs and name of the project resolves
    assert got == {("project.unresolved-ref", "letters/kells.xml", line_of(text, "#BookOfDurrow"),
                    "../registers/objects.xml#BookOfDurrow")}
