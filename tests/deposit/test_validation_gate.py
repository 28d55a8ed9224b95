"""Only a valid edition is packed, unless forced; a forced package says so and keeps the findings."""

from __future__ import annotations

import json

import bagit
import pytest
from tests.deposit.deposit_cases import edition_copy, pack

from toolkit.cli import main
from toolkit.package import EditionInvalid, verify


def test_an_invalid_edition_is_refused_with_its_findings(tmp_path, capsys):
    sources = edition_copy("invalid", tmp_path)
    code = main(["deposit", "-o", str(tmp_path / "out"), "--build-dir", str(tmp_path / "build"), *map(str, sources)])
    err = capsys.readouterr().err
    assert code == 1
    assert "short-essay.xml:79" in err and "error [rng." in err  # the unknown <shout> element, by file and line
    assert "--force" in err
    assert not (tmp_path / "out" / "short-essay").exists()
    assert not (tmp_path / "build").exists()  # nothing was built for a refused edition


def test_the_library_raises_with_the_report(tmp_path):
    with pytest.raises(EditionInvalid) as refused:
        pack(tmp_path, "invalid", force=False)
    assert any(finding.line == 79 and finding.severity.value == "error" for finding in refused.value.findings)


def test_force_packs_and_records_the_failures(tmp_path):
    result = pack(tmp_path, "invalid", force=True)
    assert not result.valid
    assert verify(result.bag).ok
    report = json.loads((result.bag / "data/metadata/validation-report.json").read_text(encoding="utf-8"))
    assert report["valid"] is False
    assert report["deposit"]["packed_although_invalid"] is True
    lines = [finding["line"] for entry in report["files"] for finding in entry["findings"]]
    assert 79 in lines
    assert "validation found errors" in bagit.Bag(str(result.bag)).info["Internal-Sender-Description"]
