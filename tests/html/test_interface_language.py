"""A German (or French) document gets its language's interface everywhere: its web edition (text,
about page, indexes, search page and what search.js writes), its PDF (contents, index headings
and their introduction, running heads, title page), and a one-letter project site with its
search and book.

The English phrases looked for are computed from the interface words (xslt/common/words.json,
read here as data): every English word that is not also the document language's, plus phrases the
stylesheets once wrote literally. What the reader sees is read in Chromium (visible text,
aria-label, title, placeholder, alt) and from the PDF's text; a phrase the TEI itself contains
is the document's own and does not count."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.chromium import watched

pytestmark = pytest.mark.browser

WORDS = json.loads((Path(__file__).resolve().parents[2] / "xslt" / "common" / "words.json").read_text(encoding="utf-8"))
# English the stylesheets and page writers used to write as it is, whatever words.json says.
ONCE_LITERAL = ("Also:", "Not mentioned in the text", "mentions in the text", "Index of", "Numbers are pages",
                "Untitled section", "Diplomatic view", "Regularised and corrected", "Every paragraph carries",
                "The TEI P5 XML source", "plain text", "About this edition", "Author", "Editor", "Identifier",
                "Source reads", "Original spelling", "Abbreviated", "Corrected", "Search the texts", "Persons mentioned",
                "Correction", "Normalization", "see", "the text")

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="LANGUAGE">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Brief an Hermine Kaltenbrunn</title>
        <author>Gustav Kaltenbrunn</author>
        <editor>Marta Quellfeld</editor>
        <respStmt><resp>Transkription</resp><persName>Ilse Ostwald</persName></respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher>Prüfverlag</publisher><pubPlace>Wien</pubPlace><date when="2026-01-02">2026</date>
        <availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>
      </publicationStmt>
      <sourceDesc><msDesc><msIdentifier><settlement>Wien</settlement><repository>Prüfarchiv</repository>
        <idno>Brief 7</idno></msIdentifier></msDesc></sourceDesc>
    </fileDesc>
    <encodingDesc><editorialDecl>
      <correction><p>Verschreibungen werden berichtigt.</p></correction>
      <normalization><p>Die Schreibung bleibt erhalten.</p></normalization>
    </editorialDecl></encodingDesc>
    <revisionDesc><change when="2026-01-01">Erfasst.</change></revisionDesc>
  </teiHeader>
  <text>
    <body>
      <div>
        <pb n="1"/>
        <p>Liebe <persName ref="#hk">Hermine</persName>, in <placeName ref="#wien">Wien</placeName> ist es
          <choice><sic>kallt</sic><corr>kalt</corr></choice> und <choice><orig>seyn</orig><reg>sein</reg></choice>
          wir <choice><abbr>u.</abbr><expan>und</expan></choice> bei der <orgName ref="#oper">Hofoper</orgName>.<note
          place="foot">Gemeint ist die Oper am Ring.</note></p>
        <p>Der Winter <app><lem wit="#A">bleibt</lem><rdg wit="#B">dauert</rdg></app> lang <gap reason="unleserlich"/>; am
          <date when="1890-03-04">4. März 1890</date> reisen wir.<pb n="2"/> Dein <persName ref="#gk">Gustl</persName>.</p>
      </div>
    </body>
    <back>
      <listWit><witness xml:id="A">Handschrift</witness><witness xml:id="B">Abschrift</witness></listWit>
      <listPerson>
        <person xml:id="hk"><persName>Kaltenbrunn, Hermine</persName><birth when="1850-05-03"/></person>
        <person xml:id="gk"><persName>Kaltenbrunn, Gustav</persName><persName type="Rufname">Gustl</persName>
          <idno type="gnd">118607626</idno></person>
        <person xml:id="nn"><persName>Niemand, Nora</persName></person>
      </listPerson>
      <listPlace><place xml:id="wien"><placeName>Wien</placeName><location><geo>48.2083 16.3731</geo></location></place></listPlace>
      <listOrg><org xml:id="oper"><orgName>Hofoper</orgName></org></listOrg>
    </back>
  </text>
</TEI>
"""
REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de"><teiHeader><fileDesc><titleStmt><title>Personen</title></titleStmt>
<publicationStmt><p>Prüfregister.</p></publicationStmt><sourceDesc><p>Prüfregister.</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson><person xml:id="ko"><persName>Ostwald, Konrad</persName><death when="1901"/></person></listPerson>
</body></text></TEI>
"""
PROJECT_FILE = """title = "Prüfbriefe"
description = "Ein Brief."
language = "LANGUAGE"

[documents]
include = ["letters/*.xml"]

