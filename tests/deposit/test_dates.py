"""One date policy for build and deposit: --date, else SOURCE_DATE_EPOCH, else today; a bad value is a usage error."""

from __future__ import annotations

import ast
from datetime import datetime, timezone
from pathlib import Path

import bagit
import pytest
from tests.deposit.deposit_cases import edition_copy, pack

import toolkit.commands
from toolkit.builders.options import BuildOptions
from toolkit.cli import main

BAD_EPOCHS = ["yesterday", "1_714_521_600", " 1714521600", "-5", "1.7e9", "1714521600s", "9" * 30]


def test_the_bagging_date_is_the_date_asked_for(tmp_path):
    result = pack(tmp_path, options=BuildOptions(fixed_date="2024-01-31"))
    assert bagit.Bag(str(result.bag)).info["Bagging-Date"] == "2024-01-31"


def test_the_bagging_date_follows_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")  # 2024-05-01T00:00:00Z
    result = pack(tmp_path)
    assert bagit.Bag(str(result.bag)).info["Bagging-Date"] == "2024-05-01"
    assert b'CREATEDATE="2024-05-01T00:00:00Z"' in (result.bag / "data/metadata/mets.xml").read_bytes()


def test_without_a_fixed_date_the_bag_carries_today(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(timezone.utc).date().isoformat()
    result = pack(tmp_path)
    after = datetime.now(timezone.utc).date().isoformat()
    assert bagit.Bag(str(result.bag)).info["Bagging-Date"] in {before, after}


@pytest.mark.parametrize("value", BAD_EPOCHS)
def test_a_bad_source_date_epoch_stops_deposit_and_build_alike(value, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    sources = [str(path) for path in edition_copy("valid", tmp_path)]
    deposit_code = main(["deposit", "-o", str(tmp_path / "out"), "--build-dir", str(tmp_path / "build"), *sources])
    deposit_err = capsys.readouterr().err
    build_code = main(["build", "html", "-o", str(tmp_path / "site"), *sources])
    build_err = capsys.readouterr().err
    for code, err in ((deposit_code, deposit_err), (build_code, build_err)):
        assert code == 2, err
        assert f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds" in err
        assert "Traceback" not in err
    assert not (tmp_path / "out" / "short-essay").exists()
    assert not (tmp_path / "build").exists() and not (tmp_path / "site" / "html").exists()


@pytest.mark.parametrize("value", ["20240131", "2024-W05-3", "2024-02-30", "31.01.2024"])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused_by_both_commands(value, tmp_path, capsys):
    sources = [str(path) for path in edition_copy("valid", tmp_path)]
    assert main(["deposit", "--date", value, "-o", str(tmp_path / "out"), *sources]) == 2
    assert main(["build", "html", "--date", value, "-o", str(tmp_path / "site"), *sources]) == 2
    err = capsys.readouterr().err
    assert err.count(f"--date {value!r} is not a date") == 2


def test_a_given_date_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")
    result = pack(tmp_path, options=BuildOptions(fixed_date="2023-12-24"))
    assert bagit.Bag(str(result.bag)).info["Bagging-Date"] == "2023-12-24"


def test_build_and_deposit_refuse_an_invalid_edition_with_one_and_the_same_error():
    from toolkit import pipeline
    from toolkit.package import EditionInvalid

    assert pipeline.EditionInvalid is EditionInvalid


def test_no_command_imports_the_command_line_module_back():
    # The command line imports every command; a command importing it back makes a cycle.
    commands = Path(toolkit.commands.__file__).parent
    for module in sorted(commands.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "toolkit.cli", module.name
            elif isinstance(node, ast.Import):
                assert "toolkit.cli" not in [alias.name for alias in node.names], module.name
