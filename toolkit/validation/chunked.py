"""RELAX NG validation of large documents in parts, with the grammar's own definitions.

libxml2's RELAX NG validator slows down steeply when one element has thousands
of children (a register of 2,000 persons takes seconds, 20,000 takes hours),
while each child on its own validates in microseconds. So a large document is
validated as:

* a skeleton: the document with every long run of same-named siblings cut down to
  its first ``RUN_KEEP`` members, and
* each element cut out, validated on its own against the grammar's definition of
  that element (every element definition is added to the grammar's start), and
  itself split the same way when it is large.

TEI content models are context-free (one definition per element name), so a child
is valid in place exactly when it is valid against its own definition. Cutting a
run of ``k >= RUN_KEEP`` identical siblings down to ``RUN_KEEP`` keeps the verdict
for content models whose bounded repetitions are shorter than ``RUN_KEEP``; tei_all
has none longer than three (a test checks it). Only siblings whose tail is
whitespace are cut, so text that would be an error stays in the skeleton.

The grammar is first reduced to the elements the document uses
(``toolkit.validation.reduced``), so it compiles in milliseconds.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit.namespaces import RELAXNG, XINCLUDE as XINCLUDE_NS
from toolkit.validation.reduced import clark_name, reduce_grammar
from toolkit.xmlio import SAFE_PARSING

RNG_NS = RELAXNG
RUN_KEEP = 8
LARGE_CONTAINER = 64
COMPILED_GRAMMARS_KEPT = 32


@dataclass(frozen=True)
class RngError:
    line: int | None
    column: int | None
    type_name: str
    message: str


def element_definitions(grammar: etree._ElementTree) -> dict[str, str]:
    """Clark name of each element defined on its own at the top of the grammar -> its define name."""
    definitions = {}
    for define in grammar.getroot().iter(f"{{{RNG_NS}}}define"):
        element = _single_element(define)
        if element is not None and ":" not in element.get("name"):
            definitions[clark_name(element)] = define.get("name")
    return definitions


def partable_grammar(grammar: etree._ElementTree, used: frozenset[str]) -> tuple[etree._ElementTree, set[str]]:
    """``grammar`` reduced to the elements ``used`` (Clark names), its start accepting each of them.

    The widened start lets parts of a document be validated on their own. Returns
    the grammar and the Clark names the original start accepts as document element.
    """
    definitions = element_definitions(grammar)
    reduced = reduce_grammar(grammar, used)
    start = reduced.getroot().find(f"{{{RNG_NS}}}start")
    if start is None:
        raise ValueError("the grammar has no top-level start")
    original_roots = _start_roots(start, definitions)
    choice = etree.SubElement(start, f"{{{RNG_NS}}}choice")
    for child in list(start):
        if child is not choice:
            start.remove(child)
            choice.append(child)
    for clark in sorted(used & definitions.keys()):
        etree.SubElement(choice, f"{{{RNG_NS}}}ref", name=definitions[clark])
    return reduced, original_roots


def _single_element(define: etree._Element) -> etree._Element | None:
    children = [child for child in define if isinstance(child.tag, str) and child.tag.startswith(f"{{{RNG_NS}}}")]
    if len(children) == 1 and children[0].tag == f"{{{RNG_NS}}}element" and children[0].get("name"):
        return children[0]
    return None


def _start_roots(start, definitions) -> set[str]:
    by_define = {define: clark for clark, define in definitions.items()}
    refs = [ref.get("name") for ref in start.iter(f"{{{RNG_NS}}}ref")]
    return {by_define[name] for name in refs if name in by_define}


class ChunkedRelaxNG:
    """A RELAX NG grammar (XML syntax, one file) that validates documents in parts.

    Reduced grammars are compiled per set of element names and kept, so a corpus of
    similar documents compiles a handful of times at most.
    """

    def __init__(self, grammar_path: Path):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        self.grammar = etree.parse(str(grammar_path), parser)
        if self.grammar.getroot().tag != f"{{{RNG_NS}}}grammar" or _has_external_parts(self.grammar):
            raise ValueError(f"{grammar_path}: only single-file RELAX NG grammars can be validated in parts")
        self.definitions = element_definitions(self.grammar)
        self._compiled: OrderedDict[frozenset[str], tuple[etree.RelaxNG, set[str]]] = OrderedDict()

    def _validator(self, used: frozenset[str]) -> tuple[etree.RelaxNG, set[str]]:
        if used in self._compiled:
            self._compiled.move_to_end(used)
        else:
            reduced, roots = partable_grammar(self.grammar, used)
            self._compiled[used] = (etree.RelaxNG(reduced), roots)
            if len(self._compiled) > COMPILED_GRAMMARS_KEPT:
                self._compiled.popitem(last=False)
        return self._compiled[used]

    def validate(self, tree: etree._ElementTree | etree._Element) -> list[RngError]:
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        used = frozenset(node.tag for node in root.iter() if isinstance(node.tag, str))
        relaxng, document_roots = self._validator(used)
        errors = _root_errors(root, document_roots)
        self._check_parts(root, relaxng, errors)
        return _in_order(errors)

    def _check_parts(self, part: etree._Element, relaxng: etree.RelaxNG, errors: list[RngError]) -> None:
        """Validate ``part`` with its long runs cut, then each cut element the same way."""
        pending = [part]
        while pending:
            part = pending.pop()
            cut = self._cut_long_runs(part)
            try:
                if not relaxng.validate(part):
                    errors.extend(_errors(relaxng.error_log))
            finally:
                _restore(cut)
            pending.extend(child for _, child in reversed(cut))

    def validate_file(self, path: Path, names: frozenset[str] | None = None) -> tuple[list[RngError], etree._ElementTree]:
        """Validate a document as it is read, never holding all of it: memory stays near the
        size of its skeleton however long its registers are.

        Two passes over the file: one for the element names (which grammar to compile;
        skipped when ``names``, a superset, is given), one that validates each member of a long run as soon as it is read, on its own,
        and then drops it. Returns the errors and the skeleton, which keeps everything but
        the dropped members. Raises ``etree.XMLSyntaxError`` on a malformed document and
        ``NotStreamable`` on one that needs the whole tree (XInclude).
        """
        relaxng, document_roots = self._validator(names if names is not None else streamed_element_names(path))
        errors: list[RngError] = []
        runs: list[list] = []  # per open element: [tag of the current run of children, its length]
        positions: dict[int, int] = {}  # id of an open element -> its place in its run of siblings
        validated: list[etree._Element] = []  # checked on their own; dropped once their tail is read
        root = None
        for event, node in etree.iterparse(str(path), events=("start", "end", "comment", "pi"), **SAFE_PARSING):
            for element in validated:
                if not (element.tail or "").strip():
                    element.getparent().remove(element)
            validated.clear()
            if event == "start":
                if node.tag.startswith(XINCLUDE):
                    raise NotStreamable("XInclude elements are checked on the whole tree")
                if runs:
                    run = runs[-1]
                    run[1] = run[1] + 1 if node.tag == run[0] else 1
                    run[0] = node.tag
                    positions[id(node)] = run[1]
                else:
                    root = node
                runs.append([None, 0])
            elif event == "end":
                runs.pop()
                place = positions.pop(id(node), 0)
                parent = node.getparent()
                if (place > RUN_KEEP and parent is not None and node.tag in self.definitions
                        and parent.tag in self.definitions):
                    # As in validate(): a member of a long run is valid in place exactly when
                    # it is valid against its own definition.
                    if not relaxng.validate(node):
                        errors.extend(_errors(relaxng.error_log))
                    validated.append(node)
            elif runs:  # a comment or processing instruction ends a run, as in _removals
                runs[-1][:] = [None, 0]
        errors += _root_errors(root, document_roots)
        self._check_parts(root, relaxng, errors)
        return _in_order(errors), root.getroottree()

    def _cut_long_runs(self, part: etree._Element) -> list[tuple[etree._Element, etree._Element]]:
        """Detach the members of long same-name runs beyond the first RUN_KEEP, under ``part``."""
        cut = []
        stack = [part]
        while stack:
            node = stack.pop()
            children = [child for child in node if isinstance(child.tag, str)]
            if len(children) > LARGE_CONTAINER and node.tag in self.definitions:
                removals = self._removals(node)
                anchors = [child.getprevious() for child in removals]
                for child in removals:
                    node.remove(child)
                cut.extend(zip(anchors, removals))
                removed = {id(child) for child in removals}
                children = [child for child in children if id(child) not in removed]
            stack.extend(children)
        return cut

    def _removals(self, node: etree._Element) -> list[etree._Element]:
        removals = []
        run_tag, run_length = None, 0
        for child in node:
            if not isinstance(child.tag, str):
                run_tag, run_length = None, 0
                continue
            run_length = run_length + 1 if child.tag == run_tag else 1
            run_tag = child.tag
            if run_length > RUN_KEEP and child.tag in self.definitions and not (child.tail or "").strip():
                removals.append(child)
        return removals


def _has_external_parts(grammar: etree._ElementTree) -> bool:
    root = grammar.getroot()
    external = root.iter(f"{{{RNG_NS}}}include", f"{{{RNG_NS}}}externalRef")
    nested = root.iterdescendants(f"{{{RNG_NS}}}grammar")
    return next(external, None) is not None or next(nested, None) is not None


def _restore(cut: list[tuple[etree._Element, etree._Element]]) -> None:
    # Each cut element goes back after the sibling that preceded it; restoring in the
    # order of cutting puts that sibling back first (the first RUN_KEEP are never cut).
    for anchor, child in cut:
        anchor.addnext(child)


class NotStreamable(Exception):
    """The document needs its whole tree to be checked; read it whole instead."""


XINCLUDE = "{" + XINCLUDE_NS + "}"


def streamed_element_names(path: Path) -> frozenset[str]:
    """Clark names of every element of a document, read without keeping it."""
    names: set[str] = set()
    for _event, element in etree.iterparse(str(path), events=("end",), **SAFE_PARSING):
        if isinstance(element.tag, str):
            names.add(element.tag)
        element.clear(keep_tail=True)
        parent = element.getparent()  # None for the root, whose siblings are the prolog's PIs
        while parent is not None and element.getprevious() is not None:
            del parent[0]
    return frozenset(names)


def _root_errors(root: etree._Element, document_roots: set[str]) -> list[RngError]:
    if root.tag in document_roots:
        return []
    return [RngError(root.sourceline, None, "RELAXNG_ERR_ELEMWRONG",
                     f"Did not expect element {etree.QName(root).localname} as document element")]


def _in_order(errors: list[RngError]) -> list[RngError]:
    # libxml2 reports some errors twice; keep one of each, in document order.
    return sorted(set(errors), key=lambda error: (error.line or 0, error.column or 0, error.message))


def _errors(log) -> list[RngError]:
    return [RngError(entry.line or None, entry.column or None, entry.type_name, entry.message) for entry in log]
