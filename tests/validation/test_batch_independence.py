"""A document's findings do not depend on the documents validated with it, nor on an earlier
version of teikit: alone, in a batch, in another batch, and after the code changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TEI_ALL_RNG
from toolkit import resources
from toolkit.validation import diagnoses, engine, validate

REPOSITORY = Path(__file__).resolve().parents[2]
CASES = REPOSITORY / "tests" / "cases"
# Documents of different vocabularies, valid and invalid (against the edition's schema and
# tei_all): the grammar each batch is reduced to differs.
DOCUMENTS = [CASES / "edition" / "schema" / f"{name}-invalid.xml" for name in (
    "choice-without-corr", "date-not-iso", "head-after-p", "header-without-publisher", "org-idno-after-note",
    "quote-in-date", "sourcedesc-mixed", "text-without-body", "title-level-unknown")] + [
    CASES / "edition" / "schematron" / "date-iso-2_errors.xml", CASES / "edition" / "schematron" / "date-iso-valid.xml",
    CASES / "xml" / "wellformedness" / "docbook-1_error.xml", CASES / "xml" / "wellformedness" / "xinclude-etc-1_error.xml"]

def as_compared(findings) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for f in findings:
        found.setdefault(Path(f.file).name, []).append((f.line, f.column, f.severity.value, f.code, f.message))
    return {name: sorted(items, key=str) for name, items in found.items()}


@pytest.mark.parametrize("schema", [REPOSITORY / "schemas" / "edition.rng", TEI_ALL_RNG], ids=["edition", "tei_all"])
def test_findings_of_a_document_are_the_same_alone_and_in_any_batch(schema):
    assert len(DOCUMENTS) > 8 and all(path.is_file() for path in DOCUMENTS)
    together = as_compared(validate(DOCUMENTS, schema=schema, jobs=1).findings)
    halves = {}
    for half in (DOCUMENTS[::2], DOCUMENTS[1::2][::-1]):
        halves.update(as_compared(validate(half, schema=schema, jobs=1).findings))
    assert halves == together
    rejected = 0
    for path in DOCUMENTS:
        alone = as_compared(validate([path], schema=schema, jobs=1).findings)
        assert alone.get(path.name, []) == together.get(path.name, []), path.name
        rejected += any(item[2] == "error" for item in alone.get(path.name, []))
    assert rejected >= 10  # the comparison covers the messages of rejected documents


def test_documents_read_as_a_stream_are_diagnosed_on_their_own_names(monkeypatch):
    # Every document here is read as a stream (the threshold lowered), its parts checked against
    # the grammar reduced to its own element names, whatever the batch holds.
    monkeypatch.setattr(engine, "STREAM_BYTES", 1)
    together = as_compared(validate(DOCUMENTS, schema=TEI_ALL_RNG, jobs=1).findings)
    for path in DOCUMENTS:
        alone = as_compared(validate([path], schema=TEI_ALL_RNG, jobs=1).findings)
        assert alone.get(path.name, []) == together.get(path.name, []), path.name


def test_a_diagnosis_kept_by_another_version_of_the_code_is_not_used(monkeypatch):
    document = CASES / "edition" / "schematron" / "date-iso-2_errors.xml"
    schema = REPOSITORY / "schemas" / "edition.rng"
    monkeypatch.setattr(diagnoses, "_code_digest", lambda: "an earlier version")
    first = as_compared(validate([document], schema=schema, jobs=1).findings)
    kept = list((resources.cache_dir() / "diagnoses").glob("*.json"))
    assert kept
    for entry in kept:  # what that version found, shown differently so that a reuse is seen
        items = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps([{**item, "message": "STALE " + item["message"]} for item in items]),
                         encoding="utf-8")
    assert any(m.startswith("STALE") for found in as_compared(validate([document], schema=schema, jobs=1).findings).values()
               for *_, m in found)  # the same version reuses its entry
    monkeypatch.setattr(diagnoses, "_code_digest", lambda: "this version")
    assert as_compared(validate([document], schema=schema, jobs=1).findings) == first
