"""Where an index files a heading that begins with a quotation mark or another sign: under its
first letter, in a document's own index and in a project's, as a reader of a printed index expects."""

from __future__ import annotations

import re
import unicodedata

import pytest
from lxml import html

from tests.project_site.melp_site import FIXED_DATE, teikit
from tests.tei_documents import tei_file

NAMES = {"org-zemstvo": "Zemstvo Union", "org-bread": "“Bread and Freedom” group", "org-cross": "Anarchist Black Cross",
         "org-golos": "'Golos Truda'", "org-union": "(Union of) Russian Workers"}
REGISTER = ("  <standOff>\n    <listOrg>\n"
            + "".join(f'      <org xml:id="{key}"><orgName>{name}</orgName></org>\n' for key, name in NAMES.items())
            + "    </listOrg>\n  </standOff>\n")
LETTER = tei_file("".join(f'      <p>It names <orgName ref="#{key}">{name}</orgName>.</p>\n' for key, name in NAMES.items()),
                  title="Reading", publication="Written for the test.", source="None.").replace(
                      "</text>\n", "</text>\n" + REGISTER)


def filed(name: str) -> str:
    """Where a reader looks the name up: its letters and digits, case and accents aside."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", letters).strip().casefold()


EXPECTED = sorted(NAMES.values(), key=filed)


def listed(page) -> list[str]:
    """The register's headings in the order the page lists them."""
    document = html.parse(str(page))
    names = [" ".join(span.text_content().split()) for span in document.xpath("//span[@class='entry-name']")]
    return [name for name in names if name in NAMES.values()]


@pytest.mark.parametrize("kind", ["document", "project"])
def test_a_heading_that_opens_with_a_sign_files_under_its_first_letter(tmp_path, kind):
    (tmp_path / "letter.xml").write_text(LETTER, encoding="utf-8")
    sources = ["letter.xml"]
    if kind == "project":
        (tmp_path / "teikit.toml").write_text('title = "Readings"\n', encoding="utf-8")
        sources = []
    result = teikit("build", "html", *sources, "--force", "--date", FIXED_DATE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = [page for page in (tmp_path / "build" / "html").rglob("organisations.html")]
    assert pages, "a page of organisations"
    assert EXPECTED[1] == "“Bread and Freedom” group" and EXPECTED[2] == "'Golos Truda'"  # the order meant
    assert listed(pages[0]) == EXPECTED
