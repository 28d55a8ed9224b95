"""The indexes: Unicode collation, cross-references, life dates, authority links, and the data files."""

from __future__ import annotations

import csv
import json

from tests.html.html_site import edition_site, parse_page, sample_site, site
from toolkit.collation import ordered

FIXTURES = (edition_site, sample_site, site)  # pytest finds fixtures among the module's names


def headings(page) -> list[str]:
    return [" ".join("".join(span.itertext()).split()) for span in page.xpath("//ul[@id='register']/li/*//span[@class='entry-name'] | //ul[@id='register']/li/span[@class='entry-name']")]


def test_entries_are_sorted_by_surname_with_unicode_collation(sample_site):
    names = headings(parse_page(sample_site / "html" / "persons.html"))
    assert names == ["Abidor, Mitchell", "Eliot, George", "Émile", "Engels, Friedrich", "Kibalchich",
                     "Makhnovists", "Marx, Karl", "Serge, Victor"]


def test_collation_puts_accented_and_special_letters_in_place():
    assert ordered(["Zola", "Engels", "Émile", "Eliot", "Ølsen", "Oakes", "Özil"]) == [
        "Eliot", "Émile", "Engels", "Oakes", "Ølsen", "Özil", "Zola"]


def test_variants_are_cross_references_to_the_entry(sample_site):
    page = parse_page(sample_site / "html" / "persons.html")
    xref = page.xpath("//li[@class='cross-reference']")[0]
    assert " ".join("".join(xref.itertext()).split()) == "Kibalchich, see Serge, Victor"
    assert xref.find("a").get("href") == "#pers-serge"
    places = parse_page(sample_site / "html" / "places.html")
    assert places.xpath("//li[@class='cross-reference']/a/@href") == ["#place-kronstadt"]


def test_entries_show_dates_identification_and_authority_links(sample_site):
    page = parse_page(sample_site / "html" / "persons.html")
    engels = page.find(".//li[@id='pers-engels']")
    assert "".join(engels.find(".//span[@class='life-dates']").itertext()) == "(28 November 1820 – 5 August 1895)"
    assert engels.find(".//p[@class='identification']").text == "Philosopher."
    marx = page.find(".//li[@id='pers-marx']")
    assert marx.xpath(".//a[@class='authority']/@href") == ["https://www.wikidata.org/wiki/Q9061"]
    assert page.find(".//input[@id='register-filter']") is not None


def test_index_data_as_json_and_csv(sample_site):
    data = json.loads((sample_site / "index" / "persons.json").read_text())
    assert [entry["id"] for entry in data["entries"]][:4] == ["pers-abidor", "pers-eliot", "pers-emile", "pers-engels"]
    serge = next(entry for entry in data["entries"] if entry["id"] == "pers-serge")
    assert serge["name"] == "Serge, Victor"
    assert [variant["name"] for variant in serge["variants"]] == ["Kibalchich", "Serge"]
    assert (serge["birth"], serge["death"]) == ("1890-12-30", "1947-11-17")
    assert [occurrence["anchor"] for occurrence in serge["occurrences"]] == ["p1", "p3", "p6"]
    rows = list(csv.DictReader((sample_site / "index" / "persons.csv").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == [entry["id"] for entry in data["entries"]]
    assert next(row for row in rows if row["id"] == "pers-serge")["occurrence_count"] == "3"
    for register in ("places", "organisations"):
        assert json.loads((sample_site / "index" / f"{register}.json").read_text())["entries"]
        assert (sample_site / "index" / f"{register}.csv").read_text().startswith("id,type,name,")


def test_index_data_counts_agree_with_the_index_pages(site):
    _source, build = site
    for register in ("persons", "places", "organisations"):
        data = json.loads((build / "index" / f"{register}.json").read_text())
        page = parse_page(build / "html" / f"{register}.html")
        for entry in data["entries"]:
            item = page.find(f".//li[@id='{entry['id']}']")
            assert len(item.findall(".//a[@class='occurrence']")) == len(entry["occurrences"])
