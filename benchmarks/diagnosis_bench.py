"""Cold diagnosis of invalid documents: ``teikit validate --schema tei_all.rng FILE`` beside Jing.

For each file of the shared corpus that Jing rejects against tei_all (and can read),
both commands run as separate processes, one after the other in the same run: teikit
with an empty cache each time (a new TEIKIT_CACHE folder), Jing as installed.  The
figure is the ratio teikit / Jing per file (median of --repeat runs of each); the
table ends with the median and the worst ratio over the files (targets: 1.0 and 1.5).
Each pair of runs also checks that both report errors on the same lines.  CPU times (user +
system of each child process, all its threads) are given beside wall times: a loaded machine
inflates them less.

teikit runs as an installed copy would: from a neutral folder (not this repository's project),
with its modules' bytecode compiled beforehand (into a temporary PYTHONPYCACHEPREFIX), as pip
compiles an installed package.  ``--against DIR`` times the teikit of another checkout too (the
same interpreter and libraries), for a before/after comparison in the same run.

    python -m benchmarks.diagnosis_bench [--repeat 3] [--against ../main]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import shared_dir, teikit_command

REPOSITORY = Path(__file__).resolve().parent.parent
_LINE = re.compile(r":(\d+):(?:\d+:)? error")


def run(command: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float, set[int]]:
    """Wall time, CPU time and the lines of the errors reported by one run of ``command``."""
    start, before = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, cwd=cwd or tempfile.gettempdir(), env=env, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - before
    if result.returncode != 1:
        raise SystemExit(f"{command[0]} … {command[-1]}: expected exit 1, got {result.returncode}\n{result.stderr[-400:]}")
    return elapsed, cpu, {int(line) for line in _LINE.findall(result.stdout)}


def _installed_environment(checkouts: list[Path]) -> dict:
    """The environment of an installed teikit: bytecode compiled once, kept in a temporary folder."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="teikit-bytecode-")
    for checkout in checkouts:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "toolkit")], env=environment,
                       check=True, stdout=subprocess.DEVNULL)
    return environment


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, metavar="DIR", help="another checkout of teikit to time too")
    arguments = parser.parse_args()
    repeat = arguments.repeat
    checkouts = {"teikit": REPOSITORY} | ({"against": arguments.against.resolve()} if arguments.against else {})
    installed = _installed_environment(list(checkouts.values()))
    jing = shutil.which("jing")
    if jing is None:
        print("jing is not installed (Debian package jing): nothing to compare with", file=sys.stderr)
        return 1
    shared = shared_dir()
    tei_all = shared / "schemas" / "tei-p5" / "tei_all.rng"
    with (shared / "corpus" / "manifest.tsv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["tei_all_verdict"] == "invalid"]

    names = list(checkouts) + ["Jing"]
    print(f"{'file':44} " + " ".join(f"{name + ' s':>9} {'CPU s':>6}" for name in names)
          + " " + " ".join(f"{name[:6] + '/Jing':>11} {'CPU':>5}" for name in checkouts) + "  same lines")
    ratios: dict[str, list[float]] = {name: [] for name in checkouts}
    cpu_ratios: dict[str, list[float]] = {name: [] for name in checkouts}
    for row in rows:
        path = shared / "corpus" / row["file"]
        if b"<!DOCTYPE" in path.read_bytes()[:4096] or row["well_formed_lxml"] != "yes":
            continue  # Jing stops on the DTD it cannot reach; teikit reports the DOCTYPE when reading
        walls: dict[str, list[float]] = {name: [] for name in names}
        cpus: dict[str, list[float]] = {name: [] for name in names}
        same = True
        for _ in range(repeat):
            lines = {}
            for name, checkout in checkouts.items():
                with tempfile.TemporaryDirectory(prefix="teikit-cold-") as cache:
                    # -m toolkit from the checkout's folder: that checkout's code, run from a neutral folder
                    command = teikit_command(checkout, "validate", "--no-progress", "--schema", str(tei_all), str(path))
                    wall, cpu, lines[name] = run(command, {**installed, "TEIKIT_CACHE": cache})
                walls[name].append(wall)
                cpus[name].append(cpu)
            wall, cpu, lines["Jing"] = run([jing, str(tei_all), str(path)])
            walls["Jing"].append(wall)
            cpus["Jing"].append(cpu)
            same = same and all(found == lines["Jing"] for found in lines.values())
        median = {name: statistics.median(walls[name]) for name in names}
        median_cpu = {name: statistics.median(cpus[name]) for name in names}
        for name in checkouts:
            ratios[name].append(median[name] / median["Jing"])
            cpu_ratios[name].append(median_cpu[name] / median_cpu["Jing"])
        print(f"{row['file'][-44:]:44} " + " ".join(f"{median[name]:9.2f} {median_cpu[name]:6.2f}" for name in names)
              + " " + " ".join(f"{ratios[name][-1]:11.2f} {cpu_ratios[name][-1]:5.2f}" for name in checkouts)
              + f"  {'yes' if same else 'NO'}", flush=True)
    for name, checkout in checkouts.items():
        print(f"\n{checkout}: {len(ratios[name])} rejected files, ratio to Jing in wall time: median "
              f"{statistics.median(ratios[name]):.2f}, worst {max(ratios[name]):.2f} (targets 1.0 and 1.5); "
              f"in CPU time: median {statistics.median(cpu_ratios[name]):.2f}, worst {max(cpu_ratios[name]):.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
