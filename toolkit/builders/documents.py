"""What every builder does with a document before its own stylesheets run: read it
safely, follow its XIncludes as ``teikit validate`` does, check that it is TEI, have Saxon
parse it, and put its index headings in Unicode collation order; and how a builder reports
a document it could not make.

Within one build (``one_build()``, which the pipeline opens) each document is read, parsed by
Saxon and collated once in each process, whichever builders use it: what ``prepare`` made is
kept, keyed by the document's bytes and the Saxon that parsed it (the builders share one,
``rendering.stylesheets``), until the build ends (up to ``MEMO_BYTES`` of trees; beyond,
documents are prepared again rather than held in memory).
"""

from __future__ import annotations

import hashlib
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from toolkit.collation import collation_order
from toolkit.errors import Finding, TeikitError
from toolkit.namespaces import TEI, TEI_ROOTS, XINCLUDE
from toolkit.project.config import find_project_file
from toolkit.validation import xinclude
from toolkit.xmlio import Document, UnreadableDocument, document_from_bytes, parse_bytes, read_bytes
from toolkit.xslt import SealedSaxon, TransformError, UndefinedEntity

MEMO_BYTES = 512 * 1024 * 1024
TREE_BYTES_PER_BYTE = 9  # lxml's tree takes about nine times its file's size
NODE_BYTES_PER_BYTE = 7  # and Saxon's, about six and a half


class BuildFailed(TeikitError):
    """Some documents could not be built; ``findings`` say which and why."""

    def __init__(self, findings: list[Finding]):
        super().__init__(
            f"{len(findings)} document(s) could not be built",
            hint="see the findings above; the other documents were built",
        )
        self.findings = findings


class DocumentProblem(Exception):
    """One document cannot be built: its builder reports ``finding`` and goes on with the others."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


@dataclass(frozen=True)
class Prepared:
    """A document ready for any builder's stylesheets."""

    source: Path
    data: bytes  # the file as it is (the outputs carry a copy)
    tree: etree._ElementTree  # as toolkit.xmlio read it; builders read it, never change it
    node: object  # the document as Saxon parsed it (``SealedSaxon.load``), for the stylesheets of that Saxon
    root: str  # the root element's local name
    line: int | None  # the root element's line
    order: str  # the index headings' sort keys in collation order (``collation.collation_order``)

    def require(self, roots: tuple[str, ...], hint: str) -> None:
        """Refuse (``DocumentProblem``) a document whose root is none of ``roots``."""
        if self.root not in roots:
            raise DocumentProblem(Finding(
                file=str(self.source), line=self.line, code="build.not-tei",
                message=f"the root element is <{self.root}>, not a TEI document", hint=hint,
            ))


_memo: dict[tuple[str, SealedSaxon], Prepared] | None = None
_memo_bytes = 0


@contextmanager
def one_build():
    """Within the block, each document is prepared once (see the module's docstring)."""
    global _memo, _memo_bytes
    outer = _memo is not None
    if not outer:
        _memo, _memo_bytes = {}, 0
    try:
        yield
    finally:
        if not outer:
            _memo, _memo_bytes = None, 0


def prepare(source: Path, saxon: SealedSaxon) -> Prepared:
    """``source`` read, checked for entities Saxon could not read, parsed by ``saxon`` (whose
    stylesheets will run on it; it has index.xsl as ``collation.INDEX_DATA``) and collated;
    raises ``DocumentProblem`` for a document that cannot be built."""
    global _memo_bytes
    source = Path(source)
    try:
        data = read_bytes(source)
    except UnreadableDocument as error:
        raise DocumentProblem(error.finding) from None
    except OSError as error:
        raise DocumentProblem(Finding(file=str(source), code="io.unreadable",
                                      message=f"cannot read file: {error.strerror or error}")) from None
    key = (f"{source.resolve()}\0{hashlib.sha256(data).hexdigest()}", saxon)
    if _memo is not None and key in _memo:
        return _memo[key]
    prepared = _prepare(source, data, saxon)
    size = (TREE_BYTES_PER_BYTE + NODE_BYTES_PER_BYTE) * len(data)
    if _memo is not None and _memo_bytes + size <= MEMO_BYTES:
        _memo[key] = prepared
        _memo_bytes += size
    return prepared


def _prepare(source: Path, data: bytes, saxon: SealedSaxon) -> Prepared:
    try:
        document = document_from_bytes(source, data, tolerate_ids=True)
    except UnreadableDocument as error:
        raise DocumentProblem(error.finding) from None
    # What had to be worked around (an xml:id that is not an NCName) is a warning with file
    # and line, said once per build since the document is prepared once; an error (an xml:id
    # used twice would make two anchors of one name) stops it.
    for finding in document.findings:
        if finding.code == "xml.id-repeated":
            raise DocumentProblem(finding)
        if finding.code == "xml.id-not-ncname":
            print(f"{finding}\n  hint: {finding.hint}", file=sys.stderr)
    document = with_includes(document)
    root = document.root
    name = etree.QName(root).localname if isinstance(root.tag, str) else str(root.tag)
    try:
        node = saxon.load(document)
        order = collation_order(node, saxon) if name in TEI_ROOTS else ""
    except UndefinedEntity as error:
        raise DocumentProblem(Finding(file=str(source), line=error.line, code="build.entity", message=str(error),
                                      hint=error.hint)) from None
    except TransformError as error:
        raise transform_problem(source, error) from None
    return Prepared(source, data, document.tree, node, name, root.sourceline, order)


def with_includes(document: Document) -> Document:
    """The document with its XIncludes followed under ``teikit validate``'s rules: only files inside
    its project's folder (its own folder outside a project), nothing over the network, no loops.
    A refused include stops the document (``DocumentProblem``, on the include's file and line):
    built without it, its pages would silently lack what it was meant to hold."""
    expansion = _expansion(document)
    refused = [finding for finding in expansion.findings if finding.code == "xml.xinclude-refused"]
    if refused:
        first = refused[0]
        if len(refused) > 1:
            first = replace(first, message=f"{first.message} (and {len(refused) - 1} more refused XInclude(s))")
        raise DocumentProblem(first)
    return expansion.document


def included_bytes(source: Path, data: bytes) -> bytes:
    """The names and bytes of the files the document at ``source`` (holding ``data``) brings in by
    XInclude, for the keys of the build's cache: a changed chapter makes its document again."""
    return b"".join(b"\0included\0" + os.fsencode(path) + b"\0" + path.read_bytes()
                    for path in included_files(source, data))


def included_files(source: Path, data: bytes) -> list[Path]:
    """The files the document at ``source`` (holding ``data``) brings in by XInclude."""
    if XINCLUDE.encode("utf-8") not in data:
        return []
    try:
        document = Document(Path(source), data, parse_bytes(data, Path(source)))
    except UnreadableDocument:
        return []
    return [path for _, path, _ in _expansion(document).sources]


def _expansion(document: Document) -> xinclude.Expansion:
    if not xinclude.has_includes(document):  # most documents: no walk up the folders for a project file
        return xinclude.Expansion(document)
    project_file = find_project_file(document.path.parent)
    return xinclude.expand(document, project_file.parent if project_file is not None else None)


NOT_TEI_HINT = f"the outputs are made from TEI (root <TEI> in the namespace {TEI})"


def transform_problem(source: Path, error: TransformError) -> DocumentProblem:
    return DocumentProblem(Finding(file=str(source), code="build.transform", message=str(error),
                                   hint="the document could not be transformed; check it with `teikit validate`"))
