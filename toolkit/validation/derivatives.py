"""RELAX NG validation by derivatives (James Clark's algorithm), to say why a document is invalid.

libxml2 needs seconds to compile a grammar as large as tei_all before it can say
anything about a document; the reduced grammar (``reduced``) gives the verdict in
milliseconds but its messages only know the reduced grammar.  This validator reads
the full grammar as it goes: a define is simplified when a reference first reaches
it, an element's content when an element of that name is first met, so a document
costs only the part of the grammar it touches.

The algorithm (Clark, "An algorithm for RELAX NG validation", 2002): the pattern
that remains after a start tag, an attribute, a piece of text or an end tag is the
derivative of the pattern before it; a document is valid when what remains after
its root accepts the empty sequence.  Patterns are interned, so equal patterns are
one object and derivatives are memoised per pattern.  When a derivative is
``notAllowed`` the validator reports why, in Jing's words (what was found, what was
expected), and goes on as if the offending item were absent, so that one run reports
every error with its element and line.

Grammars with ``include``, ``externalRef``, nested grammars or datatypes this module
does not know raise ``Unsupported``: the caller then relies on libxml2.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from toolkit.namespaces import RELAXNG, XML
from toolkit.validation import datatypes

RNG_NS = RELAXNG
_R = f"{{{RNG_NS}}}"
XML_NS = XML
MAX_ERRORS = 200  # a document broken throughout gets the first ones


class Unsupported(Exception):
    """The grammar uses a construct this validator leaves to libxml2."""


# --- patterns ------------------------------------------------------------------------------------

EMPTY, NOT_ALLOWED, TEXT, CHOICE, INTERLEAVE, GROUP, ONE_OR_MORE, LIST, DATA, VALUE, ATTRIBUTE, ELEMENT, AFTER = range(13)


class Pattern:
    """An interned pattern: ``kind``, operands ``a`` and ``b``; ``nullable`` precomputed.

    For CHOICE, ``a`` is a frozenset of alternatives (never a CHOICE); DATA holds
    (library, type, params, except pattern), VALUE (library, type, value); ELEMENT holds
    its name class and a ``Content`` read when first needed.
    """

    __slots__ = ("kind", "a", "b", "nullable", "plain_text", "memo")

    def __init__(self, kind: int, a=None, b=None):
        self.kind, self.a, self.b = kind, a, b
        self.memo: dict = {}
        if kind in (EMPTY, TEXT):
            self.nullable = True
        elif kind == CHOICE:
            self.nullable = any(p.nullable for p in a)
        elif kind in (GROUP, INTERLEAVE):
            self.nullable = a.nullable and b.nullable
        elif kind == ONE_OR_MORE:
            self.nullable = a.nullable
        else:
            self.nullable = False
        # Whether any text is treated alike here (no data, value or list at this level): then the
        # derivative by a piece of text does not depend on the text.
        if kind in (DATA, VALUE, LIST):
            self.plain_text = False
        elif kind == CHOICE:
            self.plain_text = all(p.plain_text for p in a)
        elif kind in (GROUP, INTERLEAVE, AFTER):
            self.plain_text = a.plain_text and b.plain_text
        elif kind == ONE_OR_MORE:
            self.plain_text = a.plain_text
        else:
            self.plain_text = True


class Content:
    """An element pattern's content, simplified when the validator first enters the element."""

    __slots__ = ("node", "grammar", "ns", "library", "_pattern")

    def __init__(self, node, grammar, ns, library):
        self.node, self.grammar, self.ns, self.library = node, grammar, ns, library
        self._pattern = None

    @property
    def pattern(self) -> Pattern:
        if self._pattern is None:
            self._pattern = self.grammar._sequence(_pattern_children(self.node, skip_name=True), self.ns,
                                                   self.library)
        return self._pattern


_interned: dict = {}


def _make(kind: int, a=None, b=None) -> Pattern:
    key = (kind, a if kind in (CHOICE, DATA, VALUE) else id(a), id(b) if isinstance(b, Pattern) else b)
    found = _interned.get(key)
    if found is None:
        found = _interned[key] = Pattern(kind, a, b)
        found.memo["key"] = (a, b)  # keeps the operands alive as long as the key refers to their ids
    return found


EMPTY_P = Pattern(EMPTY)
NOT_ALLOWED_P = Pattern(NOT_ALLOWED)
TEXT_P = Pattern(TEXT)


def choice(p1: Pattern, p2: Pattern) -> Pattern:
    if p1 is NOT_ALLOWED_P or p1 is p2:
        return p2
    if p2 is NOT_ALLOWED_P:
        return p1
    members = set(p1.a) if p1.kind == CHOICE else {p1}
    members |= set(p2.a) if p2.kind == CHOICE else {p2}
    return _make(CHOICE, frozenset(members))


def choices(patterns) -> Pattern:
    members = set()
    for pattern in patterns:
        if pattern.kind == CHOICE:
            members |= pattern.a
        elif pattern is not NOT_ALLOWED_P:
            members.add(pattern)
    if not members:
        return NOT_ALLOWED_P
    if len(members) == 1:
        return next(iter(members))
    return _make(CHOICE, frozenset(members))


