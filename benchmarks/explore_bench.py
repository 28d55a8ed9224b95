"""The timeline and the map of a project's web edition: what they cost to make and to download.

    python -m benchmarks.explore_bench [--letters 5000] [--entries 20000] [--skip-melp]

For MELP (337 letters, 405 places, 302 with coordinates) and a synthetic project of
``--letters`` letters and ``--entries`` register entries (a quarter of them places, each with
coordinates; ``benchmarks.project_bench`` writes it): the site is built once (``build_site``, in
this process, without validation), then its documents are read back from the build cache and
the timeline and map contents are made again, five times, timed apart from the rest:

- site: the whole build (wall and CPU seconds), the reference;
- catalogue: reading every document's card from the cache and sorting them (what any page needs);
- timeline, map: making each page's content from the catalogue (median of five, CPU seconds),
  and its share of the site's build;
- sizes: each page's bytes, and the script and style it loads.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.project_bench import MELP, write_project

RUNS = 5
SYNTHETIC = {"--letters": 5000, "--entries": 20000}  # the synthetic project's size


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the build's Saxon workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def clocks(action):
    """(result, wall seconds, CPU seconds) of ``action()``."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = action()
    return result, time.perf_counter() - wall, cpu_seconds() - cpu


def measure(label: str, root: Path) -> None:
    from toolkit.builders.explore import basemap, geomap, timeline  # noqa: F401 - imported before timing
    from toolkit.builders.options import BuildOptions
    from toolkit.builders.project_site import build_site, explore, _documents
    from toolkit.builders.project_site.catalogue import Catalogue
    from toolkit.builders.cache import DocumentCache
    from toolkit.interface_words import Words
    from toolkit.project import load_project
    from toolkit.project.registers import Registers

    project = load_project(root, search_parents=False)
    sources = project.documents()
    options = BuildOptions(fixed_date="2026-01-31")
    build_dir = root / "build"

    def load_registers(own, _cache=None):  # as build_site calls it; the benchmark keeps no register cache
        return Registers.from_files(project.register_files(), own)

    _written, site_wall, site_cpu = clocks(lambda: build_site(sources, load_registers, build_dir, options=options,
                                                             title=project.title or ""))
    registers = load_registers([])
    basemap.land(), basemap.land(coarse=True)  # read once, as a build reads them once

    def catalogue():
        from dataclasses import replace
        cache = DocumentCache(build_dir, "project-site", replace(options, extra={}))
        documents, _findings = _documents(sources, cache, options, 1)
        return Catalogue(documents, registers.resolve)

    made, _wall, catalogue_cpu = clocks(catalogue)
    timeline_cpu = statistics.median(clocks(lambda: explore._timeline(made, registers, Words()))[2] for _ in range(RUNS))
    map_cpu = statistics.median(
        clocks(lambda: geomap.fragment(explore._places(made, registers), basemap.land, words=Words()))[2] for _ in range(RUNS))
    html = build_dir / "html"
    sizes = {name: (html / name).stat().st_size for name in ("timeline.html", "map.html")}
    assets = sum((html / "assets" / name).stat().st_size for name in ("explore.js", "explore.css", "edition.css",
                                                                      "project.css", "edition.js", "project.js"))
    print(f"{label}: {len(sources)} documents; site {site_wall:.1f} s wall, {site_cpu:.1f} s CPU "
          f"(its workers too); catalogue {catalogue_cpu * 1000:.0f} ms CPU", flush=True)
    for name, cpu in (("timeline", timeline_cpu), ("map", map_cpu)):
        page = sizes[f"{name}.html"]
        print(f"  {name}: {cpu * 1000:.0f} ms CPU (median of {RUNS}), {cpu / site_cpu * 100:.1f} % of the site's "
              f"CPU; page {page / 1024:.0f} KB, with its assets {(page + assets) / 1024:.0f} KB", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the timeline and the map: build time and page sizes")
    for option, default in SYNTHETIC.items():
        parser.add_argument(option, type=int, default=default)
    parser.add_argument("--skip-melp", action="store_true", help="the synthetic project only")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if not args.skip_melp:
            shutil.copytree(MELP, work / "melp")
            subprocess.run([sys.executable, "-m", "toolkit", "init"], cwd=work / "melp", check=True,
                           capture_output=True)
            measure("MELP", work / "melp")
        measure(f"synthetic ({args.letters} letters, {args.entries} entries)",
                write_project(work / "synthetic", args.letters, args.entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
