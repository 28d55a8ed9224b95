"""Schematron on a corpus: our compiler on Saxon against lxml.isoschematron and the parse floor.

Measured in one run, on the same documents (the deterministic synthetic corpus of
``benchmarks.corpus``, or any folder given with --corpus):

- parse floor: reading every document safely with lxml (what any validator pays first);
- our engine with the TEI's own tei_all.isosch (XSLT 2 rules, not runnable by lxml);
- our engine with an 8-rule project schema written with keys;
- lxml.isoschematron (XSLT 1 / XPath 1) on the same 8 rules: the baseline;
- our engine with both schemas: two validators, one suite (one Saxon parse per document),
  and the suite on worker processes (cache already warm, parse included);
- compiling: cold (compiler + Saxon) and warm (generated XSLT from the disk cache).

Each measurement is repeated; the table shows medians and ratios to the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lxml import etree, isoschematron

from benchmarks.corpus import write_corpus
from benchmarks import shared_dir
from toolkit.validation import schematron
from toolkit.validation.schematron import SchematronSuite, SchematronValidator
from toolkit.xmlio import read_document

HERE = Path(__file__).resolve().parent

# Eight rules a project would write, with keys instead of quadratic lookups, in XPath 1 so that
# lxml's XSLT 1 engine can run the same text (the tests compare the two engines on it); ours runs
# it once as written (XSLT 1 binding) and once declared xslt2, as a project would declare it.
PROJECT_SCHEMA = HERE.parent / "tests" / "cases" / "schematron" / "differential" / "xpath1.sch"


def tei_all_isosch() -> Path:
    return shared_dir() / "schemas" / "tei-p5" / "tei_all.isosch"


def median_of(repeat: int, action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run_ours(validator: SchematronValidator, documents) -> int:
    return sum(len(validator.iter_findings(document)) for document in documents)


def run_lxml(schema: isoschematron.Schematron, trees) -> int:
    failures = 0
    for tree in trees:
        if not schema.validate(tree):
            report = schema.validation_report
            failures += len(report.findall("{http://purl.oclc.org/dsdl/svrl}failed-assert"))
            failures += len(report.findall("{http://purl.oclc.org/dsdl/svrl}successful-report"))
    return failures


def _worker(arguments: tuple[list[str], list[str]]) -> int:
    schemas, paths = arguments
    suite = SchematronSuite([Path(schema) for schema in schemas])
    return sum(len(suite.iter_findings(read_document(Path(path)))) for path in paths)


def run_parallel(schemas: list[Path], paths: list[Path], jobs: int) -> int:
    chunks = [[str(path) for path in paths[index::jobs]] for index in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return sum(pool.map(_worker, [([str(s) for s in schemas], chunk) for chunk in chunks]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder of TEI files (default: the synthetic corpus)")
    parser.add_argument("--count", type=int, default=2000, help="documents in the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    arguments = parser.parse_args()

    if arguments.corpus:
        paths = sorted(arguments.corpus.rglob("*.xml"))
    else:
        paths = write_corpus(HERE / "data" / "corpus", arguments.count)
    size = sum(path.stat().st_size for path in paths)
    work = Path(tempfile.mkdtemp(prefix="teikit-schematron-bench-"))
    os.environ["TEIKIT_CACHE"] = str(work / "cache")
    project = work / "project.sch"
    project_xpath1 = PROJECT_SCHEMA
    text = project_xpath1.read_text(encoding="utf-8")
    project.write_text(text.replace("<schema ", '<schema queryBinding="xslt2" ', 1), encoding="utf-8")
    tei_all = tei_all_isosch()
    print(f"corpus: {len(paths)} documents, {size / 1e6:.1f} MB; {arguments.repeat} repetitions, medians")

    parse_time, documents = median_of(arguments.repeat, lambda: [read_document(path) for path in paths])
    trees = [document.tree for document in documents]

    def cold(schema: Path):
        schematron._RUNNERS.clear()
        for cached in (work / "cache" / "schematron").glob("*.xsl"):
            cached.unlink()
        return SchematronValidator(schema)

    def warm(schema: Path):
        schematron._RUNNERS.clear()
        return SchematronValidator(schema)

    cold_tei, _ = median_of(arguments.repeat, lambda: cold(tei_all))
    warm_tei, tei_validator = median_of(arguments.repeat, lambda: warm(tei_all))
    cold_project, _ = median_of(arguments.repeat, lambda: cold(project))
    warm_project, project_validator = median_of(arguments.repeat, lambda: warm(project))
    lxml_compile, lxml_schema = median_of(
        arguments.repeat, lambda: isoschematron.Schematron(etree.parse(str(project_xpath1)), store_report=True)
    )

    suite = SchematronSuite([tei_all, project])
    jobs = max(1, arguments.jobs)
    runs = {
        "lxml": lambda: run_lxml(lxml_schema, trees),
        "project": lambda: run_ours(project_validator, documents),
        "tei": lambda: run_ours(tei_validator, documents),
        "both": lambda: run_ours(tei_validator, documents) + run_ours(project_validator, documents),
        "suite": lambda: run_ours(suite, documents),
        "parallel": lambda: run_parallel([tei_all, project], paths, jobs),
    }
    # Rounds interleave the runs, so a change in the machine's load touches them all alike.
    times: dict[str, list[float]] = {name: [] for name in runs}
    counts: dict[str, int] = {}
    for _ in range(arguments.repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            counts[name] = run()
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) for name, values in times.items()}
    lxml_time, lxml_count = median["lxml"], counts["lxml"]
    project_time, project_count = median["project"], counts["project"]
    tei_time, tei_count = median["tei"], counts["tei"]
    both_time, both_count = median["both"], counts["both"]
    suite_time, suite_count = median["suite"], counts["suite"]
    parallel_time, parallel_count = median["parallel"], counts["parallel"]

    rows = [
        ("lxml parse (floor)", parse_time, "-"),
        ("lxml.isoschematron, 8 rules (baseline)", lxml_time, lxml_count),
        ("ours, 8 rules with keys", project_time, project_count),
        ("ours, tei_all.isosch", tei_time, tei_count),
        ("ours, tei_all + 8 rules, one validator each", both_time, both_count),
        ("ours, tei_all + 8 rules, one suite (one parse)", suite_time, suite_count),
        (f"ours, parse + tei_all + 8 rules, {jobs} processes", parallel_time, parallel_count),
    ]
    print(f"\n{'corpus run':<48} {'median s':>9} {'/baseline':>10} {'/parse':>8} {'findings':>9}")
    for name, seconds, count in rows:
        print(f"{name:<48} {seconds:9.3f} {seconds / lxml_time:10.3f} {seconds / parse_time:8.2f} {count!s:>9}")
    print(f"\n{'compile':<48} {'median s':>9}")
    for name, seconds in [
        ("ours, tei_all cold (compiler + Saxon)", cold_tei),
        ("ours, tei_all warm (disk cache + Saxon)", warm_tei),
        ("ours, 8 rules cold", cold_project),
        ("ours, 8 rules warm", warm_project),
        ("lxml.isoschematron, 8 rules", lxml_compile),
    ]:
        print(f"{name:<48} {seconds:9.3f}")
    if project_count != lxml_count:
        print(f"\nWARNING: the 8 rules found {project_count} problems with our engine, {lxml_count} with lxml")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