def group(p1: Pattern, p2: Pattern) -> Pattern:
    if p1 is NOT_ALLOWED_P or p2 is NOT_ALLOWED_P:
        return NOT_ALLOWED_P
    if p1 is EMPTY_P:
        return p2
    if p2 is EMPTY_P:
        return p1
    return _make(GROUP, p1, p2)


def interleave(p1: Pattern, p2: Pattern) -> Pattern:
    if p1 is NOT_ALLOWED_P or p2 is NOT_ALLOWED_P:
        return NOT_ALLOWED_P
    if p1 is EMPTY_P:
        return p2
    if p2 is EMPTY_P:
        return p1
    return _make(INTERLEAVE, p1, p2)


def after(p1: Pattern, p2: Pattern) -> Pattern:
    if p1 is NOT_ALLOWED_P or p2 is NOT_ALLOWED_P:
        return NOT_ALLOWED_P
    return _make(AFTER, p1, p2)


def one_or_more(p: Pattern) -> Pattern:
    if p is NOT_ALLOWED_P or p is EMPTY_P:
        return p
    return _make(ONE_OR_MORE, p)


# --- name classes: ("name", ns, local) | ("any", except) | ("ns", ns, except) | ("or", nc1, nc2) --


def contains(nc: tuple, ns: str, local: str) -> bool:
    kind = nc[0]
    if kind == "name":
        return nc[1] == ns and nc[2] == local
    if kind == "any":
        return nc[1] is None or not contains(nc[1], ns, local)
    if kind == "ns":
        return nc[1] == ns and (nc[2] is None or not contains(nc[2], ns, local))
    return contains(nc[1], ns, local) or contains(nc[2], ns, local)


def names_of(nc: tuple) -> Iterator[tuple[str, str]]:
    """The single names a name class lists (for messages)."""
    if nc[0] == "name":
        yield nc[1], nc[2]
    elif nc[0] == "or":
        yield from names_of(nc[1])
        yield from names_of(nc[2])


# --- the grammar ---------------------------------------------------------------------------------


