"""The deposit and verification attacks of the security review, run as their own scripts on every test run.

Each script (``$TEIKIT_SHARED/security/repro/``) prints what it observed; the assertions say
what must be seen now: the right exit status and message, no secret, nothing lost.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY, SHARED
from tests.security.bag_attacks import GIB, Zeros, bag_members, write_sparse_tar, write_zip

REPRO = SHARED / "security" / "repro"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Path:
    """The scripts' scratch folder, with the archives and the project some of them expect."""
    lab = tmp_path_factory.mktemp("lab")
    archives = lab / "cases" / "verify" / "archives"
    archives.mkdir(parents=True)
    # 2 MB of zip declaring 2 GiB, and 10 KB of tar declaring an 8 GiB (sparse) file.
    write_zip(archives / "zip-bomb.zip", bag_members({"data/zeros.bin": Zeros(2 * GIB)}, real_digests=False))
    write_sparse_tar(archives / "tar-sparse-8g.tar", bag_members({"data/big.bin": Zeros(8 * GIB)}, real_digests=False))
    project = lab / "proj"
    project.mkdir()
    for part in ("tei", "schemas"):
        shutil.copytree(REPOSITORY / part, project / part)
    shutil.copy(REPOSITORY / "teikit.toml", project / "teikit.toml")
    return lab


def run(script: str, lab: Path) -> str:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "LAB": str(lab)}
    [path] = REPRO.glob(f"{script}-*.sh")
    done = subprocess.run(["bash", str(path)], capture_output=True, text=True, env=env, timeout=900)
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    secret = (lab / "secret.txt").read_text().strip()
    assert secret not in output
    return output


def test_f04_a_link_to_a_fifo_is_named_and_verify_returns(lab):
    output = run("F04", lab)
    assert "exit 1 (124" in output, output  # returned by itself, with "damaged"
    assert "invalid: data/pipe (a FIFO, not a regular file)" in output
    assert "invalid: data/pipe-link (a symbolic link to a FIFO, not to a regular file)" in output


def test_f05_archive_bombs_are_refused_by_their_headers(lab):
    output = run("F05", lab)
    assert output.count("refused:") >= 2, output
    assert "more than 100 times its own" in output and "TEIKIT_VERIFY_RATIO" in output  # the zip
    assert "more than the 4294967296 one verification reads" in output  # the sparse tar
    if os.geteuid() == 0:  # the script mounts a 2 MB tmpfs as TMPDIR: nothing is written there, same verdict
        assert re.search(r"zip-bomb\.zip \(it declares \d+ bytes unpacked.*\)\nexit 1\n", output), output


@pytest.mark.slow
def test_f07_a_kill_while_the_checksum_is_written_leaves_a_zip_that_verifies(lab):
    output = run("F07", lab)
    assert "verify exit 0" in output, output
    assert "valid bag" in output


def test_f09_a_link_to_a_sibling_folder_with_the_same_prefix_is_not_followed(lab):
    output = run("F09", lab)
    assert output.count("unsafe: data/leak.txt (a symbolic link leading outside the bag (not followed))") == 2
    assert "exit 0" not in output and output.count("exit 1") == 2


def test_f11_malformed_bags_are_reported_not_crashed_on(lab):
    output = run("F11", lab)
    for case in ("binary-manifest", "bagit-txt-bad", "symlink-dangling", "symlink-dir"):
        assert f"{case}: exit 1 :: {case}: " in output, output
    reports = {path.stem: path.read_text() for path in (lab / "scratch-repro" / "F11").glob("*.out")}
    assert "invalid: manifest-sha256.txt (line 2 is not valid UTF-8" in reports["binary-manifest"]
    assert "invalid: bagit.txt (line 1 is not valid utf-8" in reports["bagit-txt-bad"]
    assert "invalid: data/dangling (a symbolic link to nothing)" in reports["symlink-dangling"]
    assert "invalid: data/dirlink (a symbolic link to a folder, not to a regular file)" in reports["symlink-dir"]


def test_f17_a_bag_without_tag_manifests_and_names_with_percent_signs_verify(lab):
    output = run("F17", lab)
    assert output.count("exit 0") == 2, output
    assert "notag: valid bag" in output and "pct: valid bag" in output
