"""One validation run: choose schemas, compile them once, check every document.

Documents are checked one at a time; with several jobs, worker processes are
forked after the schemas are compiled, so every worker shares the parent's
compiled grammars instead of compiling its own.  Results come back per
document, in order, and no worker holds more than one tree at a time.

RELAX NG grammars are first compiled reduced to the element names of the run's
documents (``reduced``), which costs milliseconds instead of seconds.  Documents
the reduced grammar rejects are checked again in a second pass against the full
grammar, compiled once in the parent before that pass forks its workers, so that
their findings are exactly the full grammar's; those findings are kept on disk
(``diagnoses``) so an unchanged document is not diagnosed twice.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from toolkit import resources
from toolkit.errors import Finding, TeikitError
from toolkit.executors import forked_pool
from toolkit.limits import Limits
from toolkit.validation import budget, diagnoses, reads, xinclude
from toolkit.validation.catalog import load_catalog
from toolkit.validation.chunked import streamed_element_names
from toolkit.validation.files import collect, resolved_all
from toolkit.validation.kept import KeptVerdicts, run_key
from toolkit.validation.reads import ReadPolicy
from toolkit.validation.report import Report
from toolkit.validation.reduced import element_names
from toolkit.validation.schemas import Schemas, check_override
from toolkit.validation.selection import ProjectScope, SchemaRef, Selection, edition_selection, schema_kind
from toolkit.xmlio import (PROLOG_SCAN_BYTES, Document, UnreadableDocument, check_encoding, check_root, parse_bytes, read_bytes,
                           read_document)

PROGRESS_MIN_FILES = 10
# Documents this large are read as a stream when only RELAX NG checks them: a parsed tree
# takes about nine times the file's size.
STREAM_BYTES = 8 * 1024 * 1024
NAMES_PER_WORKER = 50  # below this many files per worker, forking costs more than it saves
CHUNK_MAX = 16



@dataclass
class Checked:
    """One document's findings from the first pass, and the RELAX NG schemas whose reduced grammar
    rejected it: the full grammar's findings for each go at its position in ``findings``."""

    findings: list[Finding]
    rejected: list[tuple[int, SchemaRef]] = field(default_factory=list)
    # Schemas the caller checks elsewhere (``check_parsed_leaving``): their findings go at these positions.
    left: list[tuple[int, SchemaRef]] = field(default_factory=list)
    # The files a schema of this process had read when the check ended (``reads.LOOKED_AT``):
    # the findings may depend on any of them.
    reads: tuple[Path, ...] = ()


def insert_at(findings: list[Finding], gaps: list[tuple[int, SchemaRef]], found: list[list[Finding]]) -> list[Finding]:
    """``findings`` with each gap's findings inserted at its position (positions as the gaps were recorded)."""
    filled = list(findings)
    for (position, _), items in reversed(list(zip(gaps, found))):
        filled[position:position] = items
    return filled


# The state workers inherit through fork: set in the parent just before the pool starts.
_RUN: tuple[Selection, Schemas] | None = None
_LIMITS: Limits | None = None
# The element names of each document read as a stream (its parts are validated against a
# grammar reduced to its own names, so that its messages never depend on the other documents).
_STREAMED_NAMES: dict[Path, frozenset[str]] = {}


