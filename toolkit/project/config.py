"""A project: a folder of TEI documents and registers described by its ``teikit.toml``.

Every key is optional. A folder without ``teikit.toml`` is still a project: its
documents are the TEI files found under it and each declares its own schemas, as
teikit has always treated loose files. The file is read with ``tomllib``; a file that
is not TOML, a key teikit does not know or a value of the wrong type is an error
that names the file and the line.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from toolkit.errors import TeikitError
from toolkit.limits import COMMAND_BUDGET, parse_named
from toolkit.namespaces import TEI_ROOTS
from toolkit.project.globbing import matching_files
from toolkit.project.rendering_options import RenderingOptionError, check_rendering

PROJECT_FILE = "teikit.toml"
DOCUMENT_SUFFIXES = (".xml", ".tei")
DEFAULT_DOCUMENTS = ("**/*.xml",)
DEFAULT_OUTPUT = "build"
PAPERS = ("A5", "A4", "B5", "letter")
DEFAULT_PAPER = "A5"  # of every print edition, whatever sets it (teikit.toml, --paper)
ORDERS = ("date", "listed")
# Enough of a file to find its root element behind the prolog (comments, xml-model PIs, a DOCTYPE).
ROOT_SCAN_BYTES = 64 * 1024


class ProjectFileError(TeikitError):
    """``teikit.toml`` cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class HtmlOptions:
    site_title: str | None = None
    language: str = "en"  # the language of the interface (labels, headings), not of the texts


@dataclass(frozen=True)
class PdfOptions:
    paper: str = DEFAULT_PAPER
    fonts: tuple[str, ...] = ()
    font_size: str | None = None
    leading: float | None = None
    order: str = "date"  # a project's book: documents in date order, or as [documents] lists them


@dataclass(frozen=True)
class Outputs:
    directory: Path
    targets: tuple[str, ...] = ()  # builders `teikit build` runs by default (empty: all)
    html: HtmlOptions = field(default_factory=HtmlOptions)
    pdf: PdfOptions = field(default_factory=PdfOptions)


@dataclass(frozen=True)
class DepositMetadata:
    """What an archive's records need that the documents' headers do not say of the whole project
    (``[deposit]`` in teikit.toml); each is derived from the headers when left out, where it can be."""

    creators: tuple[str, ...] = ()  # default: the documents' authors and senders
    publisher: str | None = None  # default: the publisher (or authority) the documents name most
    date: str | None = None  # publication date; default: the latest of the documents'
    identifier: str | None = None  # a DOI or URI of the whole project (never derived)
    licence: str | None = None  # default: the documents' licence, or each licence with its count
    licence_url: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None


@dataclass(frozen=True)
class Project:
    """What teikit knows of a project; paths are absolute."""

    root: Path
    file: Path | None = None  # the teikit.toml read, None when the folder has none
    title: str | None = None
    description: str | None = None
    language: str | None = None
    document_globs: tuple[str, ...] = DEFAULT_DOCUMENTS
    exclude_globs: tuple[str, ...] = ()
    register_globs: tuple[str, ...] = ()
    schemas: tuple[Path, ...] = ()  # replace every <?xml-model?> of the project's files when given
    catalog: Path | None = None
    tei_all: Path | None = None  # a local tei_all.rng the TEI's public URLs are mapped to
    outputs: Outputs | None = None
    customisations: Path | None = None
    rendering: dict = field(default_factory=dict, hash=False)  # [rendering], checked (toolkit.project.rendering_options)
    # Each document's time and memory budget ([validation] document_seconds, document_memory), parsed.
    limits: tuple[tuple[str, float], ...] = ()
    deposit: DepositMetadata = field(default_factory=DepositMetadata)
    # The files found, kept for the life of a command (``listed_once``): a build lists thousands of
    # documents for its validation and its outputs alike. Not in an editor's long-lived session.
    _found: dict | None = field(default=None, compare=False, hash=False, repr=False)

    def listed_once(self) -> Project:
        """This project, its documents and registers listed once and the list kept (for one command)."""
        return self if self._found is not None else replace(self, _found={})

    @property
    def configured(self) -> bool:
        return self.file is not None

    @property
    def output_dir(self) -> Path:
        return self.outputs.directory if self.outputs else self.root / DEFAULT_OUTPUT

    def documents(self) -> list[Path]:
        """The project's TEI documents, sorted: matched by the document globs, not excluded,
        not a register file, not a backup (``.bak``), and not a non-TEI XML file."""
        def find() -> list[Path]:
            found = self._matching(self.document_globs) - set(self.register_files())
            return sorted((path for path in found if _is_tei(path)), key=_order)

        return self._listed("documents", find)

    def register_files(self) -> list[Path]:
        """The files holding the project's registers (listPerson, listPlace, ...), sorted."""
        return self._listed("registers", lambda: sorted(self._matching(self.register_globs), key=_order))

    def _listed(self, kind: str, find) -> list[Path]:
        """``find()``, or within ``listed_once`` what it found the first time."""
        if self._found is None:
            return find()
        if kind not in self._found:
            self._found[kind] = find()
        return list(self._found[kind])

    def _matching(self, patterns: tuple[str, ...]) -> set[Path]:
        # As text until a file is taken: a project of thousands of files, each looked at as a Path, costs a good part of a second.
        # The walk enters no hidden folder and none of these: only a file's own name is left to look at.
        skipped = tuple(os.path.join(os.path.normpath(folder), "") for folder in self._skipped_folders())
        found: set[Path] = set()
        start = len(os.path.join(os.fspath(self.root), ""))
        for pattern in patterns:
            for path in matching_files(self.root, pattern, lambda folder: os.path.join(folder, "").startswith(skipped)):
                relative = path[start:]
                if not relative.lower().endswith(DOCUMENT_SUFFIXES) or os.path.basename(relative).startswith("."):
                    continue
                if any(fnmatch.fnmatchcase(relative, glob) for glob in self.exclude_globs):
                    continue
                found.add(Path(path))
        return found

    def _skipped_folders(self) -> list[Path]:
        # Outputs are never sources: the web edition copies the TEI into build/html.
        return [self.output_dir]


