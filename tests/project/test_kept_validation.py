"""A project validated again keeps the findings of what has not changed, and checks again what has:
after each kind of change (a letter, a register a Schematron reads with doc(), a file a schema
includes, a file a letter brings in by XInclude) the findings are those of a validation that
keeps nothing (``--fresh``), and name the problem the change made."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.project.mixed_project import line_of, make_project
from tests.robustness.cli_support import findings_of, run_child, run_in_process
from toolkit.project import load_project
from toolkit.project.checks import validate_project

# The project's own schemas: a RELAX NG grammar whose definition lies in a file it includes, and a
# Schematron rule that reads the person register with doc() and wants no paragraph to say "forbidden".
GRAMMAR = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="parts/anything.rng"/></grammar>"""
ANYTHING = """<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="any"/></start>
  <define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/>
    <ref name="any"/></choice></zeroOrMore></element></define>
</grammar>"""
ONLY_NOPE = ANYTHING.replace("<start><ref name=\"any\"/></start>",
                             "<start><element name=\"nope\"><empty/></element></start>")
RULES = """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:persName[starts-with(@ref, '../registers/persons.xml#')]">
      <let name="id" value="substring-after(@ref, '#')"/>
      <assert test="doc('../registers/persons.xml')//tei:person[@xml:id = $id]" id="in-register">person <value-of
        select="$id"/> is not in persons.xml</assert>
    </rule>
    <rule context="tei:p"><report test="contains(., 'forbidden')" id="forbidden">a forbidden word</report></rule>
  </pattern>
</schema>"""
INCLUDING = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">
  <teiHeader><fileDesc><titleStmt><title>Letter three</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><xi:include href="../parts/paragraph.xml"/></body></text>
</TEI>
"""
PARAGRAPH = '<p xmlns="http://www.tei-c.org/ns/1.0">A paragraph kept apart.</p>'


def _project(tmp_path):
    root = make_project(tmp_path / "letters-project")
    (root / "letters" / "one.xml.bak").unlink()
    (root / "schemas" / "parts").mkdir(parents=True)
    (root / "schemas" / "main.rng").write_text(GRAMMAR, encoding="utf-8")
    (root / "schemas" / "parts" / "anything.rng").write_text(ANYTHING, encoding="utf-8")
    (root / "schemas" / "rules.sch").write_text(RULES, encoding="utf-8")
    (root / "parts").mkdir()
    (root / "parts" / "paragraph.xml").write_text(PARAGRAPH, encoding="utf-8")
    (root / "letters" / "three.xml").write_text(INCLUDING, encoding="utf-8")
    with (root / "teikit.toml").open("a", encoding="utf-8") as settings:
        settings.write('\n[validation]\nschemas = ["schemas/main.rng", "schemas/rules.sch"]\n')
    return root


def _validate(root, *, fresh=False):
    """(how many files kept their findings, the findings by file relative to the project)."""
    report = validate_project(load_project(root), jobs=1, fresh=fresh)
    findings = sorted((Path(finding.file).resolve().relative_to(root.resolve()).as_posix(), finding.line or 0,
                       finding.code, finding.message) for finding in report.findings)
    return report.unchanged, findings


def _again_and_fresh(root):
    """The findings of a run that keeps what it can, which must be a run's that keeps nothing."""
    unchanged, findings = _validate(root)
    fresh_unchanged, fresh = _validate(root, fresh=True)
    assert fresh_unchanged == 0
    assert findings == fresh
    return unchanged, findings


