"""The print edition: TEI -> paged HTML (xslt/print.xsl, Saxon) -> PDF/A-3b (WeasyPrint).

WeasyPrint computes every page number itself (CSS ``target-counter``): the contents,
and the index locators that link to each mention of a name. It lays the book out
twice: the first layout says on which page each mention fell, so that an index entry
naming a person three times on one page shows that page once; the second layout, with
those repeated locators hidden, is the one written. Hiding locators changes only the
index pages, which come after every mention, so no mention moves between the two.

The PDF carries the TEI source as an associated file (AFRelationship /Source), its
dates come from ``BuildOptions.fixed_date`` when given, and WeasyPrint derives the
document /ID from the content, so a fixed date gives identical bytes on every run.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from lxml import etree
from lxml import html as lxml_html

from toolkit import resources
from toolkit.atomic import output_lock, write_bytes, write_text
from toolkit.errors import TeikitError
from toolkit.xmlio import UnreadableDocument, read_document
from toolkit.xslt import SealedSaxon

TK = "{urn:teikit}"
STYLESHEET = "print.css"
PDF_VARIANT = "pdf/a-3b"

# Book formats: page size, margins (top outer bottom inner) and body size that suit them.
PAPERS = {
    "A5": ("A5", "18mm 15mm 20mm 20mm", "10pt"),
    "A4": ("A4", "25mm 22mm 27mm 30mm", "11.5pt"),
    "B5": ("176mm 250mm", "22mm 18mm 24mm 25mm", "10.5pt"),
    "LETTER": ("letter", "25mm 22mm 27mm 30mm", "11.5pt"),
}


@dataclass(frozen=True)
class PrintSettings:
    """What the print options come to: the page, the fonts and the type size."""

    paper: str = "A5"
    fonts: tuple[str, ...] = ()
    font_size: str | None = None
    leading: float | None = None

    def stylesheet(self) -> str:
        """CSS placed after print.css: page size and margins, then the typography variables."""
        key = self.paper.upper()
        if key not in PAPERS:
            raise TeikitError(
                f"unknown paper size {self.paper!r}",
                hint="choose one of " + ", ".join(sorted(PAPERS)),
            )
        size, margins, body_size = PAPERS[key]
        # Margins are given for a recto; versos mirror them so the inner margin stays inside.
        top, outer, bottom, inner = margins.split()
        rules = [
            f"@page {{ size: {size}; margin: {top} {outer} {bottom} {inner}; }}",
            f"@page :left {{ margin-left: {outer}; margin-right: {inner}; }}",
        ]
        variables = [f"--tk-font-size: {self.font_size or body_size};"]
        if self.fonts:
            families = ", ".join(_css_family(name) for name in self.fonts)
            variables.append(f"--tk-font-body: {families}, serif;")
        if self.leading:
            variables.append(f"--tk-leading: {self.leading};")
        rules.append(":root { " + " ".join(variables) + " }")
        return "\n".join(rules)


def settings_from(options) -> PrintSettings:
    """Read the print fields of a BuildOptions (absent fields keep their defaults)."""
    fonts = getattr(options, "fonts", None) or ()
    if isinstance(fonts, str):
        fonts = tuple(part.strip() for part in fonts.split(",") if part.strip())
    return PrintSettings(
        paper=getattr(options, "paper", None) or "A5",
        fonts=tuple(fonts),
        font_size=getattr(options, "font_size", None),
        leading=getattr(options, "leading", None),
    )


def build(sources: list[Path], build_dir: Path, *, options) -> list[Path]:
    """Write ``build_dir/pdf/<name>.pdf`` for every TEI source, and the paged HTML beside it."""
    out_dir = Path(build_dir) / "pdf"
    settings = settings_from(options)
    stamp = build_timestamp(getattr(options, "fixed_date", None))
    saxon = SealedSaxon({"print": resources.stylesheet("print.xsl")})
    css_text = resources.stylesheet("assets/" + STYLESHEET).read_text(encoding="utf-8")
    written: list[Path] = []
    with output_lock(out_dir):
        write_text(out_dir / STYLESHEET, css_text)
        written.append(out_dir / STYLESHEET)
        for source in sources:
            html_text, pdf = render_source(Path(source), saxon=saxon, settings=settings, stamp=stamp)
            html_name = "print.html" if len(sources) == 1 else f"{Path(source).stem}.print.html"
            write_text(out_dir / html_name, html_text)
            pdf_path = out_dir / f"{Path(source).stem}.pdf"
            write_bytes(pdf_path, pdf)
            written += [out_dir / html_name, pdf_path]
    return written


def render_source(source: Path, *, saxon: SealedSaxon, settings: PrintSettings, stamp: datetime) -> tuple[str, bytes]:
    """The paged HTML and the PDF bytes of one TEI document."""
    try:
        document = read_document(source)
    except UnreadableDocument as error:
        raise TeikitError(str(error.finding), hint=error.finding.hint or "fix the document and build again") from None
    params = {
        f"{TK}fixed-date": stamp.date().isoformat(),
        f"{TK}stylesheet": STYLESHEET,
        f"{TK}print-style": settings.stylesheet(),
    }
    order = _collation_order(saxon, document)
    if order:
        params[f"{TK}collation-order"] = order
    result = saxon.transform("print", etree.tostring(document.tree, encoding="unicode"), params)
    return typeset(result.principal, source_name=source.name, source_bytes=document.data, stamp=stamp)


def typeset(html_text: str, *, source_name: str, source_bytes: bytes, stamp: datetime) -> tuple[str, bytes]:
    """Lay the book out, hide repeated index pages, lay it out again and write PDF/A-3b.

    Returns the HTML of the final layout and the PDF.
    """
    from weasyprint import HTML, Attachment

    fetcher = _asset_fetcher()

    def layout(text: str):
        return HTML(string=text, base_url=_assets_url(), url_fetcher=fetcher).render()

    with _quiet_weasyprint():
        first = layout(html_text)
        final_html = drop_repeated_locators(html_text, anchor_pages(first))
        book = layout(final_html) if final_html != html_text else first
        attachment = Attachment(
            string=source_bytes,
            name=source_name,
            description="TEI P5 source of this edition",
            created=stamp,
            modified=stamp,
            relationship="Source",
        )
        return final_html, book.write_pdf(pdf_variant=PDF_VARIANT, attachments=[attachment])


def anchor_pages(document) -> dict[str, int]:
    """Element id -> page number (1-based) where WeasyPrint placed it."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def drop_repeated_locators(html_text: str, pages: dict[str, int] | None) -> str:
    """Mark index locators that repeat a page already listed for the same entry."""
    if not pages:
        return html_text
    tree = lxml_html.document_fromstring(html_text)
    changed = False
    for entry in tree.xpath("//p[contains(concat(' ', @class, ' '), ' tk-index-entry ')]"):
        seen: set[int] = set()
        for locator in entry.xpath("a[contains(concat(' ', @class, ' '), ' tk-locator ')]"):
            page = pages.get(locator.get("href", "").lstrip("#"))
            if page is None:
                continue
            if page in seen:
                locator.set("class", locator.get("class") + " tk-repeat")
                changed = True
            seen.add(page)
    if not changed:
        return html_text
    return "<!DOCTYPE html>\n" + etree.tostring(tree, encoding="unicode", method="html")


