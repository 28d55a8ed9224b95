"""A project's site follows the [rendering] table of its teikit.toml as the essay's pages and the
book do: its own XSLT, CSS, behaviours, words and gap texts, seen in a real browser; and a change
to those options remakes the pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.visible_words import Browser
from tests.project_site.melp_site import FIXED_DATE, teikit
from tests.rendering_example import CASE, TEI, assert_rendered_as_the_example_says

GAP_TEXT = "[a word lost in the fold]"
PROJECT_FILE = """title = "Two letters"
[documents]
include = ["letters/*.xml"]
"""
RENDERING = f"""[rendering]
stylesheet = "letters.xsl"
css = "letters.css"
gaps = {{ fold = "{GAP_TEXT}" }}
words = {{ notes = {{ en = "Endnotes" }} }}
behaviours = {{ "seg[@type=verse]" = {{ behaviour = "line", class = "verse" }}, fw = "omit" }}
"""


def _project(folder: Path) -> Path:
    """Two letters: the README's example of a changed rendering, and one with a gap in the fold."""
    (folder / "letters").mkdir(parents=True)
    shutil.copy(CASE / "letter.xml", folder / "letters" / "a-verse.xml")
    source = (CASE / "letter.xml").read_text(encoding="utf-8")
    folded = source.replace("the garden is in flower", 'the garden is <gap reason="fold"/> in flower', 1)
    assert folded != source
    (folder / "letters" / "b-fold.xml").write_text(folded.replace("A letter with a verse in it", "A folded letter"),
                                                   encoding="utf-8")
    for name in ("letters.xsl", "letters.css"):
        shutil.copy(CASE / name, folder / name)
    (folder / "teikit.toml").write_text(PROJECT_FILE + RENDERING, encoding="utf-8")
    return folder


def _build(project: Path) -> Path:
    result = teikit("build", "html", "--date", FIXED_DATE, cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "build" / "html"


@pytest.mark.browser
def test_the_project_s_rendering_options_change_its_letter_pages(tmp_path, chromium):
    project = _project(tmp_path / "letters")
    site = _build(project)
    with Browser(chromium) as browser:
        page = browser.page
        page.goto((site / "documents" / "a-verse.html").as_uri())
        assert_rendered_as_the_example_says(page, project / "letters" / "a-verse.xml")
        page.goto((site / "documents" / "b-fold.html").as_uri())
        assert GAP_TEXT in page.locator("main").inner_text()  # what a gap in the fold says

    # Without the options the same letters are rendered as teikit renders any letter.
    (project / "teikit.toml").write_text(PROJECT_FILE, encoding="utf-8")
    site = _build(project)
    header = " ".join(etree.parse(str(CASE / "letter.xml")).find(".//t:fw", TEI).text.split())
    plain = (site / "documents" / "a-verse.html").read_text(encoding="utf-8")
    assert 'class="signature"' not in plain and header in plain and "Endnotes" not in plain
    assert GAP_TEXT not in (site / "documents" / "b-fold.html").read_text(encoding="utf-8")
    assert not (site / "assets" / "custom.css").exists()
