"""Large documents validated in parts give the same verdict as whole-document RELAX NG and Jing."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree

from tests.conftest import TEI_ALL_RNG, tei_all_grammar
from toolkit.validation.chunked import RNG_NS, RUN_KEEP, ChunkedRelaxNG

HEADER = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
    "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
)
ENTRY = '<person xml:id="x{i}"><persName><forename>A</forename> <surname>B{i}</surname></persName>{extra}</person>\n'


def register(count: int, extra_at: dict[int, str] | None = None, between: dict[int, str] | None = None) -> bytes:
    extra_at, between = extra_at or {}, between or {}
    entries = "".join(between.get(i, "") + ENTRY.format(i=i, extra=extra_at.get(i, "")) for i in range(count))
    return (HEADER + f"<standOff><listPerson>{entries}</listPerson></standOff>"
            "<text><body><p>x</p></body></text></TEI>").encode()


VARIANTS = {
    "valid": (register(300), True),
    "invalid child early": (register(300, {2: "<bogus/>"}), False),
    "invalid child in the cut part": (register(300, {250: "<bogus/>"}), False),
    "invalid grandchild in the cut part": (register(300, {299: '<birth when="not a date"/>'}), False),
    "stray text between cut children": (register(300, between={200: "loose text"}), False),
    "other element breaking the run": (register(300, between={150: "<p>no paragraphs here</p>"}), False),
    "valid element breaking the run": (register(300, between={150: "<personGrp><persName>G</persName></personGrp>"}), True),
    "wrong document element": (b'<listPerson xmlns="http://www.tei-c.org/ns/1.0">'
                               + b"".join(ENTRY.format(i=i, extra="").encode() for i in range(100))
                               + b"</listPerson>", False),
}


@pytest.fixture(scope="module")
def chunked() -> ChunkedRelaxNG:
    return ChunkedRelaxNG(TEI_ALL_RNG)


@pytest.fixture(scope="module")
def whole() -> etree.RelaxNG:
    return tei_all_grammar()


@pytest.mark.parametrize("name", VARIANTS)
def test_verdict_equals_whole_document_validation(name, chunked, whole):
    data, expected = VARIANTS[name]
    tree = etree.fromstring(data)
    assert whole.validate(tree) is expected
    errors = chunked.validate(tree)
    assert (not errors) is expected, errors


@pytest.fixture(scope="module")
def jing_verdicts(tmp_path_factory) -> dict[str, bool]:
    """Each variant's verdict from Jing, all in one run of it (one JVM, tei_all read once):
    Jing names the file of each error it reports."""
    jing = shutil.which("jing")
    assert jing, "Jing (Debian package 'jing') is the reference validator; make test installs it"
    folder = tmp_path_factory.mktemp("jing")
    paths = {name: folder / f"variant-{number}.xml" for number, name in enumerate(VARIANTS)}
    for name, path in paths.items():
        path.write_bytes(VARIANTS[name][0])
    run = subprocess.run([jing, str(TEI_ALL_RNG), *map(str, paths.values())], capture_output=True, text=True)
    refused = {line.split(":", 1)[0] for line in run.stdout.splitlines() if ": error:" in line}
    assert refused <= set(map(str, paths.values())), run.stdout + run.stderr  # errors of the variants only
    assert (run.returncode == 0) is (not refused), run.stdout + run.stderr
    return {name: str(path) not in refused for name, path in paths.items()}


@pytest.mark.parametrize("name", VARIANTS)
def test_verdict_equals_jing(name, chunked, jing_verdicts):
    data, expected = VARIANTS[name]
    verdict = jing_verdicts[name]
    assert verdict is expected
    assert (not chunked.validate(etree.fromstring(data))) is verdict


def test_error_is_reported_at_its_line(chunked):
    tree = etree.fromstring(register(300, {280: "<bogus/>"}))
    errors = chunked.validate(tree)
    assert {error.line for error in errors} == {281}


def test_document_is_left_exactly_as_it_was(chunked):
    data = register(500, {400: "<bogus/>"}, between={450: "<personGrp/>"})
    tree = etree.fromstring(data)
    chunked.validate(tree)
    assert etree.tostring(tree) == etree.tostring(etree.fromstring(data))


def test_tei_all_repeats_no_element_more_often_than_runs_are_kept():
    # Cutting runs down to RUN_KEEP is verdict-preserving only if no content model
    # counts repetitions of one element beyond that (X, X, X, X?...).
    grammar = etree.parse(str(TEI_ALL_RNG))
    longest = 0
    for node in grammar.iter(f"{{{RNG_NS}}}*"):
        run, previous = 0, None
        for child in node:
            target = child[0] if child.tag in (f"{{{RNG_NS}}}optional",) and len(child) else child
            name = target.get("name") if target.tag == f"{{{RNG_NS}}}ref" else None
            run = run + 1 if name and name == previous else 1
            previous = name
            longest = max(longest, run)
    assert 1 < longest < RUN_KEEP


def test_reduced_grammar_is_compiled_once_per_set_of_element_names(chunked):
    chunked.validate(etree.fromstring(register(10)))
    compiled = len(chunked._compiled)
    chunked.validate(etree.fromstring(register(20)))
    assert len(chunked._compiled) == compiled


@pytest.mark.parametrize("name", VARIANTS)
def test_reading_as_a_stream_gives_the_errors_of_the_whole_tree(name, chunked, tmp_path):
    data, expected = VARIANTS[name]
    path = tmp_path / "register.xml"
    path.write_bytes(data)
    streamed, skeleton = chunked.validate_file(path)
    assert streamed == chunked.validate(etree.fromstring(data))
    assert (not streamed) is expected, streamed
    kept = len(skeleton.getroot().findall(".//{http://www.tei-c.org/ns/1.0}person"))
    if name != "wrong document element":
        assert kept < 300 / 4, "the members of the long run are dropped once checked"


def test_a_comment_between_members_starts_a_new_run_as_in_the_tree(chunked, tmp_path):
    data = register(100, between={50: "<!-- half way -->"}, extra_at={55: "<bogus/>", 95: "<bogus/>"})
    path = tmp_path / "register.xml"
    path.write_bytes(data)
    streamed, _ = chunked.validate_file(path)
    assert streamed == chunked.validate(etree.fromstring(data))
    assert {error.line for error in streamed} == {error.line for error in chunked.validate(etree.fromstring(data))}


def test_a_malformed_stream_raises_the_parse_error(chunked, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(register(100)[:-40])
    with pytest.raises(etree.XMLSyntaxError):
        chunked.validate_file(path)
