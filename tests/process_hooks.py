"""``teikit`` in a child process that says where it is, so a test can signal it there.

``python -m tests.process_hooks ARGS`` runs ``python -m toolkit ARGS`` after reading, from
the environment:

- ``TEIKIT_TEST_PHASE_FILE``: the file the child appends its events to, one line each;
- ``TEIKIT_TEST_HOLD``: where to stop, ``module:qualified.name`` (a function; a generator
  function stops after its first item) or ``import:module`` (as that module starts being
  imported), optionally ``#N`` for the Nth time (default the first). There the child
  writes ``entered WHERE PID`` and waits for a signal; a Ctrl-C that lands there writes
  ``interrupted WHERE`` and goes on as it would have;
- ``TEIKIT_TEST_FROM_TEXT``: if set, the held phase waits inside code Python runs from
  text (``exec``), as it runs the code of dataclasses and named tuples it makes;
- ``TEIKIT_TEST_BREAK``: modules (comma-separated) whose import fails, as in a broken
  installation.

Tests wait for the event (``wait_for``), never for a time: the phase they interrupt is held
open until the signal arrives, on a loaded machine as on an idle one.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.util
import inspect
import os
import runpy
import signal
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
HOLD_LIMIT_SECONDS = 300  # a held phase goes on after this, so a broken test cannot hang for ever


class Events:
    """The events file of one child, read from the test."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.write_text("")

    def lines(self) -> list[str]:
        return self.path.read_text().splitlines()

    def wait_for(self, prefix: str, process: subprocess.Popen, timeout: float = 300) -> str:
        """The first event starting with ``prefix``, once the child has written it.

        Fails, with what the child said, if the child ends first. The timeout only turns a
        hang into a failure."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines():
                if line.startswith(prefix):
                    return line
            if process.poll() is not None:
                err = process.stderr.read() if process.stderr else ""
                raise AssertionError(f"the command ended ({process.returncode}) before {prefix!r}: "
                                     f"events {self.lines()}, stderr {err[-2000:]}")
            time.sleep(0.02)
        raise AssertionError(f"no event {prefix!r} within {timeout} s: {self.lines()}")


def start(args, events: Events, *, hold: str = "", broken: str = "", env: dict | None = None,
          stdout=subprocess.DEVNULL, new_session: bool = True, from_text: bool = False) -> subprocess.Popen:
    """``teikit ARGS`` in a child with the hooks above, in a session of its own (a process
    group the test can signal as a terminal does)."""
    environment = {**os.environ, **(env or {}), "TEIKIT_TEST_PHASE_FILE": str(events.path),
                   "TEIKIT_TEST_HOLD": hold, "TEIKIT_TEST_BREAK": broken,
                   "TEIKIT_TEST_FROM_TEXT": "1" if from_text else ""}
    return subprocess.Popen([sys.executable, "-m", "tests.process_hooks", *map(str, args)], cwd=REPOSITORY,
                            env=environment, stdout=stdout, stderr=subprocess.PIPE, text=True,
                            start_new_session=new_session, preexec_fn=_as_from_a_terminal)


def _as_from_a_terminal() -> None:
    # A command started from a shell has Ctrl-C neither blocked nor ignored; the test process
    # may have either (inherited across exec), which would swallow the signal under test.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# --- in the child ----------------------------------------------------------------------


def _event(text: str) -> None:
    with open(os.environ["TEIKIT_TEST_PHASE_FILE"], "a") as events:
        events.write(text + "\n")


def _hold(where: str) -> None:
    try:
        # Inside the try: a Ctrl-C sent as soon as the line can be read lands here too.
        _event(f"entered {where} {os.getpid()}")
        deadline = time.monotonic() + HOLD_LIMIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.01)
    except KeyboardInterrupt:
        _event(f"interrupted {where}")
        raise


class _Hooks(importlib.abc.MetaPathFinder):
    def __init__(self, hold: str, broken: set[str]):
        where, _, count = hold.partition("#")
        self.hold, self.remaining = hold, int(count or 1)
        self.broken = broken
        self.module, _, self.name = where.partition(":")

    def find_spec(self, fullname, path, target=None):
        if fullname in self.broken:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        if self.module == "import" and fullname == self.name:
            self._count()
            return None
        if fullname == self.module and self.name:
            spec = self._others(fullname, path, target)
            if spec is not None and spec.loader is not None:
                execute = spec.loader.exec_module

                def exec_then_wrap(module, execute=execute):
                    execute(module)
                    self._wrap(module)

                spec.loader.exec_module = exec_then_wrap
            return spec
        return None

    def _others(self, fullname, path, target):
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    return spec
        return None

    def _count(self) -> None:
        self.remaining -= 1
        if self.remaining == 0:
            if os.environ.get("TEIKIT_TEST_FROM_TEXT"):
                exec("_hold(where)", {"_hold": _hold, "where": self.hold})
            else:
                _hold(self.hold)

    def _wrap(self, module) -> None:
        *owners, attribute = self.name.split(".")
        owner = module
        for name in owners:
            owner = getattr(owner, name)
        original = inspect.getattr_static(owner, attribute)
        function = original.__func__ if isinstance(original, (staticmethod, classmethod)) else original
        hooks = self

        if inspect.isgeneratorfunction(function):
            @functools.wraps(function)
            def held(*args, **kwargs):
                items = function(*args, **kwargs)
                first = True
                for item in items:
                    yield item
                    if first:
                        first = False
                        hooks._count()
        else:
            @functools.wraps(function)
            def held(*args, **kwargs):
                hooks._count()
                return function(*args, **kwargs)

        if isinstance(original, staticmethod):
            held = staticmethod(held)
        elif isinstance(original, classmethod):
            held = classmethod(held)
        setattr(owner, attribute, held)


def main() -> None:
    broken = {name for name in os.environ.get("TEIKIT_TEST_BREAK", "").split(",") if name}
    sys.meta_path.insert(0, _Hooks(os.environ.get("TEIKIT_TEST_HOLD", ""), broken))
    sys.argv = ["teikit", *sys.argv[1:]]
    runpy.run_module("toolkit", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()


def note_processes(monkeypatch, owner, name: str, notes: Path) -> None:
    """``owner.name`` made to write, before it runs, the id of the process it runs in (a process
    forked after the patch too) as a line of ``notes``."""
    real = getattr(owner, name)

    def noted(*args, **kwargs):
        with Path(notes).open("a") as note:
            note.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, noted)
