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
has none longer than two. Only siblings whose tail is whitespace are cut, so text
that would be an error stays in the skeleton.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
RUN_KEEP = 8
LARGE_CONTAINER = 64


@dataclass(frozen=True)
class RngError:
    line: int | None
    column: int | None
    type_name: str
    message: str


def element_definitions(grammar: etree._ElementTree) -> dict[str, str]:
    """Clark name of each element defined at the top of the grammar -> its define name."""
    root = grammar.getroot()
    default_ns = root.get("ns", "")
    definitions = {}
    for define in root.iter(f"{{{RNG_NS}}}define"):
        children = [child for child in define if isinstance(child.tag, str) and child.tag.startswith(f"{{{RNG_NS}}}")]
        if len(children) != 1 or children[0].tag != f"{{{RNG_NS}}}element":
            continue
        name = children[0].get("name")
        if not name or ":" in name:
            continue
        namespace = children[0].get("ns", _inherited_ns(children[0], default_ns))
        definitions[f"{{{namespace}}}{name}" if namespace else name] = define.get("name")
    return definitions


def _inherited_ns(node: etree._Element, default: str) -> str:
    for ancestor in node.iterancestors():
        if ancestor.get("ns") is not None:
            return ancestor.get("ns")
    return default


def widened_grammar(grammar: etree._ElementTree) -> tuple[etree._ElementTree, set[str], dict[str, str]]:
    """A copy of ``grammar`` whose start also accepts every top-level element definition.

    Returns the copy, the Clark names the original start accepts as document
    element, and the element -> define table.
    """
    widened = etree.ElementTree(etree.fromstring(etree.tostring(grammar)))
    definitions = element_definitions(widened)
    start = widened.getroot().find(f"{{{RNG_NS}}}start")
    if start is None:
        raise ValueError("the grammar has no top-level start")
    original_roots = _start_roots(widened, start, definitions)
    choice = etree.SubElement(start, f"{{{RNG_NS}}}choice")
    for child in list(start):
        if child is not choice:
            start.remove(child)
            choice.append(child)
    for define_name in sorted(set(definitions.values())):
        etree.SubElement(choice, f"{{{RNG_NS}}}ref", name=define_name)
    return widened, original_roots, definitions


def _start_roots(grammar, start, definitions) -> set[str]:
    by_define = {define: clark for clark, define in definitions.items()}
    refs = [ref.get("name") for ref in start.iter(f"{{{RNG_NS}}}ref")]
    return {by_define[name] for name in refs if name in by_define}


class ChunkedRelaxNG:
    """Validate documents against a widened grammar, cutting large containers into parts."""

    def __init__(self, grammar_path: Path):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        grammar = etree.parse(str(grammar_path), parser)
        widened, self.document_roots, self.definitions = widened_grammar(grammar)
        # include/externalRef hrefs resolve against the original grammar's location
        widened.getroot().base = grammar_path.resolve().as_uri()
        self.relaxng = etree.RelaxNG(widened)

    def validate(self, tree: etree._ElementTree | etree._Element) -> list[RngError]:
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        errors: list[RngError] = []
        if root.tag not in self.document_roots:
            errors.append(RngError(root.sourceline, None, "RELAXNG_ERR_ELEMWRONG",
                                   f"Did not expect element {etree.QName(root).localname} as document element"))
        pending = [root]
        while pending:
            part = pending.pop()
            cut = self._cut_long_runs(part)
            try:
                if not self.relaxng.validate(part):
                    errors.extend(_errors(self.relaxng.error_log))
            finally:
                _restore(cut)
            pending.extend(child for _, child in reversed(cut))
        # libxml2 reports some errors twice; keep one of each, in document order.
        return sorted(set(errors), key=lambda error: (error.line or 0, error.column or 0, error.message))

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


def _restore(cut: list[tuple[etree._Element, etree._Element]]) -> None:
    # Each cut element goes back after the sibling that preceded it; restoring in the
    # order of cutting puts that sibling back first (the first RUN_KEEP are never cut).
    for anchor, child in cut:
        anchor.addnext(child)


def _errors(log) -> list[RngError]:
    return [RngError(entry.line or None, entry.column or None, entry.type_name, entry.message) for entry in log]