class Grammar:
    """A RELAX NG grammar in the XML syntax, simplified as the validator reaches its parts."""

    def __init__(self, tree: etree._ElementTree):
        root = tree.getroot()
        for node in root.iter(f"{_R}include", f"{_R}externalRef", f"{_R}parentRef"):
            raise Unsupported(f"{etree.QName(node).localname} is not supported")
        if sum(1 for _ in root.iter(f"{_R}grammar")) > 1:
            raise Unsupported("nested grammars are not supported")
        self.defines: dict[str, list[etree._Element]] = {}
        self.elements_by_name: dict[tuple[str, str], list[Pattern]] = {}
        self._converted: dict[str, Pattern] = {}
        self._elements: dict[int, Pattern] = {}
        self._element_nodes: list[etree._Element] = []
        if root.tag == f"{_R}grammar":
            for define in root.iter(f"{_R}define"):
                self.defines.setdefault(define.get("name"), []).append(define)
            starts = root.findall(f".//{_R}start")
            if not starts:
                raise Unsupported("the grammar has no start")
            self.start = choices(self._combined(starts, "start"))
        else:
            self.start = self._convert(root, *_context(root))
        self._element_nodes = list(root.iter(f"{_R}element"))

    @classmethod
    def load(cls, path: Path) -> Grammar:
        from toolkit.xmlio import parse_bytes, read_bytes

        return cls(parse_bytes(read_bytes(path), path))

    def _combined(self, nodes: list[etree._Element], what: str) -> list[Pattern]:
        combine = {node.get("combine") for node in nodes if node.get("combine")}
        patterns = [self._sequence(_pattern_children(node), *_context(node)) for node in nodes]
        if combine == {"interleave"}:
            result = patterns[0]
            for pattern in patterns[1:]:
                result = interleave(result, pattern)
            return [result]
        return patterns

    def define(self, name: str) -> Pattern:
        found = self._converted.get(name)
        if found is None:
            nodes = self.defines.get(name)
            if not nodes:
                raise Unsupported(f"reference to an undefined pattern {name!r}")
            self._converted[name] = NOT_ALLOWED_P  # a reference loop without an element: refused below
            found = self._converted[name] = choices(self._combined(nodes, name))
        return found

    def _sequence(self, nodes: list[etree._Element], ns: str, library: str) -> Pattern:
        result = EMPTY_P
        for node in nodes:
            result = group(result, self._convert(node, *_context(node, ns, library)))
        return result

    def _convert(self, node: etree._Element, ns: str, library: str) -> Pattern:
        kind = node.tag[len(_R):] if node.tag.startswith(_R) else None
        children = _pattern_children(node)
        if kind == "element":
            known = self._elements.get(id(node))
            if known is None:
                name_class = _name_class(node, ns, attribute=False)
                known = _make(ELEMENT, name_class, Content(node, self, ns, library))
                self._elements[id(node)] = known
                self._remember(node, known)
            return known
        if kind == "attribute":
            name_class = _name_class(node, ns, attribute=True)
            value = _pattern_children(node, skip_name=True)
            content = self._sequence(value, ns, library) if value else TEXT_P
            return _make(ATTRIBUTE, name_class, content)
        if kind in ("group", "div"):
            return self._sequence(children, ns, library)
        if kind == "choice":
            return choices(self._convert(child, *_context(child, ns, library)) for child in children)
        if kind == "interleave":
            result = EMPTY_P
            for child in children:
                result = interleave(result, self._convert(child, *_context(child, ns, library)))
            return result
        if kind == "optional":
            return choice(self._sequence(children, ns, library), EMPTY_P)
        if kind == "zeroOrMore":
            return choice(one_or_more(self._sequence(children, ns, library)), EMPTY_P)
        if kind == "oneOrMore":
            return one_or_more(self._sequence(children, ns, library))
        if kind == "mixed":
            return interleave(self._sequence(children, ns, library), TEXT_P)
        if kind == "ref":
            return self.define(node.get("name").strip())
        if kind == "empty":
            return EMPTY_P
        if kind == "notAllowed":
            return NOT_ALLOWED_P
        if kind == "text":
            return TEXT_P
        if kind == "list":
            return _make(LIST, self._sequence(children, ns, library))
        if kind == "data":
            name = node.get("type").strip()
            if not datatypes.known(library, name):
                raise Unsupported(f"datatype {name!r} of {library or 'the built-in library'}")
            params = tuple((param.get("name").strip(), param.text or "") for param in node.findall(f"{_R}param"))
            excepted = node.find(f"{_R}except")
            except_pattern = choices(self._convert(child, *_context(child, ns, library))
                                     for child in _pattern_children(excepted)) if excepted is not None else None
            return _make(DATA, (library, name, params, except_pattern))
        if kind == "value":
            name = (node.get("type") or "token").strip()
            value_library = library if node.get("type") else ""
            if not datatypes.known(value_library, name):
                raise Unsupported(f"datatype {name!r}")
            return _make(VALUE, (value_library, name, node.text or ""))
        raise Unsupported(f"pattern {kind!r}")

    def _remember(self, node: etree._Element, pattern: Pattern) -> None:
        for name in names_of(pattern.a):
            self.elements_by_name.setdefault(name, []).append(pattern)

    def elements_named(self, ns: str, local: str) -> list[Pattern]:
        """Every element pattern of the grammar whose name class contains the name (for recovery)."""
        found = []
        for node in self._element_nodes:
            pattern = self._elements.get(id(node))
            if pattern is None:
                try:
                    name_class = _name_class(node, *_context(node)[:1], attribute=False)
                except Unsupported:
                    continue
                if not contains(name_class, ns, local):
                    continue
                pattern = self._convert(node, *_context(node))
            if contains(pattern.a, ns, local):
                found.append(pattern)
        return found


def _context(node: etree._Element, ns: str | None = None, library: str | None = None) -> tuple[str, str]:
    """The inherited ``ns`` and ``datatypeLibrary`` in force at ``node``."""
    if ns is None or library is None:
        ns_found = library_found = None
        current = node
        while current is not None and (ns_found is None or library_found is None):
            if ns_found is None and current.get("ns") is not None:
                ns_found = current.get("ns")
            if library_found is None and current.get("datatypeLibrary") is not None:
                library_found = current.get("datatypeLibrary")
            current = current.getparent()
        return ns_found or "", library_found or ""
    return node.get("ns", ns), node.get("datatypeLibrary", library)


def _pattern_children(node: etree._Element, skip_name: bool = False) -> list[etree._Element]:
    children = [child for child in node if isinstance(child.tag, str) and child.tag.startswith(_R)
                and child.tag not in (f"{_R}param", f"{_R}except")]
    if skip_name and node.get("name") is None and children:
        children = children[1:]  # the name class
    return children


def _name_class(node: etree._Element, ns: str, *, attribute: bool) -> tuple:
    name = node.get("name")
    if name is not None:
        own_ns = node.get("ns")
        if attribute:
            return _qname(name.strip(), node, own_ns if own_ns is not None else "")
        return _qname(name.strip(), node, own_ns if own_ns is not None else ns)
    children = _pattern_children(node)
    if not children:
        raise Unsupported("an element or attribute without a name")
    return _name_class_of(children[0], node.get("ns", ns))


def _name_class_of(node: etree._Element, ns: str) -> tuple:
    kind = etree.QName(node).localname
    ns = node.get("ns", ns)
    if kind == "name":
        return _qname((node.text or "").strip(), node, ns)
    excepted = node.find(f"{_R}except")
    except_class = None
    if excepted is not None:
        parts = [_name_class_of(child, ns) for child in _pattern_children(excepted)]
        except_class = parts[0]
        for part in parts[1:]:
            except_class = ("or", except_class, part)
    if kind == "anyName":
        return ("any", except_class)
    if kind == "nsName":
        return ("ns", ns, except_class)
    if kind == "choice":
        parts = [_name_class_of(child, ns) for child in _pattern_children(node)]
        result = parts[0]
        for part in parts[1:]:
            result = ("or", result, part)
        return result
    raise Unsupported(f"name class {kind!r}")


