"""``teikit validate`` against Jing and the parse floor, measured side by side in one run.

Cold commands are separate processes, as an editor or a CI job runs them:

- the essay against tei_all.rng: empty cache, warm cache (the reduced grammar is
  reused), and --full-grammar (libxml2 compiling all of tei_all, the old cost);
- the essay against the edition's own schemas (edition.rng + edition.sch);
- the synthetic corpus (``benchmarks.corpus``, 2,000 documents) and the shared
  real-world corpus against tei_all.rng on all cores, with an empty cache and with
  the cache of a previous run (reduced grammars, diagnoses of invalid documents);

each beside Jing (one JVM per command, when ``jing`` is installed) and the lxml
parse floor (reading the same files safely, in this process).  Each figure is the
median of --repeat runs; ratios are ours / Jing and ours / parse floor.

    python -m benchmarks.validate_bench [--repeat 3] [--skip-corpus]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import shared_dir
from benchmarks.corpus import write_corpus
from toolkit.validation.files import collect
from toolkit.xmlio import parse_bytes, read_bytes

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
EDITION = REPOSITORY / "tei" / "serge-anarchism-russian-years.xml"


def timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPOSITORY, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])}… failed ({result.returncode}): {result.stderr.decode()[-500:]}")
    return elapsed


def median(repeat: int, action) -> float:
    return statistics.median(action() for _ in range(repeat))


def parse_floor(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        try:
            parse_bytes(read_bytes(path), path)
        except Exception:
            pass
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-corpus", action="store_true", help="only the essay")
    arguments = parser.parse_args()
    repeat = arguments.repeat

    tei_all = shared_dir() / "schemas" / "tei-p5" / "tei_all.rng"
    teikit = [sys.executable, "-m", "toolkit", "validate", "--no-progress"]
    jing = shutil.which("jing")
    cache = Path(tempfile.mkdtemp(prefix="teikit-bench-cache-"))
    warm_env = {**os.environ, "TEIKIT_CACHE": str(cache)}

    def cold_env() -> dict:
        return {**os.environ, "TEIKIT_CACHE": tempfile.mkdtemp(prefix="teikit-bench-cold-")}

    rows: list[tuple[str, float, float | None, float | None]] = []

    def row(job: str, ours: float, reference: float | None, floor: float | None) -> None:
        rows.append((job, ours, reference, floor))
        print(f"  measured: {job}: {ours:.3f} s", file=sys.stderr, flush=True)

    essay = [EDITION]
    essay_floor = statistics.median(parse_floor(essay) for _ in range(20))
    jing_essay = median(repeat, lambda: timed([jing, str(tei_all), str(EDITION)])) if jing else None
    row("essay, tei_all, cold command, empty cache",
        median(repeat, lambda: timed(teikit + ["--schema", str(tei_all), str(EDITION)], cold_env())), jing_essay, essay_floor)
    timed(teikit + ["--schema", str(tei_all), str(EDITION)], warm_env)
    row("essay, tei_all, cold command, warm cache",
        median(repeat, lambda: timed(teikit + ["--schema", str(tei_all), str(EDITION)], warm_env)), jing_essay, essay_floor)
    row("essay, tei_all, --full-grammar (whole compile)",
        median(repeat, lambda: timed(teikit + ["--full-grammar", "--schema", str(tei_all), str(EDITION)], warm_env)),
        jing_essay, essay_floor)
    edition_rng = REPOSITORY / "schemas" / "edition.rng"
    jing_edition = median(repeat, lambda: timed([jing, str(edition_rng), str(EDITION)])) if jing else None
    timed(teikit, warm_env)
    row("essay, edition.rng + edition.sch, warm cache (Jing: RNG only)",
        median(repeat, lambda: timed(teikit, warm_env)), jing_edition, essay_floor)

    if not arguments.skip_corpus:
        for label, folder in (("shared real-world corpus", shared_dir() / "corpus"),
                              ("synthetic corpus", HERE / "data" / "corpus")):
            if label.startswith("synthetic"):
                write_corpus(folder)
            files = collect([folder])
            size = sum(path.stat().st_size for path in files) / 1e6
            floor = statistics.median(parse_floor(files) for _ in range(repeat))
            reference = median(repeat, lambda: timed([jing, str(tei_all), *map(str, files)])) if jing else None
            command = teikit + ["-j", "0", "--schema", str(tei_all), str(folder)]
            name = f"{label} ({len(files)} files, {size:.0f} MB), tei_all, all cores"
            row(name + ", empty cache", median(repeat, lambda: timed(command, cold_env())), reference, floor)
            timed(command, warm_env)
            row(name + ", warm cache", median(repeat, lambda: timed(command, warm_env)), reference, floor)

    shutil.rmtree(cache, ignore_errors=True)
    print(f"\nteikit validate, median of {repeat} runs on {os.cpu_count()} cores"
          + ("" if jing else " (jing not installed: no reference column)"))
    header = f"{'job':<92} {'teikit':>8} {'Jing':>8} {'ratio':>6} {'parse':>8} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for job, ours, reference, floor in rows:
        jing_text = f"{reference:8.3f} {ours / reference:6.2f}" if reference else f"{'-':>8} {'-':>6}"
        floor_text = f"{floor:8.4f} {ours / floor:7.0f}" if floor else f"{'-':>8} {'-':>7}"
        print(f"{job:<92} {ours:8.3f} {jing_text} {floor_text}")
    print("times in seconds; ratio = teikit / reference (below 1: teikit faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
