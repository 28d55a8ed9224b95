"""The README's example of a project changing the rendering (tests/cases/rendering/), built by
`teikit build --rendering`: its own behaviours, words, XSLT and CSS, on the web and in print."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.visible_words import Browser, pdf_text
from tests.chromium import require_chromium
from toolkit.builders.rendering import read_rendering_file
from toolkit.errors import TeikitError

CASE = Path(__file__).resolve().parents[1] / "cases" / "rendering"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("rendering") / "build"
    result = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", "pdf", str(CASE / "letter.xml"),
                             "--rendering", str(CASE / "rendering.toml"), "-o", str(output), "--date", "2026-01-02"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return output


@pytest.mark.browser
def test_the_project_rendering_on_the_web(built):
    require_chromium()
    root = etree.parse(str(CASE / "letter.xml")).getroot()
    verses = [" ".join(seg.text.split()) for seg in root.iterfind(".//t:seg[@type='verse']", TEI)]
    header = " ".join(root.find(".//t:fw", TEI).text.split())
    with Browser() as browser:
        page = browser.page
        page.goto((built / "html" / "index.html").as_uri())
        lines = page.locator("main .l.verse")
        assert [" ".join(lines.nth(k).inner_text().split()) for k in range(lines.count())] == verses
        assert lines.first.evaluate("e => getComputedStyle(e).fontStyle") == "italic"  # the project's CSS
        assert header not in page.evaluate("document.body.innerText")  # fw: omit
        assert page.locator("#notes-title").inner_text() == "Endnotes"  # the project's word
        signature = page.locator("main p.signature")  # the project's XSLT
        assert signature.inner_text() == root.find(".//t:signed", TEI).text
        assert signature.evaluate("e => getComputedStyle(e).textAlign") == "right"


def test_the_project_rendering_in_print(built):
    pdf = built / "pdf" / "letter.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Serif" in fonts and "Linux-Libertine-O " not in fonts  # the project's print font
    text = " ".join(pdf_text(pdf).split())
    assert "The rose is without why" in text and "Page header not to be shown" not in text


def test_a_rendering_file_with_an_unknown_key_is_refused(tmp_path):
    bad = tmp_path / "rendering.toml"
    bad.write_text('langauge = "de"\n', encoding="utf-8")
    with pytest.raises(TeikitError) as error:
        read_rendering_file(bad)
    assert "langauge" in str(error.value)
