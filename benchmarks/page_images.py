"""Page images of the print edition, for a person to look at: ``make pages``.

    python -m benchmarks.page_images OUT_DIR [--source TEI] [--paper A4] [--resolution 110]

Builds the PDF of the edition (or of --source) with a fixed date, then writes with
pdftoppm (Debian poppler-utils) three PNGs into OUT_DIR: title.png (page 1), notes.png
(the first page carrying an editorial footnote) and index.png (the first page of the
person index). The pages are found through the PDF's named destinations, so the images
show what the book really holds there.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import html as lxml_html
from pypdf import PdfReader

from toolkit import resources
from toolkit.builders import pdf as pdf_builder
from toolkit.builders.options import BuildOptions

FIXED_DATE = "2026-01-31"


def chosen_pages(pdf_path: Path, html_path: Path) -> dict[str, int]:
    """name -> 1-based page number of the title page, a page with notes, the person index."""
    reader = PdfReader(str(pdf_path))
    pages = {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    book = lxml_html.parse(str(html_path)).getroot()
    footnotes = [pages[i] for i in book.xpath("//span[contains(@class, 'tk-footnote')]/@id") if i in pages]
    chosen = {"title": 1}
    if footnotes:
        chosen["notes"] = min(footnotes)
    for index in ("index-persons", "index-places"):
        if index in pages:
            chosen["index"] = pages[index]
            break
    return chosen


def render(pdf_path: Path, page: int, target: Path, resolution: int) -> None:
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is missing: install Debian's poppler-utils (make system-deps)")
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page), "-singlefile", str(pdf_path), str(stem)],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--source", type=Path, help="TEI file (default: the edition in tei/)")
    parser.add_argument("--paper", default="A5")
    parser.add_argument("--resolution", type=int, default=110, help="pixels per inch")
    args = parser.parse_args(argv)

    source = args.source or sorted(resources.edition_dir().glob("*.xml"))[0]
    with tempfile.TemporaryDirectory() as work:
        build_dir = Path(work)
        pdf_builder.build([source], build_dir, options=BuildOptions(fixed_date=FIXED_DATE, paper=args.paper))
        pdf_path = build_dir / "pdf" / f"{source.stem}.pdf"
        args.out_dir.mkdir(parents=True, exist_ok=True)
        for name, page in chosen_pages(pdf_path, build_dir / "pdf" / "print.html").items():
            target = args.out_dir / f"{name}.png"
            render(pdf_path, page, target, args.resolution)
            print(f"{target}  (page {page})")
        shutil.copyfile(pdf_path, args.out_dir / pdf_path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
