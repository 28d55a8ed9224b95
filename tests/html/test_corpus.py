"""Real TEI written by other projects builds into readable pages through the generic rendering,
and a reader sees all of it.

The whole corpus is built once and read in Chromium. The words of each document's ``text``, read
from its TEI with lxml alone (``benchmarks.visible_words``: NFC, case-folded, counted as
multisets), are looked for in what a reader sees (``innerText``) of its reading page and of the
register pages it links to: per document, over the corpus (weighted by the documents' words),
and per TEI element (the words each element's text is part of).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from benchmarks.visible_words import coverage, document_tokens, element_losses, element_tokens, missing
from tests.chromium import reader
from tests.conftest import CORPUS, corpus_manifest
from tests.html.html_site import parse_page
from toolkit.builders import html as html_builder
from toolkit.builders.options import BuildOptions

FIXTURES = (reader,)  # pytest finds fixtures among the module's names

DOCUMENT_LEAST = 0.97  # of a document's words, on its pages
MEAN_LEAST = 0.98  # of the corpus's words, each document weighted by its words
ELEMENT_MOST_LOST = 0.05  # of the words of an element name in a document


def corpus_files() -> list[Path]:
    return [CORPUS / row["file"] for row in corpus_manifest()]


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> dict[Path, Path]:
    """Each corpus document -> the folder of its web edition, from one build of them all."""
    files = corpus_files()
    build = tmp_path_factory.mktemp("corpus-html")
    written = html_builder.build(files, build, options=BuildOptions(fixed_date="2026-01-01"))
    assert build / "html" / "index.html" in written
    return {source: build / "html" / name for source, name in zip(files, html_builder._site_names(files))}


@pytest.mark.slow
@pytest.mark.browser
def test_every_corpus_document_shows_its_words(corpus_site, reader):
    assert len(corpus_site) == 49
    unreadable, low, lossy = [], [], []
    weighted = total = 0
    for source, folder in corpus_site.items():
        name = str(source.relative_to(CORPUS))
        for page in ("about.html", "persons.html", "places.html", "organisations.html"):
            # a quick parse: register pages of big registers are megabytes
            if lxml_html.fromstring((folder / page).read_bytes()).find(".//main") is None:
                unreadable.append(f"{name}: {page}")
        parse_page(folder / "index.html", tree="etree")  # html5lib's strict parser: a parse error fails
        _page, seen = reader.edition_tokens(folder / "index.html")
        wanted = document_tokens(source)
        share, size = coverage(wanted, seen), sum(wanted.values())
        weighted, total = weighted + share * size, total + size
        if share < DOCUMENT_LEAST:
            low.append(f"{name}: {share:.1%}, missing {dict(missing(wanted, seen).most_common(8))}")
        by_element = element_tokens(source)
        for element, (lost, words) in element_losses(by_element, seen).items():
            if lost > ELEMENT_MOST_LOST * words:
                lossy.append(f"{name}: {element} loses {lost} of {words} words: "
                             f"{dict(missing(by_element[element], seen).most_common(5))}")
    assert {"pages without a main part": unreadable, "documents below": low, "elements losing words": lossy} == \
        {"pages without a main part": [], "documents below": [], "elements losing words": []}
    assert weighted / total >= MEAN_LEAST


def test_tei_p4_is_read_as_tei(tmp_path):
    p4 = [path for path in corpus_files() if b"<TEI.2" in path.read_bytes()[:4000]]
    assert p4
    readable = []
    for path in p4:
        try:
            html_builder.build([path], tmp_path / path.stem, options=BuildOptions(fixed_date="2026-01-01"))
        except html_builder.BuildFailed as failure:
            assert all(finding.code.startswith(("xml.", "build.entity")) for finding in failure.findings)
            continue
        page = parse_page(tmp_path / path.stem / "html" / "index.html")
        readable.append(len(page.xpath("//main//*[contains(concat(' ', @class, ' '), ' p ')]")))
    assert readable and all(count > 0 for count in readable)
