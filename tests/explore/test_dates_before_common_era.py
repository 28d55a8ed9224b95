"""Letters dated before the common era (``when="-0044-03-15"``, read as XML Schema 1.0 reads a
negative year: 44 BCE) are said with their era in the documents table, on their own page and on
the timeline, ordered among themselves by time; the timeline lists them apart from its axis, which
begins at the year 1, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.explore.explore_pages import built_project
from toolkit import iso_dates
from toolkit.interface_words import Words

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Made for the test.</p></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName>Ann</persName>{date}</correspAction>
<correspAction type="received"><persName>Ben</persName></correspAction></correspDesc></profileDesc></teiHeader>
<text><body><p>A letter.</p></body></text></TEI>
"""
# file -> (title, date element, how a reader is told the date), listed in the order of time
LETTERS = {
    "b.xml": ("Letter of a month long before", '<date when="-0100-07"/>', "July 100 BCE"),
    "c.xml": ("Letter of a year before", '<date when="-0045"/>', "45 BCE"),
    "a.xml": ("Letter of the Ides", '<date when="-0044-03-15"/>', "15 March 44 BCE"),
    "d.xml": ("Letter of the common era", '<date when="1812-02-20"/>', "20 February 1812"),
}
BEFORE = [title for title, _date, said in LETTERS.values() if said.endswith("BCE")]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    files = {f"letters/{name}": LETTER.format(title=title, date=date) for name, (title, date, _said) in LETTERS.items()}
    return built_project(tmp_path_factory.mktemp("ancient-letters"), files,
                         'title = "Ancient letters"\n[documents]\ninclude = ["letters/*.xml"]\n')


def test_the_documents_table_says_the_era_and_orders_by_time(site):
    page = lxml_html.parse(str(site / "documents.html"))
    rows = page.xpath("//table//tbody/tr")
    column = page.xpath("count(//table//thead//th[normalize-space()='Date']/preceding-sibling::th) + 1")
    shown = [(row.xpath("string(.//a)"), row.xpath(f"normalize-space(td[{column:.0f}])")) for row in rows]
    assert [title for title, _date in shown] == [title for title, _date, _said in LETTERS.values()]
    assert {title: date for title, date in shown} == {title: said for title, _date, said in LETTERS.values()}
    # The table's own sorting compares these keys as text: they must follow time too.
    keys = [row.xpath(f"string(td[{column:.0f}]/@data-key)") for row in rows]
    assert keys == sorted(keys)


def test_a_letter_s_own_page_says_its_date_with_the_era(site):
    for name, (_title, _date, said) in LETTERS.items():
        page = lxml_html.parse(str(site / "documents" / f"{Path(name).stem}.html"))
        assert said in page.xpath("normalize-space(//body)"), name


def test_the_timeline_lists_dates_before_the_common_era_apart_in_order_of_time(site):
    page = lxml_html.parse(str(site / "timeline.html"))
    apart = page.xpath("//section[@id='before-common-era']")
    assert len(apart) == 1
    assert [item.xpath("string(.//a)") for item in apart[0].xpath(".//li")] == BEFORE
    said = {title: said for title, _date, said in LETTERS.values()}
    for item in apart[0].xpath(".//li"):
        assert item.xpath("normalize-space(.//*[@class='when'])") == said[item.xpath("string(.//a)")]
        assert not item.xpath(".//time")  # HTML's datetime knows no year before 1
    assert "year 1" in apart[0].xpath("normalize-space(p)")
    # The axis holds only the letter of the common era, under its year.
    placed = page.xpath("//section[contains(@class, 'timeline-year')]")
    assert [section.get("data-year") for section in placed] == ["1812"]
    assert placed[0].xpath("string(.//a)") == "Letter of the common era"
    summary = page.xpath("normalize-space(//p[@class='timeline-summary'])")
    assert summary.startswith("4 dated documents, 1812 to 1812") and "3 before the common era" in summary


# A grammar of the three forms a TEI @when takes here, checked by libxml2 as the validator checks them.
DATES = etree.RelaxNG(etree.fromstring("""<element name="when" xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <choice><data type="date"/><data type="gYearMonth"/><data type="gYear"/></choice></element>"""))


@pytest.mark.parametrize("written", ["-0044-03-15", "-0044-02-29", "-0045-02-29", "-0001-02-29", "-0001", "0000",
                                     "0000-01-01", "1900-02-29", "2000-02-29", "1812-13", "1812-02-30", "0812"])
def test_a_date_the_schema_accepts_is_a_date_the_pages_say(written):
    accepted = DATES.validate(etree.fromstring(f"<when>{written}</when>"))
    assert (iso_dates.parse(written) is not None) == accepted
    assert (Words().date(written) != written) == accepted  # said in words, or shown as written
