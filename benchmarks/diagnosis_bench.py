"""Cold diagnosis of invalid documents: ``teikit validate --schema tei_all.rng FILE`` beside Jing.

For each file of the shared corpus that Jing rejects against tei_all (and can read),
both commands run as separate processes, one after the other in the same run: teikit
with an empty cache each time (a new TEIKIT_CACHE folder), Jing as installed.  The
figure is the ratio teikit / Jing per file (median of --repeat runs of each); the
table ends with the median and the worst ratio over the files (targets: 1.0 and 1.5).
Each pair of runs also checks that both report errors on the same lines.

    python -m benchmarks.diagnosis_bench [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import shared_dir

REPOSITORY = Path(__file__).resolve().parent.parent
_LINE = re.compile(r":(\d+):(?:\d+:)? error")


def run(command: list[str], env: dict | None = None) -> tuple[float, set[int]]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPOSITORY, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 1:
        raise SystemExit(f"{command[0]} … {command[-1]}: expected exit 1, got {result.returncode}\n{result.stderr[-400:]}")
    return elapsed, {int(line) for line in _LINE.findall(result.stdout)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    jing = shutil.which("jing")
    if jing is None:
        print("jing is not installed (Debian package jing): nothing to compare with", file=sys.stderr)
        return 1
    shared = shared_dir()
    tei_all = shared / "schemas" / "tei-p5" / "tei_all.rng"
    with (shared / "corpus" / "manifest.tsv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["tei_all_verdict"] == "invalid"]

    print(f"{'file':58} {'teikit s':>9} {'Jing s':>8} {'ratio':>6}  same lines")
    ratios = []
    for row in rows:
        path = shared / "corpus" / row["file"]
        if b"<!DOCTYPE" in path.read_bytes()[:4096] or row["well_formed_lxml"] != "yes":
            continue  # Jing stops on the DTD it cannot reach; teikit reports the DOCTYPE when reading
        ours, theirs = [], []
        for _ in range(repeat):
            with tempfile.TemporaryDirectory(prefix="teikit-cold-") as cache:
                elapsed, our_lines = run([sys.executable, "-m", "toolkit", "validate", "--no-progress", "--schema",
                                          str(tei_all), str(path)], {**os.environ, "TEIKIT_CACHE": cache})
            ours.append(elapsed)
            elapsed, their_lines = run([jing, str(tei_all), str(path)])
            theirs.append(elapsed)
        ratio = statistics.median(ours) / statistics.median(theirs)
        ratios.append(ratio)
        print(f"{row['file'][-58:]:58} {statistics.median(ours):9.2f} {statistics.median(theirs):8.2f} "
              f"{ratio:6.2f}  {'yes' if our_lines == their_lines else 'NO'}", flush=True)
    print(f"\n{len(ratios)} rejected files: ratio teikit / Jing, median {statistics.median(ratios):.2f}, "
          f"worst {max(ratios):.2f} (targets 1.0 and 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
