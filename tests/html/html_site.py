"""Building and reading the web edition in tests."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from tests.built_once import built_once
from tests.conftest import project_rendering
from toolkit.builders import html as html_builder
from toolkit.builders import index_data
from toolkit.builders.options import BuildOptions

REPOSITORY = Path(__file__).resolve().parents[2]
EDITION = REPOSITORY / "tei" / "serge-anarchism-russian-years.xml"
CASES = Path(__file__).resolve().parents[1] / "cases" / "html"
SAMPLE = CASES / "sample-edition.xml"
FIXED_DATE = "2026-01-02"


def build_site(source: Path, build_dir: Path) -> Path:
    options = BuildOptions(fixed_date=FIXED_DATE, extra={"rendering": project_rendering(source)})
    html_builder.build([source], build_dir, options=options)
    index_data.build([source], build_dir, options=options)
    return build_dir


def parse_page(path: Path, *, tree: str = "lxml"):
    """An HTML page as an lxml tree (html5lib's strict parser: a parse error fails the test);
    ``tree="etree"`` builds the standard library's tree instead, a quarter cheaper, for a test
    that only needs the page to parse."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder(tree), namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


# Fixtures, built once in a test run and only read (imported by the test modules; this folder
# has no conftest.py, so that `from conftest import ...` elsewhere in the suite always finds
# tests/conftest.py).
@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    return built_once(tmp_path_factory, "html-sample", lambda directory: build_site(SAMPLE, directory))[0]


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory) -> Path:
    return built_once(tmp_path_factory, "html-edition", lambda directory: build_site(EDITION, directory))[0]


@pytest.fixture(params=["sample", "edition"])
def site(request) -> tuple[Path, Path]:
    """(TEI source, build directory) for the fixture and for the real edition."""
    if request.param == "sample":
        return SAMPLE, request.getfixturevalue("sample_site")
    return EDITION, request.getfixturevalue("edition_site")
