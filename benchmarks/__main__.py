"""Run every benchmark (``benchmarks/*_bench.py``) in turn: ``make bench``.

Benchmarks generate their synthetic data with ``benchmarks.corpus`` under
benchmarks/data/ (not committed) and print tables of medians and ratios.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("*_bench.py")):
        print(f"\n=== {script.stem} ===", flush=True)
        result = subprocess.run([sys.executable, "-m", f"benchmarks.{script.stem}"], cwd=HERE.parent)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
