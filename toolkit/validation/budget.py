"""Schema checks within a time and memory budget (``toolkit.limits``): an overrun is a finding.

A schema is code the document's author chose: a grammar or a pattern can take hours, a
Schematron rule can loop or fill the memory. So documents are checked in worker
processes forked from the run (they inherit its compiled schemas), one document at a
time, each under

* a timer of the process's CPU time whose default action ends the process, even inside
  libxml2 or Saxon, where no Python code runs (CPU time, not the clock: a document
  gets the same verdict on a busy machine as on an idle one), and
* a bound on the process's data segment (RLIMIT_DATA: malloc, libxml2 and Saxon's heap
  all count, while the address space Saxon only reserves does not); a MemoryError, an
  allocation failure in native code and Saxon's own out-of-memory exit all end the worker.

A worker that dies is replaced; the document it was checking gets the result
``over_budget`` gives for it (a killed worker too: the kernel's out-of-memory killer
comes first when the budget exceeds the machine), and the run goes on with the others.
A worker that stops answering for far longer than its budget (blocked, not computing)
is ended from the parent. The same bounds apply to one call made in a child
(``bounded_call``), for compiling a schema. ``teikit validate``, the validation of
``teikit build``, the Dask executor's workers and the full grammar's compile all run here.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait

from toolkit.executors import WorkerStopped, _start_worker
from toolkit.limits import Limits

MEMORY_EXIT = 97  # a worker that ran out of its memory budget in Python code exits with this
BATCH = 8  # documents handed to a worker at once; it answers each as it is done


@dataclass(frozen=True)
class Overrun:
    """What a document or a compile went over: ``kind`` is "time" or "memory"."""

    kind: str
    limits: Limits

    def describe(self) -> str:
        if self.kind == "time":
            return f"took longer than its time budget of {self.limits.document_seconds:g} s (CPU time) and was stopped"
        if self.kind == "killed":
            return "was stopped by the system (SIGKILL), most likely for lack of memory"
        return f"needed more than its memory budget of {self.limits.document_memory // 2**20} MiB and was stopped"

    def hint(self) -> str:
        if self.kind == "killed":
            return ("a schema may need more memory for this document than the machine has; lower the budget "
                    "(--document-memory, [validation] document_memory in teikit.toml, TEIKIT_DOCUMENT_MEMORY) "
                    "so that it is stopped first, or check it on a larger machine")
        name = "seconds" if self.kind == "time" else "memory"
        return (f"a schema (grammar, pattern or rule) is too costly for this document; if it is only large, raise "
                f"the budget: --document-{name}, [validation] document_{name} in teikit.toml, "
                f"or TEIKIT_DOCUMENT_{name.upper()}")


class OverBudget(Exception):
    def __init__(self, overrun: Overrun):
        super().__init__(overrun.describe())
        self.overrun = overrun


def enabled(limits: Limits) -> bool:
    return bool(limits.document_seconds or limits.document_memory)


def run(work: Callable, tasks: list, jobs: int, limits: Limits,
        over_budget: Callable[[object, Overrun], object]) -> Iterator:
    """``work(task)`` for each task, in order, computed in ``jobs`` budgeted worker processes."""
    pending = deque(range(len(tasks)))
    workers: dict[int, _Worker] = {}
    done: dict[int, object] = {}
    following = 0
    try:
        while following < len(tasks):
            while pending and len(workers) < jobs:
                with _Worker.forked(work, tasks, limits) as worker:
                    workers[worker.connection.fileno()] = worker  # recorded, to be stopped below
            for worker in workers.values():
                if not worker.assigned and pending:
                    worker.assign([pending.popleft() for _ in range(min(BATCH, len(pending)))])
            busy = [worker for worker in workers.values() if worker.assigned]
            ready = wait([worker.connection for worker in busy], timeout=_patience(limits))
            if not ready:
                # No answer for longer than any document may take: a worker stuck where its own
                # alarm cannot end it is ended from here.
                for worker in busy:
                    if worker.overdue(limits):
                        worker.kill()
                continue
            for connection in ready:
                key = connection.fileno()
                worker = workers[key]
                try:
                    index, succeeded, result = worker.receive()
                except (EOFError, OSError):
                    index, overrun = worker.lost(limits)
                    del workers[key]
                    done[index] = over_budget(tasks[index], overrun)
                    worker.assigned.popleft()  # that one is done with; the rest go to another worker
                    pending.extendleft(reversed(worker.assigned))
                    worker.assigned.clear()
                    continue
                if not succeeded:
                    raise result
                done[index] = result
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        for worker in workers.values():
            worker.stop()


def bounded_call(function: Callable, *args, limits: Limits):
    """``function(*args)`` computed in a child within the budget; OverBudget when it is exceeded.

    The value must be picklable; an exception raised by ``function`` is raised here.
    """
    if not enabled(limits):
        return function(*args)
    worker = None
    try:
        with _Worker.forked(_call, [(function, args)], limits) as forked:
            worker = forked  # recorded, to be stopped below
        worker.assign([0])
        try:
            if not worker.connection.poll(_patience(limits)):
                worker.kill()
            _, succeeded, value = worker.receive()
        except (EOFError, OSError):
            raise OverBudget(worker.lost(limits)[1]) from None
        if succeeded:
            return value
        raise value
    finally:
        if worker is not None:
            worker.stop()


def _patience(limits: Limits) -> float | None:
    """How long the parent waits for a worker's next answer before ending it (None: for ever):
    clock time, far beyond the CPU time a busy machine may stretch the budget to."""
    return limits.document_seconds * 10 + 60 if limits.document_seconds else None


def _call(task: tuple[Callable, tuple]):
    function, args = task
    return function(*args)


class _Worker:
    def __init__(self, pid: int, connection):
        self.pid, self.connection = pid, connection
        self.since = time.monotonic()
        self.assigned: deque[int] = deque()

    @classmethod
    @contextmanager
    def forked(cls, work: Callable, tasks: list, limits: Limits) -> Iterator[_Worker]:
        """A new worker, for the block to record: a Ctrl-C is held from before the fork until the
        block ends, so it lands once the caller can stop the worker (never left to the
        parent-death signal). The worker starts with Ctrl-C held too: the parent answers it."""
        import multiprocessing

        parent_end, child_end = multiprocessing.Pipe()
        parent = os.getpid()
        with _interrupts_held():
            pid = os.fork()
            if pid == 0:  # the worker
                try:
                    parent_end.close()
                    _serve(child_end, work, tasks, limits, parent)
                finally:
                    os._exit(0)
            child_end.close()
            yield cls(pid, parent_end)

    def assign(self, indices: list[int]) -> None:
        self.since = time.monotonic()
        self.assigned.extend(indices)
        self.connection.send_bytes(struct.pack(f"<{len(indices)}I", *indices))

    def receive(self) -> tuple[int, bool, object]:
        """(index, whether the work succeeded, its value or the exception it raised)."""
        index, succeeded, value = pickle.loads(self.connection.recv_bytes())
        self.since = time.monotonic()
        self.assigned.remove(index)
        return index, succeeded, value

    def overdue(self, limits: Limits) -> bool:
        return time.monotonic() - self.since > _patience(limits)

    def kill(self) -> None:
        """End a worker that stopped answering; its pipe then breaks and it is handled as lost."""
        try:
            os.kill(self.pid, signal.SIGALRM)
        except ProcessLookupError:
            pass

    def lost(self, limits: Limits) -> tuple[int, Overrun]:
        """The document this dead worker was on, and why it died."""
        _, status = os.waitpid(self.pid, 0)
        self.connection.close()
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGPROF, signal.SIGALRM):
            kind = "time"
        elif os.WIFEXITED(status) and os.WEXITSTATUS(status) in (MEMORY_EXIT, 99):  # 99: Saxon's heap
            kind = "memory"
        elif os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT:
            kind = "memory"  # native code aborting on a failed allocation
        elif os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            kind = "killed"  # the kernel's out-of-memory killer, when the budget exceeds what the machine has
        else:  # killed from outside, or a crash: not the document's doing
            self.pid = 0
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
            raise WorkerStopped(f"a worker process stopped without an answer (exit code {code})",
                                hint="it may have been killed; run the command again "
                                     "(with --jobs 1 to see which document it was on)")
        self.pid = 0
        return self.assigned[0], Overrun(kind, limits)

    def stop(self) -> None:
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            # Tearing down a large process takes milliseconds; nobody needs to wait for it: it is
            # reaped later, without blocking (no thread: threads and fork do not mix).
            _UNREAPED.append(self.pid)
            self.pid = 0
        _reap_finished()
        self.connection.close()


@contextmanager
def _interrupts_held():
    """SIGINT held back for the block and acted on when it ends (``_Worker.forked``).

    Blocking the signal is not enough: the kernel hands it to another thread of the process if
    there is one, and Python then raises in the main thread wherever it is. So the main
    thread's handler is also replaced for the block by one that only notes the Ctrl-C. (Only the
    main thread is ever interrupted by Python's handler; elsewhere the mask suffices.)"""
    noted: list = []
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, lambda number, frame: noted.append(frame)) if in_main else None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        if in_main:
            signal.signal(signal.SIGINT, previous)
            if noted and callable(previous):
                previous(signal.SIGINT, noted[0])
            elif noted and previous == signal.SIG_DFL:
                signal.raise_signal(signal.SIGINT)