def build_timestamp(fixed_date: str | None) -> datetime:
    """The date the PDF says it was made: the fixed date, SOURCE_DATE_EPOCH, or now (UTC)."""
    if fixed_date:
        try:
            day = date.fromisoformat(str(fixed_date)[:10])
        except ValueError:
            raise TeikitError(f"fixed date {fixed_date!r} is not an ISO date", hint="use YYYY-MM-DD") from None
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(hour=0, minute=0, second=0)
        except ValueError:
            raise TeikitError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)


def _collation_order(saxon: SealedSaxon, document) -> str:
    """Index sort keys in Unicode Collation Algorithm order, as the web index sorts them."""
    try:
        from toolkit.collation import collation_order  # provided with the web index
    except ImportError:
        return ""
    return collation_order(document)


def _assets_url() -> str:
    return resources.data_dir("xslt").joinpath("assets").resolve().as_uri() + "/"


def _asset_fetcher():
    """A URL fetcher that reads only the toolkit's own assets: nothing else, nothing from the network."""
    from weasyprint.urls import URLFetcher

    assets = resources.data_dir("xslt").joinpath("assets").resolve()

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(url2pathname(parsed.path)).resolve()
                if path != assets and assets not in path.parents:
                    raise ValueError(f"the print edition reads no file outside its assets: {url}")
            return super().fetch(url, headers)

    return AssetFetcher(allowed_protocols=("file", "data"))


def _css_family(name: str) -> str:
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    if name in generic:
        return name
    return '"' + name.replace("\\", "").replace('"', "") + '"'


class _quiet_weasyprint:
    """WeasyPrint logs every unsupported CSS property; keep only errors."""

    def __enter__(self):
        self._logger = logging.getLogger("weasyprint")
        self._level = self._logger.level
        self._logger.setLevel(logging.ERROR)

    def __exit__(self, *exc):
        self._logger.setLevel(self._level)
        return False
