"""The README's example of a project changing the rendering (tests/cases/rendering/), built by
`teikit build --rendering`: its own behaviours, words, XSLT and CSS, on the web and in print."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.visible_words import Browser, pdf_text
from tests.rendering_example import CASE, assert_rendered_as_the_example_says
from toolkit.builders.rendering import read_rendering_file
from toolkit.errors import TeikitError


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("rendering") / "build"
    result = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", "pdf", str(CASE / "letter.xml"),
                             "--rendering", str(CASE / "rendering.toml"), "-o", str(output), "--date", "2026-01-02"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return output


@pytest.mark.browser
def test_the_project_rendering_on_the_web(built, chromium):
    with Browser(chromium) as browser:
        browser.page.goto((built / "html" / "index.html").as_uri())
        assert_rendered_as_the_example_says(browser.page, CASE / "letter.xml")


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
