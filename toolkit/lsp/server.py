"""The language server: the protocol's events wired to teikit's checks and the grammar.

Diagnostics: every open or change of a document (re)starts its debounce timer;
when typing pauses, the text is checked on the server's one checking thread and
the findings are published for the version that was checked, unless the
document has changed again meanwhile (its next check is then already due); a
check whose turn comes after its text has changed is not run at all.
When Schematron runs in its own process, the other findings (well-formedness,
grammar, pointers) are published as soon as they are known, with the Schematron
findings of the document's previous check, then again with the rules' own: every
publication carries all that is known, so a finding never blinks out while the
rules run.  Those Schematron findings are recorded on the checking thread as the check
ends, so the next check (a save checks the same version again) always starts from them.
A document closed and opened again is a new one, whatever its version number: its
previous text's findings are never published for it.
``$/teikit/checked`` (uri, version) follows the last publication of a check.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from toolkit import __version__
from toolkit.errors import Finding
from toolkit.lsp.checks import Checker
from toolkit.lsp import allowed, entries, quickfix
from toolkit.lsp.cursor import context_at, expand, token_at, written_as
from toolkit.lsp.debounce import DEFAULT_DELAY, Debouncer
from toolkit.lsp.diagnostics import SOURCE, diagnostic, lines_of, span
from toolkit.lsp.worker import SchematronWorker

log = logging.getLogger(__name__)
CHECKED = "$/teikit/checked"  # sent after the last publication of a check: {"uri", "version"}


class TeiLanguageServer(LanguageServer):
    def __init__(self, checker: Checker, delay: float = DEFAULT_DELAY):
        super().__init__("teikit", __version__)
        self.checker = checker
        # One thread runs every check: compiled validators are not shared between concurrent runs.
        self.checking = ThreadPoolExecutor(max_workers=1, thread_name_prefix="teikit-check")
        self.debouncer = Debouncer(delay, self.publish_diagnostics)
        # By document: the findings of its last complete check that its early publications lack,
        # with the opening they belong to; read and written on the checking thread only.
        self.later_findings: dict[str, tuple[int, list[Finding]]] = {}
        # By document: which opening of it is in the editor (a version number restarts on reopening).
        self.openings: dict[str, int] = {}
        self._next_opening = itertools.count(1)

    def opened(self, uri: str) -> None:
        self.openings[uri] = next(self._next_opening)

    def document_path(self, uri: str) -> Path:
        parts = urlsplit(uri)
        if parts.scheme == "file":
            return Path(unquote(parts.path))
        return Path.cwd() / (Path(unquote(parts.path)).name or "untitled.xml")

    async def publish_diagnostics(self, uri: str) -> None:
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version, text, path = document.version, document.source, self.document_path(uri)
        opening = self.openings.get(uri)
        loop = asyncio.get_running_loop()
        early: list[list[Finding]] = []

        def publish_early(findings: list[Finding]) -> None:  # on the checking thread
            early.append(findings)
            recorded_for, later = self.later_findings.get(uri, (None, []))
            loop.call_soon_threadsafe(self._publish, uri, opening, version, text,
                                      findings + (later if recorded_for == opening else []))

        def check() -> list[Finding] | None:  # on the checking thread, once the checks before are done
            if not self._current(uri, opening, version):
                return None  # its findings would not be published: the newer text's check is due
            findings = self.checker.check(path, text, publish_early)
            if early:  # what the early publication lacked (the same objects otherwise): the next one shows them
                known = {id(finding) for finding in early[0]}
                self.later_findings[uri] = (opening, [finding for finding in findings if id(finding) not in known])
            return findings

        try:
            findings = await loop.run_in_executor(self.checking, check)
            if findings is None:
                return
        except Exception as error:  # a check that fails must not take the server down
            log.exception("checking %s failed", uri)
            findings = [Finding(file=str(path), code="teikit.failed",
                                message=f"teikit could not check this document: {type(error).__name__}: {error}")]
        if self._publish(uri, opening, version, text, findings):
            self.protocol.notify(CHECKED, {"uri": uri, "version": version})

    def _current(self, uri: str, opening: int | None, version: int) -> bool:
        """Whether this opening and version are still the document's, with no newer check due."""
        current = self.workspace.text_documents.get(uri)
        return (current is not None and self.openings.get(uri) == opening and current.version == version
                and not self.debouncer.pending(uri))

    def _publish(self, uri: str, opening: int | None, version: int, text: str, findings: list[Finding]) -> bool:
        """Publish ``findings`` for this version of the document, unless it is gone or changed since."""
        if not self._current(uri, opening, version):
            return False  # changed or closed meanwhile: the next check publishes
        lines = lines_of(text) if findings else []  # a large text is not split for nothing
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[diagnostic(finding, lines) for finding in findings]))
        return True