def test_a_project_validated_again_keeps_the_findings_of_what_has_not_changed(tmp_path):
    root = _project(tmp_path)
    files = 3 + 2  # three letters, two registers
    unchanged, first = _validate(root)
    assert unchanged == 0
    assert {item[0] for item in first} == {"letters/one.xml"}  # its broken pointers
    unchanged, again = _again_and_fresh(root)
    assert again == first
    # Everything but the letter that brings in a paragraph by XInclude (its findings depend on it).
    assert unchanged == files - 1

    # A letter edited: only it is checked again, and its new pointer is reported where it stands.
    letter = root / "letters" / "two.xml"
    text = letter.read_text(encoding="utf-8").replace(
        "and\n", 'and <persName ref="../registers/persons.xml#Stranger9">a stranger</persName>\n', 1)
    letter.write_text(text, encoding="utf-8")
    line = line_of(text, "#Stranger9")
    unchanged, found = _again_and_fresh(root)
    assert unchanged == files - 2
    assert ("letters/two.xml", line, "in-register", "person Stranger9 is not in persons.xml") in found
    assert ("letters/two.xml", line, "project.unresolved-ref") in {item[:3] for item in found}

    # The register the Schematron reads with doc() loses the entry a letter of the first run names.
    persons = root / "registers" / "persons.xml"
    register = persons.read_text(encoding="utf-8")
    assert 'xml:id="EdgeR1"' in register
    persons.write_text(register.replace('xml:id="EdgeR1"', 'xml:id="EdgeR1-gone"'), encoding="utf-8")
    _unchanged, found = _again_and_fresh(root)
    lost = {item for item in found if item[2] == "in-register" and "EdgeR1 " in item[3]}
    assert lost and all(item[0] == "letters/one.xml" for item in lost)

    # A file the XInclude brings in: the including letter is checked again.
    (root / "parts" / "paragraph.xml").write_text(PARAGRAPH.replace("kept apart", "forbidden"), encoding="utf-8")
    _unchanged, found = _again_and_fresh(root)
    assert ("parts/paragraph.xml", "forbidden") in {(item[0], item[2]) for item in found}  # where it stands

    # A file the grammar includes: every file is checked again against it.
    (root / "schemas" / "parts" / "anything.rng").write_text(ONLY_NOPE, encoding="utf-8")
    unchanged, found = _again_and_fresh(root)
    assert unchanged == 0
    assert {item[0] for item in found if item[2].startswith("rng.")} == {
        "letters/one.xml", "letters/two.xml", "letters/three.xml", "registers/persons.xml", "registers/places.xml"}


def test_a_damaged_store_of_kept_findings_is_a_miss(tmp_path):
    root = _project(tmp_path)
    _unchanged, first = _validate(root)
    cache = root / "build" / ".teikit-cache"
    stores = sorted(cache.glob("*.sqlite"))
    assert len(stores) == 2
    for store in stores:  # rows that are not what was written
        with sqlite3.connect(store) as connection:
            connection.execute("UPDATE facts SET facts = '{\"run\": 1, \"findings\": 7}'")
    assert _validate(root) == (0, first)
    for store in stores:  # not a database at all
        store.write_bytes(b"not a database")
    assert _validate(root) == (0, first)
    assert _validate(root) == (4, first)


def test_fresh_on_the_command_line_takes_nothing_from_the_last_run(tmp_path):
    root = _project(tmp_path)
    arguments = ("--project", root, "validate", "--format", "json", "--no-progress")
    assert run_in_process(*arguments)[0] == 1
    # A kept row made to say something no check says: a run that keeps findings repeats it, --fresh does not.
    with sqlite3.connect(root / "build" / ".teikit-cache" / "validation.sqlite") as connection:
        key, text = connection.execute("SELECT key, facts FROM facts WHERE key LIKE '%two.xml'").fetchone()
        row = json.loads(text)
        row["findings"] = [{"file": "letters/two.xml", "line": 1, "column": None, "severity": "warning",
                            "code": "planted", "message": "planted in the kept row", "xpath": None, "hint": None,
                            "extra": {}}]
        connection.execute("UPDATE facts SET facts = ? WHERE key = ?", (json.dumps(row), key))
    for options, planted in (((), True), (("--fresh",), False)):
        status, out, err = run_in_process(*arguments, *options)
        assert status == 1, err
        codes = {finding["code"] for entry in json.loads(out)["files"] for finding in entry["findings"]}
        assert ("planted" in codes) == planted


def test_a_build_folder_from_elsewhere_is_not_taken_for_checks_run_here(tmp_path):
    """Findings kept in a build folder that came with the project (committed, or sent with a pull
    request) are another user's: made to hide an error, they hide it from nobody here."""
    root = _project(tmp_path)
    theirs, ours = {"TEIKIT_CACHE": str(tmp_path / "their-cache")}, {"TEIKIT_CACHE": str(tmp_path / "our-cache")}
    arguments = ("--project", root, "validate", "--format", "json", "--no-progress")
    first = run_child(*arguments, env=theirs)
    assert first.returncode == 1 and any(item["file"].endswith("one.xml") for item in findings_of(first.stdout))
    for store in ("validation.sqlite", "project-checks.sqlite"):  # every kept row made to say all is well
        with sqlite3.connect(root / "build" / ".teikit-cache" / store) as connection:
            for key, text in connection.execute("SELECT key, facts FROM facts").fetchall():
                row = json.loads(text)
                if "findings" in row:
                    row["findings"] = []
                    connection.execute("UPDATE facts SET facts = ? WHERE key = ?", (json.dumps(row), key))
    assert run_child(*arguments, env=theirs).returncode == 0  # the folder's own user trusts its cache
    here = run_child(*arguments, env=ours)
    assert here.returncode == 1
    assert sorted(map(json.dumps, findings_of(here.stdout))) == sorted(map(json.dumps, findings_of(first.stdout)))
