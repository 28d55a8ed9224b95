"""Schematron QuickFix (``sqf:fix``) offered as the editor's code actions, where it is safe.

A fix is offered only when every one of its operations can be carried out on the
text exactly as written, without evaluating anything that could depend on more than
the fix states: deleting attributes (``sqf:delete match="@name"``), and adding or
replacing an attribute whose new value is given literally (``sqf:add`` /
``sqf:replace`` with ``node-type="attribute"``, a ``target`` and text content or a
quoted string ``select``).  Fixes that ask the user for input, call other fixes,
are conditional, or change elements or text are left to an editor that runs SQF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit.lsp.checks import encode
from toolkit.lsp.cursor import attribute_spans, start_tags
from toolkit.namespaces import SQF
from toolkit.validation.schematron import SCH_NS, element_at, load_schema
from toolkit.xmlio import UnreadableDocument, document_from_bytes

SQF_NS = SQF
_LITERAL = re.compile(r"""\s*(?:'([^']*)'|"([^"]*)")\s*""")
_NAME = re.compile(r"(?:xml:)?[A-Za-z_][\w.-]*")


@dataclass
class QuickFix:
    title: str
    edits: list[tuple[int, int, str]]  # (start, end, new text) as offsets in the document's text


def fixes(schema: Path, code: str, location: str, text: str, path: Path) -> list[QuickFix]:
    """The safe fixes the schema offers for the failed assert or report ``code`` at ``location``."""
    try:
        root = load_schema(schema)
        tree = document_from_bytes(path, encode(text)).tree
    except (UnreadableDocument, OSError, etree.XMLSyntaxError, Exception):  # noqa: BLE001 - no fix, no harm
        return []
    checks = [node for node in root.iter(f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report") if node.get("id") == code]
    element = element_at(tree, location)
    if not checks or element is None:
        return []
    elements = [node for node in tree.iter() if isinstance(node.tag, str)]
    tags = start_tags(text)
    if len(tags) != len(elements):
        return []  # the text cannot be matched to the tree (entities, unusual markup): nothing offered
    tag = tags[elements.index(element)]
    offered = []
    for fix_id in checks[0].get(f"{{{SQF_NS}}}fix", "").split():
        fix = next((node for node in root.iter(f"{{{SQF_NS}}}fix") if node.get("id") == fix_id), None)
        if fix is None or fix.get("use-when") is not None:
            continue
        edits = _edits(fix, text, tag)
        if edits:
            offered.append(QuickFix(_title(fix), edits))
    return offered


def _title(fix: etree._Element) -> str:
    title = fix.find(f"{{{SQF_NS}}}description/{{{SQF_NS}}}title")
    return " ".join("".join(title.itertext()).split()) if title is not None else fix.get("id")


def _edits(fix: etree._Element, text: str, tag: tuple[int, int]) -> list[tuple[int, int, str]] | None:
    written = {name: (start, end) for name, start, end in attribute_spans(text, *tag)}
    edits = []
    for operation in fix:
        if not isinstance(operation.tag, str) or operation.tag == f"{{{SQF_NS}}}description":
            continue
        kind = etree.QName(operation).localname if operation.tag.startswith(f"{{{SQF_NS}}}") else None
        if kind == "delete":
            match = (operation.get("match") or "").strip()
            if not match.startswith("@") or not _NAME.fullmatch(match[1:]):
                return None
            if match[1:] in written:
                edits.append((*written[match[1:]], ""))
        elif kind in ("add", "replace") and operation.get("node-type") == "attribute":
            target, value = (operation.get("target") or "").strip(), _literal(operation)
            match = (operation.get("match") or ("." if kind == "add" else "")).strip()
            if not _NAME.fullmatch(target) or value is None or not (match == "." or match.startswith("@")):
                return None
            new = f' {target}="{_escaped(value)}"'
            replaced = match[1:] if kind == "replace" else target
            if replaced in written:
                edits.append((*written[replaced], new))
            elif kind == "add":
                end = tag[1] - (2 if text[tag[1] - 2:tag[1]] == "/>" else 1)
                edits.append((end, end, new))
        else:
            return None  # not among the operations applied safely
    return edits


def _literal(operation: etree._Element) -> str | None:
    if len(operation):
        return None  # markup or computed content
    select = operation.get("select")
    if select is None:
        return operation.text or ""
    found = _LITERAL.fullmatch(select)
    return (found.group(1) if found.group(1) is not None else found.group(2)) if found else None


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
