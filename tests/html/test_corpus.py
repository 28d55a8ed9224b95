"""Real TEI written by other projects builds into readable pages through the generic rendering."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.conftest import CORPUS, corpus_manifest
from tests.html.html_site import parse_page
from toolkit.builders import html as html_builder
from toolkit.builders.options import BuildOptions
from toolkit.xmlio import read_document



def corpus_files() -> list[Path]:
    return [CORPUS / row["file"] for row in corpus_manifest()]


def tei_text(source: Path) -> str:
    """The words of a TEI document's text (not its header)."""
    root = read_document(source).root
    texts = root.xpath("//*[local-name() = 'text'][not(ancestor::*[local-name() = 'text'])]")
    return " ".join(" ".join("".join(text.itertext()) for text in texts).split())


@pytest.mark.slow
def test_every_corpus_document_builds_into_readable_pages(tmp_path):
    files = corpus_files()
    assert len(files) == 49
    written = html_builder.build(files, tmp_path, options=BuildOptions(fixed_date="2026-01-01"))
    site = tmp_path / "html"
    folders = {path.parent.name: path.parent for path in site.glob("*/index.html")}
    assert len(folders) == len(files)
    assert site / "index.html" in written
    empty = []
    for source, folder in zip(files, html_builder._site_names(files)):
        folder = folders[folder]
        for name in ("about.html", "persons.html", "places.html", "organisations.html"):
            # a quick parse: index pages of big registers are megabytes; the essay page gets the strict one
            page = lxml_html.fromstring((folder / name).read_bytes())
            assert page.find(".//main") is not None, folder / name
        text = " ".join("".join(parse_page(folder / "index.html").find(".//main").itertext()).split())
        if len(text) < min(200, len(tei_text(source))):
            empty.append(folder.name)
    assert not empty, f"pages without their text: {empty}"


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
