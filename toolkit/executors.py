"""Where work runs: in this process, in worker processes forked from it, or on a Dask cluster.

Dask does the scheduling, retries and transfers; teikit only hands it functions
of one document (or one batch) and takes the results back in order. Workers must
see the documents and schemas at the same absolute paths.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from toolkit import native
from toolkit.errors import TeikitError


def _run_chunk(chunk: tuple[Callable, list]) -> list:
    function, tasks = chunk
    return [function(task) for task in tasks]


class WorkerStopped(TeikitError):
    """The worker process died (killed, out of memory, crashed) before answering."""


@contextmanager
def forked_pool(jobs: int):
    """``jobs`` worker processes forked now (a ``WatchedPool``), stopped with the block.

    Forked, so workers inherit what this process has compiled; each is a ``ForkedWorker``,
    so one that dies is noticed instead of waited for, and none is ever replaced behind our
    back (``multiprocessing.Pool`` replaces dead workers from a thread of its own, and its
    ``terminate`` can then wait forever for a queue lock that a dead worker held). Leaving
    the block by an exception (Ctrl-C included) terminates the workers at once.
    """
    workers: list[ForkedWorker] = []
    try:
        for _ in range(max(1, jobs)):
            workers.append(ForkedWorker())
        yield WatchedPool(workers)
    except BaseException:
        for worker in workers:
            worker.terminate()
        raise
    else:
        for worker in workers:
            worker.close()


class WatchedPool:
    """Forked workers that take chunks of tasks in turn and give results back in order."""

    CHUNKS_IN_FLIGHT = 2  # per worker: one being worked on, one waiting, so none idles

    def __init__(self, workers: list[ForkedWorker]):
        self._workers = workers

    def imap(self, function: Callable, tasks, chunksize: int = 1):
        """Like ``Pool.imap``: ``function(task)`` for every task, in order, as they come;
        a worker that dies raises ``WorkerStopped``."""
        tasks = list(tasks)
        chunks = [(function, tasks[start:start + chunksize]) for start in range(0, len(tasks), chunksize)]
        # Chunk k goes to worker k mod n, so each worker's answers come in the order needed.
        count = len(self._workers)
        sent: deque[tuple[ForkedWorker, int]] = deque()

        def send(index: int) -> None:
            if index < len(chunks):
                worker = self._workers[index % count]
                sent.append((worker, worker.submit(_run_chunk, chunks[index])))

        ahead = count * self.CHUNKS_IN_FLIGHT
        for index in range(ahead):
            send(index)
        for index in range(len(chunks)):
            worker, ticket = sent.popleft()
            results = worker.result(ticket)
            send(index + ahead)
            yield from results


class ForkedWorker:
    """One process forked now that runs the functions sent to it, in order, one at a time.

    Unlike a ``multiprocessing.Pool``, whose lost tasks leave the parent waiting forever, a
    worker that dies is noticed: waiting for its result then raises ``WorkerStopped``.
    Ctrl-C is left to this process, as in ``forked_pool``.
    """

    POLL_SECONDS = 0.2

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._process = context.Process(target=_serve, args=(child, self._connection, os.getpid()), daemon=True)
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        child.close()
        self._sent = self._received = 0
        self._answers: dict[int, tuple[bool, object]] = {}  # ticket -> (succeeded, value)
        self._unwanted: set[int] = set()  # tickets whose answers are dropped when they come

    def submit(self, function: Callable, *args) -> int:
        """Send ``function(*args)`` to the worker; returns the ticket its result is asked by."""
        try:
            self._connection.send((function, args))
        except (BrokenPipeError, ConnectionResetError):
            # The worker died before or while its job was being sent (a job larger than the
            # pipe's buffer is written while the worker reads it).
            self._stopped()
        self._sent += 1
        return self._sent

    def result(self, ticket: int):
        """The value ``function(*args)`` returned in the worker, or the exception it raised."""
        while ticket not in self._answers:
            if self._connection.poll(self.POLL_SECONDS):
                try:
                    answer = self._connection.recv()
                except (EOFError, ConnectionResetError):
                    self._stopped()
                self._received += 1  # answers come in the order the tasks were sent
                if self._received in self._unwanted:
                    self._unwanted.discard(self._received)
                else:
                    self._answers[self._received] = answer
            elif not self._process.is_alive():
                self._stopped()
        succeeded, value = self._answers.pop(ticket)
        if succeeded:
            return value
        raise value

    def discard(self, ticket: int) -> None:
        """Nobody will ask for this ticket's result: it is dropped, now or when it comes, unwaited for."""
        if self._answers.pop(ticket, None) is None and ticket > self._received:
            self._unwanted.add(ticket)

    def _stopped(self):
        self._process.join(1)
        raise WorkerStopped(
            f"the worker process stopped without an answer (exit code {self._process.exitcode})",
            hint="it may have run out of memory or been killed; run the command again",
        )

    def close(self) -> None:
        try:
            self._connection.send(None)
        except OSError:
            pass
        self._process.join()

    def terminate(self) -> None:
        self._process.terminate()
        self._process.join()


