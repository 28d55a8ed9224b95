"""A small project whose documents point at register entries in every style TEI allows.

The register data are copied from the MELP registers (``projects/melp``), so nothing in
them is made up; the letters' text is a test's own.
"""

from __future__ import annotations

from pathlib import Path

from tests.tei_documents import tei_file

PERSONS = tei_file("""\
      <listPerson>
        <person xml:id="EdgeR1">
          <persName>Edgeworth, Richard Lovell, 1744-1817</persName>
          <idno type="VIAF">http://viaf.org/viaf/66511092</idno>
        </person>
        <person xml:id="AdamA1">
          <persName>Adams, Abigail, 1744-1818</persName>
          <idno type="VIAF">http://viaf.org/viaf/32015075</idno>
        </person>
        <personGrp xml:id="BailX1">
          <persName>Baillies (Family)</persName>
        </personGrp>
      </listPerson>
""", title="Persons", publication="Test register.", source="From the MELP personography.")

PLACES = tei_file("""\
      <listPlace>
        <place xml:id="Nelson-Place-2_ENK">
          <placeName>2 Nelson Place</placeName>
          <country>England</country>
          <location>
            <geo>51.38951, -2.35837</geo>
          </location>
          <idno type="URI">http://sws.geonames.org/12750535</idno>
        </place>
      </listPlace>
""", title="Places", publication="Test register.", source="From the MELP placeography.")

# A work of the MELP workography (its data as MELP records them).
WORKS = tei_file("""\
      <listBibl>
        <bibl xml:id="Absen1"><title>The Absentee</title>
          <idno>https://www.wikidata.org/wiki/Q7712149</idno></bibl>
      </listBibl>
""", title="Works", publication="Test register.", source="From the MELP workography.")

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Letter one</title>
        <title level="s">Test Letters</title>
        <author><persName ref="../registers/persons.xml#EdgeR1">Richard Lovell Edgeworth</persName></author>
      </titleStmt>
      <publicationStmt><p>Test.</p></publicationStmt>
      <seriesStmt><title>Test Letters</title></seriesStmt>
      <sourceDesc><p>Test.</p></sourceDesc>
    </fileDesc>
    <encodingDesc>
      <listPrefixDef>
        <prefixDef ident="pers" matchPattern="([A-Za-z0-9]+)" replacementPattern="../registers/persons.xml#$1"/>
      </listPrefixDef>
    </encodingDesc>
  </teiHeader>
  <standOff>
    <listPerson>
      <person xml:id="visitor">
        <persName>The visitor</persName>
      </person>
    </listPerson>
  </standOff>
  <text>
    <body>
      <div xml:id="d1">
        <p>Same document: <persName ref="#visitor">the visitor</persName>.</p>
        <p>By id in the registers: <persName ref="#AdamA1">Mrs Adams</persName>.</p>
        <p>By file: <placeName ref="../registers/places.xml#Nelson-Place-2_ENK">Nelson Place</placeName>.</p>
        <p>By prefix: <rs type="person" ref="pers:BailX1">the Baillies</rs>.</p>
        <p>By URI: <name type="place" ref="https://sws.geonames.org/12750535/">Nelson Place</name>.</p>
      </div>
      <div xml:id="d2">
        <p>Broken: <persName ref="#nobody">nobody</persName>,
          <placeName ref="../registers/places.xml#nowhere">nowhere</placeName>,
          <rs type="person" ref="pers:ghost">a ghost</rs>,
          <persName ref="../registers/persons.xml">a file</persName>,
          <orgName ref="http://viaf.org/viaf/1">an outside authority</orgName>.</p>
      </div>
    </body>
  </text>
</TEI>
"""

OTHER_LETTER = tei_file("""\
      <p><persName ref="#visitor">Another visitor</persName> and
        <persName ref="http://viaf.org/viaf/66511092">Edgeworth</persName>.</p>
""", title="Letter two", publication="Test.", source="Test.", back="""\
    <back>
      <listPerson>
        <person xml:id="visitor"><persName>Another visitor</persName></person>
      </listPerson>
    </back>
""")

PROJECT_FILE = """# a test project
title = "Test Letters"
description = "Two letters and two registers."

[documents]
include = ["letters/*.xml"]

[registers]
include = ["registers/*.xml"]
"""


def make_project(root: Path) -> Path:
    (root / "letters").mkdir(parents=True)
    (root / "registers").mkdir()
    (root / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (root / "registers" / "places.xml").write_text(PLACES, encoding="utf-8")
    (root / "letters" / "one.xml").write_text(LETTER, encoding="utf-8")
    (root / "letters" / "two.xml").write_text(OTHER_LETTER, encoding="utf-8")
    (root / "letters" / "one.xml.bak").write_text(LETTER, encoding="utf-8")
    (root / "letters" / "catalog.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"/>', encoding="utf-8")
    (root / "teikit.toml").write_text(PROJECT_FILE, encoding="utf-8")
    return root


def line_of(text: str, fragment: str) -> int:
    """The line of ``text`` on which ``fragment`` (unique) stands."""
    assert text.count(fragment) == 1, fragment
    return text[: text.index(fragment)].count("\n") + 1
