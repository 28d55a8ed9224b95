"""The ``<?xml-model?>`` processing instructions of a document's prolog (W3C "Associating
Schemas with XML documents").

They are read from the raw bytes rather than the parsed tree so that the parent process
can learn which schemas a batch needs, and compile them, before any worker starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.namespaces import RELAXNG, SCHEMATRON, SCHEMATRON_OLD, XSD, XSI
from toolkit.xmlio import PROLOG_SCAN_BYTES, _ascii_view, _doctype_end, _root_offset

RELAXNG_NS, SCHEMATRON_NS, SCHEMATRON_OLD_NS, XSD_NS = RELAXNG, SCHEMATRON, SCHEMATRON_OLD, XSD

_PSEUDO_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY_REFS = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}


@dataclass(frozen=True)
class ModelDeclaration:
    """One xml-model PI: what it points at, which schema language, on which line."""

    href: str
    kind: str | None  # "rng", "xsd", "sch", "rnc" or None when it cannot be told
    phase: str | None
    line: int
    raw: str


def declarations(data: bytes) -> list[ModelDeclaration]:
    """Every xml-model PI before the root element, in document order."""
    text = _ascii_view(data[:PROLOG_SCAN_BYTES])
    found = []
    position = 0
    while position < len(text):
        start = text.find(b"<", position)
        if start < 0:
            break
        if text.startswith(b"<?", start):
            end = text.find(b"?>", start)
            if end < 0:
                break
            body = text[start + 2 : end].decode("utf-8", errors="replace")
            if re.match(r"xml-model(\s|$)", body):
                line = text.count(b"\n", 0, start) + 1
                found.append(_declaration(body[len("xml-model"):], line, body))
            position = end + 2
        elif text.startswith(b"<!--", start):
            end = text.find(b"-->", start)
            position = len(text) if end < 0 else end + 3
        elif text.startswith(b"<!DOCTYPE", start):
            position = _doctype_end(text, start)
        else:
            break
    return found


def _declaration(pseudo: str, line: int, raw: str) -> ModelDeclaration:
    attributes = {}
    for match in _PSEUDO_ATTRIBUTE.finditer(pseudo):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        for reference, char in _ENTITY_REFS.items():
            value = value.replace(reference, char)
        attributes[match.group(1)] = value
    href = attributes.get("href", "").strip()
    return ModelDeclaration(href, _kind(href, attributes.get("type", ""), attributes.get("schematypens", "")),
                            attributes.get("phase") or None, line, "<?" + raw + "?>")


def _kind(href: str, mime: str, schematypens: str) -> str | None:
    namespace = schematypens.strip()
    if namespace == RELAXNG_NS:
        return "rnc" if href.lower().endswith(".rnc") else "rng"
    if namespace in (SCHEMATRON_NS, SCHEMATRON_OLD_NS):
        return "sch"
    if namespace == XSD_NS:
        return "xsd"
    if "compact" in mime:
        return "rnc"
    suffix = href.lower().rsplit(".", 1)[-1] if "." in href else ""
    return {"rng": "rng", "rnc": "rnc", "xsd": "xsd", "sch": "sch", "isosch": "sch"}.get(suffix)


XSI_NS = XSI
_ROOT_TAG = re.compile(rb"<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>")
_ATTRIBUTE = re.compile(r"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def schema_locations(data: bytes) -> list[ModelDeclaration]:
    """The XML Schema the root element names for its own namespace with ``xsi:schemaLocation`` (or
    ``xsi:noNamespaceSchemaLocation`` when it has none), as a declaration like an xml-model's.

    Pairs for other namespaces are left to the schema's own imports."""
    text = _ascii_view(data[:PROLOG_SCAN_BYTES])
    tag = _ROOT_TAG.match(text, _root_offset(text))
    if tag is None:
        return []
    attributes = {}
    for name, double, single in _ATTRIBUTE.findall(tag.group(2).decode("utf-8", errors="replace")):
        attributes[name] = double or single
    prefixes = {name[6:] for name, value in attributes.items() if name.startswith("xmlns:") and value == XSI_NS}
    qname = tag.group(1).decode("utf-8", errors="replace")
    prefix = qname.split(":", 1)[0] if ":" in qname else ""
    namespace = attributes.get(f"xmlns:{prefix}" if prefix else "xmlns", "")
    line = text.count(b"\n", 0, tag.start()) + 1
    for xsi in sorted(prefixes):
        if not namespace and f"{xsi}:noNamespaceSchemaLocation" in attributes:
            href = attributes[f"{xsi}:noNamespaceSchemaLocation"].strip()
            return [ModelDeclaration(href, "xsd", None, line, f"{xsi}:noNamespaceSchemaLocation=\"{href}\"")]
        words = attributes.get(f"{xsi}:schemaLocation", "").split()
        for target, href in zip(words[::2], words[1::2]):
            if target == namespace:
                return [ModelDeclaration(href, "xsd", None, line, f"{xsi}:schemaLocation=\"{target} {href}\"")]
    return []
