"""PDF build time of the essay, against WeasyPrint alone on the same text.

    python -m benchmarks.pdf_bench [--runs 5]

Measured in one run, each a median of several repetitions after one warm-up:
- teikit: ``toolkit.builders.pdf.build`` on the edition (TEI -> XSLT -> text layout, index layout ->
  PDF/A-3b with the TEI attached), as ``teikit build pdf`` runs it;
- its stages: XSLT (collation order and print.xsl), the text layout, the index and contents
  layout, PDF writing;
- baseline: WeasyPrint on the plain paged HTML of the same text (the book without contents and
  indexes, so without target-counter), one layout, a plain PDF.
Prints the page count and file size of the PDF too.

``--register`` also prints the largest register of the shared corpus (the Schnitzler letters'
places, 2,393 entries) as a book: its pages and the CPU seconds of its build, against the CPU
seconds of the baseline in the same run (this process and its workers; a loaded machine inflates
wall times, not CPU).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from benchmarks import median_time, shared_dir
from toolkit import resources
from toolkit.builders import pdf as pdf_builder
from toolkit.builders.options import BuildOptions
from toolkit.builders.pagination import lay_out

FIXED_DATE = "2026-01-31"
REGISTER = Path("corpus/schnitzler-briefe/data/indices/listplace.xml")  # in the shared folder


def edition() -> Path:
    return sorted(resources.edition_dir().glob("*.xml"))[0]


def plain_html(book_html: str) -> str:
    """The book's HTML without contents and indexes: text, notes and running heads only."""
    tree = lxml_html.document_fromstring(book_html)
    for element in tree.xpath("//nav[@id='contents'] | //section[contains(@class, 'tk-index')]"):
        element.getparent().remove(element)
    return "<!DOCTYPE html>\n" + etree.tostring(tree, encoding="unicode", method="html")



def stages(source: Path) -> dict[str, float]:
    """One build taken apart, to show where the time goes."""
    from weasyprint import HTML

    from toolkit.collation import INDEX_DATA, collation_order
    from toolkit.xmlio import read_document
    from toolkit.xslt import SealedSaxon

    found = {}
    started = time.perf_counter()
    saxon = SealedSaxon({"print": resources.stylesheet("print.xsl"), INDEX_DATA: resources.stylesheet("index.xsl")})
    node = saxon.load(read_document(source))
    params = {
        "{urn:teikit}fixed-date": FIXED_DATE,
        "{urn:teikit}collation-order": collation_order(node, saxon),
        "{urn:teikit}print-style": pdf_builder.PrintSettings().stylesheet(),
    }
    book = saxon.transform("print", node, params).principal
    found["XSLT (collation + print.xsl)"] = time.perf_counter() - started
    base = pdf_builder._assets_url()
    layouts: list[float] = []

    def layout(html: str):
        began = time.perf_counter()
        document = HTML(string=html, base_url=base).render()
        layouts.append(time.perf_counter() - began)
        return document

    paused = pdf_builder._collector_paused()  # as the builder typesets
    paused.__enter__()
    started = time.perf_counter()
    typeset = lay_out(book, layout)
    found["text layout"] = layouts[0]
    found["index and contents layout"] = sum(layouts[1:])
    found["locators, frame, assembly"] = time.perf_counter() - started - sum(layouts)
    started = time.perf_counter()
    typeset.document.copy(typeset.pages).write_pdf(pdf_variant=pdf_builder.PDF_VARIANT)
    found["PDF/A writing"] = time.perf_counter() - started
    paused.__exit__(None, None, None)
    return found


def cpu_seconds(action) -> float:
    """User and system CPU of ``action``, in this process and the workers it waited for."""
    before = os.times()
    action()
    after = os.times()
    return sum(after[i] - before[i] for i in range(4))


def register_book(work: Path, options: BuildOptions) -> tuple[int, float]:
    """Pages and build CPU seconds of the register book."""
    from pypdf import PdfReader

    source = shared_dir() / REGISTER
    seconds = cpu_seconds(lambda: pdf_builder.build([source], work / "register", options=options))
    return len(PdfReader(str(work / "register" / "pdf" / f"{source.stem}.pdf")).pages), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PDF build time of the essay")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--register", action="store_true",
                        help="also the corpus's largest register as a book (a few minutes)")
    args = parser.parse_args(argv)
    source = edition()
    options = BuildOptions(fixed_date=FIXED_DATE)

    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        pdf_builder._quiet_weasyprint().__enter__()
        built: list[Path] = []

        def fresh_build():
            # A new folder each time: a build into the last one would take the book from its cache.
            built.append(Path(work) / f"run-{len(built)}")
            pdf_builder.build([source], built[-1], options=options)

        teikit = median_time(fresh_build, args.runs)
        out = built[-1]
        pdf_path = out / "pdf" / f"{source.stem}.pdf"
        book_html = (out / "pdf" / "print.html").read_text(encoding="utf-8")

        from weasyprint import HTML

        plain = plain_html(book_html)
        base = pdf_builder._assets_url()
        def typeset_plain():
            HTML(string=plain, base_url=base).render().write_pdf()

        baseline = median_time(typeset_plain, args.runs)
        baseline_cpu = cpu_seconds(typeset_plain)

        from pypdf import PdfReader

        pages = len(PdfReader(str(pdf_path)).pages)
        size = pdf_path.stat().st_size
        parts = stages(source)
        register = register_book(out, options) if args.register else None

    print(f"essay: {source.name}, {pages} pages A5, {size / 1024:.0f} KiB PDF/A-3b; median of {args.runs} runs")
    print(f"{'':42}{'seconds':>9}{'ratio':>8}")
    print(f"{'WeasyPrint, plain HTML (baseline)':42}{baseline:9.2f}{1:8.2f}")
    print(f"{'teikit build pdf (TEI to PDF/A-3b)':42}{teikit:9.2f}{teikit / baseline:8.2f}")
    print("one build, by stage:")
    for name, seconds in parts.items():
        print(f"  {name:40}{seconds:9.2f}{seconds / baseline:8.2f}")
    if register:
        pages, seconds = register
        print(f"register book: {REGISTER.name}, {pages} pages A5; CPU seconds against the baseline's "
              f"{baseline_cpu:.2f} s of CPU in this run")
        print(f"  {'build (TEI to PDF/A-3b)':40}{seconds:9.2f}{seconds / baseline_cpu:8.2f}")
        print(f"  {'per page':40}{seconds / pages:9.3f}{seconds / pages / baseline_cpu:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
