"""Waiting for a pause: one run per burst of triggers, on the event loop's own timers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable

DEFAULT_DELAY = 0.25  # seconds of quiet typing before a document is checked


class Debouncer:
    """Calls ``action(key)`` once, ``delay`` seconds after the last ``trigger(key)`` of a burst.

    Every trigger cancels the timer the previous one set for the same key, so a
    document that changes on every keystroke is checked once the typing pauses.
    Runs for different keys are independent.
    """

    def __init__(self, delay: float, action: Callable[[Hashable], Awaitable[None]]):
        self.delay = delay
        self.action = action
        self._timers: dict[Hashable, asyncio.TimerHandle] = {}
        self._running: set[asyncio.Task] = set()

    def trigger(self, key: Hashable) -> None:
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        self._timers[key] = asyncio.get_running_loop().call_later(self.delay, self._fire, key)

    def pending(self, key: Hashable) -> bool:
        return key in self._timers

    def _fire(self, key: Hashable) -> None:
        self._timers.pop(key, None)
        task = asyncio.ensure_future(self.action(key))
        self._running.add(task)  # a task nobody references may be collected before it ends
        task.add_done_callback(self._running.discard)
