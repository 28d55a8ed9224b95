"""The timeline and the map speak the edition's language: a German project's pages (and a German
document's own) in Chromium say their dates, summaries, captions, headings and what explore.js
writes in German, and no English word of the interface is left in them.

The German expected here is written out by hand from the TEI dates below; words.json serves only
to list the English words the pages must not show."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.explore.explore_pages import built_project, page

FIXTURES = (page,)
pytestmark = pytest.mark.browser

WORDS = json.loads((Path(__file__).resolve().parents[2] / "xslt" / "common" / "words.json").read_text(encoding="utf-8"))

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Für den Test geschrieben.</p></sourceDesc></fileDesc>{profile}</teiHeader>"""
LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de">""" + HEADER + """
<text><body><p>Geschrieben in <placeName ref="orte.xml#{place}">der Stadt</placeName>.</p></body></text></TEI>
"""
PROFILE = """<profileDesc><correspDesc><correspAction type="sent"><persName>Anna</persName>{date}</correspAction>
<correspAction type="received"><persName>Berta</persName></correspAction></correspDesc></profileDesc>"""
PLACES = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de">""" + HEADER.format(title="Orte", profile="") + """
<text><body><listPlace>
<place xml:id="wien"><placeName>Wien</placeName><location><geo>48.21 16.37</geo></location></place>
<place xml:id="graz"><placeName>Graz</placeName><location><geo>47.07 15.44</geo></location></place>
<place xml:id="irgendwo"><placeName>Irgendwo</placeName></place>
</listPlace>
<listEvent><event xml:id="kongress" from="1814-09-18" to="1815-06-09"><label>Wiener Kongress</label></event></listEvent>
</body></text></TEI>
"""
# file -> (title, date element, the date as a German reader reads it; None: undated)
LETTERS = {
    "a.xml": ("Brief eines Tages", '<date when="1820-05-03"/>', "3. Mai 1820"),
    "b.xml": ("Brief zwischen zwei Monaten", '<date notBefore="1813-03" notAfter="1813-05"/>', "zwischen März 1813 und Mai 1813"),
    "c.xml": ("Brief über den Jahreswechsel", '<date from="1811-12-30" to="1812-01-02"/>', "30. Dezember 1811 – 2. Januar 1812"),
    "d.xml": ("Brief eines unsicheren Jahres", '<date when="1810" cert="low"/>', "1810"),
    "e.xml": ("Brief zwischen zwei Tagen", '<date notBefore="1814-03-01" notAfter="1814-05-31"/>',
              "zwischen dem 1. März 1814 und dem 31. Mai 1814"),
    "f.xml": ("Brief ohne Datum", "", None),
}
EVENT = ("Wiener Kongress", "18. September 1814 – 9. Juni 1815")
MONTHS_SHORT = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de">""" + HEADER.format(title="Ein Tagebuch", profile="") + """
<text><body>
<p xml:id="p1">Am <date when="1820-05-03">dritten Mai</date> reisten wir nach <placeName ref="#wien">Wien</placeName>.</p>
<p xml:id="p2">Zurück <date notBefore="1820-06" notAfter="1820-07">im Sommer</date>, über <placeName ref="#graz">Graz</placeName>.</p>
</body><back><listPlace>
<place xml:id="wien"><placeName>Wien</placeName><location><geo>48.21 16.37</geo></location></place>
<place xml:id="graz"><placeName>Graz</placeName><location><geo>47.07 15.44</geo></location></place>
</listPlace></back></text></TEI>
"""


def english_words() -> list[str]:
    """Every run of English words of the interface that German says otherwise (placeholders cut out)."""
    found = set()
    for words in WORDS.values():
        english, german = words.get("en"), words.get("de")
        if not english or english == german:
            continue
        for piece in re.split(r"\{\w+\}", english):
            piece = piece.strip(" .,;:()–“”°")
            if sum(character.isalpha() for character in piece) >= 4:
                found.add(piece)
    return sorted(found)


def english_in(text: str) -> list[str]:
    return [words for words in english_words() if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)]


def everything_said(page) -> str:
    """The page's visible text and what it says to a screen reader or on hovering (labels, titles)."""
    return page.evaluate("""() => [document.body.innerText,
      ...[...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')),
      ...[...document.querySelectorAll('title')].map(e => e.textContent)].join('\\n')""")


def letters_project(folder: Path, language: str) -> Path:
    files = {f"briefe/{name}": LETTER.format(title=title, profile=PROFILE.format(date=date),
                                             place="graz" if name == "a.xml" else "wien")
             for name, (title, date, _said) in LETTERS.items()}
    return built_project(folder, {**files, "register/orte.xml": PLACES},
                         f'title = "Briefe"\nlanguage = "{language}"\n[documents]\ninclude = ["briefe/*.xml"]\n'
                         '[registers]\ninclude = ["register/*.xml"]\n')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return letters_project(tmp_path_factory.mktemp("deutsche-briefe"), "de")


@pytest.fixture(scope="module")
def document_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tagebuch")
    (folder / "tagebuch.xml").write_text(DOCUMENT, encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", str(folder / "tagebuch.xml"), "--force",
                            "-o", str(folder / "build"), "--date", "2026-01-02"], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return next((folder / "build").rglob("timeline.html")).parent


