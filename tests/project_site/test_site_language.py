"""A project site's frame (menus, headings, labels, the search page) speaks the project's interface
language, with the words the stylesheets use (xslt/common/words.json, read here as the data it
is); a language teikit has no words for gives English and a warning naming the project file.
Read in Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.chromium import watched
from tests.project.mixed_project import make_project

pytestmark = pytest.mark.browser

WORDS = json.loads((Path(__file__).resolve().parents[2] / "xslt" / "common" / "words.json").read_text(encoding="utf-8"))
MENU = ("home", "documents", "persons", "places", "timeline", "map", "search", "about")  # the mixed project's sections, in order
# How each project asks for its language: the rendering option, or the web edition's own.
SETTINGS = {"de": '[outputs.html]\nlanguage = "de"\n', "fr": '[rendering]\nlanguage = "fr"\n',
            "it": 'language = "it"\n'}


def _built(root: Path, setting: str) -> subprocess.CompletedProcess:
    make_project(root)
    project_file = root / "teikit.toml"
    text = project_file.read_text(encoding="utf-8")
    # a top-level key goes before the first table
    project_file.write_text(setting + text if not setting.startswith("[") else text + "\n" + setting, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "toolkit", "--project", str(root), "build", "html", "--force",
                           "-o", str(root / "build"), "--date", "2026-01-02"], capture_output=True, text=True)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """language asked for -> (the site's folder, what the build said)."""
    found = {}
    for language, setting in SETTINGS.items():
        root = tmp_path_factory.mktemp(f"site-{language}")
        result = _built(root, setting)
        assert result.returncode == 0, result.stderr
        found[language] = (root / "build" / "html", result.stderr)
    return found


@pytest.fixture
def page(chromium):
    """A page of its own for each test: the search page goes on loading parts of its index after
    its results are shown, and leaving it aborts those requests."""
    opened = watched(chromium.new_page(viewport={"width": 1200, "height": 900}))
    yield opened
    opened.close()


def _frame(page, html: Path) -> dict:
    page.goto((html / "documents.html").as_uri())
    return {
        "lang": page.evaluate("document.documentElement.lang"),
        "menu": page.locator("nav.site-nav a").all_inner_texts(),
        "skip": page.locator("a.skip-link").inner_text(),
        "heading": page.locator("main h1").inner_text(),
        "footer": page.locator("footer.site-footer a").inner_text(),
        "built": page.locator("footer.site-footer time").inner_text(),
    }


def _built_on(word: dict) -> str:
    """The build date (--date 2026-01-02) in the language's words."""
    return word["date-day"].format(day=2, month=word["month-1"], year=2026)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_frame_speaks_the_interface_language(sites, page, language):
    html, said = sites[language]
    word = {key: words.get(language, words["en"]) for key, words in WORDS.items()}
    assert word["home"] != WORDS["home"]["en"]  # the test means something
    assert _frame(page, html) == {"lang": language, "menu": [word[key] for key in MENU], "skip": word["skip"],
                                  "heading": word["documents"], "footer": word["about-project-link"],
                                  "built": _built_on(word)}
    page.goto((html / "persons.html").as_uri())
    assert page.locator("main h1").inner_text() == word["persons"]
    # The table's filter says how many rows it shows.
    documents = len(list((html / "documents").glob("*.html")))
    page.goto((html / "documents.html").as_uri())
    page.locator("#table-filter").fill("Letter one")
    shown = page.locator("#documents tbody tr:visible").count()
    assert page.locator("#table-filter-status").inner_text() == word["filter-shown"].format(shown=shown, total=documents)
    page.goto((html / "search.html").as_uri())
    assert page.locator("main h1").inner_text() == word["search"]
    assert page.locator("#search-results-title").inner_text() == word["search-results"]
    # What search.js writes: the prompt with the number of documents, and the count of what is found.
    prompt = word["search-prompt"].format(documents=word["document-count"].format(n=documents))
    page.wait_for_function("text => document.getElementById('search-status').textContent === text", arg=prompt)
    page.locator("#search-input").fill("visitor")
    page.locator("#search-input").press("Enter")
    page.wait_for_function("() => document.getElementById('search-status').getAttribute('data-query') === 'visitor'")
    found = page.locator("#search-results > li").count()
    status = page.locator("#search-status").inner_text()
    assert found and status.startswith(word["result-count-one" if found == 1 else "result-count"].format(n=found))
    assert "interface" not in said
    assert page.problems == []


def test_a_language_without_words_gives_english_and_a_warning(sites, page):
    html, said = sites["it"]
    english = {key: words["en"] for key, words in WORDS.items()}
    assert _frame(page, html) == {"lang": "en", "menu": [english[key] for key in MENU], "skip": english["skip"],
                                  "heading": english["documents"], "footer": english["about-project-link"],
                                  "built": _built_on(english)}
    warning = next(line for line in said.splitlines() if "build.interface-language" in line)
    assert "teikit.toml" in warning and "'it'" in warning and "warning" in warning
