"""RELAX NG through lxml (libxml2): one schema's compiled grammars, reduced and full, and its validator.

``quick`` gives the verdict of the grammar reduced to the run's element names
(``toolkit.validation.reduced``); ``errors`` the full grammar's findings, compiled
only when a document needs them. Documents with an element of more than
``LARGE_RUN`` children (registers, large corpora in one file) are validated in parts
by ``toolkit.validation.chunked``, whose findings are then reported as they are.
A document the reduced grammar rejects is diagnosed by the derivative validator
(``toolkit.validation.derivatives``), else by libxml2's full grammar.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from toolkit.errors import Finding
from toolkit.namespaces import RELAXNG
from toolkit.validation import derivatives, hints
from toolkit.validation.catalog import Catalog
from toolkit.validation.chunked import ChunkedRelaxNG, NotStreamable, element_definitions
from toolkit.validation.positions import element_at, readable_xpath
from toolkit.validation.reduced import RNG_NS, reduced_grammar, reducible
from toolkit.validation.selection import SchemaRef
from toolkit.validation.validator import SchemaFailed, SchemaValidator, confine, first_error, read_schema
from toolkit.xmlio import Document, entities_as_text

# An element with more children than this is validated in parts: libxml2's time grows
# steeply with the number of siblings (a register of 2,000 places takes seconds).
LARGE_RUN = 1000


class RelaxNG:
    """A compiled grammar, possibly reduced to a set of element names.

    ``quick(tree)`` answers valid/invalid with the reduced grammar (None when the
    document uses an element outside the set); ``errors(tree)`` gives libxml2's
    error entries from the full grammar, whose messages name what was expected.
    The full grammar is compiled only when asked for (``compile_full``).
    """

    def __init__(self, tree: etree._ElementTree, path: Path, names: frozenset[str] | None = None,
                 data: bytes | None = None):
        self.path = path
        self.source = tree
        self.names = names if names is not None and reducible(tree) else None
        self.reduced: etree.RelaxNG | None = None
        self.full: etree.RelaxNG | None = None
        self.chunked = None
        self.part_roots: set[str] | None = None
        # Whether rejected documents are diagnosed apart (``errors`` then is a cross-check):
        # decided by the grammar, never by which documents a run holds.
        self.diagnosed = self.names is not None
        if self.names is not None:
            try:
                self.reduced = etree.RelaxNG(reduced_grammar(tree, path, self.names, data))
            except etree.RelaxNGParseError:
                # libxml2 refuses some patterns once notAllowed appears in them (an attribute
                # beside a zeroOrMore of notAllowed): the full grammar then gives the verdict.
                self.names = None
        if self.names is None:
            self.full = etree.RelaxNG(tree)

    def quick(self, tree: etree._ElementTree) -> bool | None:
        """The verdict alone (None: none without the full grammar's messages)."""
        # No check that the document's elements are among the names: the reduced grammar
        # accepts no document the full one rejects, and what it rejects is diagnosed in full.
        grammar = self.reduced if self.reduced is not None else self.full if self.diagnosed else None
        if grammar is None:
            return None
        return bool(grammar.validate(tree))

    def large(self, tree: etree._ElementTree) -> bool:
        """Whether libxml2 would crawl through this document (a run of thousands of siblings)."""
        if not any(len(element) > LARGE_RUN for element in tree.iter(etree.Element)):
            return False
        return tree.getroot().tag in self._part_roots()

    def _part_roots(self) -> set[str]:
        """Document elements the parts validator handles: those the start reaches through a define."""
        if self.part_roots is None:
            self.part_roots = set()
            root = self.source.getroot()
            if root.tag == f"{{{RNG_NS}}}grammar" and reducible(self.source) \
                    and next(root.iterdescendants(f"{{{RNG_NS}}}grammar"), None) is None:
                by_define = {define: name for name, define in element_definitions(self.source).items()}
                for start in root.findall(f"{{{RNG_NS}}}start"):
                    self.part_roots |= {by_define[ref.get("name")] for ref in start.iter(f"{{{RNG_NS}}}ref")
                                        if ref.get("name") in by_define}
        return self.part_roots

    def errors_in_parts(self, tree: etree._ElementTree) -> list:
        """Errors of a large document, validated in parts (``toolkit.validation.chunked``)."""
        if self.chunked is None:
            self.chunked = ChunkedRelaxNG(self.path)
        return self.chunked.validate(tree)

    def errors_streamed(self, path: Path, names: frozenset[str] | None = None):
        """(errors, skeleton tree) of a document validated in parts as it is read
        (``ChunkedRelaxNG.validate_file``); raises ValueError for a grammar of several files."""
        if not self._part_roots():
            raise ValueError("this grammar cannot validate documents in parts")
        if self.chunked is None:
            self.chunked = ChunkedRelaxNG(self.path)
        return self.chunked.validate_file(path, names)

    def compile_full(self) -> None:
        if self.full is None:
            self.full = etree.RelaxNG(self.source)

    def errors(self, tree: etree._ElementTree) -> list:
        self.compile_full()
        if self.full.validate(tree):
            return []
        return list(self.full.error_log)


class RelaxNGValidator(SchemaValidator):
    """A RELAX NG schema as a run uses it: the verdict from the reduced grammar, findings from
    the full one (or from the parts validator for a document with thousands of siblings)."""

    def __init__(self, grammar: RelaxNG):
        self.grammar = grammar

    @classmethod
    def compile(cls, ref: SchemaRef, names: frozenset[str] | None = None,
                catalog: Catalog | None = None) -> RelaxNGValidator:
        data, tree = read_schema(ref.path)
        confine(ref, catalog)
        for element in tree.iter(f"{{{RELAXNG}}}include", f"{{{RELAXNG}}}externalRef"):
            href = element.get("href", "")
            scheme = urlsplit(href).scheme
            if scheme and len(scheme) > 1 and scheme != "file":
                # libxml2 reads included files itself: it is handed the local copy the catalog names.
                element.set("href", catalog.lookup(href).resolve().as_uri())
        try:
            return cls(RelaxNG(tree, ref.path, names, data))
        except etree.RelaxNGParseError as error:
            raise SchemaFailed(first_error(error.error_log) or str(error)) from None

    def quick_verdict(self, document: Document) -> bool | None:
        return self._quick_verdict(as_judged(document))

    def _quick_verdict(self, document: Document) -> bool | None:
        if not self.grammar.diagnosed or self.grammar.large(document.tree):
            return None
        return self.grammar.quick(document.tree)

    def iter_findings(self, document: Document) -> list[Finding]:
        document = as_judged(document)
        if self.grammar.large(document.tree):
            return _findings(self.grammar.errors_in_parts(document.tree), document)
        if self._quick_verdict(document):
            return []
        return self._full_findings(document)

    def _full_findings(self, judged: Document) -> list[Finding]:
        """libxml2's findings from the full grammar, compiled now if it was not, for a document
        already read as judged (``as_judged``: walking the tree for references again costs time)."""
        return _findings(self.grammar.errors(judged.tree), judged)

    def diagnose(self, document: Document) -> list[Finding]:
        """The findings of a document the reduced grammar rejected, from the full grammar: by the
        derivative validator (it reads only what the document reaches); libxml2's full grammar
        (seconds to compile) only where the derivative validator cannot read the grammar, or
        finds nothing where the reduced grammar found an error (they disagree: the full grammar
        settles it)."""
        document = as_judged(document)
        return derivatives.findings(self.grammar.path, document) or self._full_findings(document)

    def prepare_diagnosis(self, bounded=lambda compile_full: compile_full()) -> None:
        """Read the full grammar now, before workers fork (the derivative validator's; libxml2
        compiles its own only for a document the derivative validator cannot diagnose, through
        ``bounded``, which may first try it within a budget)."""
        try:
            derivatives.load(self.grammar.path)
        except Exception:  # noqa: BLE001 - libxml2 diagnoses what the derivative validator cannot read
            bounded(self.grammar.compile_full)

    def streamed(self, path: Path, names: frozenset[str] | None) -> tuple[list[Finding], etree._ElementTree] | None:
        """The findings of a large document read as a stream, with its skeleton tree; None when
        the grammar cannot check it that way (the document is then read whole)."""
        try:
            errors, skeleton = self.grammar.errors_streamed(path, names)
        except (etree.XMLSyntaxError, NotStreamable, ValueError, RecursionError):
            return None
        return _findings(errors, Document(path, b"", skeleton, [])), skeleton


def as_judged(document: Document) -> Document:
    """The document as every RELAX NG check reads it: an entity reference left unexpanded (its
    declaration is reported by the reading) is the text ``&name;``, as the derivative validator
    and Schematron read it. Left in the tree, libxml2 skips it in an element whose model it
    compiled to an automaton and calls it extra content elsewhere: the reduced grammar rejected
    what the full one accepts, and the full one was compiled (seconds) to find nothing."""
    tree = entities_as_text(document.tree)
    return document if tree is document.tree else replace(document, tree=tree)


def _findings(errors: list, document: Document) -> list[Finding]:
    findings, seen = [], set()
    for entry in errors:
        key = (entry.line, entry.type_name, entry.message)
        if key in seen:
            continue
        seen.add(key)
        element = element_at(document.tree, getattr(entry, "path", None))
        findings.append(Finding(
            file=str(document.path), line=entry.line or (element.sourceline if element is not None else None),
            column=entry.column or None, code=f"rng.{entry.type_name}", message=entry.message.strip(),
            xpath=readable_xpath(element) if element is not None else getattr(entry, "path", None),
            hint=hints.relaxng(entry.type_name),
        ))
    return findings