def validate(paths: list[Path] | None = None, *, schema: Path | None = None, schematron: Path | None = None,
             jobs: int | None = None, strict: bool = False, catalog: Path | None = None, progress: bool = False,
             phase: str | None = None, reduce: bool = True, project: ProjectScope | None = None,
             allowed_root: Path | None = None, limits: Limits | None = None) -> Report:
    """Validate files and directories (default: the project's files, else the edition); raise
    TeikitError for usage or I/O problems.

    ``allowed_root``: the folder whose XML files a Schematron schema may read with ``doc()``
    (directly or through the catalog); a project's root by default, else none. ``limits``:
    the time and memory budget of each document (default: ``Limits.current()``).
    """
    global _RUN, _LIMITS
    if project is not None and not paths:
        files = _relative_all(project.files)
        if not files:
            raise TeikitError(f"the project in {project.root} has no TEI documents",
                              hint="check the include globs of [documents] in its teikit.toml")
    else:
        targets = [Path(p) for p in paths] if paths else [_relative(resources.edition_dir())]
        files = collect(targets)
        if not files:
            raise TeikitError("no XML files found in " + ", ".join(str(p) for p in targets),
                              hint="give .xml files or directories that contain them")
    edition = project is None and (not paths or _touches_edition(files))
    selection = _selection(schema, schematron, phase, catalog, edition=edition, project=project)
    limits = limits or Limits.current()
    root = allowed_root if allowed_root is not None else selection.allowed_root
    schemas = Schemas(reads=ReadPolicy(Path(root).resolve() if root is not None else None, selection.catalog),
                      limits=limits)
    # A project's documents unchanged since the last run, with all they were checked with, keep its findings.
    kept = _kept(project, selection, limits, root)
    if kept is not None and len(files) > 1:
        kept.read_all()
    known = {index: found for index, path in enumerate(files)
             if kept is not None and (found := kept.get(path)) is not None}
    todo = [path for index, path in enumerate(files) if index not in known]
    planned = _planned(todo, selection)
    needed = list({ref.key: ref for refs in planned.values() for ref in refs}.values())
    if reduce and any(ref.kind == "rng" for ref in needed):
        schemas.names = _element_names(todo, jobs, selection.allowed_root)
    for ref in selection.overrides():
        check_override(ref, schemas)
    for ref in needed:
        schemas.prepare(ref)

    results: list[Checked] = []
    # Only schemas that are not the toolkit's own need the budget (and the workers it takes).
    budgeted = any(not schemas.trusted(ref) for ref in needed)
    _RUN, _LIMITS = (selection, schemas), (limits if budgeted else None)
    try:
        with _progress(progress and len(files) >= PROGRESS_MIN_FILES, len(files)) as advance:
            for _ in known:
                advance()
            for document_findings in _results(_check, todo, _jobs(jobs, len(todo))):
                results.append(document_findings)
                advance()
        _diagnose_rejected(results, todo, schemas, jobs)
    finally:
        _RUN, _LIMITS = None, None
        _STREAMED_NAMES.clear()
    if kept is not None:
        for path, checked in zip(todo, results):
            kept.put(path, checked.findings, [ref.path for ref in planned.get(path, ())], checked.reads)
        kept.save(whole=not paths)
    checked = iter(results)
    findings = [finding for index in range(len(files))
                for finding in (known[index] if index in known else next(checked).findings)]
    return Report(findings=findings, files=files, strict=strict, unchanged=len(known))


def _kept(project: ProjectScope | None, selection: Selection, limits: Limits, root: Path | None) -> KeptVerdicts | None:
    """Where a project's findings are kept, for a run of this configuration (None: not kept)."""
    if project is None or project.kept is None:
        return None
    catalog = selection.catalog
    catalogs = None if catalog is None else (
        [(str(path), hashlib.sha256(path.read_bytes()).hexdigest()) for path in catalog.catalog_files()],
        sorted(catalog.exact.items()))
    members = sorted(map(str, selection.project_files)) if selection.project_schemas else None
    run = run_key(selection.schema, selection.schematron, selection.phase, selection.project_schemas, members,
                  selection.edition_dir, selection.edition_schemas, root, limits, catalogs)
    return KeptVerdicts(project.kept, run, catalog)


def _diagnose_rejected(results: list[Checked], files: list[Path], schemas: Schemas, jobs: int | None) -> None:
    """Add the full grammar's findings (compiled once, here) where reduced grammars rejected a document."""
    rejected = [index for index, checked in enumerate(results) if checked.rejected]
    if not rejected:
        return
    known: dict[int, list[list[Finding]]] = {}
    tasks, waiting = [], []
    for index in rejected:
        refs = [ref for _, ref in results[index].rejected]
        found = [diagnoses.load(files[index], ref.path) for ref in refs]
        if all(item is not None for item in found):
            known[index] = found
        else:
            tasks.append((files[index], refs))
            waiting.append(index)
    if tasks:
        for ref in {ref.key: ref for _, refs in tasks for ref in refs}.values():
            schemas.compile_full(ref)
        for index, (path, refs), found in zip(waiting, tasks, _results(_diagnose, tasks, _jobs(jobs, len(tasks)))):
            known[index] = found
            for ref, findings in zip(refs, found):
                diagnoses.store(path, ref.path, findings)
    for index in rejected:
        checked = results[index]
        checked.findings = insert_at(checked.findings, checked.rejected, known[index])
        checked.rejected = []


def check_document(path: Path, selection: Selection, schemas: Schemas) -> list[Finding]:
    """All findings for one document: well-formedness, TEI root, RELAX NG, XSD, Schematron."""
    return _checked_path(path, selection, schemas).findings


def check_parsed(document: Document, selection: Selection, schemas: Schemas) -> list[Finding]:
    """The findings of a document already read: its reading, TEI root and schemas (its XIncludes
    expanded first, within the project's folder)."""
    return _checked(document, selection, schemas).findings


def check_parsed_leaving(document: Document, selection: Selection, schemas: Schemas,
                         leave: Callable[[SchemaRef], bool]) -> Checked:
    """``check_parsed`` without the schemas ``leave`` picks: ``left`` says where their findings
    (placed as ``check_parsed`` places them) go, for a caller that checks them elsewhere."""
    return _checked(document, selection, schemas, leave=leave)