[registers]
include = ["registers/*.xml"]
"""


def english_phrases(language: str) -> set[str]:
    """The English of every interface word whose word in ``language`` differs, cut at its
    {placeholders}; a piece the other word contains too ("in", "Apr") says nothing and is left out."""
    found = set(ONCE_LITERAL)
    for words in WORDS.values():
        english, own = words["en"], words.get(language, "")
        if english == own:
            continue
        for piece in re.split(r"\{[a-z]+\}", english):
            piece = piece.strip(" ,;:()")
            if len(re.findall(r"[A-Za-z]", piece)) >= 2 and not re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", own):
                found.add(piece)
    return found


def english_in(text: str, tei: str, phrases: set[str]) -> set[str]:
    """The phrases ``text`` shows as whole words that the TEI does not hold itself."""
    return {phrase for phrase in phrases
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) and phrase not in tei}


def _run(*arguments: str) -> None:
    built = subprocess.run([sys.executable, "-m", "toolkit", *arguments, "--force", "--date", "2026-01-02"],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr


@pytest.fixture(scope="module", params=["de", "fr"])
def builds(request, tmp_path_factory) -> tuple[str, dict[str, Path]]:
    """The language, and the single document's build and the one-letter project's in it, each
    with html/ and pdf/."""
    language = request.param
    root = tmp_path_factory.mktemp(f"interface-{language}")
    letter = root / "brief.xml"
    letter.write_text(LETTER.replace("LANGUAGE", language), encoding="utf-8")
    _run("build", "html", "index", "pdf", str(letter), "-o", str(root / "document"))
    project = root / "project"
    (project / "letters").mkdir(parents=True)
    (project / "registers").mkdir()
    (project / "letters" / "brief.xml").write_text(LETTER.replace("LANGUAGE", language), encoding="utf-8")
    (project / "registers" / "personen.xml").write_text(REGISTER, encoding="utf-8")
    (project / "teikit.toml").write_text(PROJECT_FILE.replace("LANGUAGE", language), encoding="utf-8")
    _run("--project", str(project), "build", "html", "pdf", "-o", str(project / "build"))
    return language, {"document": root / "document", "project": project / "build"}


SHOWN = """() => {
  const said = [document.title, document.body.innerText];
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
    for (const name of ['aria-label', 'title', 'placeholder', 'alt'])
      if (element.hasAttribute(name)) said.push(element.getAttribute(name));
  return said.join('\\n');
}"""


def _shown_on_pages(browser, html: Path) -> dict[str, str]:
    """Page (relative path) -> what a reader and a screen reader get from it; the search page
    twice: as it opens and with the results of a search."""
    page = watched(browser.new_page())
    shown = {}
    for path in sorted(html.rglob("*.html")):
        page.goto(path.as_uri())
        name = str(path.relative_to(html))
        if path.name == "search.html":
            page.wait_for_function("() => document.getElementById('search-status').textContent !== ''")
            shown[name] = page.evaluate(SHOWN)
            page.locator("#search-input").fill("Wien")
            page.locator("#search-input").press("Enter")
            page.wait_for_function("() => document.getElementById('search-status').getAttribute('data-query') === 'Wien'")
            name += " (searched)"
        shown[name] = page.evaluate(SHOWN)
    assert page.problems == []
    page.close()
    return shown


def _pdf_text(pdf: Path) -> str:
    # Lines broken at a hyphen are joined again: the phrase is looked for across them.
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return " ".join(re.sub(r"[\u2010-]\n", "", text).split())


def test_a_german_or_french_document_and_project_show_no_english_interface_words(builds, chromium):
    language, built = builds
    phrases = english_phrases(language)
    tei = " ".join(LETTER.split()) + " ".join(REGISTER.split())
    own = {key: words[language] for key, words in WORDS.items() if language in words}
    shown = {}
    for kind, build in built.items():
        shown.update({f"{kind}: {name}": text for name, text in _shown_on_pages(chromium, build / "html").items()})
        pdfs = sorted((build / "pdf").glob("*.pdf"))
        assert len(pdfs) == 1
        shown[f"{kind}: {pdfs[0].name}"] = _pdf_text(pdfs[0])
    english = {name: sorted(english_in(text, tei, phrases)) for name, text in shown.items()}
    assert {name: found for name, found in english.items() if found} == {}
    # The outputs are the ones meant: the language's words are there in every kind of output.
    assert own["not-mentioned"] in shown["document: persons.html"]
    assert own["search-texts"] in shown["document: search.html"]
    assert own["index-persons"] in shown["document: brief.pdf"]
    assert own["index-persons"] in shown["project: prufbriefe.pdf"]
    assert own["diplomatic-view"] in shown["project: documents/brief.html"]
