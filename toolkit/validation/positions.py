"""Readable XPaths for findings: ``/TEI/text[1]/body[1]/div[2]`` rather than ``/*/*[2]/*[1]/*[2]``."""

from __future__ import annotations

from lxml import etree

from toolkit.xmlio import TEI_NS


def readable_xpath(element: etree._Element) -> str:
    """A path from the root, TEI elements by local name, others as Q{namespace}name (XPath 3)."""
    steps = []
    node = element
    while node is not None:
        if not isinstance(node.tag, str):
            node = node.getparent()
            continue
        qname = etree.QName(node)
        name = qname.localname if qname.namespace in (TEI_NS, None) else f"Q{{{qname.namespace}}}{qname.localname}"
        parent = node.getparent()
        if parent is None:
            steps.append(name)
        else:
            position = 1 + sum(1 for sibling in node.itersiblings(node.tag, preceding=True))
            steps.append(f"{name}[{position}]")
        node = parent
    return "/" + "/".join(reversed(steps))


def element_at(tree: etree._ElementTree, libxml2_path: str | None) -> etree._Element | None:
    """The element a libxml2 error path (``/*/*[2]/*``) designates, if it can be found."""
    if not libxml2_path or not libxml2_path.startswith("/"):
        return None
    try:
        found = tree.xpath(libxml2_path)
    except etree.XPathError:
        return None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return found[0]
    return None