def _qname(name: str, node: etree._Element, ns: str) -> tuple:
    if ":" in name:
        prefix, local = name.split(":", 1)
        namespace = XML_NS if prefix == "xml" else node.nsmap.get(prefix)
        if namespace is None:
            raise Unsupported(f"undeclared prefix {prefix!r}")
        return ("name", namespace, local)
    return ("name", ns, name)


# --- derivatives ---------------------------------------------------------------------------------


def text_deriv(p: Pattern, text: str) -> Pattern:
    key = ("t", None if p.plain_text else text)
    found = p.memo.get(key)
    if found is None:
        found = p.memo[key] = _text_deriv(p, text)
    return found


def _text_deriv(p: Pattern, text: str) -> Pattern:
    kind = p.kind
    if kind == CHOICE:
        return choices(text_deriv(member, text) for member in p.a)
    if kind == INTERLEAVE:
        return choice(interleave(text_deriv(p.a, text), p.b), interleave(p.a, text_deriv(p.b, text)))
    if kind == GROUP:
        first = group(text_deriv(p.a, text), p.b)
        return choice(first, text_deriv(p.b, text)) if p.a.nullable else first
    if kind == AFTER:
        return after(text_deriv(p.a, text), p.b)
    if kind == ONE_OR_MORE:
        return group(text_deriv(p.a, text), choice(p, EMPTY_P))
    if kind == TEXT:
        return p
    if kind == VALUE:
        library, name, expected = p.a
        return EMPTY_P if datatypes.equal(library, name, expected, text) else NOT_ALLOWED_P
    if kind == DATA:
        library, name, params, excepted = p.a
        if not datatypes.allows(library, name, params, text):
            return NOT_ALLOWED_P
        if excepted is not None and text_deriv(excepted, text).nullable:
            return NOT_ALLOWED_P
        return EMPTY_P
    if kind == LIST:
        remaining = p.a
        for word in text.split():
            remaining = text_deriv(remaining, word)
        return EMPTY_P if remaining.nullable else NOT_ALLOWED_P
    return NOT_ALLOWED_P


def _apply_after(p: Pattern, function) -> Pattern:
    if p.kind == AFTER:
        return after(p.a, function(p.b))
    if p.kind == CHOICE:
        return choices(_apply_after(member, function) for member in p.a)
    return NOT_ALLOWED_P


def start_tag_open_deriv(p: Pattern, ns: str, local: str) -> Pattern:
    key = ("s", ns, local)
    found = p.memo.get(key)
    if found is None:
        found = p.memo[key] = _start_tag_open_deriv(p, ns, local)
    return found


def _start_tag_open_deriv(p: Pattern, ns: str, local: str) -> Pattern:
    kind = p.kind
    if kind == CHOICE:
        return choices(start_tag_open_deriv(member, ns, local) for member in p.a)
    if kind == ELEMENT:
        return after(p.b.pattern, EMPTY_P) if contains(p.a, ns, local) else NOT_ALLOWED_P
    if kind == INTERLEAVE:
        return choice(_apply_after(start_tag_open_deriv(p.a, ns, local), lambda rest: interleave(rest, p.b)),
                      _apply_after(start_tag_open_deriv(p.b, ns, local), lambda rest: interleave(p.a, rest)))
    if kind == ONE_OR_MORE:
        return _apply_after(start_tag_open_deriv(p.a, ns, local), lambda rest: group(rest, choice(p, EMPTY_P)))
    if kind == GROUP:
        first = _apply_after(start_tag_open_deriv(p.a, ns, local), lambda rest: group(rest, p.b))
        return choice(first, start_tag_open_deriv(p.b, ns, local)) if p.a.nullable else first
    if kind == AFTER:
        return _apply_after(start_tag_open_deriv(p.a, ns, local), lambda rest: after(rest, p.b))
    return NOT_ALLOWED_P


def start_tag_open_recovery(p: Pattern, ns: str, local: str) -> Pattern:
    """Like ``start_tag_open_deriv``, but an element may also come after required content that is
    missing (the first part of a group is skipped as if present): how Jing goes on after an element
    that is "not allowed yet"."""
    key = ("r", ns, local)
    found = p.memo.get(key)
    if found is None:
        found = p.memo[key] = _start_tag_open_recovery(p, ns, local)
    return found


