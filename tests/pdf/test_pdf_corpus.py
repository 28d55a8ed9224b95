"""Every document of the shared corpus in print (slow: the whole corpus is typeset, in one build).

Each document gives a PDF (TEI P4 and teiCorpus files too; a failure would be a finding naming the
file and the cause, and is shown if one comes); and the words of each
document's ``text`` (NFC, case-folded, counted as multisets: ``benchmarks.visible_words``) are found
in the text of its PDF as pdftotext (pypdf for right-to-left scripts) reads it back, each kind of document above its own threshold.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from benchmarks.visible_words import coverage, document_tokens, pdf_text, tokens
from tests.conftest import CORPUS, corpus_manifest
from toolkit.builders import pdf as pdf_builder
from toolkit.builders.html import BuildFailed
from toolkit.builders.options import BuildOptions
from toolkit.builders.output import output_stems
from toolkit.xmlio import read_document

pytestmark = pytest.mark.slow

# The least share of a document's words its PDF shows, by collection (the kind of document): the
# lowest share measured for that collection (README, "Print coverage") less about a point, so
# that an element lost in print fails while a changed line break does not.
THRESHOLDS = {
    # letters with registers: long identifier URLs in a letter's own listPerson lose a hyphen in the
    # PDF's text (L04276.xml, 94.9 %); everything else 97.4-99.4 %
    "schnitzler-briefe": 0.94,
    "melp": 0.96,               # letters and register files: 97.5-100 %
    "gerdracor": 0.98,          # plays: 100 %
    "eltec-eng": 0.98,          # novels
    # Latin prose and verse: 95.2 % at least, as on the web pages (96 %): words the source splits
    # with markup the measure does not join
    "perseus-latin": 0.94,
    "pta": 0.98,                # Greek and Syriac patristic texts: 98.7-100 %
    "tei-guidelines": 0.98,     # the Guidelines' test files: 99.2-100 %
    # TEI Simple's tests: testsimple5.xml 93.5 %: its source's own hyphens at line ends
    # ("un-<lb/>terworffen") end lines in the PDF too, and reading it back joins the halves
    "tei-simple": 0.92,
}
MEAN = 0.97  # token-weighted over the corpus
# pdftotext rebuilds lines from glyph positions and splits the joined letters of a right-to-left
# script into pieces (pta0200's Syriac: 62 % of its words whole, 98.7 % as pypdf reads the same
# PDF); a document with text in such a language is read back with pypdf.
RIGHT_TO_LEFT = {"ar", "he", "syc", "syr", "fa", "ur", "yi"}


def _pdf_words(source, pdf):
    root = read_document(source).root  # as the build reads it (a P4 file's DTD entities too)
    languages = {value.split("-")[0] for value in root.xpath("//*[local-name()='text']//@xml:lang")}
    if languages & RIGHT_TO_LEFT:
        return tokens(" ".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages))
    return tokens(pdf_text(pdf))


def _documents() -> list[str]:
    return [row["file"] for row in corpus_manifest()]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """(findings, {file: PDF path}) of one build of every corpus document."""
    files = [CORPUS / name for name in _documents()]
    build = tmp_path_factory.mktemp("corpus-pdf")
    findings = []
    try:
        pdf_builder.build(files, build, options=BuildOptions(fixed_date="2026-01-02"))
    except BuildFailed as failed:
        findings = failed.findings
    pdfs = {name: build / "pdf" / f"{stem}.pdf" for name, stem in zip(_documents(), output_stems(files))}
    return findings, pdfs


def test_every_document_gives_a_pdf(printed):
    findings, pdfs = printed
    assert [f"{finding.file}: {finding.message}" for finding in findings] == []
    assert [name for name, pdf in pdfs.items() if not pdf.is_file()] == []


def test_each_pdf_shows_the_words_of_its_document(printed):
    _findings, pdfs = printed
    low, weighted, total = [], 0.0, 0
    for name in _documents():
        wanted = document_tokens(CORPUS / name)
        share = coverage(wanted, _pdf_words(CORPUS / name, pdfs[name]))
        size = sum(wanted.values())
        weighted, total = weighted + share * size, total + size
        if share < THRESHOLDS[name.split("/")[0]]:
            low.append(f"{name}: {share:.1%}")
    assert not low, low
    assert weighted / total >= MEAN
