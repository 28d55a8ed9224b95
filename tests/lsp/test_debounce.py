"""The debounce coalesces a burst of triggers into one run, on the event loop's timers.

No test here depends on how fast the machine is: triggers made without yielding
to the loop cannot be separated by any timer, whatever the delay.
"""

from __future__ import annotations

import asyncio

from tests.lsp.client import run_apart
from toolkit.lsp.debounce import Debouncer


def test_a_burst_of_triggers_runs_the_action_once_per_key():
    async def scenario():
        runs: list[str] = []
        done = asyncio.get_running_loop().create_future()

        async def action(key):
            runs.append(key)
            if len(runs) == 2:
                done.set_result(None)

        debouncer = Debouncer(0.01, action)
        for _ in range(50):
            debouncer.trigger("a.xml")
            debouncer.trigger("b.xml")
        assert debouncer.pending("a.xml") and debouncer.pending("b.xml")
        await done
        return runs, debouncer

    runs, debouncer = run_apart(scenario())
    assert sorted(runs) == ["a.xml", "b.xml"]
    assert not debouncer.pending("a.xml")


def test_a_trigger_after_the_run_started_runs_again():
    async def scenario():
        runs: list[int] = []
        second = asyncio.get_running_loop().create_future()
        debouncer = None

        async def action(key):
            runs.append(len(runs))
            if len(runs) == 1:
                debouncer.trigger(key)  # the document changed while it was being checked
            else:
                second.set_result(None)

        debouncer = Debouncer(0, action)
        debouncer.trigger("a.xml")
        await second
        return runs

    assert run_apart(scenario()) == [0, 1]
