"""Anchors the stylesheet makes (``p1``, ``n-1``, ``sec-1``) never take an id the document gives
one of its own elements: every id of a page is unique and a pointer lands where the TEI says."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lxml import html

from benchmarks import coverage_bench
from toolkit.builders.options import BuildOptions

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc>
    <titleStmt><title>Ids that look generated</title></titleStmt>
    <publicationStmt><p>Unpublished.</p></publicationStmt>
    <sourceDesc><p>Written for this check.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text>
    <body>
      <div><p>First paragraph, naming <persName ref="#p1">Anna</persName>.</p>
      <p>Second paragraph, naming <persName ref="#p2">Boris</persName>.</p></div>
    </body>
    <back>
      <listPerson>
        <person xml:id="p1"><persName>Anna Example</persName></person>
        <person xml:id="p2"><persName>Boris Example</persName></person>
        <person xml:id="sec-1"><persName>Clara Example</persName></person>
      </listPerson>
    </back>
  </text>
</TEI>
"""


def test_generated_anchors_leave_the_documents_own_ids_alone(tmp_path: Path):
    source = tmp_path / "ids.xml"
    source.write_text(DOCUMENT, encoding="utf-8")
    site = tmp_path / "site"
    coverage_bench.write_site(source, site, BuildOptions(fixed_date="2026-01-02"))
    page = html.parse(str(site / "index.html")).getroot()

    ids = Counter(page.xpath("//@id"))
    assert [name for name, count in ids.items() if count > 1] == []
    for entry, name in (("p1", "Anna Example"), ("p2", "Boris Example"), ("sec-1", "Clara Example")):
        assert name in page.get_element_by_id(entry).text_content()
    # Both paragraphs still have an anchor of their own, holding their own words.
    paragraphs = [element for element in page.xpath("//*[@id]") if "paragraph" in element.text_content()]
    assert {"First paragraph", "Second paragraph"} <= {
        text for element in paragraphs for text in ("First paragraph", "Second paragraph")
        if text in element.text_content() and element.get("id") not in ("p1", "p2")}
