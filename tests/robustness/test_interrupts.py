"""Interrupted commands: Ctrl-C ends validate with status 130 and one line; a killed deposit loses nothing.

Ctrl-C reaches every process of the terminal's foreground group, so the signal is sent to
the child's whole process group (its worker processes too), and then to the main process alone.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import EDITION
from tests.robustness.cli_support import REPOSITORY, assert_no_traceback, tree_digest
from tests.robustness.mutations import EDITION_SCH
from toolkit.package import verify

DEPOSIT_CASE = Path(__file__).parents[1] / "cases" / "deposit" / "valid" / "tei"


def start(*args: str, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    # A session of its own: the child is the leader of a process group we can signal as a terminal would.
    return subprocess.Popen([sys.executable, "-m", "toolkit", *map(str, args)], cwd=REPOSITORY, stdout=stdout,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def group_is_gone(pgid: int) -> bool:
    for _ in range(100):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def large_directory(tmp_path_factory) -> Path:
    """200 copies of the edition: seconds of Schematron work on this machine."""
    folder = tmp_path_factory.mktemp("large")
    for number in range(200):
        shutil.copy(EDITION, folder / f"copy-{number:03d}.xml")
    return folder


def interrupt(folder: Path, jobs: str, delay: float, whole_group: bool) -> tuple[int, str, str]:
    with tempfile.TemporaryFile("w+") as report:  # a file, not a pipe: a full pipe would block the child
        process = start("validate", "--no-progress", "-j", jobs, "--schematron", EDITION_SCH, folder, stdout=report)
        try:
            time.sleep(delay)
            assert process.poll() is None, "validation finished before it could be interrupted: give it more files"
            if whole_group:
                os.killpg(process.pid, signal.SIGINT)
            else:
                process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        assert group_is_gone(process.pid), "worker processes outlived the interrupted command"
        report.seek(0)
        return process.returncode, report.read(), err


@pytest.mark.parametrize(("whole_group", "jobs"), [(True, "2"), (False, "2"), (True, "1")])
def test_ctrl_c_during_validate_exits_130_with_one_short_line(large_directory, whole_group, jobs):
    # Several moments: while schemas compile, while workers start, while documents are checked.
    for delay in (0.5, 0.8, 1.1, 1.4):
        code, out, err = interrupt(large_directory, jobs, delay, whole_group)
        assert code == 130, err
        assert_no_traceback(out, err)
        assert "ForkPoolWorker" not in err, err  # a worker must not speak for itself
        assert err.strip() == "teikit: interrupted" or err.strip().startswith("teikit: interrupted;"), err
        assert "valid:" not in out  # no report of a run that did not finish


def deposit_args(tei: Path, output: Path, build: Path, date: str, *extra: str) -> list[str]:
    return ["deposit", *sorted(tei.glob("*.xml")), "-o", output, "--build-dir", build, "--date", date, "--zip", *extra]


def check_after_kill(output: Path, previous: dict[str, bytes]) -> dict[str, bytes]:
    """The bag in place is the previous one untouched or a whole new one; return what is there now."""
    bag = output / "short-essay"
    assert bag.is_dir(), f"no bag left in place: {sorted(p.name for p in output.iterdir())}"
    now = tree_digest(bag)
    if now != previous:
        result = verify(bag)
        assert result.ok, f"a changed bag that does not verify: {result.problems}"
    checksum = output / "short-essay.zip.sha256"
    if checksum.is_file() and checksum.read_text():
        import hashlib

        digest = hashlib.sha256((output / "short-essay.zip").read_bytes()).hexdigest()
        assert checksum.read_text() == f"{digest}  short-essay.zip\n", "a zip and a checksum that disagree"
    return now


def test_a_killed_deposit_leaves_the_previous_bag_or_a_whole_new_one(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(DEPOSIT_CASE, tei)
    output, build = tmp_path / "deposit", tmp_path / "build"
    first = start(*deposit_args(tei, output, build, "2020-01-01"))
    assert first.wait(timeout=300) == 0, first.stderr.read()
    previous = check_after_kill(output, {})
    killed = 0
    for attempt, delay in enumerate((0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4)):
        process = start(*deposit_args(tei, output, build, f"2021-01-{attempt + 1:02d}", "--overwrite"))
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
        previous = check_after_kill(output, previous)
    assert killed >= 3, "too few runs were killed part-way to show anything"
    # The next run clears whatever killed runs left beside the bag, and the tree is as a fresh run leaves it.
    last = start(*deposit_args(tei, output, build, "2022-02-02", "--overwrite"))
    assert last.wait(timeout=300) == 0, last.stderr.read()
    assert sorted(p.name for p in output.iterdir()) == [".teikit.lock", "short-essay", "short-essay.zip",
                                                       "short-essay.zip.sha256"]
    assert verify(output / "short-essay").ok and verify(output / "short-essay.zip").ok
    assert sorted(p.name for p in tei.iterdir()) == sorted(p.name for p in DEPOSIT_CASE.iterdir())


def test_a_bag_moved_aside_by_a_run_killed_while_replacing_it_is_put_back(tmp_path):
    # A run killed between its two renames (old bag aside, new bag in) leaves exactly this:
    # no bag at its name, the old one beside it, and the finished new one in its staging folder.
    from tests.deposit.deposit_cases import pack, repack
    from toolkit.errors import TeikitError

    first = pack(tmp_path)
    before = tree_digest(first.bag)
    output = first.bag.parent
    shutil.copytree(first.bag, output / ".short-essay.staging-killed")
    first.bag.rename(output / ".short-essay.replaced-4242")
    with pytest.raises(TeikitError, match="already exists"):
        repack(tmp_path)  # without --overwrite the old bag is put back and kept
    assert tree_digest(first.bag) == before
    assert sorted(p.name for p in output.iterdir()) == [".teikit.lock", "short-essay"]
    # Killed after the new bag was in place but before the old one was removed: the old one goes;
    # so does a zip left half-written beside it.
    shutil.copytree(first.bag, output / ".short-essay.replaced-4243")
    (output / ".short-essay.zip.k1ll3d.part").write_bytes(b"PK\x03\x04 half a zip")
    repack(tmp_path, overwrite=True)
    assert sorted(p.name for p in output.iterdir()) == [".teikit.lock", "short-essay"]
    assert verify(first.bag).ok


def test_ctrl_c_during_build_keeps_the_previous_outputs_whole(tmp_path):
    build = tmp_path / "build"
    first = start("build", "html", "index", EDITION, "-o", build, "--date", "2001-01-01")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    previous = tree_digest(build / "html")
    interrupted = 0
    for attempt, delay in enumerate((0.15, 0.2, 0.3, 0.4, 0.6)):  # 0.15: usually still importing
        process = start("build", "html", "index", EDITION, "-o", build, "--date", f"2002-02-{attempt + 1:02d}")
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert_no_traceback(err)
        if process.returncode == 130:
            interrupted += 1
            assert err.strip().splitlines()[-1].startswith("teikit: interrupted"), err
        else:
            assert process.returncode == 0, err
        now = tree_digest(build / "html")
        dates = {b"1 January 2001" in data for name, data in now.items() if name.endswith(".html")}
        assert len(dates) == 1, "a mix of two builds"
        assert set(now) == set(previous)
        previous = now
        # What an interrupted run leaves beside the output is hidden, and the next run clears it.
        assert all(p.name.startswith(".") for p in build.iterdir() if p.name not in ("html", "index"))
    assert interrupted >= 1, "no build was interrupted part-way"
    last = start("build", "html", "index", EDITION, "-o", build, "--date", "2003-03-03")
    assert last.wait(timeout=300) == 0, last.stderr.read()
    assert sorted(p.name for p in build.iterdir()) == [".teikit-cache", ".teikit-state.json", ".teikit.lock", "html", "index"]
    leftovers = [p.name for p in (build / ".teikit-cache").rglob("*") if p.is_file() and p.suffix != ".zip"]
    assert not leftovers


def edition_copy(tmp_path: Path) -> Path:
    """A folder holding a copy of the edition, for TEIKIT_EDITION."""
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copy(EDITION, folder / EDITION.name)
    return folder


def test_ctrl_c_while_the_book_is_typeset_stops_both_processes_and_keeps_the_previous_book(tmp_path):
    edition = edition_copy(tmp_path)
    build = tmp_path / "build"
    env = {**os.environ, "TEIKIT_EDITION": str(edition)}

    def run(date: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "toolkit", "build", "--all", "-o", str(build), "--date", date],
                                cwd=REPOSITORY, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)

    first = run("2001-01-01")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    previous = tree_digest(build / "pdf")
    process = run("2002-02-02")
    # Wait until the worker typesets (the web edition is written by then), then press Ctrl-C.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and tree_digest(build / "html") == {}:
        time.sleep(0.05)
    while time.monotonic() < deadline and b"2 February 2002" not in (build / "html" / "index.html").read_bytes():
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert_no_traceback(err)
    assert process.returncode == 130, err
    assert group_is_gone(process.pid), "a worker outlived the command"
    assert tree_digest(build / "pdf") == previous


def test_a_killed_build_leaves_no_worker_typesetting_for_nobody(tmp_path):
    edition = edition_copy(tmp_path)
    build = tmp_path / "build"
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "build", "--all", "-o", str(build), "--date", "2003-03-03"],
        cwd=REPOSITORY, env={**os.environ, "TEIKIT_EDITION": str(edition)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (build / "html" / "index.html").exists():
        time.sleep(0.05)
    workers = [int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    assert workers, "the PDF is typeset in a worker process"
    os.kill(process.pid, signal.SIGKILL)  # the main process only: the worker is left behind
    process.wait(timeout=60)
    # Stopped at once, not when it has finished a book nobody will publish (seconds later).
    time.sleep(0.5)
    assert not [pid for pid in workers if running(pid)], "the worker went on after its parent was killed"
    assert not (build / "pdf").exists()


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has stopped; only its parent's reaping is left
