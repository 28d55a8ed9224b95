"""What every schema language's validator offers a run: one compiled schema, asked about one document.

``relaxng``, ``xsd`` and ``schematron`` each give a ``SchemaValidator``, made by
their ``compile(ref, ...)``; a schema that cannot be read or compiled raises
``SchemaFailed`` with the reason a user sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from toolkit.errors import Finding, Severity
from toolkit.validation.catalog import Catalog
from toolkit.validation.confine import SchemaOutside, check_confined
from toolkit.validation.selection import SchemaRef
from toolkit.xmlio import Document, UnreadableDocument, parse_bytes, read_bytes


class SchemaFailed(Exception):
    """A schema could not be read or compiled; ``message`` says why."""


class SchemaValidator:
    """One compiled schema."""

    def iter_findings(self, document: Document) -> Iterable[Finding]:
        """What the schema finds wrong with ``document``, in document order where the language has one."""
        raise NotImplementedError

    def quick_verdict(self, document: Document) -> bool | None:
        """The verdict alone, when it costs much less than the findings (None: it does not)."""
        return None

    def is_valid(self, document: Document) -> bool:
        verdict = self.quick_verdict(document)
        if verdict is not None:
            return verdict
        return not any(finding.severity == Severity.ERROR for finding in self.iter_findings(document))


def read_schema(path: Path) -> tuple[bytes, etree._ElementTree]:
    """A schema's bytes and tree, read with the safe parser."""
    try:
        data = read_bytes(path)
        return data, parse_bytes(data, path.resolve())
    except UnreadableDocument as error:
        finding = error.finding
        raise SchemaFailed(f"line {finding.line}: {finding.message}" if finding.line else finding.message) from None
    except OSError as error:
        raise SchemaFailed(f"cannot read it: {error.strerror or error}") from None


def confine(ref: SchemaRef, catalog: Catalog | None = None) -> None:
    """Refuse a schema whose included files leave its folder (``toolkit.validation.confine``)."""
    try:
        check_confined(ref.path, ref.kind, catalog)
    except SchemaOutside as error:
        raise SchemaFailed(f"refused: {error}") from None


def first_error(log) -> str | None:
    for entry in log:
        return f"line {entry.line}: {entry.message}" if entry.line else entry.message
    return None
