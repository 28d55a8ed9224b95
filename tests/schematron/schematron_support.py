"""Helpers shared by the Schematron tests: where the cases live and how findings are compared."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import Finding
from toolkit.xmlio import read_document

CASES = Path(__file__).resolve().parents[1] / "cases" / "schematron"


def expected_count(document: Path) -> int:
    """Case documents are named ``<what>-<N>_findings.xml``."""
    return int(document.stem.rsplit("-", 1)[1].split("_")[0])


def expected_rows(folder: Path) -> dict[str, list[tuple[str, ...]]]:
    rows: dict[str, list[tuple[str, ...]]] = {}
    for line in (folder / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        document, *fields = line.split("\t")
        rows.setdefault(document, []).append(tuple(fields))
    return rows


def rows(findings: list[Finding]) -> list[tuple[str, ...]]:
    return [(str(f.line), f.severity.value, f.code, f.message) for f in findings]


def validate(validator, document: Path) -> list[Finding]:
    return validator.iter_findings(read_document(document))
