"""Benchmarks: teikit against reference tools on the same files, reported as ratios."""

import statistics
import time


def median_time(action, runs: int) -> float:
    """Median wall time of ``action`` over ``runs`` runs, after one warm-up run (imports, caches)."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
