"""Awkward paths: names with spaces and non-ASCII letters, symbolic-link loops, wrong paths, pipes.

A path that is wrong gets exit status 2 and one line saying what is wrong with it;
a named pipe among the documents never makes a command wait for a writer.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.html.html_site import SAMPLE
from tests.robustness.cli_support import assert_no_traceback, run_child, run_in_process

DOSSIER = "dossier à part"
NAMES = ["Mémoire des lecteurs.xml", "Сергей 1921 (copie).xml"]


@pytest.fixture
def awkward(tmp_path) -> list[Path]:
    folder = tmp_path / DOSSIER
    folder.mkdir()
    for name in NAMES:
        shutil.copy(SAMPLE, folder / name)
    return [folder / name for name in NAMES]


def test_validate_reports_names_with_spaces_and_non_ascii_letters_as_they_are(awkward):
    code, out, err = run_in_process("validate", "--no-progress", "-j", "1", awkward[0].parent)
    assert code == 0 and not err
    for path in awkward:
        assert f"{path}: info [model.none]" in out
    assert "2 files checked, 2 valid" in out


def test_build_html_of_awkward_names_writes_safe_names_inside_the_output(awkward, tmp_path):
    output = tmp_path / "sortie été"
    code, out, err = run_in_process("build", "html", *awkward, "-o", output, "--date", "2026-01-01")
    assert code == 0, err
    assert_no_traceback(out, err)
    html = output / "html"
    written = sorted(path.relative_to(html).as_posix() for path in html.rglob("*") if path.is_file())
    folders = sorted({name.split("/")[0] for name in written if "/" in name})
    assert folders == ["Mémoire-des-lecteurs", "Сергей-1921-copie"]
    assert all(" " not in name and "(" not in name for name in written)
    for folder in folders:
        assert (html / folder / "index.html").is_file()
    # Every link of the list page reaches a page that exists.
    listing = (html / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]+)"', listing)
    assert len([link for link in links if link.endswith("index.html")]) == 2
    for link in links:
        assert (html / unquote(link)).is_file(), link
    # Each copy of a source offered for download is the source, byte for byte.
    for source, folder in zip(awkward, folders):
        [copy] = (html / folder / "tei").iterdir()
        assert copy.read_bytes() == source.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [DOSSIER, "sortie été"]


def symlink_tree(root: Path, outside: Path) -> Path:
    """A folder with one real document and links looping on themselves, up the tree, and out of it."""
    tree = root / "tree"
    (tree / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, tree / "real.xml")
    outside.mkdir()
    shutil.copy(SAMPLE, outside / "secret.xml")
    (tree / "self.xml").symlink_to("self.xml")
    (tree / "x.xml").symlink_to("y.xml")
    (tree / "y.xml").symlink_to("x.xml")
    (tree / "dangling.xml").symlink_to("nowhere.xml")
    (tree / "sub" / "up").symlink_to("../..")
    (tree / "sub" / "parent").symlink_to("..")
    (tree / "sub" / "out").symlink_to(outside)
    (tree / "sub" / "again.xml").symlink_to("../real.xml")
    (tree / "loop.xml").mkdir()
    (tree / "loop.xml" / "round").symlink_to("../../tree")
    return tree


def test_validate_walks_a_tree_of_link_loops_once_and_stays_inside(tmp_path):
    tree = symlink_tree(tmp_path, tmp_path / "outside")
    code, out, err = run_in_process("validate", "--no-progress", "-j", "1", tree)
    assert_no_traceback(out, err)
    assert code == 0, err
    assert f"{tree / 'real.xml'}: info" in out and "1 file checked" in out
    assert "secret" not in out


def test_build_and_deposit_skip_looping_links_in_the_edition_folder(tmp_path, monkeypatch):
    from toolkit.package import deposit

    edition = tmp_path / "tei"
    edition.mkdir()
    shutil.copytree(Path(__file__).parents[1] / "cases" / "deposit" / "valid" / "tei", edition, dirs_exist_ok=True)
    (edition / "loop.xml").symlink_to("loop.xml")
    (edition / "a.xml").symlink_to("b.xml")
    (edition / "b.xml").symlink_to("a.xml")
    monkeypatch.setenv("TEIKIT_EDITION", str(edition))
    code, _, err = run_in_process("build", "html", "-o", tmp_path / "build", "--date", "2026-01-01")
    assert code == 0, err
    assert (tmp_path / "build" / "html" / "index.html").is_file()
    packed = deposit(None, tmp_path / "deposit", build_dir=tmp_path / "build", builders={})
    assert sorted(p.name for p in (packed.bag / "data" / "tei").iterdir()) == ["short-essay.xml"]


@pytest.mark.parametrize("command", ["validate", "build", "deposit"])
def test_a_missing_file_is_named_with_exit_status_2(tmp_path, command):
    missing = tmp_path / "absent.xml"
    args = {"validate": ["validate", missing], "build": ["build", "html", missing, "-o", tmp_path / "b"],
            "deposit": ["deposit", missing, "-o", tmp_path / "d"]}[command]
    code, out, err = run_in_process(*args)
    assert code == 2
    assert_no_traceback(out, err)
    assert "absent.xml" in err and ("no such file" in err or "does not exist" in err or "nor a file" in err), err
    assert not (tmp_path / "b").exists() and not (tmp_path / "d").exists()


def test_a_directory_without_xml_is_refused_with_a_hint(tmp_path):
    (tmp_path / "notes.txt").write_text("not a document", encoding="utf-8")
    code, out, err = run_in_process("validate", tmp_path)
    assert (code, out) == (2, "")
    assert err == f"teikit: error: no XML files found in {tmp_path}\n  hint: give .xml files or directories that contain them\n"


@pytest.mark.parametrize("command", ["validate", "build", "deposit"])
def test_a_named_pipe_given_as_a_document_is_refused_without_waiting(tmp_path, command):
    # Reading a pipe with no writer would block forever: it must be refused before it is opened.
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    args = {"validate": ["validate", pipe], "build": ["build", "html", pipe, "-o", tmp_path / "b"],
            "deposit": ["deposit", pipe, "-o", tmp_path / "d"]}[command]
    result = run_child(*args, timeout=60)
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result.stdout, result.stderr)
    assert "pipe.xml" in result.stderr and ("not a regular file" in result.stderr or "nor a file" in result.stderr)


def test_a_named_pipe_inside_a_folder_is_passed_over(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "real.xml")
    os.mkfifo(tmp_path / "pipe.xml")
    result = run_child("validate", "--no-progress", tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "1 file checked" in result.stdout and "pipe.xml" not in result.stdout


def test_a_named_pipe_in_the_edition_folder_does_not_stop_a_build(tmp_path):
    edition = tmp_path / "tei"
    edition.mkdir()
    shutil.copy(SAMPLE, edition / SAMPLE.name)
    os.mkfifo(edition / "pipe.xml")
    result = run_child("build", "html", "-o", tmp_path / "build", timeout=120, env={"TEIKIT_EDITION": str(edition)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "build" / "html" / "index.html").is_file()
