"""Web edition build time, against the Saxon work it cannot avoid.

    python -m benchmarks.html_bench [--runs 5]

Measured in one run, each a median after one warm-up, with compiled stylesheets reused
as a long-running build would:
- site: every page of the essay's web edition (``render_site``: read, collation, five pages);
- baseline: Saxon parsing the same document and serialising it unchanged (identity
  transform), the floor for any XSLT-based output;
- its stages: collation order (pyuca), essay page, the three index pages;
- the real-world corpus (49 documents, /work/shared/corpus) through the generic rendering;
- an incremental ``teikit build html`` with nothing changed, against a full one.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import median_time, shared_dir
from toolkit import pipeline, resources
from toolkit.builders import html as html_builder
from toolkit.builders import rendering
from toolkit.builders.options import BuildOptions
from toolkit.collation import collation_order
from toolkit.xmlio import read_document
from toolkit.xslt import SealedSaxon

TK = "{urn:teikit}"
OPTIONS = BuildOptions(fixed_date="2026-01-31")
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/></xsl:stylesheet>"""



def corpus_files() -> list[Path]:
    folder = shared_dir() / "corpus"
    with (folder / "manifest.tsv").open(encoding="utf-8") as handle:
        return [folder / row["file"] for row in csv.DictReader(handle, delimiter="\t")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    source = sorted(resources.edition_dir().glob("*.xml"))[0]
    saxon, _ = rendering.stylesheets(OPTIONS)
    identity = SealedSaxon({"identity": IDENTITY})
    document = read_document(source)
    node = saxon.load(document)
    order = collation_order(node, saxon)
    params = {f"{TK}fixed-date": OPTIONS.fixed_date, f"{TK}collation-order": order}

    rows = []
    baseline = median_time(lambda: identity.transform("identity", identity.load(document)), runs)
    rows.append(("baseline: Saxon parse + identity transform", baseline))
    rows.append(("site: render_site (all pages)", median_time(lambda: html_builder.render_site(source, OPTIONS), runs)))
    rows.append(("  collation order (pyuca)", median_time(lambda: collation_order(node, saxon), runs)))
    rows.append(("  essay page", median_time(
        lambda: saxon.transform("html", node, params, template=f"{TK}essay-page"), runs)))
    for register in ("persons", "places", "organisations"):
        rows.append((f"  {register} page", median_time(
            lambda: saxon.transform("index", node, {**params, f"{TK}register": register}, template=f"{TK}register-page"),
            runs)))
    files = corpus_files()
    if files:
        with tempfile.TemporaryDirectory() as temporary:
            started = time.perf_counter()
            html_builder.build(files, Path(temporary), options=OPTIONS)
            rows.append((f"corpus: {len(files)} documents, one build", time.perf_counter() - started))
    with tempfile.TemporaryDirectory() as temporary:
        build = Path(temporary)
        full = median_time(lambda: pipeline.build(["html"], build, options=OPTIONS, sources=[source],
                                                   validate_first=False, force=True), runs)
        unchanged = median_time(lambda: pipeline.build(["html"], build, options=OPTIONS, sources=[source],
                                                        validate_first=False), runs)
        rows.append(("pipeline: full html build", full))
        rows.append(("pipeline: nothing changed (skipped)", unchanged))

    print(f"{source.name}: {source.stat().st_size:,} bytes; {runs} runs, medians")
    print(f"{'measurement':48} {'seconds':>9} {'x baseline':>11}")
    for label, seconds in rows:
        print(f"{label:48} {seconds:9.3f} {seconds / baseline:11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
