"""Names link to index entries, the indexes count every mention, notes are all there, no link is broken."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urldefrag

from tests.conftest import project_rendering
from tests.html.html_site import edition_site, parse_page, sample_site, site
from toolkit.xmlio import read_document

FIXTURES = (edition_site, sample_site, site)  # pytest finds fixtures among the module's names

TEI = "{http://www.tei-c.org/ns/1.0}"
PAGES = {"persName": "persons.html", "placeName": "places.html", "orgName": "organisations.html"}
REGISTERS = {"persName": (f"{TEI}person", f"{TEI}personGrp"), "placeName": (f"{TEI}place",), "orgName": (f"{TEI}org",)}


def tei_mentions(source: Path) -> Counter:
    """(element name, entry id) -> number of mentions in the text, for names that point at an entry."""
    root = read_document(source).root
    entries = {element.get("{http://www.w3.org/XML/1998/namespace}id"): element.tag for element in root.iter()}
    counts: Counter = Counter()
    for name in PAGES:
        for mention in root.iterfind(f".//{TEI}text//{TEI}{name}[@ref]"):
            target = mention.get("ref").split()[0]
            assert target.startswith("#"), f"line {mention.sourceline}: {target}"
            if entries.get(target[1:]) in REGISTERS[name]:
                counts[(name, target[1:])] += 1
    return counts


def mention_links(page) -> Counter:
    """(name kind, entry id) -> links in the essay's reading text (pop-ups excluded)."""
    counts: Counter = Counter()
    for link in page.iterfind(".//main//a"):
        classes = (link.get("class") or "").split()
        if "mention" not in classes or link.xpath("ancestor::*[contains(@class, 'note-pop') or contains(@class, 'alt-pop')]"):
            continue
        kind = next(name for name in PAGES if name in classes)
        page_name, fragment = urldefrag(link.get("href"))
        assert page_name == PAGES[kind], link.get("href")
        counts[(kind, fragment)] += 1
    return counts


def test_every_name_in_the_text_is_a_link_to_its_index_entry(site):
    source, build = site
    html = build / "html"
    expected = tei_mentions(source)
    assert expected, "the document names nobody"
    assert mention_links(parse_page(html / "index.html")) == expected
    ids = {page: set(parse_page(html / page).xpath("//@id")) for page in PAGES.values()}
    for kind, entry in expected:
        assert entry in ids[PAGES[kind]], f"{entry} has no entry in {PAGES[kind]}"


def test_each_index_entry_lists_every_mention(site):
    source, build = site
    expected = tei_mentions(source)
    for kind, page_name in PAGES.items():
        page = parse_page(build / "html" / page_name)
        for entry in page.iterfind(".//li[@class='entry']"):
            occurrences = entry.findall(".//a[@class='occurrence']")
            assert len(occurrences) == expected.get((kind, entry.get("id")), 0), entry.get("id")
            count_text = entry.find(".//p[@class='occurrence-count']").text
            if occurrences:
                assert count_text.startswith(f"{len(occurrences)} mention")


def test_occurrences_point_at_the_paragraph_of_the_mention(sample_site):
    page = parse_page(sample_site / "html" / "persons.html")
    serge = page.find(".//li[@id='pers-serge']")
    targets = [a.get("href") for a in serge.iterfind(".//a[@class='occurrence']")]
    assert targets == ["index.html#p1", "index.html#p3", "index.html#p6"]
    forms = [span.text for span in serge.iterfind(".//span[@class='form']")]
    assert forms == ["(Victor Serge)", "(Serge)", "(Kibalchich)"]
    sections = [a.text for a in serge.iterfind(".//a[@class='occurrence-section']")]
    assert sections == ["Abstract", "Serge and the Anarchists", "The Anarchists against Victor Serge"]


def test_note_markers_are_all_present_in_order(site):
    source, build = site
    root = read_document(source).root
    authorial = [note.get("n") for note in root.iterfind(f".//{TEI}text//{TEI}note[@type='authorial']")]
    page = parse_page(build / "html" / "index.html")
    markers = [a.text for a in page.iterfind(".//sup[@class='noteref noteref-authorial']/a")]
    assert markers == authorial == [str(n) for n in range(1, len(authorial) + 1)]
    if source.name == "serge-anarchism-russian-years.xml":
        assert len(markers) == 84
    # The gap that stands for a missing note text says what the project's teikit.toml gives, else "[…]".
    said = project_rendering(source).get("gaps", {}).get("note-text-not-in-source", "[…]")
    for marker in page.iterfind(".//sup[@class='noteref noteref-authorial']/a"):
        note = page.find(f".//li[@id='{marker.get('href')[1:]}']")
        assert said in "".join(note.itertext())
        assert note.find(".//a[@class='backref']").get("href") == f"#{marker.get('id')}"
        popup = page.find(f".//*[@id='{marker.get('aria-describedby')}']")
        assert said in "".join(popup.itertext())


def test_every_internal_link_and_anchor_resolves(site):
    _source, build = site
    html = build / "html"
    pages = {path.name: parse_page(path) for path in html.glob("*.html")}
    ids = {name: Counter(page.xpath("//@id")) for name, page in pages.items()}
    for name, counter in ids.items():
        duplicates = [value for value, count in counter.items() if count > 1]
        assert not duplicates, f"{name}: duplicate ids {duplicates[:5]}"
    checked = 0
    for name, page in pages.items():
        for href in page.xpath("//a/@href | //link/@href | //script/@src"):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target, fragment = urldefrag(href)
            target_name = target or name
            assert (html / target_name).is_file(), f"{name}: {href}"
            if fragment:
                assert fragment in ids.get(target_name, {}), f"{name}: {href}"
            checked += 1
        for reference in page.xpath("//@aria-describedby | //@aria-labelledby | //@aria-controls | //label/@for"):
            assert reference in ids[name], f"{name}: {reference}"
    assert checked > 20


def test_the_tei_source_is_offered_for_download(site):
    source, build = site
    # As text, byte for byte, which no browser runs; a click saves it under its own name.
    copy = build / "html" / "tei" / f"{source.name}.txt"
    assert copy.read_bytes() == source.read_bytes()
    about = parse_page(build / "html" / "about.html")
    assert about.xpath(f"//a[@href='tei/{source.name}.txt'][@download='{source.name}']")
