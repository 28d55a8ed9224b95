"""Outputs built once per test run and read by every test process (the pytest-xdist workers).

The first process that asks for an output builds it while holding a file lock; the others
wait on the lock (an event, not a time) and then read what it wrote. Tests only read these
outputs: a test that changes one works on a copy.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path


def shared_root(tmp_path_factory) -> Path:
    """A directory every process of this test run sees (and no other run)."""
    base = tmp_path_factory.getbasetemp()
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    # Under xdist each worker's base directory sits in one parent; the run's id keeps a later
    # run from reading this run's outputs.
    root = base.parent / f"built-once-{run}" if run else base / "built-once"
    root.mkdir(exist_ok=True)
    return root


def built_once(tmp_path_factory, name: str, build: Callable[[Path], object]) -> tuple[Path, dict]:
    """(directory, record) of the output ``name``: ``build(directory)`` fills the directory, once
    in the whole run; what it returns, if a dict, is kept as the output's record (JSON). A build
    that raised is tried again by the next process that asks, so each test sees the failure."""
    root = shared_root(tmp_path_factory)
    directory, record = root / name, root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if record.is_file():
            return directory, json.loads(record.read_text(encoding="utf-8"))
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir()
        result = build(directory)
        result = result if isinstance(result, dict) else {}
        record.write_text(json.dumps(result), encoding="utf-8")
        return directory, result
