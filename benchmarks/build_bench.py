"""The whole essay edition built by ``teikit build``, cold and again after an edit.

    python -m benchmarks.build_bench [--runs 5]

Each figure is the median wall time of fresh ``teikit build`` processes, in one run:
- cold: validation, web edition, index data and PDF/A into an empty directory;
- baseline: a fresh Python process typesetting the plain text of the same book with
  WeasyPrint (no contents, no indexes, no PDF/A), the floor for any WeasyPrint print edition;
- unchanged: the same build again, every output up to date;
- one paragraph edited: a word of one paragraph changed in a copy of the edition; prints
  which outputs were made again;
- a corpus (the first ``--corpus`` synthetic documents of ``benchmarks.corpus``): web
  edition and index data of every document, then again after one document was edited,
  which redoes that document only.
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

from benchmarks import REPOSITORY
from benchmarks.corpus import write_corpus
from toolkit import resources

DATE = "2026-01-31"
DATA = Path(__file__).resolve().parent / "data"
BASELINE = """
import sys
from weasyprint import HTML
from benchmarks.pdf_bench import plain_html
from toolkit.builders import pdf
html = plain_html(open(sys.argv[1], encoding="utf-8").read())
HTML(string=html, base_url=pdf._assets_url()).write_pdf()
"""


def teikit_build(output: Path, edition: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "build", "--all", "-o", str(output), "--date", DATE],
        capture_output=True, text=True, cwd=REPOSITORY, env={**os.environ, "TEIKIT_EDITION": str(edition)},
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"teikit build failed:\n{result.stderr}")
    return elapsed, result.stderr


def corpus_build(output: Path, files: list[Path]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "toolkit", "build", "html", "index", *map(str, files), "-o", str(output),
                    "--date", DATE], check=True, capture_output=True, cwd=REPOSITORY)
    return time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cold and incremental builds of the essay edition")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=int, default=200, help="synthetic documents for the corpus rebuild")
    args = parser.parse_args(argv)
    source = sorted(resources.edition_dir().glob("*.xml"))[0]

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        edition = work / "tei"
        edition.mkdir()
        shutil.copy(source, edition / source.name)
        teikit_build(work / "warm-up", edition)  # OS caches, compiled-schema cache

        cold = median([teikit_build(work / f"cold-{run}", edition)[0] for run in range(args.runs)])
        book = work / "warm-up" / "pdf" / "print.html"
        baseline = median([
            _timed([sys.executable, "-c", BASELINE, str(book)]) for _ in range(args.runs)
        ])
        unchanged = median([teikit_build(work / "cold-0", edition)[0] for _ in range(args.runs)])

        edited_times, made = [], ""
        text = (edition / source.name).read_text(encoding="utf-8")
        for run in range(args.runs):
            # One word of one paragraph, different each run so that every run has an edit to build.
            marker = "always made it clear"
            if marker not in text:
                raise SystemExit(f"the paragraph to edit ({marker!r}) is not in {source.name}")
            (edition / source.name).write_text(text.replace(marker, f"always ({run}) made it clear", 1), encoding="utf-8")
            seconds, log = teikit_build(work / "cold-0", edition)
            edited_times.append(seconds)
            made = ", ".join(line.split(":")[0] for line in log.splitlines() if line.endswith("file(s) written"))
        edited = median(edited_times)

        (work / "corpus").mkdir()
        corpus = [Path(shutil.copy(path, work / "corpus" / path.name)) for path in write_corpus(DATA / "corpus", args.corpus)]
        corpus_full = corpus_build(work / "corpus-build", corpus)
        corpus_edits = []
        for run in range(args.runs):
            target = corpus[run % len(corpus)]
            target.write_text(target.read_text(encoding="utf-8").replace("</body>", f"<p>Edit {run}.</p></body>", 1),
                              encoding="utf-8")
            corpus_edits.append(corpus_build(work / "corpus-build", corpus))
        corpus_edited = median(corpus_edits)

    print(f"the essay edition ({source.name}); {args.runs} fresh processes each, medians")
    print(f"{'':44}{'seconds':>9}{'ratio':>8}")
    print(f"{'WeasyPrint alone, plain text (baseline)':44}{baseline:9.2f}{1:8.2f}")
    print(f"{'teikit build --all, cold':44}{cold:9.2f}{cold / baseline:8.2f}")
    print(f"{'teikit build --all, nothing changed':44}{unchanged:9.2f}{unchanged / baseline:8.2f}")
    print(f"{'teikit build --all, one paragraph edited':44}{edited:9.2f}{edited / baseline:8.2f}")
    print(f"made again after the edit: {made}")
    print(f"corpus of {len(corpus)} documents, web edition and index data:")
    print(f"  {'every document made':42}{corpus_full:9.2f}{1:8.2f}")
    print(f"  {'one document edited':42}{corpus_edited:9.2f}{corpus_edited / corpus_full:8.2f}")
    print(f"cold build under 3 s: {'yes' if cold < 3 else 'NO'}")
    return 0


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=REPOSITORY)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
