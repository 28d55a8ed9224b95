"""Packing the small fixture editions of tests/cases/deposit/ for the deposit tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.package import deposit

CASES = Path(__file__).resolve().parents[1] / "cases" / "deposit"


def edition_copy(case: str, into: Path) -> list[Path]:
    """The fixture edition ``case`` copied under ``into``/tei; returns its TEI files."""
    target = into / "tei"
    shutil.copytree(CASES / case / "tei", target)
    return sorted(target.glob("*.xml"))


def pack(into: Path, case: str = "valid", **options):
    """Pack a copy of the fixture edition under ``into``, with no derived outputs unless builders are given."""
    sources = edition_copy(case, into)
    options.setdefault("builders", {})
    return deposit(sources, into / "deposit", build_dir=into / "build", **options)


def repack(into: Path, **options):
    """Pack the copy already under ``into`` once more."""
    options.setdefault("builders", {})
    return deposit(sorted((into / "tei").glob("*.xml")), into / "deposit", build_dir=into / "build", **options)
