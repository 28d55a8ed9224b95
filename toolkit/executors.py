"""Where work runs: in this process, in worker processes forked from it, or on a Dask cluster.

Dask does the scheduling, retries and transfers; teikit only hands it functions
of one document (or one batch) and takes the results back in order. Workers must
see the documents and schemas at the same absolute paths.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from toolkit.errors import TeikitError


@contextmanager
def forked_pool(jobs: int):
    """A ``multiprocessing`` pool of ``jobs`` processes forked now, stopped with the block.

    Forked, so workers inherit what this process has compiled. Ctrl-C reaches the whole
    process group: this process stops the pool, and a worker taking it too would print its
    own traceback, so workers are forked with SIGINT blocked and then ignore it. Leaving the
    block by an exception (Ctrl-C included) terminates the workers at once.
    """
    context = multiprocessing.get_context("fork")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = context.Pool(jobs, initializer=_ignore_interrupts)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    try:
        yield pool
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


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
