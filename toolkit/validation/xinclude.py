"""XInclude expanded before validation, as Jing does, but only from files inside one folder.

The folder is the project's root (the folder of the document when it belongs to no
project).  An include is replaced by the root element it names (or the text of the
file, ``parse="text"``), with ``xml:base`` set on what it brings in, as an XInclude
processor does; includes inside the included content are expanded in turn.  An
include that leaves the folder (after ``xml:base``, percent-decoding and symlinks),
that names anything but a local file, that cannot be read or that includes itself
again is never followed: it becomes a finding on the file and line of the include,
and the include is dropped (or replaced by its ``xi:fallback``), so the rest of the
document is still checked.

Findings about included content are reported on the included file and its lines,
as Jing reports them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from toolkit.errors import Finding
from toolkit.namespaces import XINCLUDE, XML
from toolkit.validation.positions import readable_xpath
from toolkit.validation.schematron import element_at as svrl_element
from toolkit.xmlio import Document, UnreadableDocument, parse_bytes, read_bytes

INCLUDE = f"{{{XINCLUDE}}}include"
FALLBACK = f"{{{XINCLUDE}}}fallback"
XML_BASE = f"{{{XML}}}base"
MAX_INCLUSIONS = 1000  # a document of documents, each included many times, stops here
READ_CODES = ("xml.xinclude", "xml.xinclude-refused")  # the reader's own notes, replaced by expansion


class Refused(Exception):
    """An include that is not followed; the message says why."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass
class Expansion:
    """A document with its includes expanded; where included content came from."""

    document: Document
    findings: list[Finding] = field(default_factory=list)
    # Each element brought in, its file, and the line of the document's include that led to it.
    sources: list[tuple[etree._Element, Path, int | None]] = field(default_factory=list)

    def placed(self, findings: list[Finding]) -> list[Finding]:
        """Findings about included content moved to the included file (their lines are its lines);
        ``extra`` keeps the document checked and the line of its include."""
        if not self.sources:
            return findings
        prefixes = sorted(((readable_xpath(element), path, line) for element, path, line in self.sources),
                          key=lambda item: len(item[0]), reverse=True)
        shown = str(self.document.path)
        placed = []
        for finding in findings:
            origin = next(((path, line) for prefix, path, line in prefixes
                           if finding.xpath and (finding.xpath == prefix or finding.xpath.startswith(prefix + "/"))), None)
            if origin is None and finding.xpath and finding.xpath.startswith("/"):
                origin = self._origin_of(finding.xpath)
            if origin is not None and finding.file == shown:
                finding = replace(finding, file=str(origin[0]),
                                  extra={**finding.extra, "document": shown, "included_at": origin[1]})
            placed.append(finding)
        return placed


    def _origin_of(self, location: str) -> tuple[Path, int | None] | None:
        """Where the element a Schematron location (``/Q{ns}TEI[1]/…``) designates came from, if included."""
        element = svrl_element(self.document.tree, location)
        if element is None:
            return None
        origins = {id(source): (path, line) for source, path, line in self.sources}
        # The innermost inclusion holding the element: its own file.
        return next((origins[id(node)] for node in (element, *element.iterancestors()) if id(node) in origins), None)


def has_includes(document: Document) -> bool:
    return next(document.tree.iter(INCLUDE), None) is not None


def expand(document: Document, root: Path | None) -> Expansion:
    """``document`` with every XInclude followed that stays inside ``root`` (the project's folder;
    the document's own folder when it is None or the document lies outside it)."""
    if not has_includes(document):
        return Expansion(document)
    path = document.path.resolve()
    folder = root.resolve() if root is not None and root.resolve() in path.parents else path.parent
    tree = copy.deepcopy(document.tree)
    expansion = Expansion(Document(document.path, document.data, tree,
                                   [f for f in document.findings if f.code not in READ_CODES], as_read=False))
    _expand_within(tree.getroot(), (path,), folder, expansion, str(document.path), None)
    expansion.document.findings.extend(expansion.findings)
    return expansion


def _expand_within(scope: etree._Element, stack: tuple[Path, ...], folder: Path, expansion: Expansion,
                   shown: str, at: int | None) -> None:
    """Expand the includes of ``scope`` (``stack``: the files it comes from, the innermost last;
    ``shown``: that file as findings name it; ``at``: the document's include it came through)."""
    includes = [element for element in scope.iter(INCLUDE)
                if not any(ancestor.tag in (INCLUDE, FALLBACK) for ancestor in element.iterancestors())]
    if scope.tag == INCLUDE:
        includes = [scope]
    for element in includes:
        if len(expansion.sources) >= MAX_INCLUSIONS:
            _refuse(element, shown, expansion, Refused(f"more than {MAX_INCLUSIONS} inclusions in one document",
                                                       "include fewer files, or validate them on their own"))
            continue
        try:
            target = _target(element, stack[0], folder)
            if target in stack:
                raise Refused(f"{element.get('href')!r} includes a file that is already being included (a loop)",
                              "remove the include that leads back to an including file")
            replacement = _included(element, target)
        except Refused as refusal:
            _refuse(element, shown, expansion, refusal)
            continue
        except _Missing as missing:
            fallback = _use_fallback(element)
            if fallback is not None:
                for child in fallback:
                    _expand_within(child, stack, folder, expansion, shown, at)
                continue
            _refuse(element, shown, expansion, Refused(str(missing), "correct the href, or add an xi:fallback"))
            continue
        if isinstance(replacement, str):
            _replace_by_text(element, replacement)
            continue
        base = element.get("href")
        own = replacement.get(XML_BASE)
        replacement.set(XML_BASE, urljoin(base, own) if own else base)
        replacement.tail = element.tail
        element.getparent().replace(element, replacement)
        line = at if at is not None else element.sourceline
        expansion.sources.append((replacement, target, line))
        _expand_within(replacement, (*stack, target), folder, expansion, str(target), line)


