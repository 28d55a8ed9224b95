"""Metadata records derived from the teiHeader by the stylesheets in xslt/metadata/."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import quoteattr

from toolkit import __version__, resources
from toolkit.errors import Finding, Severity, TeikitError
from toolkit.namespaces import TEI as TEI_NS, TEIKIT, TK
from toolkit.spreadsheet import csv_text
from toolkit.xmlio import Document
from toolkit.xslt import SealedSaxon

STYLESHEETS = ("fields", "dc", "datacite", "mets")


@dataclass(frozen=True)
class HeaderFields:
    """What the deposit reads from the teiHeader (see xslt/metadata/header.xsl)."""

    title: str
    creators: list[str]
    publisher: str
    date: str
    year: str
    rights: str
    identifier: str
    identifier_type: str
    language: str
    licence_uri: str | None = None
    contributors: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    description: str | None = None
    source: list[str] = field(default_factory=list)
    contact_name: str | None = None
    contact_email: str | None = None


class MissingHeaderFields(TeikitError):
    """The header lacks fields the metadata records need; ``findings`` names each with what to add."""

    def __init__(self, findings: list[Finding], subject: str = "the teiHeader"):
        names = ", ".join(f.extra["field"] for f in findings)
        super().__init__(
            f"{subject} lacks what the deposit metadata needs: {names}",
            hint="; ".join(f"{f.extra['field']}: {f.hint}" for f in findings),
        )
        self.findings = findings


@cache
def _saxon() -> SealedSaxon:
    # One compiled set per process (pytest-xdist workers each get their own).
    folder = resources.stylesheet("metadata")
    return SealedSaxon({name: folder / f"{name}.xsl" for name in STYLESHEETS})


def header_fields(document: Document) -> HeaderFields:
    """The header's fields, or ``MissingHeaderFields`` naming every required one that is absent."""
    data = json.loads(_saxon().transform("fields", _saxon().load(document)).principal)
    missing = data.pop("missing", [])
    if missing:
        header = document.root.find(f"{{{TEI_NS}}}teiHeader")
        line = header.sourceline if header is not None else document.root.sourceline
        raise MissingHeaderFields([
            Finding(
                file=str(document.path), line=line, severity=Severity.ERROR, code="deposit.header-field",
                message=f"the teiHeader has no {item['field']}, which the deposit metadata requires",
                hint=item["hint"], extra={"field": item["field"]},
            )
            for item in missing
        ])
    return HeaderFields(**{key: value for key, value in data.items() if value is not None})


def dublin_core(document: Document) -> str:
    return _saxon().transform("dc", _saxon().load(document)).principal


def datacite(document: Document) -> str:
    return _saxon().transform("datacite", _saxon().load(document)).principal


@dataclass(frozen=True)
class PayloadFile:
    path: str  # relative to the payload root, with "/"
    use: str
    mime: str
    size: int
    sha256: str


def mets(document: Document, files: list[PayloadFile], *, fixed_date: str | None) -> str:
    inventory = "".join(
        f"<file path={quoteattr(f.path)} use={quoteattr(f.use)} mime={quoteattr(f.mime)}"
        f" size=\"{f.size}\" sha256=\"{f.sha256}\"/>"
        for f in files
    )
    params = {
        f"{TK}inventory": f'<files xmlns="{TEIKIT}">{inventory}</files>',
        f"{TK}fixed-date": fixed_date or "",
        f"{TK}agent": f"teikit {__version__}",
    }
    return _saxon().transform("mets", _saxon().load(document), params).principal


def archivematica_csv(fields: HeaderFields, sources: list[str], own: dict[str, dict[str, str]] | None = None) -> str:
    """Archivematica's metadata.csv: one row per TEI source; payload paths appear under objects/.

    ``own`` gives a source's own fields where it differs from the whole (a project's letter: its
    title, date and authors), keyed by payload path and column (``dc.title``...)."""
    columns = ["filename", "dc.title", "dc.creator", "dc.publisher", "dc.date", "dc.type",
               "dc.identifier", "dc.language", "dc.rights", "dc.description"]
    rows = []
    for path in sources:
        row = dict(zip(columns, [f"objects/{path}", fields.title, "; ".join(fields.creators), fields.publisher,
                                 fields.date, "Text", fields.identifier, fields.language, fields.rights,
                                 fields.description or ""]))
        row.update((own or {}).get(path, {}))
        rows.append([row[column] for column in columns])
    # Header text may begin like a formula (=HYPERLINK...): such cells are kept as text.
    return csv_text(columns, rows)
