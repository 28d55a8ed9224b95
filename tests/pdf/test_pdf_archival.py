"""The PDF as an archival object: metadata, PDF/A-3b identification, embedded source and fonts,
identical bytes for a fixed date, and the print options."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from pypdf.generic import IndirectObject

from tests.conftest import REPOSITORY
from tests.pdf.pdf_book import FIXED_DATE, SMALL, build_book, small_book
from benchmarks.visible_words import pdf_text
from toolkit.builders.html import BuildFailed

FIXTURES = (small_book,)  # pytest finds fixtures among the module's names


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def test_metadata_comes_from_the_header(small_book):
    info = small_book.reader.metadata
    header = small_book.source
    assert info.title == header.xpath("string(//t:titleStmt/t:title[@type='main'])")
    assert info.author == "Mitchell Abidor"
    assert info.subject.startswith("Victor Serge became a propagandist")
    keywords = [" ".join(term.xpath("string()").split()) for term in header.xpath("//t:keywords/t:term")]
    assert info["/Keywords"] == ", ".join(keywords)
    assert small_book.reader.trailer["/Root"]["/Lang"] == "en"
    compact = FIXED_DATE.replace("-", "")
    assert info["/CreationDate"].startswith(f"D:{compact}") and info["/ModDate"].startswith(f"D:{compact}")


def test_pdfa_3b_identification(small_book):
    xmp = small_book.reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part="3"|<pdfaid:part>3</pdfaid:part>', xmp)
    assert re.search(r'pdfaid:conformance="B"|<pdfaid:conformance>B</pdfaid:conformance>', xmp)
    assert "Victor Serge and Anarchism" in xmp  # dc:title repeated in XMP
    catalog = small_book.reader.trailer["/Root"]
    intents = catalog["/OutputIntents"]
    assert any(_resolve(intent)["/S"] == "/GTS_PDFA1" for intent in intents)
    assert "/ID" in small_book.reader.trailer
    assert not small_book.reader.is_encrypted


def test_tei_source_is_embedded_as_associated_file(small_book):
    attachments = small_book.reader.attachments
    assert list(attachments) == [SMALL.name]
    assert attachments[SMALL.name] == [SMALL.read_bytes()]
    catalog = small_book.reader.trailer["/Root"]
    specs = [_resolve(spec) for spec in catalog["/AF"]]
    assert specs and all(spec["/AFRelationship"] == "/Source" for spec in specs)


def test_every_font_is_embedded(small_book):
    fonts = {}
    for page in small_book.reader.pages:
        for name, font in _resolve(page["/Resources"]).get("/Font", {}).items():
            font = _resolve(font)
            descendants = font.get("/DescendantFonts")
            descriptor = _resolve(_resolve(descendants[0])["/FontDescriptor"]) if descendants else _resolve(font.get("/FontDescriptor"))
            fonts[font["/BaseFont"]] = descriptor
    assert fonts
    for base, descriptor in fonts.items():
        assert descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), base
    assert any("Libertine" in base or "DejaVu" in base for base in fonts)


def test_same_date_same_bytes(small_book, tmp_path):
    again = build_book(SMALL, tmp_path)
    assert again.pdf_path.read_bytes() == small_book.pdf_path.read_bytes()
    assert again.html_path.read_bytes() == small_book.html_path.read_bytes()


def test_paper_and_fonts_are_options(tmp_path):
    book = build_book(SMALL, tmp_path, paper="A4", fonts=("DejaVu Serif",), font_size="12pt")
    width, height = (float(v) for v in book.reader.pages[1].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    bases = {str(_resolve(font)["/BaseFont"]) for page in book.reader.pages
             for font in _resolve(page["/Resources"]).get("/Font", {}).values()}
    assert any("DejaVu-Serif" in base for base in bases)
    assert not any("Libertine" in base or "Biolinum" in base for base in bases)
    assert "--tk-font-size: 12pt" in book.html_path.read_text(encoding="utf-8")


def test_small_fixture_is_a5(small_book):
    width, height = (float(v) for v in small_book.reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (420, 595)


def test_unknown_paper_is_refused_with_a_hint(tmp_path):
    from toolkit.errors import TeikitError

    with pytest.raises(TeikitError) as error:
        build_book(SMALL, tmp_path, paper="folio")
    assert "A4" in error.value.hint


def test_unreadable_source_gives_a_finding_not_a_traceback(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>\n<p>unclosed</text></TEI>', encoding="utf-8")
    with pytest.raises(BuildFailed) as error:
        build_book(broken, tmp_path / "build")
    (finding,) = error.value.findings
    assert finding.file.endswith("broken.xml") and finding.line == 2
    assert not (tmp_path / "build" / "pdf" / "broken.pdf").exists()


def test_a_corpus_file_prints_every_text_it_holds(tmp_path):
    # A teiCorpus is a book of its documents (it used to be refused); another root is refused.
    corpus = tmp_path / "corpus.xml"
    member = ('<TEI><teiHeader><fileDesc><titleStmt><title>{0}</title></titleStmt><publicationStmt><p>x</p>'
              '</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
              '<text><body><p>{1}</p></body></text></TEI>')
    corpus.write_text('<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
                      '<title>Two letters</title></titleStmt><publicationStmt><p>x</p></publicationStmt>'
                      '<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
                      + member.format("First letter", "Dear Anna, the garden is in flower.")
                      + member.format("Second letter", "Dear Paul, the roses came today.") + "</teiCorpus>",
                      encoding="utf-8")
    build_book(corpus, tmp_path / "build")
    text = " ".join(pdf_text(tmp_path / "build" / "pdf" / "corpus.pdf").split())
    for words in ("Two letters", "First letter", "Dear Anna, the garden is in flower.", "Second letter",
                  "Dear Paul, the roses came today."):
        assert words in text
    other = tmp_path / "page.xml"
    other.write_text('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', encoding="utf-8")
    with pytest.raises(BuildFailed) as error:
        build_book(other, tmp_path / "build-other")
    (finding,) = error.value.findings
    assert finding.code == "build.not-tei" and "<teiCorpus>" in finding.hint


def test_the_help_names_the_faces_and_the_leading_that_print_css_sets():
    css = (REPOSITORY / "xslt" / "assets" / "print.css").read_text(encoding="utf-8")
    leading = re.search(r"--tk-leading:\s*([\d.]+);", css).group(1)
    first_face = re.search(r'--tk-font-body:\s*"([^"]+)"', css).group(1)
    result = subprocess.run([sys.executable, "-m", "toolkit", "build", "--help"], capture_output=True, text=True)
    help_text = " ".join(result.stdout.split())
    assert f"font size ({leading})" in help_text and f"default {first_face}," in help_text, help_text
