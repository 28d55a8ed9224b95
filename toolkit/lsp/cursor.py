"""What is being written at the cursor, read from the text before it (which need not be well-formed).

The markup before the cursor is scanned once: complete tags open and close
elements (with their namespace declarations), comments, CDATA sections,
processing instructions and the DOCTYPE are skipped, and a tag left unfinished
at the cursor says what is being typed: an element name, an attribute name, or
an attribute's value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.namespaces import XML

XML_NS = XML

_NAME = r"[^\s<>/=\"'!?]+"
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^<>\[]|\[.*?\])*>"
    rf"|</(?P<end>{_NAME})\s*>"
    rf"|<(?P<start>{_NAME})(?P<attributes>(?:\s+{_NAME}\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(rf"({_NAME})\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_PARTIAL = re.compile(
    rf"<(?P<name>{_NAME})?(?P<attributes>(?:\s+{_NAME}\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)"
    rf"(?:(?P<space>\s+)(?P<attribute>{_NAME})?(?:\s*=\s*(?P<quote>[\"'])(?P<value>[^\"']*))?)?$",
    re.DOTALL,
)


@dataclass
class Open:
    """An element open at the cursor: its name as written, the namespaces in scope inside it, its
    attributes (Clark names) and the child elements it holds before the cursor (Clark names)."""

    qname: str
    namespaces: dict[str, str]
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        """Clark name, or None when its prefix is not declared."""
        return expand(self.qname, self.namespaces, element=True)


@dataclass
class Context:
    """``kind`` is "element" (a name after ``<``), "end" (after ``</``), "attribute" (a name inside a
    start tag), "value" (inside an attribute's quotes) or "text"; ``typed`` is what is written of the
    name or value so far."""

    kind: str
    typed: str = ""
    element: str | None = None  # the tag being written, as written (attribute and value)
    attribute: str | None = None  # the attribute whose value is being written
    written: set[str] = field(default_factory=set)  # attributes the tag already has
    values: dict[str, str] = field(default_factory=dict)  # their values
    stack: list[Open] = field(default_factory=list)  # enclosing elements, outermost first
    namespaces: dict[str, str] = field(default_factory=dict)  # in scope at the cursor
    roots: list[str] = field(default_factory=list)  # document elements complete before the cursor

    @property
    def parent(self) -> Open | None:
        return self.stack[-1] if self.stack else None

    @property
    def before(self) -> list[str]:
        """The elements the cursor's parent (the document when none) holds before the cursor."""
        return self.stack[-1].children if self.stack else self.roots


def context_at(text: str, offset: int) -> Context:
    head = text[:offset]
    stack: list[Open] = []
    namespaces = {"xml": XML_NS}
    end = 0
    roots: list[str] = []
    for match in _MARKUP.finditer(head):
        end = match.end()
        if match.group("start"):
            scoped = _declared(match.group("attributes"), namespaces)
            name = expand(match.group("start"), scoped, element=True) or match.group("start")
            if match.group("empty"):
                (stack[-1].children if stack else roots).append(name)
            else:
                stack.append(Open(match.group("start"), scoped, _attributes(match.group("attributes"), scoped)))
                namespaces = scoped
        elif match.group("end") and stack:
            # Close the innermost element of that name (a stray end tag closes nothing).
            for index in range(len(stack) - 1, -1, -1):
                if stack[index].qname == match.group("end"):
                    closed = stack[index]
                    del stack[index:]
                    (stack[-1].children if stack else roots).append(closed.name or closed.qname)
                    break
            namespaces = stack[-1].namespaces if stack else {"xml": XML_NS}
    tail = head[end:]
    start = tail.rfind("<")
    if start < 0 or tail.startswith(("<!--", "<?", "<![CDATA["), start):
        return Context("text", stack=stack, namespaces=namespaces, roots=roots)
    partial = tail[start:]
    if partial.startswith("</"):
        return Context("end", typed=partial[2:].strip(), stack=stack, namespaces=namespaces)
    found = _PARTIAL.match(partial)
    if found is None:
        return Context("text", stack=stack, namespaces=namespaces)
    values = {name: double or single for name, double, single in _ATTRIBUTE.findall(found.group("attributes") or "")}
    written = set(values)
    scoped = _declared(found.group("attributes") or "", namespaces)
    if not found.group("space") and found.group("attributes") == "":
        return Context("element", typed=found.group("name") or "", stack=stack, namespaces=namespaces, roots=roots)
    common = dict(element=found.group("name"), written=written, values=values, stack=stack, namespaces=scoped,
                  roots=roots)
    if found.group("quote"):
        return Context("value", typed=found.group("value") or "", attribute=found.group("attribute"), **common)
    if found.group("space") or found.group("attribute"):
        if "=" in partial[len(partial) - len(found.group("attribute") or "") - 1:]:
            return Context("text", stack=stack, namespaces=namespaces)
        return Context("attribute", typed=found.group("attribute") or "", **common)
    return Context("text", stack=stack, namespaces=namespaces)


def _attributes(attributes: str, namespaces: dict[str, str]) -> dict[str, str]:
    """A start tag's attributes by Clark name (namespace declarations left out)."""
    found = {}
    for name, double, single in _ATTRIBUTE.findall(attributes):
        if name != "xmlns" and not name.startswith("xmlns:"):
            found[expand(name, namespaces, element=False) or name] = double or single
    return found


def _declared(attributes: str, namespaces: dict[str, str]) -> dict[str, str]:
    scoped = dict(namespaces)
    for name, double, single in _ATTRIBUTE.findall(attributes):
        value = double or single
        if name == "xmlns":
            scoped[""] = value
        elif name.startswith("xmlns:"):
            scoped[name[6:]] = value
    return scoped


def expand(qname: str, namespaces: dict[str, str], *, element: bool) -> str | None:
    """The Clark name of ``qname``; unprefixed attributes are in no namespace."""
    if ":" in qname:
        prefix, local = qname.split(":", 1)
        namespace = namespaces.get(prefix)
        return f"{{{namespace}}}{local}" if namespace else None
    namespace = namespaces.get("", "") if element else ""
    return f"{{{namespace}}}{qname}" if namespace else qname


def written_as(name: str, namespaces: dict[str, str], *, element: bool) -> str | None:
    """How ``name`` (Clark) is written where ``namespaces`` are in scope; None when it cannot be."""
    if not name.startswith("{"):
        return name if not element or not namespaces.get("") else None
    namespace, local = name[1:].split("}", 1)
    if element and namespaces.get("") == namespace:
        return local
    for prefix, uri in sorted(namespaces.items()):
        if prefix and uri == namespace:
            return f"{prefix}:{local}"
    return None


@dataclass
class Token:
    """One space-separated word of an attribute's value, with its offsets in the text."""

    attribute: str
    element: str
    value: str
    start: int
    end: int


_TAG_AROUND = re.compile(rf"<(?P<name>{_NAME})(?P<attributes>[^<>]*)>?")


def token_at(text: str, offset: int) -> Token | None:
    """The word of an attribute value under ``offset`` (``#serge`` in ``ref="#serge #lenin"``)."""
    start = text.rfind("<", 0, offset + 1)
    if start < 0 or ">" in text[start:offset]:
        return None
    tag = _TAG_AROUND.match(text, start)
    if tag is None:
        return None
    for attribute in _ATTRIBUTE.finditer(text, tag.start("attributes"), tag.end("attributes")):
        group = 2 if attribute.group(2) is not None else 3
        if not attribute.start(group) <= offset <= attribute.end(group):
            continue
        for word in re.finditer(r"\S+", text[attribute.start(group):attribute.end(group)]):
            word_start, word_end = attribute.start(group) + word.start(), attribute.start(group) + word.end()
            if word_start <= offset <= word_end:
                return Token(attribute.group(1), tag.group("name"), word.group(), word_start, word_end)
        return None
    return None


def start_tags(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every start tag, in document order (one per element)."""
    return [(match.start(), match.end()) for match in _MARKUP.finditer(text) if match.group("start")]


def attribute_spans(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Each attribute of the start tag at text[start:end] as written: (name, start, end), the span
    including the whitespace before it."""
    tag = _TAG_AROUND.match(text, start, end)
    if tag is None:
        return []
    spans = []
    for attribute in _ATTRIBUTE.finditer(text, tag.start("attributes"), tag.end("attributes")):
        begin = attribute.start()
        while begin > tag.start("attributes") and text[begin - 1] in " \t\r\n":
            begin -= 1
        spans.append((attribute.group(1), begin, attribute.end()))
    return spans
