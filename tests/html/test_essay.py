"""What a reader sees in the essay page: title, contents, numbered paragraphs, corrections, dates, quotations."""

from __future__ import annotations

from lxml import etree

from tests.html.html_site import SAMPLE, parse_page, sample_site

FIXTURES = (sample_site,)  # pytest finds fixtures among the module's names


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_title_page_and_contents(sample_site):
    page = parse_page(sample_site / "html" / "index.html")
    assert text_of(page.find(".//h1")) == "A Sample Edition for Testing"
    assert "Mitchell Abidor" in text_of(page.find(".//header[@class='title-page']"))
    toc = [(a.get("href"), a.text) for a in page.iterfind(".//nav[@class='toc']//a")]
    assert ("#sec-1", "Serge and the Anarchists") in toc
    assert ("#sec-3", "Untitled section, ¶ 7") in toc
    assert toc[-2:] == [("#notes", "Notes"), ("#source-readings", "Readings of the source")]


def test_every_paragraph_has_its_id_and_visible_number(sample_site):
    page = parse_page(sample_site / "html" / "index.html")
    paragraphs = page.xpath("//main//*[contains(concat(' ', @class, ' '), ' p ')]")
    assert [p.get("id") for p in paragraphs] == [f"p{n}" for n in range(1, 9)]
    for n, paragraph in enumerate(paragraphs, start=1):
        number = paragraph.find("a[@class='pnum']")
        assert number.text == str(n) and number.get("href") == f"#p{n}"


def test_corrections_show_the_corrected_reading_and_keep_the_source_reading(sample_site):
    page = parse_page(sample_site / "html" / "index.html")
    choice = page.xpath("//p[@id='p6']//span[contains(@class, 'alternate')]")[0]
    assert text_of(choice.xpath(".//span[contains(@class, 'reading-preferred')]")[0]) == "Petrograd"
    assert text_of(choice.xpath(".//span[contains(@class, 'reading-source')]")[0]) == "Petrogard"
    assert text_of(choice.xpath(".//*[@role='tooltip']")[0]) == "Source reads: Petrogard"
    assert page.find(".//button[@id='view-toggle']").get("aria-pressed") == "false"


def test_the_source_readings_are_listed_after_the_text(sample_site):
    # "corrected] source" for every choice of the text, as printed editions list their emendations.
    tei = {"t": "http://www.tei-c.org/ns/1.0"}
    choices = etree.parse(str(SAMPLE)).getroot().iterfind(".//t:text//t:choice", tei)
    expected = [f"{text_of(choice.find('t:corr', tei))}] {text_of(choice.find('t:sic', tei))}" for choice in choices]
    page = parse_page(sample_site / "html" / "index.html")
    listed = page.xpath("//section[@id='source-readings']//li")
    assert [text_of(item) for item in listed] == expected == ["March 18, 1921] March 18, 1912", "Petrograd] Petrogard"]
    assert listed[1].find("a").get("href") == "#p6"


def test_dates_carry_their_iso_value(sample_site):
    page = parse_page(sample_site / "html" / "index.html")
    times = {t.text: t.get("datetime") for t in page.iterfind(".//main//time")}
    assert times["1919"] == "1919"
    assert times["March 18, 1921"] == "1921-03-18"
    span = page.xpath("//p[@id='p7']//span[@class='date']")[0]
    assert span.get("title") == "1917/1921"


def test_quotations_keep_the_marks_of_the_text(sample_site):
    # That the browser adds none is checked in the browser (test_browser.py).
    page = parse_page(sample_site / "html" / "index.html")
    quote = page.xpath("//p[@id='p4']//span[@class='quote']")[0]
    assert text_of(quote).startswith("“almost all") and text_of(quote).endswith("Siberia.”")
    assert not page.findall(".//q")
    assert page.xpath("//p[@id='p3']//cite[contains(@class, 'title')]")[0].text == "Bulletin Communiste"


def test_about_page_comes_from_the_header(sample_site):
    page = parse_page(sample_site / "html" / "about.html")
    text = text_of(page.find(".//main"))
    for expected in ("editorial principles", "The source", "Revisions", "Creative Commons Attribution 4.0",
                     "errors are corrected with the source reading kept", "Fixture written."):
        assert expected.lower() in text.lower(), expected
    assert page.xpath("//main//a[@rel='license']/@href") == ["https://creativecommons.org/licenses/by/4.0/"]
