"""The TEI source offered for download beside a web edition, published so that no browser runs it.

A browser that opens an XML file (served as XML, or from ``file://`` with a ``.xml`` name)
runs what it holds in the XHTML or SVG namespaces: a ``<h:script>``, an ``onload``
attribute, at the site's origin. The source is published byte for byte, under a name ending
in ``.txt`` (``tei/letter.xml.txt``), which every static server and ``file://`` serve as plain
text: shown, never run, whatever it holds. The pages link to it with ``download="letter.xml"``,
so a click saves it under its own name. A source that holds such markup is not changed, and
the build says where it is (``active_content``).
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.errors import Finding, Severity
from toolkit.namespaces import TEI

TEXT_SUFFIX = ".txt"
TEI_NS = TEI
# Elements a browser runs or loads content with, in whatever namespace it renders.
_ACTIVE_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "handler", "listener",
                    "foreignobject", "meta", "base", "form", "stylesheet", "template", "transform"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster"}
_SCRIPT_URL = re.compile(r"^[\x00-\x20]*(javascript|vbscript|data)[\x00-\x20]*:", re.I)


def download_path(name: str) -> str:
    """Where the source named ``name`` is published, relative to the site."""
    return f"tei/{name}{TEXT_SUFFIX}"


def active_content(root, source: str) -> list[Finding]:
    """A warning for each element, attribute or processing instruction of the document that a
    browser would run (or use to load something) if it opened the file as XML."""
    findings = []
    for node in _preceding_siblings(root):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            findings.append(_warning(source, node.sourceline, "<?xml-stylesheet?>",
                                     "a stylesheet a browser would apply"))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        foreign = name.namespace not in (TEI_NS, None)
        if foreign and name.localname.lower() in _ACTIVE_ELEMENTS:
            findings.append(_warning(source, element.sourceline, f"<{_shown(element)}> ({name.namespace})",
                                     "markup a browser would run"))
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on") and len(local) > 2 and (foreign or etree.QName(attribute).namespace):
                findings.append(_warning(source, element.sourceline, f"the attribute {local}= on <{_shown(element)}>",
                                         "an event handler a browser would run"))
            elif local in _URL_ATTRIBUTES | {"href"} and _SCRIPT_URL.match(value):
                findings.append(_warning(source, element.sourceline, f"the attribute {local}= on <{_shown(element)}>",
                                         "a script address a browser would follow"))
    return findings


def _preceding_siblings(root):
    node = root.getprevious()
    while node is not None:
        yield node
        node = node.getprevious()


def _shown(element) -> str:
    return element.prefix + ":" + etree.QName(element).localname if element.prefix else etree.QName(element).localname


def _warning(source: str, line: int | None, what: str, kind: str) -> Finding:
    return Finding(
        file=source, line=line, severity=Severity.WARNING, code="build.active-content",
        message=f"{what} is {kind} if it opened the file as XML; the source is published unchanged, as plain text "
                f"(tei/*{TEXT_SUFFIX}), so no browser runs it",
        hint="remove it from the source unless the edition means to keep it",
    )
