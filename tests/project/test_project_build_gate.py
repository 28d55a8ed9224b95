"""A project's build validates in a process of its own while its site is made (once it has been
validated before; a first build validates first): the site is
published only once the validation has passed; a project found invalid keeps the site it had
and is reported with file and line; and the validating process ends with the build, however
the build ends.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from tests.process_hooks import Events
from tests.process_hooks import start as start_hooked
from tests.project.mixed_project import line_of
from tests.robustness.cli_support import published_site, run_child
from tests.robustness.test_interrupts import ends, running
from tests.tei_documents import tei_file

PERSONS = tei_file("""\
      <listPerson>
        <person xml:id="ada"><persName>Ada</persName></person>
        <person xml:id="ben"><persName>Ben</persName></person>
      </listPerson>
""", title="Persons", publication="Test register.", source="Made for this test.")


def letter(number: int, ref: str) -> str:
    return tei_file(f"""\
      <p>Letter {number} names <persName ref="{ref}">someone</persName>.</p>
""", title=f"Letter {number}", publication="Test.", source="Made for this test.")


def make_project(root: Path) -> Path:
    (root / "letters").mkdir(parents=True)
    (root / "registers").mkdir()
    (root / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    for number in range(1, 4):
        (root / "letters" / f"letter-{number}.xml").write_text(letter(number, "../registers/persons.xml#ada"),
                                                                 encoding="utf-8")
    (root / "teikit.toml").write_text('title = "Gate"\n[documents]\ninclude = ["letters/*.xml"]\n'
                                      '[registers]\ninclude = ["registers/*.xml"]\n', encoding="utf-8")
    return root


def build(project: Path) -> subprocess.CompletedProcess:
    return run_child("--project", project, "build", "html", "--date", "2026-01-02", timeout=600)


def test_a_project_found_invalid_keeps_the_site_it_had(tmp_path):
    project = make_project(tmp_path / "project")
    first = build(project)
    assert first.returncode == 0, first.stderr
    published = published_site(project)
    assert "Letter 2 names" in published["documents/letter-2.html"].decode()

    edited = project / "letters" / "letter-2.xml"
    broken = letter(2, "../registers/persons.xml#nobody").replace("names", "now names")
    edited.write_text(broken, encoding="utf-8")
    refused = build(project)
    assert refused.returncode == 1
    line = line_of(broken, "#nobody")
    assert f"{edited}:{line}: error [project.unresolved-ref]" in refused.stdout + refused.stderr
    assert "file(s) written" not in refused.stderr
    assert "nothing was built" in refused.stderr
    assert published_site(project) == published  # the site made beside the validation was not published
    assert sorted(path.name for path in (project / "build").iterdir() if path.name.startswith(".html.")) == []

    edited.write_text(letter(2, "../registers/persons.xml#ben").replace("names", "now names"), encoding="utf-8")
    rebuilt = build(project)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Letter 2 now names" in published_site(project)["documents/letter-2.html"].decode()


def test_the_validating_process_ends_with_a_killed_or_interrupted_build(tmp_path):
    project = make_project(tmp_path / "project")
    assert build(project).returncode == 0
    for attempt, (target, sent) in enumerate([("main", signal.SIGKILL), ("group", signal.SIGINT)]):
        (project / "letters" / "letter-1.xml").write_text(letter(1, f"#edit-{attempt}"), encoding="utf-8")
        events = Events(tmp_path / f"events-{attempt}")
        process = start_hooked(["--project", project, "build", "html", "--date", "2026-01-02"], events,
                               hold="toolkit.project.checks:validate_project")
        held = events.wait_for("entered toolkit.project.checks:validate_project", process)
        validating = int(held.split()[-1])
        assert validating != process.pid and running(validating), "the validation runs in a process of its own"
        if target == "main":
            os.kill(process.pid, sent)  # as an out-of-memory killer would
        else:
            os.killpg(process.pid, sent)  # Ctrl-C at a terminal
        process.communicate(timeout=120)
        assert process.returncode == (-signal.SIGKILL if target == "main" else 130)
        assert ends(validating), f"the validation outlived its build ({target} sent {sent.name})"


def test_a_first_build_of_an_invalid_project_is_refused_before_its_site_is_made(tmp_path):
    """Nothing validated before: every document is checked, and an invalid project is told so
    without waiting for a site it will not get."""
    project = make_project(tmp_path / "project")
    (project / "letters" / "letter-3.xml").write_text(letter(3, "#nobody"), encoding="utf-8")
    refused = build(project)
    assert refused.returncode == 1 and "nothing was built" in refused.stderr
    assert "html: building" not in refused.stderr
    assert not (project / "build" / "html").exists()
