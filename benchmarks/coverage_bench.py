"""Visible-word coverage of the generic rendering over the real-world corpus.

    python -m benchmarks.coverage_bench [--pdf] [--only SUBSTRING] [--reference STYLESHEETS]

For every document of /work/shared/corpus: the share of the words of its ``text`` that a
reader sees (``benchmarks.visible_words``) on the reading page, on the reading page with
the register pages it links to, and (``--pdf``) in the PDF; the token-weighted mean; and
the TEI elements that lose most words; the same means per collection of the corpus.
``--reference`` gives the folder of a checkout of the TEI Consortium's Stylesheets
(https://github.com/TEIC/Stylesheets; its ``html/``, ``common/`` and ``i18n.xml`` are what
is read): its ``html/html.xsl`` is run by saxonche in this process on the same files and
measured the same way, in the column "ref", beside teikit's.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks import shared_dir
from benchmarks.visible_words import (Browser, coverage, document_tokens, element_losses, element_tokens, pdf_text,
                                      tokens)
from toolkit.builders import html as html_builder
from toolkit.builders.options import BuildOptions
from toolkit.xmlio import read_document
from toolkit.xslt import document_text

OPTIONS = BuildOptions(fixed_date="2026-01-31")


def corpus_files() -> list[Path]:
    folder = shared_dir() / "corpus"
    with (folder / "manifest.tsv").open(encoding="utf-8") as handle:
        return [folder / row["file"] for row in csv.DictReader(handle, delimiter="\t")]


def write_site(source: Path, folder: Path, options: BuildOptions = OPTIONS) -> Path:
    """The web edition of ``source`` written into ``folder``; its home page."""
    site, _title, _warnings = html_builder.render_site(source, options)
    for relative, data in site.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder / "index.html"


def build_pdf(source: Path, folder: Path) -> Path | None:
    from toolkit.builders import pdf as pdf_builder

    try:
        pdf_builder.build([source], folder, options=OPTIONS)
    except Exception as error:  # noqa: BLE001 - a document without a PDF is what is measured
        print(f"  no PDF for {source.name}: {str(error).splitlines()[0]}", file=sys.stderr)
        return None
    made = sorted((folder / "pdf").glob("*.pdf"))
    return made[0] if made else None


def reference_page(stylesheets: Path, source: Path, folder: Path, saxon_cache: dict) -> Path | None:
    """The TEI Stylesheets' html.xsl run on the same document (by the same Saxon)."""
    from saxonche import PySaxonProcessor

    if "executable" not in saxon_cache:
        processor = PySaxonProcessor(license=False)
        compiler = processor.new_xslt30_processor()
        saxon_cache["processor"] = processor
        saxon_cache["executable"] = compiler.compile_stylesheet(stylesheet_file=str(stylesheets / "html" / "html.xsl"))
    processor, executable = saxon_cache["processor"], saxon_cache["executable"]
    try:
        text = document_text(read_document(source))
        node = processor.parse_xml(xml_text=text)
        page = executable.transform_to_string(xdm_node=node) or ""
    except Exception as error:  # noqa: BLE001 - the reference failing is reported, not fatal
        print(f"  reference failed on {source.name}: {str(error).splitlines()[0][:200]}", file=sys.stderr)
        return None
    path = folder / "reference.html"
    path.write_text(page, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdf", action="store_true", help="also typeset each document and measure its PDF")
    parser.add_argument("--only", default="", help="only documents whose path contains this")
    parser.add_argument("--max-bytes", type=int, default=0, help="leave out documents larger than this (0: none)")
    parser.add_argument("--reference", type=Path, help="a checkout of TEIC/Stylesheets, measured as the reference")
    parser.add_argument("--losses", type=int, default=3, help="elements with the largest losses shown per document")
    args = parser.parse_args()
    files = [path for path in corpus_files() if args.only in str(path)
             and not (args.max_bytes and path.stat().st_size > args.max_bytes)]
    totals: dict[str, list[float]] = {"page": [0, 0], "site": [0, 0], "pdf": [0, 0], "ref": [0, 0]}
    by_collection: dict[str, dict[str, list[float]]] = {}
    below: dict[str, list[str]] = {"page": [], "ref": []}
    worst, lowest = (0.0, "", ""), (1.0, "")
    saxon_cache: dict = {}
    header = f"{'document':48} {'words':>7} {'page':>6} {'+reg':>6}" + (" {:>6}".format("pdf") if args.pdf else "") \
        + (" {:>6}".format("ref") if args.reference else "") + "  largest losses (element: words lost/words)"
    print(header)
    with Browser() as browser, tempfile.TemporaryDirectory() as temp:
        for number, source in enumerate(files):
            folder = Path(temp) / str(number)
            wanted = document_tokens(source)
            size = sum(wanted.values())
            row = {}
            try:
                page, site = browser.edition_tokens(write_site(source, folder))
                row["page"], row["site"] = coverage(wanted, page), coverage(wanted, site)
            except Exception as error:  # noqa: BLE001
                print(f"  no page for {source.name}: {str(error).splitlines()[0][:200]}", file=sys.stderr)
                site, row["page"], row["site"] = Counter(), 0.0, 0.0
            if args.pdf:
                pdf = build_pdf(source, folder / "pdf-build")
                row["pdf"] = coverage(wanted, tokens(pdf_text(pdf))) if pdf else 0.0
            if args.reference:
                reference = reference_page(args.reference, source, folder, saxon_cache)
                row["ref"] = coverage(wanted, tokens(browser.visible_text(reference))) if reference else 0.0
            collection = source.relative_to(shared_dir() / "corpus").parts[0]
            for key, value in row.items():
                for table in (totals, by_collection.setdefault(collection, {})):
                    table.setdefault(key, [0, 0])
                    table[key][0] += value * size
                    table[key][1] += size
            # Losses against the reading page with its registers, largest share first.
            losses = sorted(((lost / total, lost, total, element) for element, (lost, total)
                             in element_losses(element_tokens(source), site).items() if lost), reverse=True)
            name = str(source.relative_to(shared_dir() / "corpus"))
            if losses:
                worst = max(worst, (losses[0][0], losses[0][3], name))
            lowest = min(lowest, (row["site"], name))
            shown = ", ".join(f"{element}: {lost}/{total}" for _share, lost, total, element in losses[: args.losses])
            print(f"{name[-48:]:48} {size:7} " + " ".join(f"{row[key]:6.1%}" for key in row) + f"  {shown}", flush=True)
            for key in below:
                if key in row and row[key] < 0.97:
                    below[key].append(name)
    for collection, table in sorted(by_collection.items()):
        print(f"  {collection}: " + ", ".join(f"{key} {value / weight:.1%}" for key, (value, weight) in table.items() if weight))
    print("token-weighted mean: " + ", ".join(f"{key} {value / weight:.1%}" for key, (value, weight) in totals.items() if weight))
    print(f"documents below 97 % on the reading page: {len(below['page'])} of {len(files)}")
    if args.reference:
        print(f"documents below 97 % with the reference: {len(below['ref'])} of {len(files)}")
    print(f"lowest with registers: {lowest[0]:.1%} ({lowest[1]}); largest element loss: {worst[0]:.1%} ({worst[1]} in {worst[2]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
