"""RELAX NG through lxml (libxml2), with grammars reduced to the elements a run uses.

Compiling tei_all.rng costs libxml2 seconds, nearly all of it spent on the
hundreds of element definitions a given set of documents never uses.  A pattern
``<element name="X">`` can only ever match an element named X, so for documents
in which no element is named X it may be replaced by ``<notAllowed/>`` without
changing any verdict: a document is valid against the reduced grammar exactly
when it is valid against the full one (dead patterns are then simplified away,
see ``reduce_grammar``).  The reduced grammar compiles in milliseconds.  Reduced grammars are cached on disk, keyed by the schema's bytes
and the set of element names, so a repeated command skips the rewriting too.

The reduced grammar only gives the verdict.  libxml2's messages depend on the
grammar's shape ("expecting element X" names what the full grammar allows), so
the findings of a document the reduced grammar rejects come from the full
grammar, compiled once when the first such document turns up.  Findings are
therefore exactly those of the full grammar, and valid documents never pay for
it.  Grammars with includes are not reduced; element patterns with name classes
are kept.

The compiled grammars, reduced and full, are held by ``toolkit.validation.relaxng``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from toolkit import resources
from toolkit.atomic import write_bytes
from toolkit.namespaces import RELAXNG
from toolkit.xmlio import parse_bytes

RNG_NS = RELAXNG
CACHE_VERSION = b"reduced-rng-6"
NEVER = "teikit.reduced.never"  # the one notAllowed define dead patterns refer to


def element_names(tree: etree._ElementTree) -> set[str]:
    """Clark names of every element in the document."""
    return {element.tag for element in tree.iter(etree.Element)}  # elements only: no test per node


def reducible(grammar: etree._ElementTree) -> bool:
    """Only self-contained grammars: included files could define elements we do not see."""
    root = grammar.getroot()
    if root.tag not in (f"{{{RNG_NS}}}grammar", f"{{{RNG_NS}}}element"):
        return False
    return next(root.iter(f"{{{RNG_NS}}}include", f"{{{RNG_NS}}}externalRef"), None) is None


def reduced_grammar(grammar: etree._ElementTree, path: Path, names: frozenset[str],
                    data: bytes | None = None) -> etree._ElementTree:
    """The grammar with every element pattern for a name not in ``names`` made notAllowed (cached).

    ``data`` are the schema file's bytes, the cheapest key for the grammar.
    """
    digest = hashlib.sha256(CACHE_VERSION)
    digest.update(data if data is not None else etree.tostring(grammar))
    digest.update(str(path.resolve()).encode("utf-8"))
    digest.update("\n".join(sorted(names)).encode("utf-8"))
    cached = resources.cache_dir() / "relaxng" / f"{digest.hexdigest()}.rng"
    if cached.is_file():
        try:
            return parse_bytes(cached.read_bytes(), path.resolve())
        except Exception:  # a damaged cache entry is rebuilt
            pass
    reduced = reduce_grammar(grammar, names)
    try:
        write_bytes(cached, etree.tostring(reduced, xml_declaration=True, encoding="UTF-8"))
    except OSError:
        pass  # no cache: slower next time, same result
    # Parsed back with the schema's own location, so relative references behave as in the original.
    return parse_bytes(etree.tostring(reduced), path.resolve())


def reduce_grammar(grammar: etree._ElementTree, names: frozenset[str]) -> etree._ElementTree:
    """Element patterns for absent names become a reference to notAllowed, then simplified away.

    libxml2 validates a content model several times more slowly while a dead
    pattern (one that matches nothing) is reachable in it, and its own
    simplification of notAllowed does not look through references.  So the
    reduction applies RELAX NG's simplification rules (section 4.19) with
    references followed:

    * a group, oneOrMore, list, mixed, interleave or attribute with a dead part is
      dead; a choice is dead when all its alternatives are, otherwise it loses the
      dead ones; a define whose body is dead is dead, and so is a reference to it;
    * an optional with dead content becomes empty (for up to ``EMPTYING_MAX_NAMES``
      element names, see there).

    Dead patterns left in place are references to one notAllowed define, never a
    notAllowed element: libxml2 rewrites those itself, wrongly for zeroOrMore
    (into notAllowed instead of empty).  Each rule keeps the language, so a
    document is valid against the reduced grammar exactly when it is valid against
    the full one.  Dead element patterns and zeroOrMores are kept (see below).
    """
    reduced = etree.ElementTree(etree.fromstring(etree.tostring(grammar)))
    root = reduced.getroot()
    for element in list(root.iter(f"{{{RNG_NS}}}element")):
        name = clark_name(element)
        if name is None or name in names:
            continue
        _replace(element, "ref", name=NEVER)
    never = etree.SubElement(root, f"{{{RNG_NS}}}define", name=NEVER)
    etree.SubElement(never, f"{{{RNG_NS}}}notAllowed")
    _simplify_not_allowed(root, _MAY_BE_EMPTY if len(names) <= EMPTYING_MAX_NAMES else frozenset())
    return reduced


# Patterns that match nothing as soon as one of their parts matches nothing.  An element
# with dead content is such a pattern too, but marking it dead empties the choices around
# it and libxml2 then builds automata so large that compiling takes minutes.
_ALL_PARTS = frozenset({"group", "interleave", "oneOrMore", "list", "mixed", "attribute"})
# An optional with dead content is the empty sequence.  This is the rule that makes
# libxml2 compile content models to automata (and validate twice as fast); but with
# many element names kept, those automata can grow so large that compiling takes
# minutes (tei_all kept at 250 of its 587 elements, drawn at random, did once; 100
# never did), so larger sets keep the optional's dead reference.  zeroOrMore is never
# made empty: tei_all reduced to the essay's 80 elements then compiled for minutes.
_MAY_BE_EMPTY = frozenset({"optional"})
EMPTYING_MAX_NAMES = 100


def _simplify_not_allowed(root: etree._Element, may_be_empty: frozenset[str]) -> None:
    defines: dict[str, list[etree._Element]] = {}
    for define in root.iter(f"{{{RNG_NS}}}define"):
        defines.setdefault(define.get("name"), []).append(define)
    # Only defines given once, without combine, are followed (tei_all has no other kind).
    simple = {name: parts[0] for name, parts in defines.items()
              if len(parts) == 1 and parts[0].get("combine") is None}
    dead: set[str] = set()

    def is_dead(pattern: etree._Element) -> bool:
        kind = etree.QName(pattern).localname
        if kind == "notAllowed":
            return True
        if kind == "ref":
            return pattern.get("name") in dead
        if kind == "choice":
            return all(is_dead(child) for child in _patterns(pattern))
        if kind in _ALL_PARTS:
            return any(is_dead(child) for child in _patterns(pattern))
        return False  # optional, zeroOrMore, empty, text, data, value, parentRef, ...

    changed = True
    while changed:
        changed = False
        for name, define in simple.items():
            if name not in dead and any(is_dead(child) for child in _patterns(define)):
                dead.add(name)
                changed = True

    def rewrite(node: etree._Element) -> None:
        """Simplify below a live ``node`` (a define or start counts as live here)."""
        for child in _patterns(node):
            kind = etree.QName(child).localname
            if is_dead(child):
                if etree.QName(node).localname == "choice":
                    _remove(child)
                elif not (kind == "ref" and child.get("name") == NEVER):
                    _replace(child, "ref", name=NEVER)
            elif kind in may_be_empty and any(is_dead(part) for part in _patterns(child)):
                _replace(child, "empty")
            else:
                rewrite(child)

    for name, define in simple.items():
        if name in dead:
            for child in _patterns(define):
                define.remove(child)
            etree.SubElement(define, f"{{{RNG_NS}}}notAllowed")
    for node in root.iter(f"{{{RNG_NS}}}define", f"{{{RNG_NS}}}start"):
        if node.get("name") not in dead:
            rewrite(node)


def _replace(pattern: etree._Element, kind: str, **attributes: str) -> None:
    replacement = etree.Element(f"{{{RNG_NS}}}{kind}", **attributes)
    replacement.tail = pattern.tail
    pattern.getparent().replace(pattern, replacement)


def _remove(pattern: etree._Element) -> None:
    parent, previous = pattern.getparent(), pattern.getprevious()
    if pattern.tail:  # keep the whitespace layout of the file
        if previous is not None:
            previous.tail = (previous.tail or "") + pattern.tail
        else:
            parent.text = (parent.text or "") + pattern.tail
    parent.remove(pattern)


def _patterns(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str) and child.tag.startswith(f"{{{RNG_NS}}}")
            and etree.QName(child).localname not in ("name", "anyName", "nsName", "except", "param", "div")]


def clark_name(element: etree._Element) -> str | None:
    """The one name an element pattern matches, or None when it is a name class."""
    name = (element.get("name") or "").strip()
    if not name or element.getparent() is None:
        return None
    if ":" in name:
        prefix, local = name.split(":", 1)
        namespace = element.nsmap.get(prefix)
        if namespace is None:
            return None
        return f"{{{namespace}}}{local}"
    namespace = ""
    node = element
    while node is not None:
        if node.get("ns") is not None:
            namespace = node.get("ns")
            break
        node = node.getparent()
    return f"{{{namespace}}}{name}" if namespace else name