def _order(path: Path) -> tuple[str, ...]:
    # The order of Paths (by their parts), compared as tuples of text: thousands of files sort at C speed.
    return path.parts


def _is_tei(path: Path) -> bool:
    """A TEI file by its root element; a file whose root cannot be found (broken, unreadable) is
    kept, so that validation reports why."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(ROOT_SCAN_BYTES)
    except OSError:
        return True
    name = root_name(head)
    return name is None or name in TEI_ROOTS


_PROLOG_ITEM = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)")


def root_name(head: bytes) -> str | None:
    """The local name of the root element from the first bytes of a file (UTF-8 or ASCII-compatible)."""
    position = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG_ITEM.match(head, position):
        position = match.end()
    match = _ROOT.match(head, position)
    if not match:
        return None
    return match.group(1).decode("ascii", "replace").rpartition(":")[2]


# --- reading teikit.toml -----------------------------------------------------------------------


def find_project_file(start: Path) -> Path | None:
    """``teikit.toml`` in ``start`` or the nearest folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def load_project(root: Path | None = None, *, search_parents: bool | None = None) -> Project:
    """The project at ``root`` (default: the current folder, or the nearest folder above it that
    holds a ``teikit.toml``). Without a file, a project of the folder's TEI files with defaults."""
    if search_parents is None:
        search_parents = root is None
    start = Path(root) if root is not None else Path.cwd()
    if not start.is_dir():
        raise TeikitError(f"project folder not found: {start}", hint="give an existing folder to --project")
    if search_parents:
        file = find_project_file(start)
    else:
        file = start / PROJECT_FILE if (start / PROJECT_FILE).is_file() else None
    if file is None:
        base = start.resolve()
        return Project(root=base, outputs=Outputs(directory=base / DEFAULT_OUTPUT))
    return read_project_file(file)


def read_project_file(file: Path) -> Project:
    file = file.resolve()
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProjectFileError(f"{file}: cannot read it: {getattr(error, 'strerror', None) or error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProjectFileError(f"{file}:{_decode_line(error)}: not valid TOML: {_decode_message(error)}",
                               hint="see https://toml.io for the syntax") from None
    return _Reader(file, text).project(data)


def _decode_line(error: tomllib.TOMLDecodeError) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    return f"{match.group(1)}:{match.group(2)}" if match else "1"


def _decode_message(error: tomllib.TOMLDecodeError) -> str:
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))


LIMIT_VALUE = (str, int, float)  # a number, or text with a unit ("2G", "90s")
# What each table may hold: key -> expected type (a tuple of str means a list of strings).
_TOP = {"title": str, "description": str, "language": str, "customisations": str,
        "documents": dict, "registers": dict, "validation": dict, "outputs": dict, "rendering": dict,
        "deposit": dict}
_TABLES = {
    "documents": {"include": list, "exclude": list},
    "registers": {"include": list},
    "validation": {"schemas": list, "catalog": str, "tei_all": str,
                   "document_seconds": LIMIT_VALUE, "document_memory": LIMIT_VALUE},
    "outputs": {"directory": str, "build": list, "html": dict, "pdf": dict},
    "outputs.html": {"site_title": str, "language": str},
    "outputs.pdf": {"paper": str, "fonts": list, "font_size": str, "leading": float, "order": str},
    "deposit": {"creators": list, "publisher": str, "date": str, "identifier": str, "licence": str,
                "licence_url": str, "contact_name": str, "contact_email": str},
}
_TYPE_NAMES = {str: "a string", list: "a list of strings", dict: "a table", float: "a number",
               LIMIT_VALUE: 'a number or a text with a unit such as "2G" or "90s"'}
BUILD_TARGETS = ("html", "index", "pdf")


