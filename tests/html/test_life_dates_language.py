"""A person's life dates on the register page are said in the document's language: "geboren am
3. Mai 1820", "naissance en 1820", not "born"; a year before the common era (``-0100``, read as XML
Schema 1.0 reads it) with its era. The expected phrases are written here by hand."""

from __future__ import annotations

import subprocess
import sys

import pytest
from lxml import html as lxml_html

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{language}"><teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p><persName ref="#a">A</persName>, <persName ref="#b">B</persName>, <persName ref="#c">C</persName>, <persName ref="#d">D</persName>.</p></body>
<back><listPerson>
<person xml:id="a"><persName>Anna Anfang</persName><birth when="1820-05-03"/></person>
<person xml:id="b"><persName>Berta Beginn</persName><birth when="1820-05-01"/></person>
<person xml:id="c"><persName>Clara Curie</persName><death when="1895"/></person>
<person xml:id="d"><persName>Dora Dextra</persName><birth when="-0100"/><death when="-0044-03-15"/></person>
</listPerson></back></text></TEI>
"""
EXPECTED = {
    "de": {"Anna Anfang": "(geboren am 3. Mai 1820)", "Berta Beginn": "(geboren am 1. Mai 1820)",
           "Clara Curie": "(gestorben 1895)", "Dora Dextra": "(100 v. Chr. – 15. März 44 v. Chr.)"},
    "fr": {"Anna Anfang": "(naissance le 3 mai 1820)", "Berta Beginn": "(naissance le 1er mai 1820)",
           "Clara Curie": "(décès en 1895)", "Dora Dextra": "(100 av. J.-C. – 15 mars 44 av. J.-C.)"},
    "en": {"Anna Anfang": "(born 3 May 1820)", "Berta Beginn": "(born 1 May 1820)", "Clara Curie": "(died 1895)",
           "Dora Dextra": "(100 BCE – 15 March 44 BCE)"},
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_life_dates_in_the_documents_language(tmp_path, language):
    source = tmp_path / "register.xml"
    source.write_text(DOCUMENT.format(language=language), encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", str(source), "--force",
                            "-o", str(tmp_path / "build"), "--date", "2026-01-02"], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    page = lxml_html.parse(str(next((tmp_path / "build").rglob("persons.html"))))
    shown = {}
    for entry in page.xpath("//*[.//span[@class='life-dates']]"):
        names = entry.xpath(".//*[contains(@class, 'entry-name')]")
        if names and len(entry.xpath(".//span[@class='life-dates']")) == 1:
            shown[" ".join(names[0].text_content().split())] = entry.xpath("string(.//span[@class='life-dates'])")
    assert shown == EXPECTED[language]
