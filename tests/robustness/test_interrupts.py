"""Interrupted commands: Ctrl-C ends a command with status 130 and one line, whatever it was
doing, and loses nothing; a killed command leaves no worker behind.

Ctrl-C reaches every process of the terminal's foreground group, so the signal is sent to
the child's whole process group (its worker processes too), or to the main process alone.
The child says when it is inside the phase to interrupt and stays there until the signal
arrives (``tests.process_hooks``): each test interrupts the phase it names, on a loaded
machine as on an idle one, and checks that the signal landed there.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import EDITION
from tests.process_hooks import Events
from tests.process_hooks import start as start_hooked
from tests.robustness.cli_support import REPOSITORY, assert_no_traceback, tree_digest
from tests.robustness.mutations import EDITION_SCH
from toolkit import pipeline
from toolkit.builders import cache
from toolkit.package import verify

DEPOSIT_CASE = Path(__file__).parents[1] / "cases" / "deposit" / "valid" / "tei"
GONE_WITHIN = 60  # seconds: only turns a process that never ends into a failure


def start(*args: str, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    # A session of its own: the child is the leader of a process group we can signal as a terminal would.
    return subprocess.Popen([sys.executable, "-m", "toolkit", *map(str, args)], cwd=REPOSITORY, stdout=stdout,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def group_is_gone(pgid: int) -> bool:
    deadline = time.monotonic() + GONE_WITHIN
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has stopped; only its parent's reaping is left


def ends(pid: int) -> bool:
    deadline = time.monotonic() + GONE_WITHIN
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.05)
    return False


PROGRESS = re.compile(r"(html|index|pdf): (building|unchanged|\d+ file)")  # what a build says as it goes


def assert_one_short_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip() and not PROGRESS.match(line)]
    assert len(lines) == 1 and lines[0].startswith("teikit: interrupted"), err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """20 copies of the edition: enough for two workers."""
    folder = tmp_path_factory.mktemp("corpus")
    for number in range(20):
        shutil.copy(EDITION, folder / f"copy-{number:03d}.xml")
    return folder


# Where validation is interrupted: (the phase held, jobs, Ctrl-C to the whole group or the main process only).
VALIDATE_PHASES = [
    ("import:toolkit.cli", "2", True),  # `python -m toolkit` importing its command line
    ("import:toolkit.commands.validate", "2", False),  # the command line importing the commands
    ("toolkit.xslt:SealedSaxon.__init__", "2", True),  # the Schematron being compiled
    ("toolkit.executors:WatchedPool.__init__", "2", True),  # the workers just forked
    ("toolkit.executors:WatchedPool.__init__", "2", False),
    ("toolkit.validation.engine:_results", "2", True),  # documents being checked (after the first)
    ("toolkit.validation.engine:_results", "2", False),
    ("toolkit.validation.engine:_results", "1", True),
]


@pytest.mark.parametrize(("phase", "jobs", "whole_group"), VALIDATE_PHASES)
def test_ctrl_c_during_validate_exits_130_with_one_short_line(corpus, tmp_path, phase, jobs, whole_group):
    events = Events(tmp_path / "events")
    with tempfile.TemporaryFile("w+") as report:  # a file, not a pipe: a full pipe would block the child
        process = start_hooked(["validate", "--no-progress", "-j", jobs, "--schematron", EDITION_SCH, corpus],
                               events, hold=phase, stdout=report)
        try:
            events.wait_for(f"entered {phase}", process)
            if whole_group:
                os.killpg(process.pid, signal.SIGINT)
            else:
                process.send_signal(signal.SIGINT)
            # Returns once nobody holds the child's stderr: no worker is left writing to it.
            _, err = process.communicate(timeout=GONE_WITHIN)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        report.seek(0)
        out = report.read()
    assert f"interrupted {phase}" in events.lines(), events.lines()
    assert process.returncode == 130, err
    assert group_is_gone(process.pid), "worker processes outlived the interrupted command"
    assert_no_traceback(out, err)
    assert "ForkPoolWorker" not in err, err  # a worker must not speak for itself
    assert_one_short_line(err)
    assert "valid:" not in out  # no report of a run that did not finish


def test_killed_validation_leaves_no_worker_holding_the_terminal(corpus, tmp_path):
    events = Events(tmp_path / "events")
    process = start_hooked(["validate", "--no-progress", "-j", "2", "--schematron", EDITION_SCH, corpus], events,
                           hold="toolkit.validation.engine:_results")
    events.wait_for("entered toolkit.validation.engine:_results", process)
    workers = [int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    assert len(workers) == 2, "validation runs in two worker processes"
    os.kill(process.pid, signal.SIGKILL)  # the main process only, as an out-of-memory killer would
    try:
        # The workers die with their parent: nothing keeps the command's stderr open.
        process.communicate(timeout=GONE_WITHIN)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("worker processes outlived their killed parent, holding its stderr") from None
    assert all(ends(pid) for pid in workers)


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


# Where a deposit is killed: while the build it needs is published, the bag assembled, its
# metadata written, its manifests made, while its zip is staged, and just before the new
# deposit takes the place of the previous one (each step of that: tests/deposit/test_commit.py).
DEPOSIT_PHASES = [
    "toolkit.builders.output:write_bytes#2",
    "toolkit.package.pack:_assemble",
    "toolkit.package.pack:_write_metadata",
    "toolkit.package.bag:make",
    "toolkit.package.serialise:write_staged",
    "toolkit.package.commit:publish",
]


def test_a_killed_deposit_leaves_the_previous_bag_or_a_whole_new_one(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(DEPOSIT_CASE, tei)
    output, build = tmp_path / "deposit", tmp_path / "build"
    first = start(*deposit_args(tei, output, build, "2020-01-01"))
    assert first.wait(timeout=300) == 0, first.stderr.read()
    previous = check_after_kill(output, {})
    for attempt, phase in enumerate(DEPOSIT_PHASES):
        events = Events(tmp_path / f"events-{attempt}")
        process = start_hooked(deposit_args(tei, output, build, f"2021-01-{attempt + 1:02d}", "--overwrite"), events,
                               hold=phase)
        events.wait_for(f"entered {phase}", process)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=GONE_WITHIN)
        previous = check_after_kill(output, previous)
    # The next run clears whatever killed runs left beside the bag, and the tree is as a fresh run leaves it.
    last = start(*deposit_args(tei, output, build, "2022-02-02", "--overwrite"))
    assert last.wait(timeout=300) == 0, last.stderr.read()
    assert sorted(p.name for p in output.iterdir()) == [".teikit.lock", "short-essay", "short-essay.zip",
                                                       "short-essay.zip.sha256"]
    assert verify(output / "short-essay").ok and verify(output / "short-essay.zip").ok
    assert sorted(p.name for p in tei.iterdir()) == sorted(p.name for p in DEPOSIT_CASE.iterdir())


BUILD_PHASES = [
    "import:toolkit.commands.build",  # the command line importing the commands
    "toolkit.xslt:SealedSaxon.transform#3",  # the web pages being made
    "toolkit.builders.output:write_bytes#2",  # the new web edition being written beside the old one
]
# (the phase held, Ctrl-C held inside code Python runs from text, Ctrl-C pressed twice)
BUILD_CASES = [(phase, False, False) for phase in BUILD_PHASES] + [
    # Python marks a KeyboardInterrupt that passes through exec'd code (dataclasses and named
    # tuples are made so as modules are imported) as unhandled; `python -m` then ended by SIGINT.
    ("toolkit.xslt:SealedSaxon.transform#3", True, False),
    # The second Ctrl-C lands while the first is handled: the outputs are restored, the workers
    # stopped and the process exits all the same.
    ("toolkit.xslt:SealedSaxon.transform#3", False, True),
    ("toolkit.builders.output:write_bytes#2", False, True),
]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("interrupted") / "build"
    first = start("build", "html", "index", EDITION, "-o", build, "--date", "2001-01-01")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    return build


@pytest.mark.parametrize(("phase", "from_text", "twice"), BUILD_CASES)
def test_ctrl_c_during_build_keeps_the_previous_outputs_whole(built_once, tmp_path, phase, from_text, twice):
    build = tmp_path / "build"
    shutil.copytree(built_once, build)
    previous = {folder: tree_digest(build / folder) for folder in ("html", "index")}
    events = Events(tmp_path / "events")
    process = start_hooked(["build", "html", "index", EDITION, "-o", build, "--date", "2002-02-02"], events, hold=phase,
                           from_text=from_text)
    events.wait_for(f"entered {phase}", process)
    os.killpg(process.pid, signal.SIGINT)
    if twice:
        events.wait_for(f"interrupted {phase}", process)
        os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=GONE_WITHIN)
    assert f"interrupted {phase}" in events.lines(), events.lines()
    assert process.returncode == 130, err
    assert_no_traceback(err)
    assert_one_short_line(err)
    assert {folder: tree_digest(build / folder) for folder in ("html", "index")} == previous
    # What an interrupted run leaves beside the output is hidden, and the next run clears it.
    assert all(p.name.startswith(".") for p in build.iterdir() if p.name not in ("html", "index"))
    last = start("build", "html", "index", EDITION, "-o", build, "--date", "2003-03-03")
    assert last.wait(timeout=300) == 0, last.stderr.read()
    assert sorted(p.name for p in build.iterdir()) == [".teikit-cache", ".teikit-state.json", ".teikit.lock", "html", "index"]
    kept = (cache.FACTS_FILE, cache.FINGERPRINTS_FILE, pipeline.SOURCES)  # the cache's own files beside its entries
    leftovers = [p.name for p in (build / ".teikit-cache").rglob("*") if p.is_file() and p.suffix != ".zip"
                 and p.name not in kept]
    assert not leftovers
    assert b"3 March 2003" in (build / "html" / "index.html").read_bytes()


def edition_copy(tmp_path: Path) -> Path:
    """A folder holding a copy of the edition, for TEIKIT_EDITION."""
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copy(EDITION, folder / EDITION.name)
    return folder


TYPESETTING = "toolkit.builders.pdf:typeset"


@pytest.fixture(scope="module")
def built_with_book(tmp_path_factory) -> tuple[Path, Path]:
    """(a copy of the edition, every output built from it), made once: each test interrupts the
    next build of a copy of the outputs."""
    root = tmp_path_factory.mktemp("book")
    edition, build = edition_copy(root), root / "build"
    first = start_hooked(["build", "--all", "-o", build, "--date", "2001-01-01"], Events(root / "first"),
                         env={"TEIKIT_EDITION": str(edition)})
    assert first.wait(timeout=300) == 0, first.stderr.read()
    return edition, build


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_while_the_book_is_typeset_stops_both_processes_and_keeps_the_previous_book(tmp_path, built_with_book,
                                                                                           presses):
    edition, built = built_with_book
    build = tmp_path / "build"
    shutil.copytree(built, build)
    env = {"TEIKIT_EDITION": str(edition)}
    previous = tree_digest(build / "pdf")
    events = Events(tmp_path / "events")
    process = start_hooked(["build", "--all", "-o", build, "--date", "2002-02-02"], events, hold=TYPESETTING, env=env)
    worker = int(events.wait_for(f"entered {TYPESETTING}", process).split()[-1])
    assert worker != process.pid, "the book is typeset in a worker process"
    for _ in range(presses):  # pressed twice, the second lands wherever the first left the main process
        os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=GONE_WITHIN)
    assert_no_traceback(err)
    assert process.returncode == 130, err
    assert_one_short_line(err)
    assert group_is_gone(process.pid), "a worker outlived the command"
    assert tree_digest(build / "pdf") == previous


def test_a_killed_build_leaves_no_worker_typesetting_for_nobody(tmp_path):
    edition = edition_copy(tmp_path)
    build = tmp_path / "build"
    events = Events(tmp_path / "events")
    process = start_hooked(["build", "--all", "-o", build, "--date", "2003-03-03"], events, hold=TYPESETTING,
                           env={"TEIKIT_EDITION": str(edition)})
    worker = int(events.wait_for(f"entered {TYPESETTING}", process).split()[-1])
    assert worker != process.pid, "the book is typeset in a worker process"
    os.kill(process.pid, signal.SIGKILL)  # the main process only: the worker is left behind
    process.wait(timeout=GONE_WITHIN)
    # Stopped by the kernel with its parent, not when it has finished a book nobody will publish.
    assert ends(worker), "the worker went on after its parent was killed"
    assert not (build / "pdf").exists()
