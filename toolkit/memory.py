"""Python's cycle collector paused while a build makes a great many objects that live until it ends."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused(*, freeze: bool = False):
    """No cyclic garbage collection inside the block.

    Typesetting a book, or putting together the pages of a project of thousands of documents,
    makes a great many objects that all live until the block ends and hold no cycles; the
    collector would walk them again and again (a sixth of a book's time, a second of a large
    project's rebuild) to free nothing. Peak memory grows by a few percent; the collector, back
    on, frees what is left with its next full pass. With ``freeze``, what the block made is left
    out of later passes too (``gc.freeze``) until ``thaw()``: the collector, back on, would
    otherwise walk all of it at once (most of a second after a large project's pages); it is
    still freed when no longer used.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def thaw() -> None:
    """Give the collector back what ``cycle_collector_paused(freeze=True)`` froze, once the build
    that made it is over and most of it is gone: a process that builds again (a test run, a
    deposit) keeps no garbage cycle frozen for good."""
    gc.unfreeze()
