"""`teikit lsp` publishes teikit's findings for the text the editor holds, at the right lines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from lsprotocol.types import DiagnosticSeverity

from tests.lsp.client import position_of, running_session


def errors(published):
    return [d for d in published.diagnostics if d.severity == DiagnosticSeverity.Error]


def test_a_valid_letter_has_no_error(session, project, letter_text):
    published = session.open(project / "valid.xml", letter_text)
    assert errors(published) == []


def test_schema_error_is_shown_on_its_line_and_goes_away_when_fixed(session, project, letter_text):
    path = project / "schema-error.xml"
    broken = letter_text.replace("<p>yours</p>", "<p>yours <bogus/></p>")
    published = session.open(path, broken)
    line, _ = position_of(broken, "<bogus/>")
    relaxng = [d for d in errors(published) if d.code.startswith("rng.")]
    assert relaxng, published.diagnostics
    assert {d.range.start.line for d in relaxng} == {line}
    assert any("bogus" in d.message for d in relaxng)
    assert not path.exists()  # checked from the editor's text, nothing written

    fixed = session.change(path, letter_text)
    assert errors(fixed) == []


def test_schematron_finding_from_the_declared_rules(session, project, letter_text):
    path = project / "schematron.xml"
    broken = letter_text.replace('ref="#serge"', 'ref="serge"')
    published = session.open(path, broken)
    line, _ = position_of(broken, 'ref="serge"')
    found = [d for d in errors(published) if d.code == "ref-local"]
    assert [d.range.start.line for d in found] == [line]
    assert "starts with '#'" in found[0].message


def test_not_well_formed_text_is_reported_where_it_breaks(session, project, letter_text):
    path = project / "unclosed.xml"
    broken = letter_text.replace("<p>yours</p>", "<p>yours")
    published = session.open(path, broken)
    found = errors(published)
    assert [d.code for d in found] and all(d.code.startswith("xml.") for d in found)
    # libxml2 notices the missing </p> where </body> closes instead.
    assert found[0].range.start.line == position_of(broken, "</body>")[0]


def test_a_burst_of_changes_ends_with_the_diagnostics_of_the_last_text(session, project, letter_text):
    path = project / "typing.xml"
    session.open(path, letter_text)
    word = "<bogus/>"
    steps = [letter_text.replace("<p>yours</p>", f"<p>yours {word[:i]}</p>") for i in range(2, len(word) + 1)]
    last = session.change(path, *steps)
    assert last.version == session.versions[path.as_uri()]
    line, _ = position_of(steps[-1], word)
    assert {d.range.start.line for d in errors(last)} == {line}
    # Publications only move forward: an older text's findings never replace a newer one's.
    versions = [p.version for p in session.published[path.as_uri()]]
    assert versions == sorted(versions)


def test_an_error_in_an_included_file_is_shown_on_the_include(session, project, letter_text):
    (project / "chapter.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0">\n  <p>First.</p>\n'
                                         '  <head>Late</head>\n</div>\n', encoding="utf-8")
    include = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="chapter.xml"/>'
    text = letter_text.replace("<p>yours</p>", f"<p>yours</p>\n      {include}")
    published = session.open(project / "including.xml", text)
    found = [d for d in errors(published) if d.code.startswith("rng.")]
    assert [d.range.start.line for d in found] == [position_of(text, include)[0]]
    assert found[0].message.startswith('in chapter.xml line 3: element "head" not allowed')


def test_schematron_findings_still_come_when_the_process_running_them_dies(project, letter_text):
    broken = letter_text.replace('ref="#serge"', 'ref="serge"')
    with running_session(project) as server:
        path = project / "worker-lost.xml"
        first = server.open(path, broken)
        assert [d.code for d in errors(first) if d.code == "ref-local"] == ["ref-local"]
        os.kill(server.schematron_worker(), signal.SIGKILL)
        text = broken.replace("<p>Dear", "<p>\n      Dear")  # the finding moves one line down
        again = server.change(path, text)
        found = [d for d in errors(again) if d.code == "ref-local"]
        assert [d.range.start.line for d in found] == [position_of(text, 'ref="serge"')[0]]


def validated(text: str, folder: Path) -> list[tuple[str, int, str]]:
    """What `teikit validate` reports for ``text`` (saved in ``folder``): code, zero-based line and
    message of every finding, in its order, for comparison with the editor's diagnostics."""
    folder.mkdir(exist_ok=True)
    saved = folder / "saved.xml"
    saved.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--format", "json", "--no-progress",
                             "--jobs", "1", str(saved)], capture_output=True, text=True, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return [(item["code"], (item["line"] or 1) - 1, item["message"])
            for found in report["files"] for item in found["findings"]]


def shown(published) -> list[tuple[str, int, str]]:
    return [(d.code, d.range.start.line, d.message.split("\nhint: ")[0]) for d in published.diagnostics]


def test_the_last_publication_holds_every_finding_and_the_first_keeps_the_rules_known(session, project, letter_text,
                                                                                     tmp_path):
    path = project / "published.xml"
    misreferred = letter_text.replace('ref="#serge"', 'ref="serge"')  # against the Schematron rule
    first = session.open(path, misreferred)
    assert shown(first) == validated(misreferred, tmp_path / "first")
    assert "ref-local" in [d.code for d in first.diagnostics]

    broken = misreferred.replace("<p>yours</p>", "<p>yours <bogus/></p>")  # and against the grammar
    last = session.change(path, broken)
    expected = validated(broken, tmp_path / "second")
    assert shown(last) == expected
    # The grammar's findings come out while the rules run, with the rules' findings of the text
    # before (the rule still fails on the same line): nothing shown disappears meanwhile.
    early, final = session.publications(path, 2)
    assert final == last
    early_codes = {(code, line) for code, line, _ in shown(early)}
    assert ("ref-local", position_of(broken, 'ref="serge"')[0]) in early_codes
    assert {(code, line) for code, line, _ in expected if code.startswith("rng.")} <= early_codes


def test_a_burst_of_changes_ends_with_every_finding_of_the_last_text(session, project, letter_text, tmp_path):
    path = project / "burst.xml"
    session.open(path, letter_text)
    steps = [letter_text.replace('ref="#serge"', f'ref="{"#serge"[:i]}"') for i in range(len("#serge") - 1, 0, -1)]
    steps.append(steps[-1].replace("<p>yours</p>", "<p>yours <bogus/></p>"))
    last = session.change(path, *steps)
    assert last.version == session.versions[path.as_uri()]
    assert shown(last) == validated(steps[-1], tmp_path)
    # Nothing published after the last text's final diagnostics, and no older text after a newer one.
    assert session.published[path.as_uri()][-1] == last
    versions = [p.version for p in session.published[path.as_uri()]]
    assert versions == sorted(versions)


def test_a_line_separator_in_the_text_does_not_move_the_ranges_of_later_lines(session, project, letter_text):
    # U+2028 and U+0085 may stand in XML text; an editor, like XML, breaks lines at \n, \r\n and \r only.
    path = project / "line-separator.xml"
    broken = letter_text.replace("<p>yours</p>", "<p>one\u2028two\x85three</p>\n<p>yours <bogus/></p>")
    published = session.open(path, broken)
    line, _ = position_of(broken, "<bogus/>")
    content = broken.split("\n")[line]
    relaxng = [d for d in errors(published) if d.code.startswith("rng.")]
    assert relaxng, published.diagnostics
    assert {(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in relaxng} == {(line, len(content) - len(content.lstrip()), line, len(content))}
