"""Very large documents: a clear verdict, no crash, and the finding where the problem is.

No timing is asserted (speed is measured in benchmarks/); these only have to finish.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TEI_ALL_RNG
from tests.robustness.cli_support import assert_no_traceback, findings_of, run_in_process

HEADER = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Large</title></titleStmt>'
    "<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Generated.</p></sourceDesc></fileDesc>"
    "</teiHeader>\n<text><body>\n"
)
CLOSE = "</body></text></TEI>\n"
TEXT_BYTES = 100 * 1024 * 1024


def write_large_text(path: Path, ending: str) -> None:
    """One <p> holding a single text node of 100 MB (on line 3), then ``ending``."""
    chunk = "lorem ipsum " * (1024 * 1024 // 12)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(HEADER + "<p>")
        written = 0
        while written < TEXT_BYTES:
            stream.write(chunk)
            written += len(chunk)
        stream.write(ending)


def validate_json(*args) -> tuple[int, list[dict]]:
    code, out, err = run_in_process("validate", "--no-progress", "-j", "1", "--format", "json", *args)
    assert_no_traceback(out, err)
    return code, findings_of(out) if code != 2 else err


def test_a_100_mb_text_node_is_valid_against_tei_all(tmp_path):
    document = tmp_path / "large.xml"
    write_large_text(document, "</p>\n" + CLOSE)
    assert document.stat().st_size > TEXT_BYTES
    assert validate_json("--schema", TEI_ALL_RNG, document) == (0, [])


@pytest.mark.parametrize(("ending", "code"), [
    (" & more</p>\n" + CLOSE, "xml.entity"),  # a bare ampersand after 100 MB of text
    ("", "xml.truncated"),  # the file stops inside the text node
])
def test_a_problem_after_a_100_mb_text_node_is_found_on_its_line(tmp_path, ending, code):
    document = tmp_path / "large.xml"
    write_large_text(document, ending)
    status, findings = validate_json(document)
    assert status == 1
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert (finding["code"], finding["line"]) == (code, 3), finding
    assert finding["column"] > TEXT_BYTES  # the column counts the whole text node
    if code == "xml.entity":
        assert "&amp;" in finding["hint"], finding  # says how to write the ampersand, not to load a DTD


def million_paragraphs(path: Path, mistake_at: int | None = None) -> None:
    lines = ["<p>x</p>\n"] * 1_000_000
    if mistake_at is not None:
        lines[mistake_at] = "<p>x</q>\n"
    path.write_text(HEADER + "".join(lines) + CLOSE, encoding="utf-8")


def test_a_million_small_elements_are_read(tmp_path):
    document = tmp_path / "many.xml"
    million_paragraphs(document)
    status, findings = validate_json(document)
    assert status == 0 and [f["code"] for f in findings] == ["model.none"]


def test_a_mistake_among_a_million_elements_is_found_on_its_line(tmp_path):
    document = tmp_path / "many.xml"
    million_paragraphs(document, mistake_at=999_998)
    status, findings = validate_json(document)
    assert status == 1
    [finding] = findings
    # two header lines come before the first paragraph
    assert (finding["code"], finding["line"], finding["column"]) == ("xml.not-well-formed", 1_000_001, 9), finding
    assert "Opening and ending tag mismatch" in finding["message"]


def paragraphs(path: Path, count: int, special: dict[int, str]) -> None:
    lines = ["<p>x</p>\n"] * count
    for index, line in special.items():
        lines[index] = line
    path.write_text(HEADER + "".join(lines) + CLOSE, encoding="utf-8")


def test_a_body_of_many_paragraphs_validated_in_parts_keeps_the_whole_grammar_verdict(tmp_path):
    # More than a thousand siblings: validated in parts against a reduced grammar. The verdict
    # must be tei_all's own: a valid body stays valid, whatever phrase elements it uses.
    valid = tmp_path / "valid.xml"
    paragraphs(valid, 1500, {700: "<p>x <hi>y</hi> <name>z</name></p>\n"})
    assert validate_json("--schema", TEI_ALL_RNG, valid) == (0, [])
    invalid = tmp_path / "invalid.xml"
    paragraphs(invalid, 1500, {750: "<p>x<bogus/></p>\n"})
    status, findings = validate_json("--schema", TEI_ALL_RNG, invalid)
    assert status == 1
    assert {f["line"] for f in findings} == {753}, findings  # the paragraph's line and nowhere else
    assert "Did not expect element bogus there" in [f["message"] for f in findings]
