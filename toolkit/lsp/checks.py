"""teikit's validation of the text an editor holds, with schemas compiled once per server.

A run of ``teikit validate`` compiles what it needs and exits; the server keeps
every schema it has read (RELAX NG grammars for the derivative validator, XSD, Schematron as XSLT on Saxon)
for its lifetime, so each check after the first costs only the validation itself.
A document inside a project (a ``teikit.toml`` in its folder or above) is checked
as ``teikit validate`` checks the project: its schemas and catalog, then every
pointer to the project's registers.  Checks run one at a time (``check`` is
called from a single worker thread): the compiled validators are not meant to be
shared by concurrent runs.  With a ``SchematronWorker``, a change's Schematron runs in
that process while this one checks the grammar and the pointers, and the findings known
without it can be published before its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import Finding, TeikitError
from toolkit.lsp.grammar import Grammar
from toolkit.lsp.worker import SchematronWorker
from toolkit.project import Project, Registers, load_project
from toolkit.project.checks import scope, tree_reference_findings
from toolkit.project.config import find_project_file
from toolkit.validation.engine import check_left, check_parsed_leaving, insert_at, selection_for
from toolkit.validation import derivatives
from toolkit.validation.reduced import element_names
from toolkit.validation.schemas import Schemas
from toolkit.validation.selection import SchemaRef, Selection
from toolkit.xmlio import PROLOG_SCAN_BYTES, UnreadableDocument, declared_encoding, document_from_bytes

MAX_REDUCED = 8  # reduced grammars kept, one per set of element names
UNICODE_FAMILY = ("utf-8", "utf8", "utf-16", "utf16", "utf-32", "ucs-2", "ucs-4")


@dataclass
class ProjectState:
    """A project as the server last read it (None: documents outside any project)."""

    project: Project | None
    selection: Selection | None
    stamp: int | None  # the project file's modification time: a changed file is read again
    problem: Finding | None = None  # why the project or its schemas cannot be used
    registers: Registers | None = None


class WarmSchemas(Schemas):
    """Compiled schemas for a session of checks.  RELAX NG as ``teikit validate`` does it: the
    verdict from libxml2 on the grammar reduced to the document's element names (milliseconds;
    one per set of names, kept), the findings of a rejected document from the derivative
    validator, which reads the full grammar as far as the document reaches; libxml2's full
    grammar only for grammars the derivative validator cannot read."""

    def __init__(self):
        super().__init__()
        self.reduced: dict[frozenset[str], Schemas] = {}

    def check(self, ref: SchemaRef, document) -> list[Finding]:
        if ref.kind == "rng":
            if self._accepted(ref, document):
                return []
            found = derivatives.findings(ref.path, document)
            if found is not None:
                return found
        return super().check(ref, document)

    def _accepted(self, ref: SchemaRef, document) -> bool:
        names = frozenset(element_names(document.tree))
        if names not in self.reduced:
            if len(self.reduced) >= MAX_REDUCED:
                self.reduced.pop(next(iter(self.reduced)))
            self.reduced[names] = Schemas(names=names)
        schemas = self.reduced[names]
        schemas.prepare(ref)
        try:
            return schemas.quick_verdict(ref, document) is True
        except Exception:  # noqa: BLE001 - the findings then come from the other validators
            return False


class Checker:
    """The schemas and projects of one editing session, and the checks run with them."""

    def __init__(self, *, schema: Path | None = None, schematron: Path | None = None,
                 catalog: Path | None = None, worker: SchematronWorker | None = None):
        self.schema, self.schematron, self.catalog = schema, schematron, catalog
        self.worker = worker
        self.schemas = WarmSchemas()
        self.grammars: dict[Path, Grammar | None] = {}
        self._projects: dict[Path | None, ProjectState] = {}
        self._lock = threading.RLock()  # projects and registers are read from several threads

    def check(self, path: Path, text: str, early: Callable[[list[Finding]], None] | None = None) -> list[Finding]:
        """Every finding ``teikit validate`` would report for ``path`` if it held ``text``.

        With a Schematron worker, ``early`` (when given) is called first with every finding
        but Schematron's, as soon as they are known, while the worker is still running the rules."""
        state = self.project_state(path)
        if state.selection is None:
            return [state.problem]
        data = encode(text)
        sent = self._send_schematron(state.selection, path, data)  # before parsing here: the worker parses too
        try:
            try:
                document = document_from_bytes(path, data)
            except UnreadableDocument as error:
                return [error.finding]
            registers = self.registers(path)
            after = [] if registers is None else \
                tree_reference_findings(document.tree, path.resolve(), registers, str(path))
            if state.problem is not None:
                after.insert(0, state.problem)
            checked = check_parsed_leaving(document, state.selection, self.schemas, lambda ref: ref.key in sent)
            if not checked.left:
                return checked.findings + after
            if early is not None:
                early(checked.findings + after)
            refs = [ref for _, ref in checked.left]
            found = [self.worker.findings(ref) for ref in refs]
            if any(items is None for items in found):  # the worker died: its rules are run here
                found = check_left(document, state.selection.allowed_root, self.schemas, refs)
            return insert_at(checked.findings, checked.left, found) + after
        finally:
            if self.worker is not None:
                self.worker.forget()

    def _send_schematron(self, selection: Selection, path: Path, data: bytes) -> set[tuple]:
        """Start the document's Schematron checks in the worker; the keys of the schemas sent."""
        if self.worker is None:
            return set()
        refs, _ = selection.plan(path, data)
        return self.worker.start([ref for ref in refs if ref.kind == "sch"], path, data, selection.allowed_root)

    def project_state(self, path: Path) -> ProjectState:
        file = find_project_file(path.parent) if path.parent.is_dir() else None
        try:
            stamp = file.stat().st_mtime_ns if file else None
        except OSError:
            stamp = None
        with self._lock:
            state = self._projects.get(file)
            if state is None or state.stamp != stamp:
                state = self._projects[file] = self._read_project(file, stamp)
            return state

    def _read_project(self, file: Path | None, stamp: int | None) -> ProjectState:
        options = dict(schema=self.schema, schematron=self.schematron, catalog=self.catalog)
        try:
            project = load_project(file.parent, search_parents=False) if file else None
        except TeikitError as error:
            problem = Finding(file=str(file), line=1, code="project.file", message=str(error), hint=error.hint)
            return ProjectState(None, selection_for(**options), stamp, problem)
        try:
            selection = selection_for(**options, project=scope(project, self.catalog) if project else None)
        except TeikitError as error:
            problem = Finding(file=str(file), line=1, code="project.schema", message=str(error), hint=error.hint)
            return ProjectState(project, None, stamp, problem)
        return ProjectState(project, selection, stamp)

    def registers(self, path: Path) -> Registers | None:
        """The registers of the document's project, read once and again after ``forget_registers``."""
        state = self.project_state(path)
        if state.project is None:
            return None
        with self._lock:
            if state.registers is None:
                state.registers = Registers.load(state.project)
            return state.registers

    def forget_registers(self) -> None:
        """A file was saved: registers are read again when next needed."""
        with self._lock:
            for state in self._projects.values():
                state.registers = None

    def schematron_schemas(self, path: Path, text: str) -> list[Path]:
        """The Schematron schemas that apply to the document."""
        selection = self.project_state(path).selection
        if selection is None:
            return []
        refs, _ = selection.plan(path, encode(text)[:PROLOG_SCAN_BYTES])
        return [ref.path for ref in refs if ref.kind == "sch"]

    def validator(self, path: Path, text: str) -> derivatives.Validator | None:
        """The derivative validator of the document's RELAX NG grammar (None when there is none
        or it uses what that validator leaves to libxml2)."""
        selection = self.project_state(path).selection
        if selection is None:
            return None
        refs, _ = selection.plan(path, encode(text)[:PROLOG_SCAN_BYTES])
        for ref in refs:
            if ref.kind == "rng":
                try:
                    return derivatives.load(ref.path)
                except Exception:  # noqa: BLE001 - unsupported or unreadable: completion falls back
                    continue
        return None

    def grammar(self, path: Path, text: str) -> Grammar | None:
        """The RELAX NG grammar that applies to the document, read once (None when there is none)."""
        selection = self.project_state(path).selection
        if selection is None:
            return None
        refs, _ = selection.plan(path, encode(text)[:PROLOG_SCAN_BYTES])
        for ref in refs:
            if ref.kind != "rng":
                continue
            with self._lock:
                if ref.path not in self.grammars:
                    try:
                        self.grammars[ref.path] = Grammar.load(ref.path)
                    except (OSError, ValueError, UnreadableDocument):
                        self.grammars[ref.path] = None
                if self.grammars[ref.path] is not None:
                    return self.grammars[ref.path]
        return None


def encode(text: str) -> bytes:
    """The editor's text as the bytes the file will hold: in the encoding its declaration names."""
    data = text.encode("utf-8")
    declared = declared_encoding(data)
    if declared and not declared.lower().startswith(UNICODE_FAMILY):
        try:
            return text.encode(declared)
        except (LookupError, UnicodeEncodeError):
            return data  # the check of the encoding then says what is wrong
    return data
