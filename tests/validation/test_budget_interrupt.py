"""A Ctrl-C that comes while a budgeted worker is being forked stops that worker too: it is recorded
before the interrupt is let in, so it is never left running to its parent-death signal. (Under
``make test`` the process has other threads, which is where the kernel then delivers the signal.)"""

from __future__ import annotations

import functools
import os
import signal

import pytest

from toolkit.limits import Limits
from toolkit.validation import budget

LIMITS = Limits(document_seconds=60)


def _held(number: int, pipe: tuple[int, int]) -> int:
    """The worker's task: it ends only when the test closes its end of the pipe (or when the
    worker is killed), so a worker that its parent failed to stop ends with "exit 0"."""
    read_end, write_end = pipe
    os.close(write_end)
    os.read(read_end, 1)
    return number


def _interrupted_right_after_fork(monkeypatch) -> list[int]:
    """os.fork as budget calls it, with a SIGINT sent to this process the moment the worker
    exists (held back until budget lets it in); the workers' pids, to be reaped by the test."""
    forked: list[int] = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            forked.append(pid)
            os.kill(os.getpid(), signal.SIGINT)
        return pid

    monkeypatch.setattr(budget.os, "fork", fork)
    monkeypatch.setattr(budget, "_reap_finished", lambda: None)  # the test reaps, to see how each ended
    return forked


def _how_it_ended(pid: int) -> str:
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return signal.Signals(os.WTERMSIG(status)).name
    return f"exit {os.WEXITSTATUS(status)}"


@pytest.fixture
def ctrl_c_raises():
    """SIGINT raises KeyboardInterrupt here, as in teikit's commands, whatever the test runner set."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("call", ["run", "bounded_call"])
def test_a_worker_forked_as_ctrl_c_comes_is_stopped_by_its_parent(monkeypatch, ctrl_c_raises, call):
    forked = _interrupted_right_after_fork(monkeypatch)
    read_end, write_end = os.pipe()
    task = functools.partial(_held, pipe=(read_end, write_end))
    try:
        with pytest.raises(KeyboardInterrupt):
            if call == "run":
                list(budget.run(task, [1, 2, 3], 1, LIMITS, over_budget=lambda task, overrun: None))
            else:
                budget.bounded_call(task, 1, limits=LIMITS)
    finally:
        os.close(write_end)  # a worker still alive now reads the end of the pipe and exits 0
        os.close(read_end)
    assert len(forked) == 1
    # Stopped by the parent (SIGKILL) before the interrupt came through, not left to find out by
    # itself that the parent has gone.
    assert _how_it_ended(forked[0]) == "SIGKILL"