def _start_tag_open_recovery(p: Pattern, ns: str, local: str) -> Pattern:
    kind = p.kind
    if kind == CHOICE:
        return choices(start_tag_open_recovery(member, ns, local) for member in p.a)
    if kind == ELEMENT:
        return start_tag_open_deriv(p, ns, local)
    if kind == INTERLEAVE:
        return choice(_apply_after(start_tag_open_recovery(p.a, ns, local), lambda rest: interleave(rest, p.b)),
                      _apply_after(start_tag_open_recovery(p.b, ns, local), lambda rest: interleave(p.a, rest)))
    if kind == ONE_OR_MORE:
        return _apply_after(start_tag_open_recovery(p.a, ns, local), lambda rest: group(rest, choice(p, EMPTY_P)))
    if kind == GROUP:
        return choice(_apply_after(start_tag_open_recovery(p.a, ns, local), lambda rest: group(rest, p.b)),
                      start_tag_open_recovery(p.b, ns, local))
    if kind == AFTER:
        return _apply_after(start_tag_open_recovery(p.a, ns, local), lambda rest: after(rest, p.b))
    return NOT_ALLOWED_P


def required_elements(p: Pattern) -> set[tuple[str, str]]:
    """Element names every match of ``p`` contains."""
    kind = p.kind
    if kind == ELEMENT:
        names = list(names_of(p.a))
        return set(names) if len(names) == 1 else set()
    if kind in (GROUP, INTERLEAVE):
        return required_elements(p.a) | required_elements(p.b)
    if kind == CHOICE:
        sets = [required_elements(member) for member in p.a]
        return set.intersection(*sets) if sets else set()
    if kind in (ONE_OR_MORE, AFTER):
        return required_elements(p.a)
    return set()


def att_deriv(p: Pattern, ns: str, local: str, value: str) -> Pattern:
    key = ("a", ns, local, value)
    found = p.memo.get(key)
    if found is None:
        found = p.memo[key] = _att_deriv(p, ns, local, value)
    return found


def _att_deriv(p: Pattern, ns: str, local: str, value: str) -> Pattern:
    kind = p.kind
    if kind == AFTER:
        return after(att_deriv(p.a, ns, local, value), p.b)
    if kind == CHOICE:
        return choices(att_deriv(member, ns, local, value) for member in p.a)
    if kind == GROUP:
        return choice(group(att_deriv(p.a, ns, local, value), p.b), group(p.a, att_deriv(p.b, ns, local, value)))
    if kind == INTERLEAVE:
        return choice(interleave(att_deriv(p.a, ns, local, value), p.b),
                      interleave(p.a, att_deriv(p.b, ns, local, value)))
    if kind == ONE_OR_MORE:
        return group(att_deriv(p.a, ns, local, value), choice(p, EMPTY_P))
    if kind == ATTRIBUTE:
        if contains(p.a, ns, local) and _value_matches(p.b, value):
            return EMPTY_P
    return NOT_ALLOWED_P


def _value_matches(p: Pattern, value: str) -> bool:
    return (p.nullable and not value.strip(" \t\n\r")) or text_deriv(p, value).nullable


def start_tag_close_deriv(p: Pattern, lenient: bool = False) -> Pattern:
    """After the attributes; ``lenient`` forgets missing attributes (for going on after an error)."""
    key = ("c", lenient)
    found = p.memo.get(key)
    if found is None:
        found = p.memo[key] = _start_tag_close_deriv(p, lenient)
    return found


def _start_tag_close_deriv(p: Pattern, lenient: bool) -> Pattern:
    kind = p.kind
    if kind == AFTER:
        return after(start_tag_close_deriv(p.a, lenient), p.b)
    if kind == CHOICE:
        return choices(start_tag_close_deriv(member, lenient) for member in p.a)
    if kind == GROUP:
        return group(start_tag_close_deriv(p.a, lenient), start_tag_close_deriv(p.b, lenient))
    if kind == INTERLEAVE:
        return interleave(start_tag_close_deriv(p.a, lenient), start_tag_close_deriv(p.b, lenient))
    if kind == ONE_OR_MORE:
        return one_or_more(start_tag_close_deriv(p.a, lenient))
    if kind == ATTRIBUTE:
        return EMPTY_P if lenient else NOT_ALLOWED_P
    return p


def end_tag_deriv(p: Pattern, lenient: bool = False) -> Pattern:
    if p.kind == CHOICE:
        return choices(end_tag_deriv(member, lenient) for member in p.a)
    if p.kind == AFTER:
        return p.b if (lenient or p.a.nullable) else NOT_ALLOWED_P
    return NOT_ALLOWED_P


# --- what a pattern expects, for messages --------------------------------------------------------


def _inner(p: Pattern) -> Iterator[Pattern]:
    """The content parts of a pattern inside an element (the first operands of its AFTERs)."""
    if p.kind == AFTER:
        yield p.a
    elif p.kind == CHOICE:
        for member in p.a:
            yield from _inner(member)


