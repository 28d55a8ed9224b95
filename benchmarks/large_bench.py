"""One 20 MB document against tei_all: teikit's validation in parts vs Jing and plain libxml2.

Prints medians of several cold runs (each a fresh process running ``teikit validate``'s
engine, grammar compile included; the document is read as a stream, validated in parts),
peak memory as a multiple of the file size, and checks that the verdicts on a valid and
an invalid variant equal Jing's.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import shared_dir
from benchmarks.corpus import write_large

DATA = Path(__file__).resolve().parent / "data"
REPETITIONS = 3
LIBXML2_PATIENCE = 120

OURS = """
import resource, sys
from pathlib import Path
from toolkit.validation import validate
report = validate([Path(sys.argv[2])], schema=Path(sys.argv[1]), jobs=1)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(0 if report.valid else 1)
"""
WHOLE = """
import sys
from lxml import etree
relaxng = etree.RelaxNG(file=sys.argv[1])
sys.exit(0 if relaxng.validate(etree.parse(sys.argv[2], etree.XMLParser(huge_tree=True))) else 1)
"""


def timed(command: list[str], timeout: float | None = None) -> tuple[float, int, str]:
    started = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf"), -1, ""
    return time.perf_counter() - started, result.returncode, result.stdout


def invalid_variant(valid: Path) -> Path:
    path = valid.with_name("large-20mb-invalid.xml")
    if not path.exists():
        text = valid.read_text(encoding="utf-8")
        marker = '<person xml:id="p19000">'
        path.write_text(text.replace(marker, marker + "<bogus/>", 1), encoding="utf-8")
    return path


def main() -> int:
    schema = shared_dir() / "schemas" / "tei-p5" / "tei_all.rng"
    valid = write_large(DATA / "large" / "large-20mb.xml")
    invalid = invalid_variant(valid)
    size = valid.stat().st_size
    jing = shutil.which("jing")
    rows = []
    verdicts_agree = True
    for label, document in (("valid", valid), ("invalid", invalid)):
        ours = [timed([sys.executable, "-c", OURS, str(schema), str(document)]) for _ in range(REPETITIONS)]
        ours_time = statistics.median(run[0] for run in ours)
        peak = max(int(run[2].strip() or 0) for run in ours) * 1024
        ours_verdict = ours[0][1] == 0
        if jing:
            jing_runs = [timed([jing, str(schema), str(document)]) for _ in range(REPETITIONS)]
            jing_time = statistics.median(run[0] for run in jing_runs)
            jing_verdict = jing_runs[0][1] == 0
            verdicts_agree &= jing_verdict == ours_verdict
        else:
            jing_time, jing_verdict = float("nan"), None
        rows.append((label, ours_time, jing_time, peak, ours_verdict, jing_verdict))
    whole_time, whole_code, _ = timed([sys.executable, "-c", WHOLE, str(schema), str(valid)], LIBXML2_PATIENCE)

    print(f"document: {valid.name}, {size / 1e6:.1f} MB; {REPETITIONS} cold runs each, medians")
    print(f"{'variant':<9} {'teikit s':>9} {'Jing s':>8} {'ratio':>6} {'peak MB':>8} {'x size':>7}  verdicts (teikit/Jing)")
    for label, ours_time, jing_time, peak, ours_verdict, jing_verdict in rows:
        print(f"{label:<9} {ours_time:9.2f} {jing_time:8.2f} {ours_time / jing_time:6.2f} {peak / 1e6:8.0f} "
              f"{peak / size:7.1f}  {ours_verdict}/{jing_verdict}")
    whole = "did not finish" if whole_time == float("inf") else f"{whole_time:.2f} s (exit {whole_code})"
    print(f"libxml2 whole-document validation, valid variant: {whole} (patience {LIBXML2_PATIENCE} s)")
    print("verdicts equal Jing's" if verdicts_agree else "VERDICTS DIFFER FROM JING")
    return 0 if verdicts_agree else 1


if __name__ == "__main__":
    sys.exit(main())
