"""RELAX NG through lxml (libxml2): one schema's compiled grammars, reduced and full.

``quick`` gives the verdict of the grammar reduced to the run's element names
(``toolkit.validation.reduced``); ``errors`` the full grammar's findings, compiled
only when a document needs them. Documents with an element of more than
``LARGE_RUN`` children (registers, large corpora in one file) are validated in parts
by ``toolkit.validation.chunked``, whose findings are then reported as they are.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.validation.chunked import ChunkedRelaxNG, element_definitions
from toolkit.validation.reduced import RNG_NS, reduced_grammar, reducible

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
        if self.names is not None:
            try:
                self.reduced = etree.RelaxNG(reduced_grammar(tree, path, self.names, data))
            except etree.RelaxNGParseError:
                # libxml2 refuses some patterns once notAllowed appears in them (an attribute
                # beside a zeroOrMore of notAllowed): the full grammar then does the work.
                self.names = None
        if self.names is None:
            self.full = etree.RelaxNG(tree)

    def quick(self, tree: etree._ElementTree) -> bool | None:
        # No check that the document's elements are among the names: the reduced grammar
        # accepts no document the full one rejects, and what it rejects is diagnosed in full.
        if self.reduced is None:
            return None
        return bool(self.reduced.validate(tree))

    def large(self, tree: etree._ElementTree) -> bool:
        """Whether libxml2 would crawl through this document (a run of thousands of siblings)."""
        if not any(len(element) > LARGE_RUN for element in tree.iter()):
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