def expected_elements(p: Pattern) -> list[tuple[str, str]]:
    found: dict[tuple[str, str], None] = {}
    seen: set[int] = set()

    def walk(q: Pattern) -> None:
        if id(q) in seen:
            return
        seen.add(id(q))
        kind = q.kind
        if kind == ELEMENT:
            for name in names_of(q.a):
                found.setdefault(name)
        elif kind == CHOICE:
            for member in q.a:
                walk(member)
        elif kind == INTERLEAVE:
            walk(q.a)
            walk(q.b)
        elif kind == GROUP:
            walk(q.a)
            if q.a.nullable:
                walk(q.b)
        elif kind == ONE_OR_MORE:
            walk(q.a)

    for inner in _inner(p):
        walk(inner)
    return list(found)


def _collect(p: Pattern, kinds: tuple[int, ...], seen: set[int] | None = None) -> Iterator[Pattern]:
    seen = set() if seen is None else seen
    if id(p) in seen:
        return
    seen.add(id(p))
    if p.kind in kinds:
        yield p
        return
    if p.kind == CHOICE:
        for member in p.a:
            yield from _collect(member, kinds, seen)
    elif p.kind in (GROUP, INTERLEAVE, AFTER):
        yield from _collect(p.a, kinds, seen)
        if p.kind != AFTER:
            yield from _collect(p.b, kinds, seen)
    elif p.kind == ONE_OR_MORE:
        yield from _collect(p.a, kinds, seen)


def expected_attributes(p: Pattern) -> list[tuple[str, str]]:
    found: dict[tuple[str, str], None] = {}
    for inner in _inner(p):
        for attribute in _collect(inner, (ATTRIBUTE,)):
            for name in names_of(attribute.a):
                found.setdefault(name)
    return list(found)


def required_attributes(p: Pattern) -> set[tuple[str, str]]:
    kind = p.kind
    if kind == ATTRIBUTE:
        return set(names_of(p.a))
    if kind in (GROUP, INTERLEAVE):
        return required_attributes(p.a) | required_attributes(p.b)
    if kind == CHOICE:
        sets = [required_attributes(member) for member in p.a]
        return set.intersection(*sets) if sets else set()
    if kind in (ONE_OR_MORE, AFTER):
        return required_attributes(p.a)
    return set()


def _accepts_text(p: Pattern) -> bool:
    return any(not text_deriv(inner, "x").kind == NOT_ALLOWED for inner in _inner(p))


# --- validating a document -----------------------------------------------------------------------


@dataclass(frozen=True)
class Error:
    """One reason a document is invalid: where (element, line) and why."""

    line: int | None
    message: str
    element: etree._Element | None
    kind: str  # "element", "attribute", "value", "missing-attribute", "incomplete", "text"


class Validator:
    """Validates parsed documents against one grammar; patterns and derivatives are kept warm."""

    def __init__(self, grammar: Grammar):
        self.grammar = grammar

    def errors(self, tree: etree._ElementTree) -> list[Error]:
        run = _Run(self.grammar, tree)
        # The start pattern as the content of a virtual parent, as the algorithm expects.
        run.element(after(self.grammar.start, EMPTY_P), tree.getroot())
        return run.found


