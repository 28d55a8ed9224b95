"""Every document of the shared corpus in print (slow: the whole corpus is typeset, each document
once in a test run, shared by the test processes).

Each document gives a PDF (TEI P4 and teiCorpus files too; a failure would be a finding naming the
file and the cause, and is shown if one comes); and the words of each
document's ``text`` (NFC, case-folded, counted as multisets: ``benchmarks.visible_words``) are found
in the text of its PDF as pdftotext (in the order it is drawn, which keeps the text's own hyphens at
line ends; pypdf for right-to-left scripts) reads it back, each kind of document above its own threshold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.visible_words import coverage, document_tokens, pdf_text, tokens
from tests.built_once import built_once
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
    # letters with registers: 97.4-100 % (L04276.xml's long URLs, broken after their own hyphens,
    # read 94.9 % when the hyphens that end lines were dropped in reading the PDF back)
    "schnitzler-briefe": 0.96,
    "melp": 0.96,               # letters and register files: 97.5-100 %
    "gerdracor": 0.98,          # plays: 100 %
    "eltec-eng": 0.98,          # novels
    # Latin prose and verse: 95.2 % at least, as on the web pages (96 %): words the source splits
    # with markup the measure does not join
    "perseus-latin": 0.94,
    "pta": 0.98,                # Greek and Syriac patristic texts: 98.7-100 %
    "tei-guidelines": 0.98,     # the Guidelines' test files: 99.2-100 %
    # TEI Simple's tests: testsimple5.xml 99.6 % (93.5 % when its source's own hyphens at line
    # ends, "un-<lb/>terworffen", were dropped in reading the PDF back)
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
    return tokens(pdf_text(pdf, drawn_order=True))  # the text's own hyphens at line ends kept


def _documents() -> list[str]:
    """The corpus, largest document first, so the longest builds start first and the test
    processes share the rest evenly."""
    rows = sorted(corpus_manifest(), key=lambda row: (-int(row["size_bytes"]), row["file"]))
    return [row["file"] for row in rows]


DOCUMENTS = _documents()
# A name for each document's build in the run (two documents share a file name).
STEMS = dict(zip(DOCUMENTS, output_stems([CORPUS / name for name in DOCUMENTS])))


def _printed(tmp_path_factory, name: str) -> dict:
    """The print build of one corpus document, made once in the run: its findings, its PDF (or
    None) and the share of its words the PDF shows, with the number of its words."""

    def build(directory):
        source = CORPUS / name
        try:
            pdf_builder.build([source], directory, options=BuildOptions(fixed_date="2026-01-02"))
        except BuildFailed as failed:
            return {"findings": [f"{finding.file}: {finding.message}" for finding in failed.findings], "pdf": None}
        pdf = directory / "pdf" / f"{output_stems([source])[0]}.pdf"  # its name when built alone
        if not pdf.is_file():
            return {"findings": [], "pdf": None}
        wanted = document_tokens(source)
        return {"findings": [], "pdf": str(pdf), "share": coverage(wanted, _pdf_words(source, pdf)),
                "size": sum(wanted.values())}

    return built_once(tmp_path_factory, f"corpus-pdf-{STEMS[name]}", build)[1]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_document_gives_a_pdf_that_shows_its_words(tmp_path_factory, name):
    printed = _printed(tmp_path_factory, name)
    assert printed["findings"] == []
    assert printed["pdf"] is not None and Path(printed["pdf"]).is_file()
    assert printed["share"] >= THRESHOLDS[name.split("/")[0]], f"{name}: {printed['share']:.1%}"


def test_the_corpus_pdfs_show_its_words_on_the_whole(tmp_path_factory):
    """Token-weighted over the corpus (a document another process printed is read from its build)."""
    weighted, total = 0.0, 0
    for name in reversed(DOCUMENTS):  # smallest first: it seldom waits on a large one
        printed = _printed(tmp_path_factory, name)
        assert printed["pdf"] is not None, (name, printed["findings"])
        weighted, total = weighted + printed["share"] * printed["size"], total + printed["size"]
    assert weighted / total >= MEAN
