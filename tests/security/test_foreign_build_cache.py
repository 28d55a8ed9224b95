"""A build folder that came with a project (committed, sent with a pull request) is another
user's cache: pages it keeps, made to carry what the documents do not say, reach no site built
here (every key a build keeps things under holds the user's own secret, ``cache_owner``)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from tests.project.test_project_build_gate import make_project
from tests.robustness.cli_support import run_child

MARK = "<p>Written into the cache, not the letter</p>"


def build(project: Path, cache: Path):
    return run_child("--project", project, "build", "html", "--date", "2026-01-02", env={"TEIKIT_CACHE": str(cache)})


def tamper(cache_folder: Path) -> int:
    """Every kept rendering of a letter made to carry ``MARK``; how many were."""
    count = 0
    for entry in sorted(cache_folder.rglob("*.zip")):
        with zipfile.ZipFile(entry) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        if "text.html" not in files:
            continue
        files["text.html"] += MARK.encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        entry.write_bytes(buffer.getvalue())
        count += 1
    return count


def shown(project: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in (project / "build" / "html").rglob("*.html"))


def test_pages_kept_in_a_build_folder_from_elsewhere_are_made_again_here(tmp_path):
    project = make_project(tmp_path / "project")
    theirs, ours = tmp_path / "their-cache", tmp_path / "our-cache"
    assert build(project, theirs).returncode == 0
    assert tamper(project / "build" / ".teikit-cache") == 3
    shutil.rmtree(project / "build" / "html")
    assert build(project, theirs).returncode == 0
    assert MARK in shown(project)  # what the folder's own user would get from it: the cache is used
    shutil.rmtree(project / "build" / "html")
    assert build(project, ours).returncode == 0
    assert MARK not in shown(project)
