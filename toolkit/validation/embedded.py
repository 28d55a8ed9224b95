"""Schematron rules embedded in a RELAX NG schema (as TEI ODDs produce them), as a schema of their own."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

from lxml import etree

from toolkit import resources
from toolkit.atomic import write_bytes
from toolkit.errors import Finding
from toolkit.namespaces import SCHEMATRON
from toolkit.validation.validator import SchemaValidator, read_schema
from toolkit.xmlio import Document


class NoRules(SchemaValidator):
    """A RELAX NG schema declared for its Schematron rules that has none."""

    def iter_findings(self, document: Document) -> list[Finding]:
        return []


_SCH_ORDER = ("title", "ns", "p", "let", "phase", "pattern", "diagnostics", "properties")


def embedded_schematron(path: Path) -> Path | None:
    """The Schematron rules embedded in a RELAX NG schema (as TEI ODDs produce) as a schema file of their own.

    Written to the cache, keyed by the grammar's bytes; None when the grammar embeds no pattern.
    """
    data, tree = read_schema(path)
    target = resources.cache_dir() / "schematron-embedded" / f"{hashlib.sha256(data).hexdigest()}.sch"
    if target.is_file():
        return target
    sch = SCHEMATRON
    outermost = [element for element in tree.iter(f"{{{sch}}}*")
                 if not any(isinstance(a.tag, str) and a.tag.startswith(f"{{{sch}}}") for a in element.iterancestors())]
    if not any(etree.QName(element).localname == "pattern" for element in outermost):
        return None
    schema = etree.Element(f"{{{sch}}}schema", queryBinding="xslt2", nsmap={"sch": sch})
    diagnostics = None
    for kind in _SCH_ORDER:
        for element in outermost:
            if etree.QName(element).localname != kind:
                continue
            if kind == "diagnostics":
                if diagnostics is None:
                    diagnostics = etree.SubElement(schema, f"{{{sch}}}diagnostics")
                diagnostics.extend(copy.deepcopy(child) for child in element)
            elif kind != "title" or schema.find(f"{{{sch}}}title") is None:
                schema.append(copy.deepcopy(element))
    write_bytes(target, etree.tostring(schema, xml_declaration=True, encoding="UTF-8"))
    return target
