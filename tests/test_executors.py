"""The forked worker: answers in order, errors raised here, a dead worker noticed; the same of
work run beside this process, which may fork workers of its own."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from toolkit.errors import TeikitError
from toolkit.executors import WorkerStopped, beside, forked_pool, forked_worker


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


def squares_in_workers(numbers: list[int]) -> tuple[int, list[int]]:
    with forked_pool(2) as pool:
        return os.getpid(), list(pool.imap(square, numbers))


def test_work_beside_answers_and_may_have_workers_of_its_own():
    with beside(squares_in_workers, [1, 2, 3]) as running:
        pid, squares = running.result()
    assert pid != os.getpid() and squares == [1, 4, 9]


def test_work_beside_raises_its_errors_here_and_a_death_is_noticed():
    with beside(refuse, "not beside") as running:
        with pytest.raises(TeikitError, match="not beside"):
            running.result()
    with beside(die) as running:
        with pytest.raises(WorkerStopped):
            running.result()
