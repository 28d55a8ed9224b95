"""Compiled schemas are cached on disk and reused; the key follows the schema and the phase."""

from __future__ import annotations

import shutil

import pytest

from toolkit import resources
from toolkit.validation import schematron
from toolkit.validation.schematron import SchematronValidator

from tests.schematron.schematron_support import CASES, validate


@pytest.fixture
def schema(tmp_path):
    folder = tmp_path / "let"
    shutil.copytree(CASES / "let", folder)
    return folder / "schema.sch"


def test_the_generated_stylesheet_is_cached_under_the_cache_dir(schema):
    validator = SchematronValidator(schema)
    assert validator.cache_path.parent == resources.cache_dir() / "schematron"
    assert validator.cache_path.name == f"{validator.key}.xsl"
    assert "<xsl:stylesheet" in validator.cache_path.read_text(encoding="utf-8")


def test_a_new_process_reuses_the_cache_file_without_compiling(schema, monkeypatch):
    first = SchematronValidator(schema)
    written = first.cache_path.stat().st_mtime_ns
    # A fresh process has no compiled runners; the compiler must not be asked again.
    monkeypatch.setattr(schematron, "_RUNNERS", {})

    def refuse(*args, **kwargs):
        raise AssertionError("the schema was compiled again")

    monkeypatch.setattr(schematron, "compile_to_xslt", refuse)
    second = SchematronValidator(schema)
    assert second.cache_path == first.cache_path
    assert second.cache_path.stat().st_mtime_ns == written
    document = schema.parent / "invalid-4_findings.xml"
    assert validate(second, document) == validate(first, document)


def test_the_same_schema_in_one_process_is_compiled_once(schema):
    assert SchematronValidator(schema)._runner is SchematronValidator(schema)._runner


def test_changing_the_schema_or_the_phase_changes_the_key(schema):
    before = SchematronValidator(schema)
    assert SchematronValidator(schema, phase="#ALL").key != before.key
    schema.write_text(schema.read_text(encoding="utf-8").replace("should be numbered", "must be numbered"), encoding="utf-8")
    after = SchematronValidator(schema)
    assert after.key != before.key
    assert after.cache_path.is_file() and before.cache_path.is_file()
    (finding, *_) = [f for f in validate(after, schema.parent / "invalid-4_findings.xml") if f.code == "note-number"]
    assert finding.message == "Note 3 must be numbered 2."


def test_changing_an_included_file_changes_the_key(tmp_path):
    folder = tmp_path / "includes"
    shutil.copytree(CASES / "includes", folder)
    before = SchematronValidator(folder / "schema.sch")
    heads = folder / "parts" / "heads.sch"
    heads.write_text(heads.read_text(encoding="utf-8").replace("needs a head", "must have a head"), encoding="utf-8")
    assert SchematronValidator(folder / "schema.sch").key != before.key


def test_a_truncated_cache_file_is_compiled_again(schema, monkeypatch):
    first = SchematronValidator(schema)
    text = first.cache_path.read_text(encoding="utf-8")
    first.cache_path.write_text(text[: len(text) // 2], encoding="utf-8")
    monkeypatch.setattr(schematron, "_RUNNERS", {})
    second = SchematronValidator(schema)
    assert second.cache_path.read_text(encoding="utf-8") == text
    assert len(validate(second, schema.parent / "invalid-4_findings.xml")) == 4
