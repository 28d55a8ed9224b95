"""A deposit killed at any step leaves a whole bag, zip and checksum, and the next run finishes or undoes it.

The kills are placed with strace at exact system calls (the write of the new zip, each
rename), not by timing: for every point, the previous deposit or the new one is in place,
never a missing zip, never a zip beside a checksum of another.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest
from tests.deposit.deposit_cases import edition_copy

from toolkit.package import commit, verify

PACK = """
import sys
from pathlib import Path
from toolkit.builders.options import BuildOptions
from toolkit.errors import TeikitError
from toolkit.package import deposit
sources = sorted(Path(sys.argv[1]).glob("*.xml"))
try:
    deposit(sources, Path(sys.argv[2]), build_dir=Path(sys.argv[3]), builders={}, serialise_as="zip",
            overwrite=True, options=BuildOptions(fixed_date=sys.argv[4]))
except TeikitError as error:  # as the command line reports it
    sys.exit(f"teikit: error: {error}")
"""
OLD, NEW = "2024-01-01", "2024-01-02"


def pack(folder: Path, day: str, *strace: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", PACK, str(folder / "tei"), str(folder / "deposit"), str(folder / "build"), day]
    if strace:
        command = ["strace", "-f", "-qq", *strace, *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def bagging_date_in_zip(archive: Path) -> str:
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.read("short-essay/bag-info.txt").decode()
    return next(line.split(": ", 1)[1] for line in info.splitlines() if line.startswith("Bagging-Date"))


# (what the kill interrupts, which rename it lands on (by its source or destination), the deposit in place after)
KILLS = [
    ("the note of renames being put in place", ("to", ".short-essay.commit"), OLD),
    ("the old bag being moved aside", ("from", "short-essay"), NEW),
    ("the new bag being moved in", ("to", "short-essay"), NEW),
    ("the new zip replacing the old", ("to", "short-essay.zip"), NEW),
    ("the new checksum replacing the old", ("to", "short-essay.zip.sha256"), NEW),
]


@pytest.fixture(scope="module")
def renames(tmp_path_factory) -> list[tuple[str, str]]:
    """The renames of a deposit replacing another, in order (names only): the same in every folder."""
    folder = tmp_path_factory.mktemp("dry-run")
    edition_copy("valid", folder)
    assert pack(folder, OLD).returncode == 0
    log = folder / "renames.log"
    assert pack(folder, NEW, "-o", str(log), "-e", "trace=rename").returncode == 0
    found = re.findall(r'rename\("([^"]*)", "([^"]*)"\)', log.read_text())
    return [(Path(source).name, Path(target).name) for source, target in found]


def test_a_deposit_killed_after_writing_the_new_zip_leaves_the_old_deposit(tmp_path):
    edition_copy("valid", tmp_path)
    assert pack(tmp_path, OLD).returncode == 0
    bag = tmp_path / "deposit" / "short-essay"
    # The first fsync of a run is the one closing the new zip; nothing has been moved yet.
    killed = pack(tmp_path, NEW, "-o", "/dev/null", "-e", "trace=fsync", "-e", "inject=fsync:signal=KILL:when=1")
    assert killed.returncode == -9
    assert list(bag.parent.glob(".short-essay.zip.*"))  # the unfinished zip, beside the old one
    commit.recover(bag)
    assert verify(bag).ok and verify(bag.with_name("short-essay.zip")).ok
    assert bagging_date_in_zip(bag.with_name("short-essay.zip")) == OLD
    assert sorted(path.name for path in bag.parent.iterdir()) == [
        ".teikit.lock", "short-essay", "short-essay.zip", "short-essay.zip.sha256"]


def test_a_full_disk_while_packing_is_an_error_naming_the_file_and_keeps_the_old_deposit(tmp_path):
    edition_copy("valid", tmp_path)
    assert pack(tmp_path, OLD).returncode == 0
    bag = tmp_path / "deposit" / "short-essay"
    full = pack(tmp_path, NEW, "-o", "/dev/null", "-e", "trace=fsync", "-e", "inject=fsync:error=ENOSPC:when=1")
    assert full.returncode == 1 and "Traceback" not in full.stderr  # sys.exit(message): the CLI makes it 2
    assert "teikit: error: cannot write the deposit: " in full.stderr and "No space left on device" in full.stderr
    assert verify(bag).ok and verify(bag.with_name("short-essay.zip")).ok
    assert bagging_date_in_zip(bag.with_name("short-essay.zip")) == OLD
    assert sorted(path.name for path in bag.parent.iterdir()) == [
        ".teikit.lock", "short-essay", "short-essay.zip", "short-essay.zip.sha256"]


@pytest.mark.parametrize("moment, rename, expected", KILLS, ids=[kill[0] for kill in KILLS])
def test_a_deposit_killed_at_any_step_is_finished_or_undone_and_nothing_is_lost(tmp_path, renames, moment, rename,
                                                                               expected):
    side, name = rename
    [number] = [index for index, pair in enumerate(renames, start=1) if pair[0 if side == "from" else 1] == name]
    edition_copy("valid", tmp_path)
    assert pack(tmp_path, OLD).returncode == 0
    bag = tmp_path / "deposit" / "short-essay"
    archive, checksum = bag.with_name("short-essay.zip"), bag.with_name("short-essay.zip.sha256")
    killed = pack(tmp_path, NEW, "-o", "/dev/null", "-e", "trace=rename", "-e", f"inject=rename:signal=KILL:when={number}")
    assert killed.returncode == -9, killed.stderr  # the kill landed on the rename it was placed on

    # At once: an archive and its checksum are there, whole; a whole bag is at its name or moved aside.
    assert archive.is_file() and checksum.is_file() and checksum.stat().st_size > 0
    aside = list(bag.parent.glob(".short-essay.replaced-*"))
    assert bag.is_dir() or aside
    # The archive and the checksum beside it agree, or the archive is the one whose checksum the
    # stopped deposit was about to put in place: a verifier never takes it for an altered one.
    assert verify(archive).ok, verify(archive).problems

    # The next run begins by finishing (or undoing) what the note lists.
    commit.recover(bag)
    assert verify(bag).ok and verify(archive).ok, (verify(bag).problems, verify(archive).problems)
    assert bagit.Bag(str(bag)).info["Bagging-Date"] == expected
    assert bagging_date_in_zip(archive) == expected
    assert sorted(path.name for path in bag.parent.iterdir()) == [
        ".teikit.lock", "short-essay", "short-essay.zip", "short-essay.zip.sha256"]

    # And a full run afterwards makes the new deposit, whatever was left.
    assert pack(tmp_path, NEW).returncode == 0
    assert verify(archive).ok and bagging_date_in_zip(archive) == NEW


def test_an_altered_zip_is_caught_whatever_checksum_is_staged_beside_it(tmp_path):
    edition_copy("valid", tmp_path)
    assert pack(tmp_path, OLD).returncode == 0
    archive = tmp_path / "deposit" / "short-essay.zip"
    checksum = archive.with_name("short-essay.zip.sha256")
    # A staged checksum as a stopped deposit leaves it, of the archive as it was packed.
    checksum.with_name(".short-essay.zip.sha256.new").write_text(checksum.read_text())
    data = bytearray(archive.read_bytes())
    data[len(data) // 3] ^= 0xFF
    archive.write_bytes(bytes(data))
    assert "altered" in {problem.kind for problem in verify(archive).problems}