class _Reader:
    def __init__(self, file: Path, text: str):
        self.file, self.lines = file, text.splitlines()

    def project(self, data: dict) -> Project:
        self.check("", data, _TOP)
        for table, keys in _TABLES.items():
            value = self.table(data, table)
            if value is not None:
                self.check(table, value, keys)
        root = self.file.parent
        documents = self.table(data, "documents") or {}
        registers = self.table(data, "registers") or {}
        validation = self.table(data, "validation") or {}
        outputs = self.table(data, "outputs") or {}
        html = self.table(data, "outputs.html") or {}
        pdf = self.table(data, "outputs.pdf") or {}
        deposit = self.table(data, "deposit") or {}
        targets = tuple(outputs.get("build", ()))
        for target in targets:
            if target not in BUILD_TARGETS:
                self.fail("outputs.build", f"unknown output {target!r}; choose from {', '.join(BUILD_TARGETS)}")
        if pdf.get("paper", DEFAULT_PAPER) not in PAPERS:
            self.fail("outputs.pdf.paper", f"unknown paper {pdf['paper']!r}; choose from {', '.join(PAPERS)}")
        if pdf.get("order", "date") not in ORDERS:
            self.fail("outputs.pdf.order", f"unknown order {pdf['order']!r}; choose from {', '.join(ORDERS)}")
        return Project(
            root=root,
            file=self.file,
            title=data.get("title"),
            description=data.get("description"),
            language=data.get("language"),
            document_globs=tuple(documents.get("include", DEFAULT_DOCUMENTS)),
            exclude_globs=tuple(documents.get("exclude", ())),
            register_globs=tuple(registers.get("include", ())),
            schemas=tuple(self.existing("validation.schemas", root / name) for name in validation.get("schemas", ())),
            catalog=self.existing("validation.catalog", root / validation["catalog"]) if "catalog" in validation else None,
            tei_all=self.existing("validation.tei_all", root / validation["tei_all"]) if "tei_all" in validation else None,
            outputs=Outputs(
                directory=(root / outputs.get("directory", DEFAULT_OUTPUT)).resolve(),
                targets=targets,
                html=HtmlOptions(site_title=html.get("site_title"), language=html.get("language", data.get("language") or "en")),
                pdf=PdfOptions(paper=pdf.get("paper", DEFAULT_PAPER), fonts=tuple(pdf.get("fonts", ())),
                               font_size=pdf.get("font_size"), leading=pdf.get("leading"),
                               order=pdf.get("order", "date")),
            ),
            customisations=(root / data["customisations"]).resolve() if "customisations" in data else None,
            rendering=self.rendering(data.get("rendering", {}), root),
            limits=self.limits(validation),
            deposit=DepositMetadata(**{**deposit, "creators": tuple(deposit.get("creators", ()))}),
        )

    def rendering(self, table: dict, root: Path) -> dict:
        try:
            return check_rendering(table, root) if table else {}
        except RenderingOptionError as error:
            self.fail(f"rendering.{error.key}", str(error))

    def limits(self, validation: dict) -> tuple[tuple[str, float], ...]:
        values = []
        for name in COMMAND_BUDGET:
            if name in validation:
                dotted = f"validation.{name}"
                try:
                    values.append((name, parse_named(name, str(validation[name]), source=dotted)))
                except TeikitError as error:
                    self.fail(dotted, f"{error} ({error.hint})")
        return tuple(values)

    @staticmethod
    def table(data: dict, dotted: str) -> dict | None:
        value = data
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value

    def check(self, table: str, value: dict, keys: dict) -> None:
        for key, item in value.items():
            dotted = f"{table}.{key}" if table else key
            if key not in keys:
                known = ", ".join(sorted(keys))
                self.fail(dotted, f"unknown key {dotted!r} (known here: {known})")
            expected = keys[key]
            if expected is float and isinstance(item, int) and not isinstance(item, bool):
                continue
            if not isinstance(item, expected) or isinstance(item, bool):
                self.fail(dotted, f"{dotted} must be {_TYPE_NAMES[expected]}")
            if expected is list and not all(isinstance(element, str) for element in item):
                self.fail(dotted, f"{dotted} must be a list of strings")

    def existing(self, dotted: str, path: Path) -> Path:
        path = Path(os.path.normpath(path))
        if not path.is_file():
            self.fail(dotted, f"{dotted}: {path} does not exist")
        return path

    def fail(self, dotted: str, message: str) -> None:
        raise ProjectFileError(f"{self.file}:{self.line_of(dotted)}: {message}",
                               hint=f"correct {PROJECT_FILE}; every key is optional")

    def line_of(self, dotted: str) -> int:
        """The line that sets ``dotted`` (a key, or a [table] header), else 1."""
        *tables, key = dotted.split(".")
        table_line = 0
        if tables:
            header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, tables)) + r"\s*\]")
            table_line = next((number for number, line in enumerate(self.lines, 1) if header.match(line)), 0)
            if not table_line:  # an inline table, such as words = { notes = { en = "…" } }: its key's line
                return self.line_of(".".join(tables))
        assignment = re.compile(r"^\s*(" + re.escape(key) + r"|\"" + re.escape(key) + r"\")\s*[=.]")
        for number, line in enumerate(self.lines[table_line:], table_line + 1):
            if assignment.match(line):
                return number
        return table_line or 1
