"""What a RELAX NG grammar allows inside each element: names for completion.

For every element name the grammar defines, the child elements and attributes
its content model can reach (following references, not entering nested
elements), each with the grammar's own one-line documentation.  Order and
cardinality are not considered: completion offers every name the element may
contain, and validation says when one is out of place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from toolkit.namespaces import RELAXNG_ANNOTATIONS, XML
from toolkit.validation.reduced import RNG_NS, clark_name
from toolkit.xmlio import parse_bytes, read_bytes

ANNOTATIONS_NS = RELAXNG_ANNOTATIONS
XML_NS = XML
MAX_INCLUDES = 50
_RNG = f"{{{RNG_NS}}}"


@dataclass
class Allowed:
    """What one element may hold: child element names and attribute names (Clark notation)."""

    elements: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    text: bool = False


@dataclass
class Grammar:
    content: dict[str, Allowed]  # by element name
    roots: set[str]  # elements the start pattern allows as document element
    documentation: dict[str, str]  # element name, or "element@attribute", to its description

    @classmethod
    def load(cls, path: Path) -> Grammar:
        defines: dict[str, list[etree._Element]] = {}
        starts: list[etree._Element] = []
        elements: list[etree._Element] = []
        for tree in _grammar_files(path):
            for define in tree.iter(f"{_RNG}define"):
                defines.setdefault(define.get("name"), []).append(define)
            starts += tree.getroot().findall(f"{_RNG}start")
            if tree.getroot().tag == f"{_RNG}element":
                starts.append(tree.getroot())
            elements += tree.getroot().iter(f"{_RNG}element")
        reached: dict[str, Allowed] = {}

        def reach(pattern: etree._Element, into: Allowed, seen: set[str]) -> None:
            for child in pattern:
                if not isinstance(child.tag, str) or not child.tag.startswith(_RNG):
                    continue
                kind = child.tag[len(_RNG):]
                if kind == "element":
                    name = clark_name(child)
                    if name:
                        into.elements.add(name)
                elif kind == "attribute":
                    name = _attribute_name(child)
                    if name:
                        into.attributes.add(name)
                elif kind == "ref":
                    target = child.get("name")
                    if target not in seen:
                        seen.add(target)
                        for define in defines.get(target, []):
                            reach(define, into, seen)
                elif kind in ("text", "mixed"):
                    into.text = True
                    reach(child, into, seen)
                elif kind not in ("name", "anyName", "nsName", "except", "data", "value", "list", "param"):
                    reach(child, into, seen)

        content: dict[str, Allowed] = {}
        documentation: dict[str, str] = {}
        for element in elements:
            name = clark_name(element)
            if not name:
                continue
            allowed = content.setdefault(name, Allowed())
            reach(element, allowed, set())
            if (text := _documentation(element)) and name not in documentation:
                documentation[name] = text
            for attribute in _attributes_of(element, defines):
                attribute_name = _attribute_name(attribute)
                if attribute_name and (text := _documentation(attribute)):
                    documentation.setdefault(f"{name}@{attribute_name}", text)
        roots = Allowed()
        for start in starts:
            if start.tag == f"{_RNG}element":
                roots.elements.add(clark_name(start) or "")
            else:
                reach(start, roots, set())
        del reached
        return cls(content=content, roots=roots.elements - {""}, documentation=documentation)

    def children(self, parent: str | None) -> set[str]:
        """Element names allowed inside ``parent`` (the document element's when None)."""
        if parent is None:
            return set(self.roots)
        return set(self.content[parent].elements) if parent in self.content else set()

    def attributes(self, element: str) -> set[str]:
        return set(self.content[element].attributes) if element in self.content else set()


def _attributes_of(element: etree._Element, defines: dict[str, list[etree._Element]]):
    """The attribute patterns an element pattern reaches, for their documentation."""
    pending, seen = [element], set()
    while pending:
        for child in pending.pop():
            if not isinstance(child.tag, str):
                continue
            if child.tag == f"{_RNG}attribute":
                yield child
            elif child.tag == f"{_RNG}ref" and child.get("name") not in seen:
                seen.add(child.get("name"))
                pending += defines.get(child.get("name"), [])
            elif child.tag != f"{_RNG}element" and child.tag.startswith(_RNG):
                pending.append(child)


def _attribute_name(attribute: etree._Element) -> str | None:
    name = (attribute.get("name") or "").strip()
    if not name:
        return None
    if ":" in name:
        prefix, local = name.split(":", 1)
        namespace = XML_NS if prefix == "xml" else attribute.nsmap.get(prefix)
        return f"{{{namespace}}}{local}" if namespace else None
    namespace = attribute.get("ns") or ""  # attributes take no namespace from their ancestors
    return f"{{{namespace}}}{name}" if namespace else name


def _documentation(pattern: etree._Element) -> str | None:
    found = pattern.find(f"{{{ANNOTATIONS_NS}}}documentation")
    if found is None:
        return None
    return " ".join("".join(found.itertext()).split()) or None


def _grammar_files(path: Path):
    """The grammar's file and every local file it includes (never anything from the network)."""
    pending, seen = [path.resolve()], set()
    while pending and len(seen) < MAX_INCLUDES:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        tree = parse_bytes(read_bytes(current), current)
        yield tree
        for reference in tree.iter(f"{_RNG}include", f"{_RNG}externalRef"):
            parts = urlsplit(reference.get("href", ""))
            if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file" or not parts.path:
                continue
            target = Path(unquote(parts.path))
            pending.append(target if target.is_absolute() else current.parent / target)