_UNREAPED: list[int] = []


def _reap_finished() -> None:
    for pid in list(_UNREAPED):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _UNREAPED.remove(pid)


def _serve(connection, work: Callable, tasks: list, limits: Limits, parent: int) -> None:
    _start_worker(parent)
    for ending in (signal.SIGPROF, signal.SIGALRM):  # the CPU timer, the parent: end the process wherever it is
        signal.signal(ending, signal.SIG_DFL)
    # Saxon prints its out-of-memory dump and rule errors here; the parent reports them.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    if limits.document_memory:
        _bound_data(limits.document_memory)
    while True:
        try:
            message = connection.recv_bytes()
        except (EOFError, OSError):
            return
        for index in struct.unpack(f"<{len(message) // 4}I", message):
            if limits.document_seconds:
                signal.setitimer(signal.ITIMER_PROF, limits.document_seconds)
            try:
                answer = (index, True, work(tasks[index]))
            except MemoryError:
                os._exit(MEMORY_EXIT)
            except Exception as error:  # noqa: BLE001 - raised again in the parent
                answer = (index, False, error)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            try:
                connection.send_bytes(pickle.dumps(answer))
            except MemoryError:
                os._exit(MEMORY_EXIT)


def _bound_data(budget: int) -> None:
    """Allow this process ``budget`` bytes of data beyond what it holds now (the run's compiled schemas)."""
    used = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    used = int(line.split()[1]) * 1024
    except OSError:
        pass
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = used + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