@contextmanager
def forked_worker():
    """A ``ForkedWorker`` for the block; leaving it by an exception (Ctrl-C included) stops it at once."""
    worker = ForkedWorker()
    try:
        yield worker
    except BaseException:
        worker.terminate()
        raise
    else:
        worker.close()


@contextmanager
def beside(function: Callable, *args):
    """``function(*args)`` run in a process forked now, while this one goes on; the block gets a
    ``Beside`` whose ``result()`` waits for it. Leaving the block (by an error or Ctrl-C too)
    stops a process still at work. Unlike a ``ForkedWorker``, the process may fork workers of
    its own (a validation of thousands of documents does)."""
    running = Beside(function, *args)
    try:
        yield running
    finally:
        running.stop()


class Beside:
    def __init__(self, function: Callable, *args):
        parent = os.getpid()
        reading, writing = os.pipe()
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:  # the child: never returns into the caller's code
                try:
                    os.close(reading)
                    _start_worker(parent)
                    _answer(writing, function, args)
                finally:
                    os._exit(0)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        os.close(writing)
        self._pid, self._pipe = pid, os.fdopen(reading, "rb")

    def result(self):
        """What ``function(*args)`` returned in the process, or the exception it raised."""
        data = self._pipe.read()
        self.stop()
        if not data:
            raise WorkerStopped("the process working beside this one stopped without an answer",
                                hint="it may have run out of memory or been killed; run the command again")
        succeeded, value = pickle.loads(data)  # from our own child, through a pipe only it holds
        if succeeded:
            return value
        raise value

    def stop(self) -> None:
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)
        self._pid = None
        self._pipe.close()


def _answer(writing: int, function: Callable, args) -> None:
    try:
        answer = (True, function(*args))
    except BaseException as error:  # raised in the parent
        answer = (False, error)
    try:
        data = pickle.dumps(answer)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        data = pickle.dumps((False, TeikitError(f"the answer could not be sent back: {error}")))
    with os.fdopen(writing, "wb") as pipe:
        pipe.write(data)


def _serve(connection, parent_end, parent: int) -> None:
    _start_worker(parent)
    # The fork copied the parent's end of the pipe too: closed here, so that if the parent
    # dies the pipe breaks instead of filling up with answers nobody reads.
    parent_end.close()
    try:
        while (task := connection.recv()) is not None:
            function, args = task
            try:
                answer = (True, function(*args))
            except BaseException as error:  # sent to the parent, which raises it
                answer = (False, error)
            try:
                connection.send(answer)
            except (pickle.PicklingError, TypeError, AttributeError) as error:  # an answer that cannot be pickled
                connection.send((False, TeikitError(f"the worker's answer could not be sent back: {error}")))
    except (EOFError, OSError):
        return  # the parent is gone: nobody is waiting for an answer


def _start_worker(parent: int) -> None:
    """What every forked worker does first: leave Ctrl-C to its parent, and die with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker if its parent dies (even by SIGKILL), so
    that no orphan goes on working for nobody, holding the terminal's output open;
    elsewhere the closed pipe ends it."""
    prctl = getattr(native.libc(), "prctl", None)
    if prctl is None:
        return
    pr_set_pdeathsig = 1
    prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


@contextmanager
def dask_client(scheduler: str):
    """A connected ``distributed.Client``, or a clear error saying what to do."""
    try:
        from distributed import Client
    except ImportError:
        raise TeikitError("the Dask executor needs the 'distributed' package",
                          hint="pip install 'teikit[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise TeikitError(f"cannot reach the Dask scheduler at {scheduler}: {error}",
                          hint="start one with 'dask scheduler' and workers with 'dask worker ADDRESS'") from None
    with client:
        yield client


def map_in_order(function: Callable, items: Sequence, *, scheduler: str | None = None, **keywords) -> list:
    """``[function(item, **keywords) for item in items]``, here or on the cluster at ``scheduler``."""
    if scheduler is None:
        return [function(item, **keywords) for item in items]
    with dask_client(scheduler) as client:
        futures = client.map(function, list(items), pure=False, **keywords)
        return client.gather(futures)
