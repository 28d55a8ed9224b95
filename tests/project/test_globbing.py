"""A project's globs match the files ``Path.glob`` matches, without entering hidden or skipped folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.project.globbing import matching_files

PATTERNS = ["**/*.xml", "*.xml", "letters/*.xml", "**/registers/*.xml", "*/*.xml", "l*/**/*.xml", "absent/*.xml",
            "./**/*.xml", "**/*.XML", "letters/[ab]*.xml", "**/*"]


@pytest.fixture
def tree(tmp_path) -> Path:
    for name in ["a.xml", "letters/a.xml", "letters/b.xml", "letters/c.txt", "letters/old/d.xml", "registers/p.xml",
                 "deep/registers/q.xml", ".hidden/e.xml", "letters/.f.xml", "build/html/tei/a.xml", "UPPER.XML"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<TEI/>", encoding="utf-8")
    os.symlink(tmp_path / "letters", tmp_path / "linked")  # entered by name, not by **
    os.symlink(tmp_path, tmp_path / "letters" / "loop")  # a loop ** must not follow
    return tmp_path


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_same_files_as_path_glob_less_hidden_and_skipped_folders(tree, pattern):
    def left_out(path: Path) -> bool:
        folders = path.relative_to(tree).parts[:-1]
        return any(part.startswith(".") for part in folders) or folders[:1] == ("build",)

    expected = {path for path in tree.glob(pattern) if path.is_file() and not left_out(path)}
    found = {Path(path) for path in matching_files(tree, pattern, lambda folder: folder == str(tree / "build"))}
    assert found == expected


def test_the_skipped_folder_is_not_entered(tree, monkeypatch):
    entered = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda folder: entered.append(folder) or real(folder))
    assert set(matching_files(tree, "**/*.xml", lambda folder: folder == str(tree / "build")))
    assert not any(str(folder).startswith(str(tree / "build")) for folder in entered)
    assert not any("/." in str(folder)[len(str(tree)):] for folder in entered)
