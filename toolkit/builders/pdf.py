"""The print edition: TEI -> paged HTML (xslt/print.xsl, Saxon) -> PDF/A-3b (WeasyPrint).

WeasyPrint computes the page numbers: the contents by CSS ``target-counter``, and the
index locators from where the first layout put each mention (``pagination``: the text
is laid out once, the indexes and contents in a small second layout; the tests check
every printed locator against the text of its page).

The PDF carries the TEI source as an associated file (AFRelationship /Source), its
dates come from ``BuildOptions.build_date()`` (the fixed date when given), and WeasyPrint derives the
document /ID from the content, so a fixed date gives identical bytes on every run.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from toolkit import native, resources
from toolkit.builders import documents, rendering
from toolkit.builders.cache import DocumentCache
from toolkit.builders.documents import BuildFailed, DocumentProblem, transform_problem
from toolkit.builders.output import output_stems, publish, short_stem
from toolkit.builders.pagination import lay_out
from toolkit.errors import Finding, TeikitError
from toolkit.executors import map_in_order
from toolkit.memory import cycle_collector_paused
from toolkit.project.config import DEFAULT_PAPER
from toolkit.namespaces import TEI_ROOTS, TK
from toolkit.xslt import SealedSaxon, TransformError

STYLESHEET = "print.css"
IMPORTED_STYLESHEETS = ("phrases.css",)  # what print.css imports, published beside it
PDF_VARIANT = "pdf/a-3b"
INDEXES = "print_indexes"  # BuildOptions.extra: the indexes a book prints, when not persons and places
# Faces for the scripts a chosen font may lack: print.css lists them (one list, there) after its
# own book faces; chosen fonts are followed by them too.
SCRIPT_FACES = "var(--tk-script-faces)"

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

    paper: str = DEFAULT_PAPER
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
        if self.font_size and not re.fullmatch(r"\d+(\.\d+)?(pt|px|mm|em|rem)", self.font_size):
            raise TeikitError(f"font size {self.font_size!r} is not a CSS length", hint="give it as e.g. 10.5pt")
        # Margins are given for a recto; versos mirror them so the inner margin stays inside.
        top, outer, bottom, inner = margins.split()
        rules = [
            f"@page {{ size: {size}; margin: {top} {outer} {bottom} {inner}; }}",
            f"@page :left {{ margin-left: {outer}; margin-right: {inner}; }}",
        ]
        variables = [f"--tk-font-size: {self.font_size or body_size};"]
        if self.fonts:
            families = ", ".join(_css_family(name) for name in self.fonts)
            # The chosen faces set the whole book, headings included.
            variables.append(f"--tk-font-body: {families}, {SCRIPT_FACES}, serif;")
            variables.append(f"--tk-font-heading: {families}, {SCRIPT_FACES}, serif;")
        if self.leading:
            variables.append(f"--tk-leading: {self.leading};")
        rules.append(":root { " + " ".join(variables) + " }")
        return "\n".join(rules)


def stylesheet_defaults() -> dict[str, str]:
    """The typography print.css sets on :root ("--tk-leading": "1.35", ...): what a book gets when
    no option changes it, read where it is defined (the command line's help shows it)."""
    text = resources.stylesheet("assets/" + STYLESHEET).read_text(encoding="utf-8")
    root = re.search(r":root\s*\{(.*?)\}", text, re.DOTALL)
    return dict(re.findall(r"(--tk-[\w-]+)\s*:\s*([^;]+);", root.group(1) if root else ""))


def default_book_faces() -> list[str]:
    """The book's own faces in print.css, before the faces for other scripts (SCRIPT_FACES)."""
    body = stylesheet_defaults().get("--tk-font-body", "").split(SCRIPT_FACES)[0]
    return [name.strip().strip('"') for name in body.split(",") if name.strip()]


def settings_from(options) -> PrintSettings:
    """The print fields of a BuildOptions; fonts may also be given as "A, B"."""
    fonts = options.fonts or ()
    if isinstance(fonts, str):
        fonts = tuple(part.strip() for part in fonts.split(",") if part.strip())
    return PrintSettings(
        paper=options.paper or DEFAULT_PAPER,
        fonts=tuple(fonts),
        font_size=options.font_size,
        leading=options.leading,
    )


@dataclass
class Typesetting:
    """What the typesetter needs (and all that goes to a worker process): the paged HTML of
    each book still to be made."""

    books: list[tuple[str, str, bytes]]  # (source file name, paged HTML, source bytes)
    stamp: datetime
    scheduler: str | None = None  # a Dask scheduler: each book is typeset on the cluster


@dataclass
class Composed:
    """The print edition ready for the typesetter: the books to make (``job``), and the
    books of unchanged documents, taken from the cache."""

    job: Typesetting
    sources: list[Path]  # the source of each book of the job, in order
    keys: list[str | None]  # their cache keys, taken before they were read
    stems: list[str]  # their output names (unique: two sources may share a file name)
    kept: dict[str, dict[str, bytes]]  # output name -> its book's files, from the cache
    findings: list[Finding]
    single: bool  # one source: its HTML is published as print.html
    cache: DocumentCache


def build(sources: list[Path], build_dir: Path, *, options) -> list[Path]:
    """Write ``build_dir/pdf/<name>.pdf`` for every TEI source, and the paged HTML beside it."""
    composed = compose(sources, build_dir, options=options)
    return publish_rendered(composed, render(composed.job), build_dir)


def prepare() -> None:
    """Load WeasyPrint and the text libraries it drives (a third of a second): ``teikit
    build`` does it in the worker that will typeset, while this process runs Saxon."""
    with native.libraries_found_once():
        import weasyprint  # noqa: F401
        from weasyprint.text import fonts  # noqa: F401


def compose(sources: list[Path], build_dir: Path, *, options) -> Composed:
    """The paged HTML of every source that changed since the last build (xslt/print.xsl);
    a source that cannot be made is a finding."""
    settings = settings_from(options)
    stamp = build_timestamp(options.build_date())
    saxon, extra = rendering.stylesheets(options)
    if options.extra.get(INDEXES):  # a project's book indexes every kind of register
        extra = {**extra, f"{TK}print-registers": options.extra[INDEXES]}
    project_css = rendering.css(options, "print_css")
    cache = DocumentCache(build_dir, "pdf", options)
    sources = [Path(source) for source in sources]
    composed = Composed(Typesetting([], stamp, options.scheduler), [], [], [], {}, [], single=len(sources) == 1,
                        cache=cache)
    for source, stem in zip(sources, output_stems(sources)):
        key = cache.key(source)
        hit = cache.get(key)
        if hit is not None:
            composed.kept[stem] = hit[0]
            continue
        try:
            composed.job.books.append(compose_source(source, saxon=saxon, settings=settings, stamp=stamp,
                                                     extra=extra, css=project_css))
        except DocumentProblem as problem:
            composed.findings.append(problem.finding)
            continue
        composed.sources.append(source)
        composed.keys.append(key)
        composed.stems.append(stem)
    return composed


def render(job: Typesetting) -> list[dict[str, bytes]]:
    """Every book of the job typeset, in memory, here or one by one on the job's Dask
    cluster, in the job's order: {"book.pdf", "book.html"} each."""
    return map_in_order(typeset_book, job.books, scheduler=job.scheduler, stamp=job.stamp)


FAILED = "typesetting-failed"  # in a book's files: why the typesetter could not make it


def typeset_book(book: tuple[str, str, bytes], stamp: datetime) -> dict[str, bytes]:
    """One book; if the typesetter fails on it, its cause instead, so the other books are made."""
    name, html_text, source_bytes = book
    try:
        book_html, pdf = typeset(html_text, source_name=name, source_bytes=source_bytes, stamp=stamp)
    except ImportError:
        raise  # an incomplete installation is no fault of this book: the command stops and says so
    except Exception as error:  # noqa: BLE001 - a fault of the typesetter on one book ends that book only
        cause = f"{type(error).__name__}: {error}".strip().splitlines()[0]
        return {FAILED: cause.encode("utf-8")}
    return {"book.pdf": pdf, "book.html": book_html.encode("utf-8")}


def publish_rendered(composed: Composed, made: list[dict[str, bytes]], build_dir: Path) -> list[Path]:
    """Replace build_dir/pdf whole (a build that stops part-way leaves the previous edition),
    and keep the new books in the cache."""
    finished = {}
    for source, key, stem, book in zip(composed.sources, composed.keys, composed.stems, made):
        if FAILED in book:
            composed.findings.append(Finding(
                file=str(source), code="build.typeset",
                message="the typesetter (WeasyPrint) failed on this document: " + book[FAILED].decode("utf-8"),
                hint="the other documents were typeset; the web edition of this one is not affected",
            ))
            continue
        composed.cache.put(key, source, book)
        finished[stem] = book
    books = {**composed.kept, **finished}
    files = {name: resources.stylesheet("assets/" + name).read_bytes() for name in (STYLESHEET, *IMPORTED_STYLESHEETS)}
    for stem, book in sorted(books.items()):
        files[f"{stem}.pdf"] = book["book.pdf"]
        files["print.html" if composed.single else f"{stem}.print.html"] = book["book.html"]
    written = publish(Path(build_dir) / "pdf", files) if books else []
    composed.cache.prune()
    if composed.findings:
        raise BuildFailed(composed.findings)
    return written


def compose_source(source: Path, *, saxon: SealedSaxon, settings: PrintSettings, stamp: datetime,
                   extra: dict | None = None, css: bytes | None = None) -> tuple[str, str, bytes]:
    """One TEI document's file name, paged HTML and bytes."""
    prepared = documents.prepare(source, saxon)
    prepared.require(TEI_ROOTS, "the print edition is made from a <TEI> or <teiCorpus> document")
    params = {
        f"{TK}fixed-date": stamp.date().isoformat(),
        f"{TK}stylesheet": STYLESHEET,
        # The project's CSS after the page settings: a project may change them too.
        f"{TK}print-style": settings.stylesheet() + ("\n" + css.decode("utf-8") if css else ""),
        # The web index's sort keys in Unicode collation order, so both indexes list names alike.
        f"{TK}collation-order": prepared.order,
        **(extra or {}),
    }
    try:
        result = saxon.transform("print", prepared.node, params)
    except TransformError as error:
        raise transform_problem(source, error) from None
    return attachment_name(source), result.principal, prepared.data


def attachment_name(source: Path) -> str:
    """The source's file name as the PDF carries it: its own, unless not UTF-8 or too long."""
    try:
        source.name.encode("utf-8")
    except UnicodeEncodeError:
        return short_stem(source) + ".xml"
    return source.name if len(source.name.encode("utf-8")) <= 200 else short_stem(source) + ".xml"


def typeset(html_text: str, *, source_name: str, source_bytes: bytes, stamp: datetime) -> tuple[str, bytes]:
    """Lay the book out (pagination.lay_out) and write it as PDF/A-3b with its TEI attached.

    Returns the HTML of the book, its locators written as page numbers, and the PDF.
    """
    prepare()
    from weasyprint import HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _asset_fetcher()
    fonts = FontConfiguration()  # shared, so both layouts embed the same font objects

    def layout(text: str):
        return HTML(string=text, base_url=_assets_url(), url_fetcher=fetcher).render(font_config=fonts)

    with _quiet_weasyprint(), cycle_collector_paused():
        book = lay_out(html_text, layout)
        attachment = Attachment(
            string=source_bytes,
            name=source_name,
            description="TEI P5 source of this edition",
            created=stamp,
            modified=stamp,
            relationship="Source",
        )
        document = book.document.copy(book.pages)
        return book.html, document.write_pdf(pdf_variant=PDF_VARIANT, attachments=[attachment])


def build_timestamp(build_date: str) -> datetime:
    """Midnight UTC of the build date (BuildOptions.build_date: fixed, SOURCE_DATE_EPOCH or today)."""
    day = date.fromisoformat(build_date)
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


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
