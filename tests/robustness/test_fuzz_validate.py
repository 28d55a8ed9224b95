"""``teikit validate`` on randomly damaged TEI: never a traceback, always an exit status, the same findings twice.

The documents start valid (the edition, trimmed, and a small fixture) and are broken by
edits a damaged file could show (see ``mutations``). Examples are derived, not random, so
a failure in CI is the same failure on a desk. Documents that point at a canary file are
among the injections: no example may open it.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from tests.robustness.cli_support import EXIT_CODES, assert_no_traceback, findings_of, run_child, run_in_process
from tests.robustness.mutations import EDITION_RNG, EDITION_SCH, INJECTIONS, apply, small_fixture, trimmed_edition
from tests.validation.support import FileCanary

# Hypothesis keeps caches in ./.hypothesis even without an example database, from the moment
# a test is decorated: they go to the temporary directory instead of the working tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "teikit-tests-hypothesis")

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def canary_injections(canary) -> list[bytes]:
    uri = canary.as_uri().encode()
    return [
        b'<!DOCTYPE TEI [<!ENTITY c SYSTEM "' + uri + b'">]>', b"&c;",
        b'<!DOCTYPE TEI SYSTEM "' + uri + b'">',
        b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="' + uri + b'" parse="text"/>',
        b'<?xml-model href="' + uri + b'" schematypens="http://relaxng.org/ns/structure/1.0"?>',
    ]


def edits(size: int, extra: list[bytes]):
    """1 to 4 edits: line drops, duplications, exchanges, a cut, or an injection at a byte offset."""
    fraction = st.floats(0, 1)
    line_edit = st.tuples(st.sampled_from(["drop", "duplicate", "reorder", "truncate"]), fraction, fraction)
    injection = st.tuples(st.just("inject"), st.integers(0, size), st.sampled_from(INJECTIONS + extra))
    return st.lists(st.one_of(line_edit, injection), min_size=1, max_size=4)


def check_consistent(path, code: int, out: str, err: str) -> None:
    """Exit status, report and stderr agree, and every finding names the file and says what it is."""
    assert code in EXIT_CODES, (code, err)
    assert_no_traceback(out, err)
    if code == 2:
        assert err.startswith("teikit: error:") and not out, err
        return
    report = json.loads(out)
    findings = findings_of(out)
    assert report["valid"] == (code == 0)
    assert (code == 1) == any(f["severity"] == "error" for f in findings), findings
    for finding in findings:
        assert finding["file"] == str(path) and finding["code"] and finding["message"], finding
        if finding["code"].startswith("xml.") and finding["code"] not in ("xml.empty",):
            assert isinstance(finding["line"], int) and finding["line"] >= 1, finding


def fuzz(tmp_path, original: bytes, schema_args: list[str]) -> int:
    """Run the property over ``original``; returns how many examples were not valid (the edits did bite)."""
    canary_path = tmp_path / "outside" / "canary"
    canary_path.parent.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    broken = []
    with FileCanary(canary_path) as canary:

        @FUZZ
        @given(edits(len(original), canary_injections(canary_path)))
        def property_holds(changes):
            data = original
            for change in changes:
                data = apply(data, change)
            document = project / "damaged.xml"
            document.write_bytes(data)
            args = ["validate", "--no-progress", "-j", "1", "--format", "json", *schema_args, document]
            first = run_in_process(*args)
            check_consistent(document, *first)
            assert run_in_process(*args) == first, "a second run gave other findings"
            if first[0] != 0:
                broken.append(changes)

        property_holds()
    assert canary.opened == 0, "a damaged document made validate open a file outside the project"
    return len(broken)


def test_damaged_edition_against_its_own_schemas(tmp_path):
    broken = fuzz(tmp_path, trimmed_edition(), ["--schema", EDITION_RNG, "--schematron", EDITION_SCH])
    assert broken >= 20  # most edits must actually break the document, or the test proves little


def test_damaged_small_fixture_without_a_schema(tmp_path):
    assert fuzz(tmp_path, small_fixture(), []) >= 20


def test_the_undamaged_starting_points_are_valid(tmp_path):
    # Otherwise every finding above could come from the start, not from the edits.
    edition, fixture = tmp_path / "edition.xml", tmp_path / "fixture.xml"
    edition.write_bytes(trimmed_edition())
    fixture.write_bytes(small_fixture())
    code, out, _ = run_in_process("validate", "-j", "1", "--format", "json",
                                  "--schema", EDITION_RNG, "--schematron", EDITION_SCH, edition)
    assert code == 0 and findings_of(out) == [], out
    code, out, _ = run_in_process("validate", "-j", "1", "--format", "json", fixture)
    assert code == 0 and [f["code"] for f in findings_of(out)] == ["model.none"], out


@settings(max_examples=4, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(INJECTIONS), min_size=1, max_size=3), st.floats(0, 1))
def test_damaged_documents_through_the_installed_command(tmp_path_factory, injected, where):
    # The command as a user runs it: its own process, its own exit status, text output.
    original = small_fixture()
    offset = int(len(original) * where)
    document = tmp_path_factory.mktemp("child") / "damaged.xml"
    document.write_bytes(original[:offset] + b"".join(injected) + original[offset:])
    runs = [run_child("validate", "--no-progress", document) for _ in range(2)]
    first = runs[0]
    assert first.returncode in EXIT_CODES, first.stderr
    assert_no_traceback(first.stdout, first.stderr)
    assert (runs[1].returncode, runs[1].stdout) == (first.returncode, first.stdout)
    assert str(document) in first.stdout
