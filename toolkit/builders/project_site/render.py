"""One document of a project made into what its pages need: its card, the names it points
with (``project.mentions``, placed on the page by the stylesheet), and its text as an HTML
fragment (xslt/project/document.xsl).

This is the part of a project build that costs (Saxon), done once per changed document, in
worker processes, and kept in the build cache. It needs nothing but the document itself: the
pointers to registers are resolved later, by the builder, when the pages are put together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit.builders import rendering
from toolkit.builders.documents import DocumentProblem, with_includes
from toolkit.builders.project_site.metadata import card
from toolkit.builders.project_site.search import search_facts
from toolkit.errors import Finding
from toolkit.namespaces import TEI as TEI_NS, TK
from toolkit.project.mentions import mentions_by_element
from toolkit.tei_namespace import as_p5
from toolkit.xmlio import UnreadableDocument, read_document
from toolkit.xslt import SealedSaxon, TransformError, UndefinedEntity
STYLESHEET = "project/document.xsl"


@dataclass
class RenderedDocument:
    card: dict
    mentions: list[dict]
    fragment: str
    search: dict  # what the search index keeps of it with its card (project_site.search)
    search_record: dict[str, bytes]  # its units and postings, for the search index (search.search_facts)


def saxon(options) -> tuple[SealedSaxon, dict[str, str]]:
    """The stylesheet as the project's rendering options want it (its XSLT imported over it), and
    the parameters those options set; compiled once per process: workers forked after the first
    call share it."""
    return rendering.stylesheets(options, STYLESHEET)


def render(source: Path, options) -> RenderedDocument | Finding:
    """The document's card, mentions and text, or the finding that says why it cannot be rendered."""
    try:
        document = with_includes(read_document(source))
    except UnreadableDocument as error:
        return error.finding
    except DocumentProblem as problem:
        return problem.finding
    root = document.root
    local = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if local not in ("TEI", "TEI.2"):
        return Finding(file=str(source), line=root.sourceline, code="build.not-tei",
                       message=f"the root element is <{root.tag}>, not a TEI document",
                       hint=f"a project's documents are TEI (root <TEI> in the namespace {TEI_NS})")
    runner, params = saxon(options)
    try:
        node = runner.load(document)  # HTML's named entities become their characters
        fragment = runner.transform("document", node, params, template=f"{TK}document-text").principal
        places = json.loads(runner.transform("document", node, params, template=f"{TK}document-places",
                                             serialization={"method": "json"}).principal)
    except UndefinedEntity as error:
        return Finding(file=str(source), line=error.line, code="build.entity", message=str(error), hint=error.hint)
    except TransformError as error:
        return Finding(file=str(source), code="build.transform",
                       message=f"the document could not be rendered: {_first_line(str(error))}",
                       hint="check it with `teikit validate`; the other documents were built")
    tree = as_p5(document.tree)  # read as the stylesheet reads it: its places are this tree's elements
    return RenderedDocument(card(tree.getroot()), site_mentions(tree, source, places), fragment,
                            *search_facts(tree.getroot(), fragment))


def site_mentions(tree: etree._ElementTree, source: Path, places: list[list[str]]) -> list[dict]:
    """The document's mentions as the register model finds them (``project.mentions``), each
    pointer with where it stands on the page: ``places`` holds, for every element with a @ref in
    document order, the anchor and label the stylesheet gave its paragraph or, inside one of the
    document's own register entries, that entry (empty where the page does not show it).

    Pointers are resolved later, with the whole project's registers: they are not needed here."""
    order = {element: number for number, element in enumerate(tree.xpath("//*[normalize-space(@ref)]"))}
    found = []
    for element, mention in mentions_by_element(tree, source):
        if mention.pointer is None:
            continue
        place = places[order[element]] if not mention.in_header and element in order else []
        where = "header" if mention.in_header else "text" if mention.in_text or len(place) == 2 else "other"
        anchor, label = place if len(place) == 2 else ("main", "text")
        found.append({"pointer": mention.pointer, "where": where, "role": mention.role,
                      "anchor": anchor if where == "text" else "", "label": label if where == "text" else ""})
    return found


def _first_line(message: str) -> str:
    return next((line.strip() for line in message.splitlines() if line.strip()), message)

