"""What `teikit lsp` publishes when the editor moves on while a check is still running: the check
is held open by stopping the Schematron worker it waits for (its early publication is out), the
editor acts, and the worker is let go; the server's one checking thread then finishes the held
check and runs the next. Every step waits for an event, none for time."""

from __future__ import annotations

import pytest
from lsprotocol.types import DiagnosticSeverity

from tests.lsp.client import position_of, running_session


@pytest.fixture
def server(project):
    # No pause before a check: a text is checked as soon as it comes, so the check of the
    # editor's latest text is already waiting its turn when the held one ends.
    with running_session(project, "--delay", "0") as session:
        yield session


def rule_lines(published) -> list[int]:
    """The lines of the Schematron rule's findings (ref-local: a @ref not starting with '#')."""
    return [d.range.start.line for d in published.diagnostics
            if d.code == "ref-local" and d.severity == DiagnosticSeverity.Error]


def test_while_the_rules_run_on_a_new_text_the_last_rules_findings_stay_shown(server, project, letter_text):
    path, uri = project / "overtaken.xml", (project / "overtaken.xml").as_uri()
    misreferred = letter_text.replace('ref="#serge"', 'ref="serge"')
    edited = misreferred.replace("<p>yours</p>", "<p>yours ever</p>")
    line = position_of(misreferred, 'ref="serge"')[0]
    assert position_of(edited, 'ref="serge"')[0] == line
    with server.schematron_held():
        server.send_open(path, misreferred)
        server.until(lambda: server.publications(path, 1))  # the grammar's findings: the rules are running
        server.send_change(path, edited)  # the held check's text is no longer the editor's
        server.handled(path)
    server.until(lambda: 2 in server.checked.get(uri, []))
    # The held check (version 1) ran the rules to the end but published nothing: its text had gone.
    assert [rule_lines(p) for p in server.publications(path, 1)] == [[]]
    assert 1 not in server.checked.get(uri, [])
    # The next text's grammar findings come out with those rules' findings (still on the same line),
    # then with the rules' own run on it: the finding is never missing while the rules run again.
    early, final = server.publications(path, 2)
    assert rule_lines(early) == [line]
    assert rule_lines(final) == [line]


def test_a_document_closed_and_opened_again_never_shows_its_closed_text_s_findings(server, project, letter_text):
    path, uri = project / "reopened.xml", (project / "reopened.xml").as_uri()
    closed = letter_text.replace('ref="#serge"', 'ref="serge"')
    reopened = closed.replace("<p>Dear", "<p>\n      \n      Dear")  # the finding two lines further down
    closed_line, reopened_line = position_of(closed, 'ref="serge"')[0], position_of(reopened, 'ref="serge"')[0]
    assert reopened_line == closed_line + 2
    with server.schematron_held():
        server.send_open(path, closed)
        server.until(lambda: server.publications(path, 1))  # the rules are running on the first text
        server.send_close(path)
        server.until(lambda: server.published[uri][-1].version is None)  # closed: its diagnostics cleared
        cleared = len(server.published[uri])
        server.send_open(path, reopened)  # a new text, whose version is 1 again
        server.handled(path)
    server.until(lambda: 1 in server.checked.get(uri, []))
    since = server.published[uri][cleared:]
    assert since and all(p.version == 1 for p in since)
    # The held check of the closed text finished after the reopening under the same version: neither
    # its findings nor the rules' findings it recorded are ever shown for the new text.
    assert all(closed_line not in rule_lines(p) for p in since), [rule_lines(p) for p in since]
    assert [rule_lines(p) for p in since] == [[], [reopened_line]]
    assert server.checked[uri] == [1]
