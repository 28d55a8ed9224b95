"""Safe reading of XML files: no DTD, no external entities, no network, bounded size.

Every XML file the toolkit reads goes through ``read_document``; a document that
cannot be read safely becomes a ``Finding`` with file, line and column, never a
traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit.errors import Finding, Severity

TEI_NS = "http://www.tei-c.org/ns/1.0"
MAX_BYTES = 512 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"


class UnreadableDocument(Exception):
    """The document is not well-formed or not safe to read; ``finding`` says why."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


@dataclass
class Document:
    path: Path
    data: bytes
    tree: etree._ElementTree

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()


def safe_parser(*, huge: bool = True) -> etree.XMLParser:
    """The only parser configuration the toolkit uses on documents it did not write."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=huge,
        remove_blank_text=False,
        recover=False,
        collect_ids=True,
    )


def read_bytes(path: Path) -> bytes:
    """Read a file ourselves so lxml never opens it (it would gunzip silently)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableDocument(_finding(path, "xml.too-large", f"file is {size} bytes; the limit is {MAX_BYTES}"))
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        raise UnreadableDocument(
            _finding(path, "xml.compressed", "file is gzip-compressed, not XML", hint="decompress it first")
        )
    return data


def parse_bytes(data: bytes, path: Path) -> etree._ElementTree:
    if not data.strip():
        raise UnreadableDocument(_finding(path, "xml.empty", "file is empty", hint="an XML document needs a root element"))
    parser = safe_parser()
    try:
        root = etree.fromstring(data, parser=parser, base_url=path.as_uri() if path.is_absolute() else None)
    except etree.XMLSyntaxError as error:
        raise UnreadableDocument(_syntax_finding(path, error)) from None
    return root.getroottree()


def read_document(path: Path) -> Document:
    """Parse ``path`` safely; raise ``UnreadableDocument`` with a finding if that is impossible."""
    try:
        data = read_bytes(path)
    except OSError as error:
        raise UnreadableDocument(_finding(path, "io.unreadable", f"cannot read file: {error.strerror or error}")) from None
    return Document(path, data, parse_bytes(data, path))


def _syntax_finding(path: Path, error: etree.XMLSyntaxError) -> Finding:
    line, column = error.position if error.position else (None, None)
    message = error.msg or str(error)
    code, hint = "xml.not-well-formed", "fix the markup at this position; the document cannot be read until it is well-formed"
    lowered = message.lower()
    if "entity" in lowered and ("amplification" in lowered or "loop" in lowered or "exceeded" in lowered):
        code, hint = "xml.entity-expansion", "entity expansion was refused as a possible attack (billion laughs); define no nested entities"
    elif "entity" in lowered:
        code, hint = "xml.entity", "entities declared in a DTD are not loaded; write the character itself or a numeric reference (&#x2014;)"
    elif "encoding" in lowered or "utf-8" in lowered or "char" in lowered and "range" in lowered:
        code, hint = "xml.encoding", "save the file as UTF-8 and declare encoding=\"UTF-8\" (or the encoding it really uses)"
    elif "depth" in lowered or "too deep" in lowered:
        code, hint = "xml.too-deep", "the document nests elements deeper than the parser's limit"
    return Finding(file=str(path), line=line, column=column, code=code, message=message, hint=hint)


def _finding(path: Path, code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(file=str(path), code=code, message=message, hint=hint, severity=Severity.ERROR)