class _Run:
    def __init__(self, grammar: Grammar, tree: etree._ElementTree):
        self.grammar, self.tree = grammar, tree
        self.found: list[Error] = []
        self._end_lines: dict[etree._Element, int] | None = None

    def report(self, element, kind: str, message: str, line: int | None = None) -> None:
        if len(self.found) < MAX_ERRORS:
            self.found.append(Error(line if line is not None else (element.sourceline if element is not None else None),
                                    message, element, kind))

    def element(self, p: Pattern, element: etree._Element) -> Pattern:
        """The pattern after ``element`` (its start tag, attributes, content, end tag), from ``p``."""
        qname = etree.QName(element)
        ns, local = qname.namespace or "", qname.localname
        opened = start_tag_open_deriv(p, ns, local)
        if opened is NOT_ALLOWED_P:
            recovered = start_tag_open_recovery(p, ns, local)
            if recovered is not NOT_ALLOWED_P:
                missing = sorted(_shown(element, *name) for name in required_elements(choices(_inner(p))) - {(ns, local)})
                self.report(element, "element", f"element {_shown(element, ns, local)} not allowed yet; "
                            + (f"missing required element {_or(missing, 'and')}" if missing else _expected(p, element)))
                return self._inside(recovered, element, ns, local)
            self.report(element, "element", f"element {_shown(element, ns, local)} not allowed "
                        + ("here" if self.grammar.elements_named(ns, local) else "anywhere")
                        + "; " + _expected(p, element))
            # Its own content is still checked, against the grammar's patterns for that name if any.
            alone = choices(after(pattern.b.pattern, EMPTY_P) for pattern in self.grammar.elements_named(ns, local))
            if alone is not NOT_ALLOWED_P:
                self._inside(alone, element, ns, local)
            return p
        return self._inside(opened, element, ns, local)

    def _inside(self, p: Pattern, element: etree._Element, ns: str, local: str) -> Pattern:
        for name, value in element.attrib.items():
            attribute = etree.QName(name)
            a_ns, a_local = attribute.namespace or "", attribute.localname
            derived = att_deriv(p, a_ns, a_local, value)
            if derived is NOT_ALLOWED_P:
                allowed = any(contains(a.a, a_ns, a_local) for inner in _inner(p) for a in _collect(inner, (ATTRIBUTE,)))
                if allowed:
                    self.report(element, "value", f"value of attribute {_shown_attribute(element, a_ns, a_local)} "
                                f"is invalid; {self._value_expectation(p, a_ns, a_local)}")
                else:
                    names = sorted(_shown_attribute(element, *name) for name in expected_attributes(p)
                             if name not in _written(element))
                    self.report(element, "attribute", f"attribute {_shown_attribute(element, a_ns, a_local)} not "
                                "allowed here" + (f"; expected attribute {_or(names)}" if names else ""))
                continue
            p = derived
        closed = start_tag_close_deriv(p)
        if closed is NOT_ALLOWED_P:
            missing = sorted(required_attributes(choices(_inner(p))) - _written(element))
            names = [_shown_attribute(element, *name) for name in missing]
            self.report(element, "missing-attribute", f"element {_shown(element, ns, local)} missing required "
                        + (f"attribute {_or(names, 'and')}" if names else "attributes"))
            closed = start_tag_close_deriv(p, lenient=True)
        p = self._children(closed, element)
        ended = end_tag_deriv(p)
        if ended is NOT_ALLOWED_P:
            self.report(element, "incomplete", f"element {_shown(element, ns, local)} incomplete; "
                        + _missing(p, element), line=self.end_line(element))
            ended = end_tag_deriv(p, lenient=True)
        return ended

    def _children(self, p: Pattern, element: etree._Element) -> Pattern:
        items = list(_content(element))
        if not items or all(isinstance(item, str) and not item.strip(" \t\n\r") for item in items):
            text = "".join(item for item in items if isinstance(item, str))
            derived = text_deriv(p, text)
            if derived is not NOT_ALLOWED_P:
                return choice(p, derived) if not text.strip(" \t\n\r") else derived
            if text:  # whitespace only: ignorable
                return p
            return p
        for index, item in enumerate(items):
            if isinstance(item, str):
                if not item.strip(" \t\n\r"):
                    continue
                derived = text_deriv(p, item)
                if derived is NOT_ALLOWED_P:
                    # Reported on the line of the text's last visible character, as Jing does: counted
                    # back from the tag that follows it.
                    following = items[index + 1] if index + 1 < len(items) else None
                    line = following.sourceline if following is not None else self.end_line(element)
                    if line is not None:
                        line -= item[len(item.rstrip(" \t\n\r")):].count("\n")
                    self._bad_text(p, element, item, line)
                    continue
                p = derived
            else:
                p = self.element(p, item)
        return p

    def _bad_text(self, p: Pattern, element: etree._Element, text: str, line: int | None) -> None:
        data = [q for inner in _inner(p) for q in _collect(inner, (DATA, VALUE, LIST))]
        qname = etree.QName(element)
        if data:
            self.report(element, "text", f"character content of element {_shown(element, qname.namespace or '', qname.localname)}"
                        f" invalid; {_value_words(data)}", line=line)
        else:
            self.report(element, "text", "text not allowed here; " + _expected(p, element, text=False), line=line)

    def _value_expectation(self, p: Pattern, ns: str, local: str) -> str:
        values = []
        for inner in _inner(p):
            for attribute in _collect(inner, (ATTRIBUTE,)):
                if contains(attribute.a, ns, local):
                    values += list(_collect(attribute.b, (DATA, VALUE, LIST)))
        return _value_words(values)

    def end_line(self, element: etree._Element) -> int | None:
        """The line of an element's end tag (where Jing reports an incomplete element)."""
        if self._end_lines is None:
            self._end_lines = _end_tag_lines(self.tree)
        return self._end_lines.get(element, element.sourceline)


def _content(element: etree._Element) -> Iterator:
    """Text and child elements in order; adjacent text (around comments, PIs) joined."""
    text = element.text or ""
    for child in element:
        if isinstance(child.tag, str):
            if text:
                yield text
            text = ""
            yield child
        elif isinstance(child, etree._Entity):
            text += "&" + child.name + ";"
        text += child.tail or ""
    if text:
        yield text


def _end_tag_lines(tree: etree._ElementTree) -> dict[etree._Element, int]:
    """End-tag lines from expat (lxml keeps only start lines), matched to elements in document order."""
    from xml.parsers import expat

    lines: list[tuple[int, int]] = []  # (start order, end line)
    counter = [0]
    stack: list[int] = []
    parser = expat.ParserCreate()

    def start(name, attributes):
        stack.append(counter[0])
        counter[0] += 1

    def end(name):
        lines.append((stack.pop(), parser.CurrentLineNumber))

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.UseForeignDTD(False)
    try:
        parser.Parse(etree.tostring(tree, encoding="UTF-8") if tree.docinfo.URL is None else _source_bytes(tree), True)
    except (expat.ExpatError, OSError, ValueError):
        return {}
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    if counter[0] != len(elements):
        return {}
    by_order = dict(lines)
    return {element: by_order[index] for index, element in enumerate(elements)}


