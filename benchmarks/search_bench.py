"""Search: the index's build time and size, the time from typing a query to its results in
Chromium, and what a reader downloads to open the search page.

    python -m benchmarks.search_bench [--letters 5000] [--entries 20000]

For the essay, MELP and a synthetic project of ``--letters`` letters (``project_bench``'s
generator), each site is built by ``teikit build html`` (timed: the reference the index's cost is
set against); then, in this process, the index is made again from the built pages as the build
makes it (each document's units read from its rendered text, then the index files), timed in wall
and CPU seconds, and measured on disk. In Chromium (from file://), each query is typed into the
search page and timed by the page from the input event to the results shown (the first query of a
page loads the parts of the index it needs; the others find some loaded). The bytes of every
file the opened page loads (page, styles, scripts, the index's first file) are added up.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.project_bench import DATE, MELP, in_process_build, run, teikit, write_project

from benchmarks import REPOSITORY

CHROMIUM = "/usr/bin/chromium"
ESSAY_QUERIES = ("Pestana", '"Workers\' Opposition"', "anarch*", "Kronstadt sailors", "dictatorship")
MELP_QUERIES = ("Edgeworth", '"dear madam"', "educat*", "Recamier", "novel Scott")
SYNTHETIC_QUERIES = ("garden", '"the weather"', "Beaufo*", "Dublin journey", "carriage")


def index_again(html: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds to make the index of a built site from its pages, and its units."""
    from toolkit.search import SearchDocument, index_files, units_from_html

    pages = sorted((html / "documents").glob("*.html")) or [html / "index.html"]
    started, cpu = time.perf_counter(), time.process_time()
    documents = []
    for page in pages:
        units = units_from_html(page.read_text(encoding="utf-8"), root_id="main")
        documents.append(SearchDocument(title=page.stem, href=page.name, units=units))
    dict(index_files(documents, [], scope="document"))  # every file made (it yields them one at a time)
    return time.perf_counter() - started, time.process_time() - cpu, sum(len(d.units) for d in documents)


def index_size(html: Path) -> tuple[int, float]:
    files = [path for path in (html / "search").rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files) / 1e6


def browse(html: Path, queries: tuple[str, ...]) -> dict:
    """Query times (ms, as the page measures them) and the bytes loaded to open the page."""
    from playwright.sync_api import sync_playwright

    loaded: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("request", lambda request: loaded.append(request.url))
        page.goto((html / "search.html").as_uri())
        page.wait_for_function("() => document.getElementById('search-status').getAttribute('aria-busy') === 'false'")
        opening_files = set(loaded)
        opening = sum(Path(url[len("file://"):].split("#")[0]).stat().st_size for url in opening_files)
        times = []
        for _round in range(2):
            for query in queries:
                page.fill("#search-input", "")
                page.wait_for_function("() => document.getElementById('search-status').dataset.query === ''")
                page.fill("#search-input", query)
                page.wait_for_function("q => { const s = document.getElementById('search-status'); "
                                       "return s.dataset.query === q && s.getAttribute('aria-busy') === 'false'; }",
                                       arg=query)
                times.append(page.evaluate("tkSearch.timing.milliseconds"))
        browser.close()
    first, warm = times[:len(queries)], times[len(queries):]
    return {"opening_kb": opening / 1024, "files": len(opening_files), "first_ms": first, "warm_ms": warm}


def report(name: str, build: dict, html: Path, queries: tuple[str, ...]) -> None:
    wall, cpu, units = index_again(html)
    count, megabytes = index_size(html)
    found = browse(html, queries)
    print(f"{name}: site build {build['wall']:.1f} s wall, {build['cpu']:.1f} s CPU; "
          f"index from the pages {wall:.2f} s wall, {cpu:.2f} s CPU ({units} units; "
          f"{100 * cpu / max(build['cpu'], 1e-9):.0f} % of the build's CPU); "
          f"index {megabytes:.2f} MB in {count} files")
    print(f"  opening the search page: {found['opening_kb']:.0f} KB in {found['files']} files")
    print("  query to results (ms), first time: " + ", ".join(f"{q} {t:.0f}" for q, t in zip(queries, found["first_ms"])))
    print(f"  median first {statistics.median(found['first_ms']):.0f} ms, max {max(found['first_ms']):.0f} ms; "
          f"again: median {statistics.median(found['warm_ms']):.0f} ms, max {max(found['warm_ms']):.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=20000)
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        essay = teikit("build", "html", "--date", DATE, "-o", str(work / "essay"), cwd=REPOSITORY)
        report("essay", essay, work / "essay" / "html", ESSAY_QUERIES)
        project = work / "melp"
        shutil.copytree(MELP, project)
        teikit("init", cwd=project)
        melp = teikit("build", "html", "--date", DATE, "--force", cwd=project)
        report("MELP", melp, project / "build" / "html", MELP_QUERIES)
        synthetic = write_project(work / "synthetic", arguments.letters, arguments.entries)
        built = run(in_process_build(synthetic), synthetic)
        report(f"synthetic ({arguments.letters} letters)", built, synthetic / "build" / "html", SYNTHETIC_QUERIES)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
