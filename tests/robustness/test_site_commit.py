"""A project's web edition is updated in place (only the files an edit changes are written):
a build killed before its commit leaves the published site as it was, and one killed while it
commits is completed by the next build, which then equals a build from nothing. A journal of
a commit that is not one (damaged, or naming files outside the site) changes nothing.

The child build is held where it is to be killed (``tests.process_hooks``), on a loaded
machine as on an idle one. Builds run with --force: these real letters hold pointers that
resolve nowhere, and a site made whole each time is still published in place.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.process_hooks import Events
from tests.process_hooks import start as start_hooked
from tests.project_site.melp_site import MELP
from tests.project_site.test_search_rebuild import project_of
from tests.robustness.cli_support import published_site, run_child

LETTERS = sorted((MELP / "Encoded Letters").glob("*.xml"))[:5]
DATE = "2026-01-02"
BEFORE_THE_COMMIT = "toolkit.builders.output:InPlace.commit"
WHILE_IT_COMMITS = "toolkit.builders.output:_room_for"  # the journal is written; files are being renamed


def build_args(project: Path) -> list[str]:
    return ["--project", project, "build", "html", "--force", "--date", DATE]


def build(project: Path) -> None:
    run = run_child(*build_args(project), timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]


def beside_the_site(project: Path) -> list[str]:
    return sorted(path.name for path in (project / "build").iterdir() if path.name.startswith(".html."))


def cold(project: Path, folder: Path) -> dict[str, bytes]:
    """The site of ``project``'s files as they are now, built from nothing in another folder."""
    shutil.copytree(project, folder, ignore=shutil.ignore_patterns("build"))
    build(folder)
    return published_site(folder)


def edit(project: Path) -> None:
    """One letter's text changed, one letter removed: pages change, others are no longer made."""
    letters = sorted((project / "letters").glob("*.xml"))
    text = letters[1].read_text(encoding="utf-8")
    letters[1].write_text(text.replace("<p>", "<p>Rebuilt ", 1), encoding="utf-8")
    letters[-1].unlink()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = project_of(tmp_path_factory.mktemp("built") / "project", LETTERS)
    build(project)
    return project


@pytest.mark.parametrize("phase", [BEFORE_THE_COMMIT, WHILE_IT_COMMITS])
def test_a_build_killed_at_its_commit_leaves_the_old_site_or_one_the_next_build_completes(built, tmp_path, phase):
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    published = published_site(project)
    edit(project)
    events = Events(tmp_path / "events")
    process = start_hooked(build_args(project), events, hold=phase)
    events.wait_for(f"entered {phase}", process)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)

    after_kill = published_site(project)
    if phase == BEFORE_THE_COMMIT:
        assert after_kill == published, "a build killed before its commit changed the published site"
    else:
        assert ".html.journal.json" in beside_the_site(project), "the commit had begun"
    build(project)
    assert beside_the_site(project) == []
    rebuilt = published_site(project)
    expected = cold(project, tmp_path / "cold")
    assert rebuilt.keys() == expected.keys()
    assert sorted(name for name in expected if rebuilt[name] != expected[name]) == []


@pytest.mark.parametrize("journal", [
    b"{not json",
    json.dumps({"folder": ".html.incoming-x", "changed": [], "removed": ["../../letters/LETTER"]}).encode(),
    json.dumps({"folder": "../..", "changed": ["index.html"], "removed": []}).encode(),
    json.dumps({"folder": ".html.incoming-x", "changed": "index.html", "removed": None}).encode(),
], ids=["damaged", "removes-outside", "renames-from-outside", "wrong-types"])
def test_a_journal_that_is_not_one_is_dropped_and_removes_nothing(built, tmp_path, journal):
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    published = published_site(project)
    letters = sorted(path.name for path in (project / "letters").iterdir())
    (project / "build" / ".html.journal.json").write_bytes(journal.replace(b"LETTER", letters[0].encode()))
    build(project)
    assert sorted(path.name for path in (project / "letters").iterdir()) == letters
    assert published_site(project) == published
    assert beside_the_site(project) == []


def test_a_link_in_the_published_site_is_replaced_and_what_it_led_to_is_untouched(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    published = published_site(project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the site's")
    root = project / "build" / "html"
    folder = next(path for path in sorted(root.iterdir()) if path.is_dir())
    page = next(path for path in sorted(root.glob("*.html")))
    moved = tmp_path / folder.name
    shutil.move(folder, moved)
    folder.symlink_to(elsewhere, target_is_directory=True)  # a folder of the site, now a link elsewhere
    page.unlink()
    page.symlink_to(elsewhere / "keep.txt")  # a page, now a link to a file outside the site
    build(project)
    assert not folder.is_symlink() and not page.is_symlink()
    assert published_site(project) == published
    assert sorted(path.name for path in elsewhere.iterdir()) == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text() == "not the site's"


@pytest.mark.parametrize("in_place", [False, True])
def test_a_file_taken_as_published_then_written_leaves_the_published_one_as_it_was(tmp_path, in_place):
    from toolkit.builders.output import publishing

    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_bytes(b"published")
    with publishing(site, durable=False, in_place=in_place) as staging:
        assert staging.link("page.html")  # taken as it is, then found to need other bytes after all
        staging.write("page.html", b"made again")
        assert (site / "page.html").read_bytes() == b"published"  # nothing changes before the commit
    assert (site / "page.html").read_bytes() == b"made again"
