"""Schematron checks in a process of their own, run while the server checks the rest of a change.

Saxon keeps Python's interpreter lock while it parses and transforms, so in the server's
process a change's Schematron could only run before or after its RELAX NG and pointer checks.
One worker process, forked when the server starts (before it has threads, and before Saxon is
loaded), compiles the Schematron schemas once and checks the very bytes the editor holds the
way ``teikit validate`` does (read, XIncludes expanded, schema run): its findings are the
ones the server would have found, ready about when the rest is.  A document that can be
handed to Saxon as it is (UTF-8, no DOCTYPE, no XInclude) is not parsed a second time here
unless a finding needs its lines.  If the worker dies, the server runs Schematron itself from
then on.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path

from toolkit.errors import Finding
from toolkit.executors import ForkedWorker, WorkerStopped
from toolkit.namespaces import XINCLUDE
from toolkit.validation.engine import check_left
from toolkit.validation.schematron import SchematronValidator
from toolkit.validation.schemas import Schemas
from toolkit.validation.selection import SchemaRef
from toolkit.xmlio import UnreadableDocument, document_from_bytes
from toolkit.xslt import text_as_read

log = logging.getLogger(__name__)
_REFERENCE_IN_NAMESPACE = re.compile(r"""xmlns(?::[^\s=]*)?\s*=\s*(?:"[^"]*&|'[^']*&)""")
_SCHEMAS: Schemas | None = None  # the worker's compiled schemas, kept between checks


class SchematronWorker:
    """The worker process, and the checks sent to it and not yet collected (by schema key)."""

    def __init__(self):
        self._worker: ForkedWorker | None = ForkedWorker()
        self._worker.result(self._worker.submit(_quiet_output))
        self._sent: dict[tuple, int] = {}

    def start(self, refs: list[SchemaRef], path: Path, data: bytes, root: Path | None) -> set[tuple]:
        """Send the checks of ``data`` (the document at ``path``) against the Schematron ``refs``;
        the keys of those sent (none when the worker is gone)."""
        self.forget()
        if self._worker is None:
            return set()
        try:
            for ref in refs:
                self._sent[ref.key] = self._worker.submit(schematron_findings, ref, path, data, root)
        except WorkerStopped:
            self._stopped()
        return set(self._sent)

    def findings(self, ref: SchemaRef) -> list[Finding] | None:
        """The findings of the check sent for ``ref``; None when none was sent or the worker died
        (the caller then checks in this process).  An error the check raised is raised here."""
        return self._collect(ref.key)

    def _collect(self, key: tuple) -> list[Finding] | None:
        ticket = self._sent.pop(key, None)
        if ticket is None or self._worker is None:
            return None
        try:
            return self._worker.result(ticket)
        except WorkerStopped:
            self._stopped()
            return None

    def forget(self) -> None:
        """Drop the checks sent but not asked for (a check that stopped early), without waiting for them."""
        if self._worker is not None:
            for ticket in self._sent.values():
                self._worker.discard(ticket)
        self._sent = {}

    def _stopped(self) -> None:
        log.warning("the Schematron worker stopped; Schematron now runs in the server's process")
        self._worker, self._sent = None, {}

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None


def _quiet_output() -> None:
    """In the worker: the server's standard output is the editor's channel, and only the server
    writes to it; anything the worker's libraries print goes to standard error."""
    os.dup2(2, 1)


def schematron_findings(ref: SchemaRef, path: Path, data: bytes, root: Path | None) -> list[Finding]:
    """In the worker: the findings ``check_parsed`` gets from this schema for these bytes,
    placed as it places them (a finding in an included file on that file)."""
    global _SCHEMAS
    if _SCHEMAS is None:
        _SCHEMAS = Schemas()
    validator = _SCHEMAS.validator(ref)
    text = text_without_includes(data)
    if text is not None and isinstance(validator, SchematronValidator):
        # Saxon reads the text itself, as it would be handed the parsed document's; the
        # document is parsed here only when findings need its lines.
        read = functools.cache(lambda: document_from_bytes(path, data))
        try:
            return validator.findings_of_text(text, read)
        except UnreadableDocument:
            return []  # the server reports it, and asks for no schema
    try:
        document = document_from_bytes(path, data)
    except UnreadableDocument:
        return []
    return check_left(document, root, _SCHEMAS, [ref])[0]


def text_without_includes(data: bytes) -> str | None:
    """The text Saxon is handed for a document read from ``data`` (``text_as_read``), when it is
    sure without parsing that no XInclude is to be followed and no DOCTYPE is there: no XInclude
    namespace written, and no namespace declared with a character reference that could spell it."""
    text = text_as_read(data)
    if text is None or "<!DOCTYPE" in text or XINCLUDE in text or _reference_in_namespace(text):
        return None
    return text


def _reference_in_namespace(text: str) -> bool:
    start = text.find("xmlns")
    while start != -1:  # declarations are few: found by str.find, each then read by the pattern
        if _REFERENCE_IN_NAMESPACE.match(text, start):
            return True
        start = text.find("xmlns", start + 5)
    return False