def create_server(checker: Checker, delay: float = DEFAULT_DELAY) -> TeiLanguageServer:
    server = TeiLanguageServer(checker, delay)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TeiLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened(params.text_document.uri)
        ls.debouncer.trigger(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TeiLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.debouncer.trigger(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TeiLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        # A saved file may add or remove register entries: every open document is checked again.
        ls.checker.forget_registers()
        for uri in list(ls.workspace.text_documents):
            ls.debouncer.trigger(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TeiLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.openings.pop(params.text_document.uri, None)  # its findings, recorded or due, are stale
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                            diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=["<", " ", "\"", "'", "#", "/"]))
    async def completion(ls: TeiLanguageServer, params: types.CompletionParams) -> types.CompletionList:
        document = ls.workspace.get_text_document(params.text_document.uri)
        text = document.source
        offset = document.offset_at_position(params.position)
        path = ls.document_path(params.text_document.uri)
        context = context_at(text, offset)
        if context.kind == "value":
            items = await asyncio.to_thread(_pointer_completions, ls.checker, path, text, offset, context)
        else:  # on the checking thread: the grammar's patterns are shared with the checks
            items = await asyncio.get_running_loop().run_in_executor(ls.checking, _completions, ls.checker, path,
                                                                     text, context)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: TeiLanguageServer, params: types.HoverParams) -> types.Hover | None:
        found = await _entry_under_cursor(ls, params)
        if found is None:
            return None
        entry, token, text = found
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=entries.describe(entry, token.value)),
                           range=span(text, token.start, token.end))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: TeiLanguageServer, params: types.DefinitionParams) -> types.Location | None:
        found = await _entry_under_cursor(ls, params)
        return entries.location(found[0]) if found else None

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: TeiLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        text, path = document.source, ls.document_path(uri)
        actions = []
        for found in params.context.diagnostics:
            location = (found.data or {}).get("location") if isinstance(found.data, dict) else None
            if found.source != SOURCE or not location:
                continue
            for schema in await asyncio.to_thread(ls.checker.schematron_schemas, path, text):
                for fix in await asyncio.to_thread(quickfix.fixes, schema, str(found.code), location, text, path):
                    edits = [types.TextEdit(range=span(text, start, end), new_text=new) for start, end, new in fix.edits]
                    actions.append(types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix,
                                                    diagnostics=[found], edit=types.WorkspaceEdit(changes={uri: edits})))
        return actions

    return server


async def _entry_under_cursor(ls: TeiLanguageServer, params):
    """The register entry the pointer under the cursor designates, with the pointer and the text."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    text = document.source
    token = token_at(text, document.offset_at_position(params.position))
    if token is None or token.attribute not in entries.POINTER_ATTRIBUTES:
        return None
    path = ls.document_path(params.text_document.uri)
    registers = await asyncio.to_thread(ls.checker.registers, path)
    entry = registers.resolve(token.value, path) if registers is not None else None
    return (entry, token, text) if entry is not None else None


def _pointer_completions(checker: Checker, path: Path, text: str, offset: int, context) -> list[types.CompletionItem]:
    if context.attribute not in entries.POINTER_ATTRIBUTES:
        return []
    registers = checker.registers(path)
    if registers is None:
        return []
    typed = context.typed.rpartition(" ")[2]  # pointers are separated by spaces: complete the last one
    kind = entries.kind_named_by(context.element or "", _attribute_value(context, "type"))
    return entries.completions(registers, path, text, kind, span(text, offset - len(typed), offset))


def _attribute_value(context, name: str) -> str | None:
    return context.values.get(name)


def _completions(checker: Checker, path: Path, text: str, context) -> list[types.CompletionItem]:
    if context.kind == "end":
        return [types.CompletionItem(label=context.parent.qname, kind=types.CompletionItemKind.Class,
                                     insert_text=context.parent.qname + ">")] if context.parent else []
    if context.kind not in ("element", "attribute"):
        return []
    grammar = checker.grammar(path, text)
    validator = checker.validator(path, text)
    if grammar is None and validator is None:
        return []
    documentation = grammar.documentation if grammar is not None else {}
    if context.kind == "element":
        # What may come at this point of the parent's content; without the derivative validator,
        # every child the parent's content model names.
        if validator is not None:
            names = allowed.elements_here(validator, context.stack, context.roots)
        else:
            names = grammar.children(context.parent.name if context.parent else None)
        element = True
        described = lambda name: documentation.get(name)  # noqa: E731
        kind = types.CompletionItemKind.Class
    else:
        owner = expand(context.element or "", context.namespaces, element=True)
        if owner and validator is not None:
            written = {expand(name, context.namespaces, element=False) or name: value
                       for name, value in context.values.items() if name != "xmlns" and not name.startswith("xmlns:")}
            names = allowed.attributes_here(validator, context.stack, context.roots, owner, written)
        else:
            names = grammar.attributes(owner) if owner else set()
        element = False
        described = lambda name: documentation.get(f"{owner}@{name}")  # noqa: E731
        kind = types.CompletionItemKind.Property
    items = []
    for name in sorted(names):
        label = written_as(name, context.namespaces, element=element)
        if label is None or (not element and label in context.written):
            continue
        items.append(types.CompletionItem(label=label, kind=kind, detail=described(name),
                                          documentation=described(name)))
    return items


def serve(*, schema: Path | None = None, schematron: Path | None = None, catalog: Path | None = None,
          delay: float = DEFAULT_DELAY) -> None:
    """Serve one editor over stdin/stdout until it says exit."""
    try:
        worker = SchematronWorker()  # forked first: the server has no threads yet, and no Saxon
    except OSError as error:  # no process to spare: Schematron runs in the server's own
        log.warning("no process for Schematron (%s); it runs in the server's process", error)
        worker = None
    try:
        create_server(Checker(schema=schema, schematron=schematron, catalog=catalog, worker=worker), delay).start_io()
    finally:
        if worker is not None:
            worker.close()


__all__ = ["CHECKED", "SOURCE", "TeiLanguageServer", "create_server", "serve"]