def _source_bytes(tree: etree._ElementTree) -> bytes:
    from urllib.parse import unquote, urlsplit

    url = tree.docinfo.URL
    return Path(unquote(urlsplit(url).path)).read_bytes() if url.startswith("file:") else Path(url).read_bytes()


def _written(element: etree._Element) -> set[tuple[str, str]]:
    return {(etree.QName(name).namespace or "", etree.QName(name).localname) for name in element.attrib}


def _shown(element: etree._Element, ns: str, local: str) -> str:
    """An element's name as the document would write it, in quotes."""
    return f'"{_written_name(element, ns, local, attribute=False)}"'


def _shown_attribute(element: etree._Element, ns: str, local: str) -> str:
    return f'"{_written_name(element, ns, local, attribute=True)}"'


def _written_name(element: etree._Element, ns: str, local: str, *, attribute: bool) -> str:
    if not ns:
        return local
    if ns == XML_NS:
        return f"xml:{local}"
    nsmap = element.nsmap if element is not None else {}
    if not attribute and nsmap.get(None) == ns:
        return local
    for prefix, uri in nsmap.items():
        if prefix and uri == ns:
            return f"{prefix}:{local}"
    return f"{{{ns}}}{local}" if attribute else f'{local}" (with xmlns="{ns}")'.rstrip('"')


def _or(names: list[str], word: str = "or") -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {word} " + names[-1]


def _expected(p: Pattern, element: etree._Element, *, text: bool = True) -> str:
    """Jing's "expected ..." for the position where ``p`` stands inside ``element``'s parent."""
    parts = []
    context = element.getparent() if element is not None and element.getparent() is not None else element
    if any(inner.nullable for inner in _inner(p)):
        parts.append("the element end-tag")
    if text and _accepts_text(p):
        parts.append("text")
    names = sorted(_shown(context, *name) for name in expected_elements(p))
    if names:
        parts.append("element " + _or(names))
    if not parts:
        return "nothing is allowed here"
    return "expected " + _or(parts)


def _missing(p: Pattern, element: etree._Element) -> str:
    names = sorted(_shown(element, *name) for name in expected_elements(p))
    if len(names) == 1:
        return f"missing required element {names[0]}"
    if _accepts_text(p) and not names:
        return "expected text"
    return "expected element " + _or(names) if names else "expected more content"


def _value_words(patterns: list[Pattern]) -> str:
    values = [f'"{q.a[2]}"' for q in patterns if q.kind == VALUE]
    data = [datatypes.describe(q.a[1], q.a[2]) for q in patterns if q.kind == DATA]
    parts = []
    if values:
        parts.append("must be equal to " + _or(values))
    if data:
        parts.append("must be " + _or(data))
    if any(q.kind == LIST for q in patterns):
        parts.append("must be a list of valid tokens")
    return " or ".join(parts) if parts else "the value is not allowed here"


@lru_cache(maxsize=8)
def validator_for(path: Path, stamp: int) -> Validator:
    """The validator of a grammar file, kept per modification time."""
    return Validator(Grammar.load(path))


def load(path: Path) -> Validator:
    return validator_for(Path(path).resolve(), Path(path).stat().st_mtime_ns)


# --- as teikit's findings --------------------------------------------------------------------------

# Codes in the family of libxml2's (the validator the verdicts come from), with what to do.
_CODES = {
    "element": ("RELAXNG_ERR_ELEMNAME", "move, rename or remove this element: the schema expects what the message lists"),
    "attribute": ("RELAXNG_ERR_INVALIDATTR", "remove this attribute, or use one the message lists"),
    "value": ("RELAXNG_ERR_DATATYPE", "change the value to what the message says it must be"),
    "missing-attribute": ("RELAXNG_ERR_NOATTR", "add the attribute the message names"),
    "incomplete": ("RELAXNG_ERR_NOELEM", "add the element the message names before this end tag"),
    "text": ("RELAXNG_ERR_TEXTWRONG", "remove this text, or put it in an element the schema allows here"),
}


def findings(grammar_path: Path, document) -> list | None:
    """teikit findings for a parsed ``Document``; None when this validator cannot use the grammar
    (the caller then asks libxml2)."""
    from toolkit.errors import Finding
    from toolkit.validation.positions import readable_xpath

    try:
        errors = load(grammar_path).errors(document.tree)
    except (Unsupported, datatypes.UnknownDatatype, OSError, RecursionError):
        return None
    except Exception as error:  # noqa: BLE001 - the grammar file itself may be broken: libxml2 says how
        if type(error).__name__ in ("UnreadableDocument", "XMLSyntaxError", "error"):
            return None
        raise
    result = []
    for error in errors:
        code, hint = _CODES[error.kind]
        result.append(Finding(file=str(document.path), line=error.line, code=f"rng.{code}", message=error.message,
                              xpath=readable_xpath(error.element) if error.element is not None else None, hint=hint))
    return result
