"""Benchmarks: teikit against reference tools on the same files, reported as ratios."""

import os
import statistics
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """Third-party schemas and corpus: $TEIKIT_SHARED, ../shared, or /work/shared (as the tests)."""
    for candidate in (os.environ.get("TEIKIT_SHARED"), REPOSITORY.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "schemas" / "tei-p5" / "tei_all.rng").is_file():
            return Path(candidate)
    raise SystemExit("the shared schemas and corpus were not found: set TEIKIT_SHARED to the shared/ directory")


def median_time(action, runs: int) -> float:
    """Median wall time of ``action`` over ``runs`` runs, after one warm-up run (imports, caches)."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# Runs ``python -m toolkit`` with the given checkout first on the module path.
_RUN_FROM = "import runpy, sys; sys.path.insert(0, {checkout!r}); sys.argv[0] = 'teikit'; runpy.run_module('toolkit', run_name='__main__')"


def teikit_command(checkout: Path, *arguments: str) -> list[str]:
    """The command running ``teikit ARGUMENTS`` with the code of ``checkout`` (another revision to compare with)."""
    return [sys.executable, "-c", _RUN_FROM.format(checkout=str(checkout)), *arguments]