def _checked_path(path: Path, selection: Selection, schemas: Schemas, *, defer: bool = False) -> Checked:
    streamed = _check_streamed(path, selection, schemas)
    if streamed is not None:
        return Checked(streamed)
    try:
        document = read_document(path)
    except UnreadableDocument as error:
        return Checked([replace(error.finding, extra={})])
    return _checked(document, selection, schemas, defer=defer)


def check_left(document: Document, root: Path | None, schemas: Schemas, refs: list[SchemaRef]) -> list[list[Finding]]:
    """The findings of the schemas ``check_parsed_leaving`` left, one list per schema, placed as
    ``check_parsed`` places them (``root``: the folder XIncludes may read, as the selection's)."""
    expansion = xinclude.expand(document, root)
    return [expansion.placed(schemas.check(ref, expansion.document)) for ref in refs]


def _checked(document: Document, selection: Selection, schemas: Schemas, *, defer: bool = False,
             leave: Callable[[SchemaRef], bool] | None = None) -> Checked:
    """``defer``: a document a quick verdict rejects is left for the second pass to diagnose;
    ``leave``: the schemas not checked here at all."""
    path = document.path
    expansion = xinclude.expand(document, selection.allowed_root)
    document = expansion.document
    checked = Checked(list(document.findings) + check_root(document.tree, path))
    refs, model_findings = selection.plan(path, document.data)
    checked.findings += model_findings
    for ref in refs:
        if leave is not None and leave(ref):
            checked.left.append((len(checked.findings), ref))
            continue
        verdict = schemas.quick_verdict(ref, document) if defer else None
        if verdict is None:
            checked.findings += schemas.check(ref, document)
        elif not verdict:
            checked.rejected.append((len(checked.findings), ref))
    checked.findings = expansion.placed(checked.findings)  # one finding for one: positions hold
    return checked


def _check_streamed(path: Path, selection: Selection, schemas: Schemas) -> list[Finding] | None:
    """The findings of a large document checked as it is read, without holding its tree; None
    when it must be read whole: a small one, or one whose checks need the tree (XML Schema,
    Schematron, a DOCTYPE, XInclude, an encoding to report, a grammar of several files)."""
    try:
        if path.stat().st_size < STREAM_BYTES:
            return None
        data = read_bytes(path)
    except OSError:
        return None
    if check_encoding(data, path) or b"<!DOCTYPE" in data[:PROLOG_SCAN_BYTES]:
        return None
    refs, findings = selection.plan(path, data[:PROLOG_SCAN_BYTES])
    del data  # from here on the document is only read as a stream
    if not refs or any(ref.kind != "rng" for ref in refs):
        return None
    skeleton = None
    for ref in refs:
        checked = schemas.check_streamed(ref, path, _STREAMED_NAMES.get(path))
        if checked is None:
            return None
        found, skeleton = checked
        findings += found
    return check_root(skeleton, path) + findings


def _check(path: Path) -> Checked:
    """The first pass over one document, in the run's process or a worker of it."""
    selection, schemas = _RUN
    try:
        checked = _checked_path(path, selection, schemas, defer=True)
    except RecursionError:
        checked = Checked([Finding(file=str(path), code="xml.too-deep",
                                   message="the document nests too deeply to be checked")])
    checked.reads = tuple(reads.LOOKED_AT)
    return checked


def _diagnose(task: tuple[Path, list[SchemaRef]]) -> list[list[Finding]]:
    path, refs = task
    selection, schemas = _RUN
    try:
        expansion = xinclude.expand(read_document(path), selection.allowed_root)
    except UnreadableDocument as error:  # changed since the first pass
        return [[replace(error.finding, extra={})]] + [[] for _ in refs[1:]]
    return [expansion.placed(schemas.diagnose(ref, expansion.document)) for ref in refs]


