"""The forked worker: answers in order, errors raised here, a dead worker noticed."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from toolkit.errors import TeikitError
from toolkit.executors import WorkerStopped, forked_worker


def square(number: int) -> int:
    return number * number


def refuse(message: str) -> None:
    raise TeikitError(message, hint="a hint")


def unpicklable() -> object:
    return threading.Lock()


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_answers_come_back_by_ticket_in_any_order_of_asking():
    with forked_worker() as worker:
        tickets = [worker.submit(square, n) for n in range(5)]
        assert worker.result(tickets[3]) == 9
        assert [worker.result(t) for t in (tickets[0], tickets[4], tickets[1])] == [0, 16, 1]


def test_errors_are_raised_here_whole():
    with forked_worker() as worker:
        with pytest.raises(TeikitError, match="no such thing") as raised:
            worker.result(worker.submit(refuse, "no such thing"))
        assert raised.value.hint == "a hint"
        with pytest.raises(TeikitError, match="could not be sent back"):
            worker.result(worker.submit(unpicklable))
        assert worker.result(worker.submit(square, 3)) == 9  # still serving


def test_a_killed_worker_is_noticed():
    with pytest.raises(WorkerStopped):
        with forked_worker() as worker:
            worker.result(worker.submit(die))


def check_or_die(path):
    """The validation engine's own check, except that one document kills its worker."""
    from toolkit.validation import engine

    if path.name == "d3.xml":
        os.kill(os.getpid(), signal.SIGKILL)
    return engine._checked_path(path, *engine._RUN, defer=True)


@pytest.mark.parametrize("count", [6, 400])  # one document per message, and several
def test_a_validation_worker_that_dies_is_reported_instead_of_waited_for(tmp_path, monkeypatch, count):
    from toolkit.validation import engine, validate

    documents = []
    for number in range(count):
        path = tmp_path / f"d{number}.xml"
        path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', encoding="utf-8")
        documents.append(path)
    monkeypatch.setattr(engine, "_check", check_or_die)
    with pytest.raises(WorkerStopped):
        validate(documents, jobs=2)
