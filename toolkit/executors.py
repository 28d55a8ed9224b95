"""Where per-document work runs: in this process, or on a Dask distributed cluster.

Dask does the scheduling, retries and transfers; teikit only hands it functions
of one document (or one batch) and takes the results back in order. Workers must
see the documents and schemas at the same absolute paths.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager

from toolkit.errors import TeikitError


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
