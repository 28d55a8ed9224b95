"""The attack reproductions of the validation side (shared/security/repro/) fail, on every test run.

Each script prints what it observed; these tests run it in a scratch folder with the
installed ``teikit`` first on PATH and check that the attack did not work. Scripts that
need prepared cases (``$LAB/cases``) get them from here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

REPRO = SHARED / "security" / "repro"
BIN = Path(sys.executable).parent


def run_repro(name: str, lab: Path, timeout: float = 600) -> str:
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "LAB": str(lab)}
    environment.pop("TEIKIT_CACHE", None)
    completed = subprocess.run(["bash", str(REPRO / name)], cwd=lab, env=environment, capture_output=True,
                               text=True, timeout=timeout)
    return completed.stdout + completed.stderr


def secret(lab: Path) -> str:
    return (lab / "secret.txt").read_text().strip()


def test_f01_schematron_reads_no_environment(tmp_path):
    output = run_repro("F01-schematron-env-leak.sh", tmp_path)
    assert "token occurrences in the JUnit report: 0" in output
    assert "ghp_FAKE_CANARY_TOKEN_123" not in output
    report = (tmp_path / "scratch-repro" / "F01" / "report.xml").read_text()
    assert "ghp_FAKE_CANARY_TOKEN_123" not in report and "A=" in report
    for line in output.splitlines():
        if line.startswith("letter.xml"):
            assert line.rstrip().endswith(("A=", "B=", "C=", "D=")), line  # nothing after the '='


def test_f14_a_planted_cache_entry_reads_nothing(tmp_path):
    (tmp_path / "secret.txt").write_text("TOPSECRET-f14-canary\n")
    output = run_repro("F14-cache-poison.sh", tmp_path)
    assert secret(tmp_path) not in output
    assert "POISONED" not in output
    assert output.count("valid: 1 file checked, 1 valid") == 2  # the tampered entry was a miss
