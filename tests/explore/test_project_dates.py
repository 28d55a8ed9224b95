"""A project's timeline says how each letter is dated: a day, a range, bounds, an uncertain date,
or none; its map lists the register's places with and without coordinates (pages read as HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.explore.explore_pages import built_project

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Made for the test.</p></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName>Ann</persName><placeName ref="places.xml#{place}">x</placeName>{date}</correspAction>
<correspAction type="received"><persName>Ben</persName></correspAction></correspDesc></profileDesc></teiHeader>
<text><body><p>Written at <placeName ref="places.xml#{place}">the place</placeName>.</p></body></text></TEI>
"""
PLACES = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Places</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Made for the test.</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPlace>
<place xml:id="dublin"><placeName>Dublin</placeName><location><geo>53.35 -6.26</geo></location></place>
<place xml:id="bath"><placeName>Bath</placeName><location><geo>51.38, -2.36</geo></location></place>
<place xml:id="nowhere"><placeName>Somewhere unknown</placeName></place>
</listPlace></body></text></TEI>
"""
# file -> (title, date element, what the timeline must say of it)
LETTERS = {
    "a.xml": ("Letter of a day", '<date when="1812-02-20"/>', "20 February 1812"),
    "b.xml": ("Letter between two dates", '<date notBefore="1813-03" notAfter="1813-05"/>', "between March 1813 and May 1813"),
    "c.xml": ("Letter over a span", '<date from="1811-12-30" to="1812-01-02"/>', "30 December 1811 – 2 January 1812"),
    "d.xml": ("Letter of an uncertain year", '<date when="1810" cert="low"/>', "1810"),
    "e.xml": ("Letter without a date", "", None),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    files = {f"letters/{name}": LETTER.format(title=title, date=date, place="bath" if name == "a.xml" else "dublin")
             for name, (title, date, _said) in LETTERS.items()}
    return built_project(tmp_path_factory.mktemp("dated-letters"), {**files, "registers/places.xml": PLACES},
                         'title = "Dated letters"\n[documents]\ninclude = ["letters/*.xml"]\n'
                         '[registers]\ninclude = ["registers/*.xml"]\n')


def test_each_way_of_dating_is_shown_as_such(site):
    page = lxml_html.parse(str(site / "timeline.html"))
    items = page.xpath("//li[contains(@class, 'timeline-item')]")
    shown = {item.xpath("string(.//a)"): item for item in items}
    for _name, (title, _date, said) in LETTERS.items():
        if said is None:
            assert title not in shown
            continue
        item = shown[title]
        assert item.xpath("normalize-space(.//*[@class='when'])").startswith(said), title
    assert [item.xpath("string(.//a)") for item in items] == [
        "Letter of an uncertain year", "Letter over a span", "Letter of a day", "Letter between two dates"]
    uncertain = {title for title, item in shown.items() if item.xpath(".//*[@class='uncertain']")}
    assert uncertain == {"Letter between two dates", "Letter of an uncertain year"}
    assert shown["Letter over a span"].xpath(".//*[@class='date-range']")
    assert page.xpath("//section[@id='undated']//a/text()") == ["Letter without a date"]
    assert page.xpath("//nav[@class='site-nav']//a[@aria-current='page']/text()") == ["Timeline"]


def test_the_map_counts_mentions_and_lists_places_without_coordinates(site):
    page = lxml_html.parse(str(site / "map.html"))
    markers = {circle.get("data-id"): circle for circle in page.xpath("//*[local-name()='circle']")}
    assert set(markers) == {"dublin", "bath"}
    # Dublin: named twice (where sent, and in the text) in each of four letters; Bath twice in one.
    assert markers["dublin"].get("data-mentions") == "8" and markers["bath"].get("data-mentions") == "2"
    assert page.xpath("//section[@id='unlocated']//li/@data-id") == ["nowhere"]
    assert markers["dublin"].getparent().get("href") == "places/dublin.html"
    assert (site / "places" / "dublin.html").is_file()
