"""A register kept in a document prints each entry as one paragraph holding all its words: its
name, then every field as "Label: value"; a phrase that has a look of its own (italics, another
language) keeps it, while names, places and identifiers are set as plain text."""

from __future__ import annotations

from collections import Counter

from benchmarks.visible_words import document_tokens, pdf_text, tokens
from tests.pdf.pdf_book import build_book

TEI = "http://www.tei-c.org/ns/1.0"
REGISTER = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI}" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>Places of the letters</title></titleStmt>
    <publicationStmt><p>For a test.</p></publicationStmt><sourceDesc><p>Written for it.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><listPlace>
    <place xml:id="vienna">
      <placeName>Vienna</placeName>
      <placeName type="variant">Wien</placeName>
      <location type="coords"><geo>48.2 16.37</geo></location>
      <location type="located_in_place"><placeName>Lower Austria</placeName><geo>48.1 15.9</geo></location>
      <idno type="URL">https://example.org/places/vienna</idno>
      <note>Called <foreign xml:lang="de">Kaiserstadt</foreign> in <hi rend="italic">several</hi> letters.</note>
    </place>
    <place xml:id="graz">
      <placeName>Graz</placeName>
      <desc type="kind">Provincial capital</desc>
      <listBibl><bibl>Town guide of eighteen ninety</bibl></listBibl>
    </place>
  </listPlace></body></text>
</TEI>
"""


def test_each_entry_is_one_paragraph_with_all_its_words_and_looks(tmp_path):
    source = tmp_path / "places.xml"
    source.write_text(REGISTER, encoding="utf-8")
    book = build_book(source, tmp_path / "build")
    entries = book.html.xpath("//*[contains(concat(' ', @class, ' '), ' entry ')]")
    assert [entry.get("id") for entry in entries] == ["vienna", "graz"]
    blocks = "p div li ul ol dl dt dd section table".split()
    for entry in entries:
        assert entry.xpath("descendant::*[" + " or ".join(f"self::{name}" for name in blocks) + "]") == []
    vienna, graz = ("".join(entry.itertext()) for entry in entries)
    assert vienna.startswith("Vienna ") and "Identifier (Url): https://example.org/places/vienna" in vienna
    assert "Provincial capital" in graz and "Town guide of eighteen ninety" in graz
    # Plain text where the source only names things; spans where the print has a look to give.
    spans = [entry.xpath("descendant::span/@class") for entry in entries]
    assert spans[1] == ["entry-name"]
    assert {"entry-name", "foreign", "hi rend-italic"} <= set(spans[0]) <= {"entry-name", "foreign", "hi rend-italic"}
    assert entries[0].xpath("string(descendant::span[@class='foreign']/@lang)") == "de"
    # Every word of the register's text is in the PDF.
    wanted = document_tokens(source)
    assert wanted - Counter(tokens(pdf_text(book.pdf_path, drawn_order=True))) == Counter()