def _results(work, tasks: list, jobs: int) -> Iterator:
    """``work`` applied to each task in order: here, or in worker processes forked now; a
    document's schema checks in budgeted workers (``budget``) when the run has limits."""
    if work in _OVER_BUDGET and _LIMITS is not None and budget.enabled(_LIMITS):
        yield from budget.run(work, tasks, jobs, _LIMITS, _OVER_BUDGET[work])
        return
    if jobs <= 1:
        for task in tasks:
            yield work(task)
        return
    with forked_pool(jobs) as pool:
        # Several small documents per message: one at a time, the round trips cost more than
        # checking them; small enough chunks still keep both workers busy to the end.
        yield from pool.imap(work, tasks, chunksize=max(1, min(CHUNK_MAX, len(tasks) // (jobs * 8))))


def _over_budget_finding(path: Path, overrun: budget.Overrun) -> Finding:
    return Finding(file=str(path), code=f"limits.{overrun.kind}",
                   message=f"checking this document against its schemas {overrun.describe()}", hint=overrun.hint())


_OVER_BUDGET = {
    _check: lambda path, overrun: Checked([_over_budget_finding(path, overrun)]),
    _diagnose: lambda task, overrun: [[_over_budget_finding(task[0], overrun)]] + [[] for _ in task[1][1:]],
}


def _selection(schema, schematron, phase, catalog, *, edition: bool, project: ProjectScope | None = None) -> Selection:
    options = dict(schema=Path(schema) if schema else None, schematron=Path(schematron) if schematron else None,
                   phase=phase, catalog=load_catalog(Path(catalog) if catalog else None))
    if project is not None:
        if project.catalog is not None:
            options["catalog"] = project.catalog
        refs = tuple(SchemaRef(schema_kind(path), path.resolve(), phase if schema_kind(path) == "sch" else None)
                     for path in project.schemas)
        for ref in refs:
            if not ref.path.is_file():
                raise TeikitError(f"the project's schema {ref.path} is missing", hint="correct [validation] schemas")
        return Selection(**options, project_files=frozenset(resolved_all(project.files)),
                         project_schemas=refs, allowed_root=project.root.resolve())
    if edition and not (schema or schematron):
        try:
            selection = edition_selection(**options)
        except FileNotFoundError as error:
            raise TeikitError(str(error)) from None
        for ref in selection.edition_schemas:
            if not ref.path.is_file():
                raise TeikitError(f"the edition's schema {ref.path} is missing",
                                  hint="reinstall teikit, or pass --schema FILE")
        return selection
    return Selection(**options)


def selection_for(*, schema: Path | None = None, schematron: Path | None = None, catalog: Path | None = None,
                  project: ProjectScope | None = None) -> Selection:
    """The schemas ``validate`` would choose for a project's files (or, without one, for any file)."""
    return _selection(schema, schematron, None, catalog, edition=project is None, project=project)


def _relative(path: Path) -> Path:
    """Shorter names in reports: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _relative_all(paths) -> list[Path]:
    """``_relative`` of each path, each folder resolved once."""
    here = Path.cwd().resolve()
    shown = []
    for path, real in zip(paths, resolved_all(paths)):
        try:
            shown.append(real.relative_to(here))
        except ValueError:
            shown.append(path)
    return shown


def _touches_edition(files: list[Path]) -> bool:
    edition = resources.edition_dir().resolve()
    return any(edition == path.resolve().parent or edition in path.resolve().parents for path in files)


def _planned(files: list[Path], selection: Selection) -> dict[Path, list[SchemaRef]]:
    """The schemas each file will be checked with, read from the files' prologs before any worker starts."""
    fixed = selection.overrides() or None
    planned = {}
    for path in files:
        if fixed is not None:
            planned[path] = fixed
            continue
        try:
            with open(path, "rb") as stream:
                head = stream.read(PROLOG_SCAN_BYTES)
        except OSError:
            continue
        planned[path] = selection.plan(path, head)[0]
    return planned


def _element_names(files: list[Path], jobs: int | None, root: Path | None) -> frozenset[str]:
    """Every element name in the run's documents (and what they include from ``root``), read one
    document at a time (on all workers)."""
    names: set[str] = set()
    _STREAMED_NAMES.clear()
    tasks = [(path, root) for path in files]
    for path, (found, streamed) in zip(files, _results(_names_of, tasks, _jobs(jobs, len(files) // NAMES_PER_WORKER))):
        names |= found
        if streamed:
            _STREAMED_NAMES[path] = frozenset(found)
    return frozenset(names)


def _names_of(task: tuple[Path, Path | None]) -> tuple[set[str], bool]:
    """The document's element names, and whether it is large enough to be read as a stream."""
    path, root = task
    try:
        if path.stat().st_size >= STREAM_BYTES:
            return set(streamed_element_names(path)), True
        data = read_bytes(path)
        document = Document(path, data, parse_bytes(data, path))
        return element_names(xinclude.expand(document, root).document.tree), False
    except (UnreadableDocument, OSError, etree.XMLSyntaxError):
        return set(), False  # its own check reports why


def _jobs(jobs: int | None, count: int) -> int:
    if jobs is None or jobs <= 0:
        try:
            jobs = len(os.sched_getaffinity(0))
        except AttributeError:
            jobs = os.cpu_count() or 1
    return max(1, min(jobs, count))


class _progress:
    """A rich progress bar on stderr when asked for; otherwise a no-op."""

    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total, self.bar = enabled, total, None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("validating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("validate", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
