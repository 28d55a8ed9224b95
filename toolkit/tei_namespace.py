"""TEI P4 and TEI written without a namespace, read as TEI P5: every element in no namespace
moves into the TEI namespace (``TEI.2`` becomes ``TEI``), and P4's ``@id`` and ``@lang`` become
``xml:id`` and ``xml:lang``, as xslt/common/normalise.xsl does for the stylesheets. Code that
reads a document's elements by their TEI names then reads these documents too."""

from __future__ import annotations

import copy

from lxml import etree

from toolkit.namespaces import TEI, XML, XML_ID

T = "{" + TEI + "}"
XML_LANG = "{" + XML + "}lang"
P4_ATTRIBUTES = (("id", XML_ID), ("lang", XML_LANG))


def as_p5(tree: etree._ElementTree) -> etree._ElementTree:
    """``tree`` itself when every element is in a namespace; else a copy in the TEI namespace
    (lines kept, so findings still point into the file)."""
    if next(tree.getroot().iter("{}*"), None) is None:
        return tree
    moved = copy.deepcopy(tree)
    for element in list(moved.getroot().iter("{}*")):
        element.tag = T + ("TEI" if element.tag == "TEI.2" else element.tag)
        for p4, p5 in P4_ATTRIBUTES:
            if p4 in element.attrib:
                element.set(p5, element.attrib.pop(p4))
    return moved