class _Missing(Exception):
    """The included file does not exist: an xi:fallback applies."""


def _target(element: etree._Element, document: Path, folder: Path) -> Path:
    """The local file an include names, if it may be read: inside ``folder`` after symlinks.

    Its base is the document's, changed by every ``xml:base`` above it (included content
    carries one, so its includes are resolved against its own file)."""
    href = element.get("href", "")
    if not href:
        raise Refused("an XInclude without href (a reference to its own document) is not followed",
                      "give the file to include in href")
    if "#" in href:
        raise Refused(f"XInclude href {href!r} has a fragment, which XInclude forbids", "use xpointer=\"…\"")
    base = document.as_uri()
    for node in [*reversed(list(element.iterancestors())), element]:
        value = node.get(XML_BASE)
        if value:
            base = urljoin(base, value)
    uri = urljoin(base, href)
    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise Refused(f"XInclude of {href!r} is not fetched from the network",
                      "include a local copy inside the project instead")
    resolved = Path(unquote(parts.path)).resolve()
    if resolved != folder and folder not in resolved.parents:
        raise Refused(f"XInclude of {href!r} points outside {folder} and is refused",
                      "include only files inside the project's folder (or the document's folder outside a project)")
    if not resolved.is_file():
        raise _Missing(f"XInclude of {href!r}: {resolved} does not exist")
    return resolved


def _included(element: etree._Element, target: Path) -> etree._Element | str:
    """What an include brings in: a copy of the element it names, or the file's text."""
    parse = element.get("parse", "xml")
    try:
        data = read_bytes(target)
    except UnreadableDocument as error:
        raise Refused(f"XInclude of {element.get('href')!r}: {error.finding.message}", error.finding.hint or "") from None
    except OSError as error:
        raise Refused(f"XInclude of {element.get('href')!r} cannot be read: {error.strerror or error}", "") from None
    if parse == "text":
        try:
            return data.decode(element.get("encoding") or "utf-8")
        except (LookupError, UnicodeDecodeError) as error:
            raise Refused(f"XInclude of {element.get('href')!r} as text: {error}",
                          "give the file's encoding in encoding=\"…\"") from None
    if parse != "xml":
        raise Refused(f"XInclude parse={parse!r} is neither xml nor text", "use parse=\"xml\" or parse=\"text\"")
    try:
        tree = parse_bytes(data, target)
    except UnreadableDocument as error:
        raise Refused(f"XInclude of {element.get('href')!r}: {target.name} line {error.finding.line}: "
                      f"{error.finding.message}", "make the included file well-formed") from None
    found = _pointed(tree, element.get("xpointer"))
    return copy.deepcopy(found)


def _pointed(tree: etree._ElementTree, pointer: str | None) -> etree._Element:
    """The element an ``xpointer`` names: a bare id, ``element(id)``, ``element(id/2/1)`` or ``element(/1/3)``."""
    if not pointer:
        return tree.getroot()
    pointer = pointer.strip()
    steps: list[str]
    if pointer.startswith("element(") and pointer.endswith(")"):
        steps = pointer[len("element("):-1].split("/")
    elif "(" not in pointer:
        steps = [pointer]
    else:
        raise Refused(f"xpointer {pointer!r} is not supported", "use an xml:id (xpointer=\"id\") or element(…)")
    if steps[0]:
        found = tree.getroot().xpath("//*[@xml:id = $id]", id=steps[0])
        if not found:
            raise Refused(f"xpointer {pointer!r}: no element has xml:id {steps[0]!r}", "correct the xpointer")
        current = found[0]
    else:
        current = None
    for step in steps[1:]:
        children = [tree.getroot()] if current is None else [child for child in current if isinstance(child.tag, str)]
        if not step.isdigit() or not 0 < int(step) <= len(children):
            raise Refused(f"xpointer {pointer!r}: step {step!r} names no element", "correct the xpointer")
        current = children[int(step) - 1]
    if current is None:
        raise Refused(f"xpointer {pointer!r} names no element", "correct the xpointer")
    return current


def _refuse(element: etree._Element, shown: str, expansion: Expansion, refusal: Refused) -> None:
    expansion.findings.append(Finding(file=shown, line=element.sourceline, code="xml.xinclude-refused",
                                      message=str(refusal), hint=refusal.hint or None))
    _drop(element)


def _use_fallback(element: etree._Element) -> list[etree._Element] | None:
    """Put the include's xi:fallback content in its place; its elements, or None without one."""
    fallback = element.find(FALLBACK)
    if fallback is None:
        return None
    parent, index = element.getparent(), element.getparent().index(element)
    children = list(fallback)
    _attach_text(parent, index, fallback.text or "")
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    tail = element.tail or ""
    parent.remove(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    else:
        _attach_text(parent, index, tail)
    return [child for child in children if isinstance(child.tag, str)]


def _replace_by_text(element: etree._Element, text: str) -> None:
    parent, index = element.getparent(), element.getparent().index(element)
    tail = element.tail or ""
    parent.remove(element)
    _attach_text(parent, index, text + tail)


def _drop(element: etree._Element) -> None:
    _replace_by_text(element, "")


def _attach_text(parent: etree._Element, index: int, text: str) -> None:
    """Add ``text`` where the child at ``index`` of ``parent`` was (or is)."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