def test_a_german_projects_timeline_is_in_german(site, page):
    page.goto((site / "timeline.html").as_uri())
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'all'")  # explore.js has run
    when = dict(page.eval_on_selector_all(".timeline-item", """items => items.map(li =>
      [li.querySelector('a, .title').innerText, li.querySelector('.when').innerText])"""))
    for title, _date, said in LETTERS.values():
        if said is not None:
            assert when[title].startswith(said), title
    assert when[EVENT[0]] == EVENT[1]
    assert when["Brief eines unsicheren Jahres"] == "1810 unsicher"
    summary = page.locator(".timeline-summary").inner_text()
    assert summary == ("6 datierte Dokumente und Ereignisse, 1810 bis 1820; davon 3 mit unsicherem Datum "
                       "(markiert „unsicher“); 1 undatiert.")
    assert page.locator("#undated-heading").inner_text() == "Undatiert (1)"
    assert page.locator(".timeline-zoom label").inner_text() == "Zeigen"
    options = page.locator("#timeline-period option").all_inner_texts()
    assert options[0] == "der ganze Zeitraum (6)" and "die 1810er Jahre (5)" in options
    assert english_in(everything_said(page)) == []

    # Zoomed to a year, explore.js draws the months and says what it shows, in German too.
    page.select_option("#timeline-period", "y1820")
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'y1820'")
    assert page.locator("#timeline-density text").all_text_contents() == MONTHS_SHORT
    assert page.locator("#timeline-density .bin title").nth(4).text_content() == "Mai: 1 datiertes Dokument oder Ereignis"
    assert page.locator("#timeline-status").inner_text() == "Gezeigt: 1820, 1 datiertes Dokument oder Ereignis."
    assert page.locator(".timeline-density figcaption").inner_text().startswith(
        "Datierte Dokumente und Ereignisse pro Monat, 1820;")
    page.select_option("#timeline-period", "d1810")
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'd1810'")
    assert page.locator("#timeline-status").inner_text() == "Gezeigt: die 1810er Jahre, 5 datierte Dokumente und Ereignisse."
    assert english_in(everything_said(page)) == []
    assert page.problems == []


def test_a_german_projects_map_is_in_german(site, page):
    page.goto((site / "map.html").as_uri())
    page.wait_for_selector(".map-controls button")  # explore.js has added its buttons
    assert page.locator(".map-summary").inner_text() == (
        "2 von 3 Orten haben Koordinaten und stehen auf der Karte; 1 hat keine und ist unten aufgeführt.")
    assert page.locator("#located-heading").inner_text() == "Auf der Karte (2)"
    assert page.locator("#unlocated-heading").inner_text() == "Ohne Koordinaten (1)"
    # Each letter names its place once, in its text: Graz one letter, Wien the five others.
    mentions = dict(zip(page.locator("#located li a").all_inner_texts(), page.locator("#located .mentions").all_inner_texts()))
    assert mentions == {"Wien": "5 Erwähnungen in 5 Dokumenten", "Graz": "1 Erwähnung in 1 Dokument"}
    svg = page.evaluate("() => { const s = document.querySelector('svg.map-svg').dataset; return [+s.north, +s.west]; }")
    caption = page.locator(".map-figure figcaption").inner_text()
    north = f"{svg[0]:.1f}".replace(".", ",")
    west = f"{svg[1]:.1f}".replace(".", ",")
    assert f"bis {north}° Breite" in caption and f"{west}° bis" in caption and "Natural Earth (gemeinfrei)" in caption
    assert [page.locator(".map-controls button").nth(i).get_attribute("aria-label") for i in range(3)] == [
        "Vergrößern", "Verkleinern", "Die ganze Karte zeigen"]
    assert english_in(everything_said(page)) == []
    assert page.problems == []


def test_a_german_documents_own_timeline_and_map_are_in_german(document_site, page):
    page.goto((document_site / "timeline.html").as_uri())
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'all'")
    assert page.locator(".timeline-item .when").all_inner_texts() == ["3. Mai 1820", "zwischen Juni 1820 und Juli 1820 unsicher"]
    assert page.locator(".timeline-summary").inner_text() == ("2 Daten, 1820 bis 1820; davon 1 mit unsicherem Datum "
                                                              "(markiert „unsicher“).")
    assert english_in(everything_said(page)) == []
    page.goto((document_site / "map.html").as_uri())
    page.wait_for_selector(".map-controls button")
    assert page.locator("main h1").inner_text() == "Karte"
    assert english_in(everything_said(page)) == []
    assert page.problems == []


def test_a_french_projects_timeline_says_its_dates_in_french(tmp_path, page):
    """The same letters in a French project: days with "le" and "1er", spans as French writes them."""
    site = letters_project(tmp_path, "fr")
    page.goto((site / "timeline.html").as_uri())
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'all'")
    when = dict(page.eval_on_selector_all(".timeline-item", """items => items.map(li =>
      [li.querySelector('a, .title').innerText, li.querySelector('.when').innerText])"""))
    assert when == {"Brief eines unsicheren Jahres": "1810 incertain",
                    "Brief über den Jahreswechsel": "30 décembre 1811 – 2 janvier 1812",
                    "Brief zwischen zwei Monaten": "entre mars 1813 et mai 1813 incertain",
                    "Brief zwischen zwei Tagen": "entre le 1er mars 1814 et le 31 mai 1814 incertain",
                    "Wiener Kongress": "18 septembre 1814 – 9 juin 1815",
                    "Brief eines Tages": "3 mai 1820"}
    assert page.locator(".timeline-summary").inner_text() == (
        "6 documents et événements datés, de 1810 à 1820 ; dont 3 avec une date incertaine (signalée « incertain ») ; "
        "1 non daté.")
    assert page.problems == []
