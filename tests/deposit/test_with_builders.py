"""Packing with the toolkit's own builders: the web edition, the PDF and the index data go in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.deposit.deposit_cases import datacite_schema, edition_copy, mets_schema
from lxml import etree

from toolkit.package import deposit, verify

REPOSITORY = Path(__file__).resolve().parents[2]
METS = {"mets": "http://www.loc.gov/METS/"}


@pytest.mark.slow
def test_the_fixture_edition_is_packed_with_every_output_and_repacked_without_rebuilding(tmp_path):
    sources = edition_copy("valid", tmp_path)
    first = deposit(sources, tmp_path / "deposit", build_dir=tmp_path / "build", serialise_as="zip")
    assert set(first.built) >= {"html", "index", "pdf"}
    payload = first.bag / "data"
    assert (payload / "html").is_dir() and any((payload / "html").rglob("*.html"))
    assert (payload / "index").is_dir() and any((payload / "index").iterdir())
    assert (payload / "pdf" / "short-essay.pdf").read_bytes().startswith(b"%PDF-")
    uses = {group.get("USE") for group in etree.parse(str(payload / "metadata/mets.xml")).iterfind(".//mets:fileGrp", METS)}
    assert uses >= {"source", "schema", "web", "print", "index", "metadata"}
    assert verify(first.archive).ok

    again = deposit(sources, tmp_path / "deposit", build_dir=tmp_path / "build", overwrite=True)
    assert again.built == []  # nothing changed, so nothing was rebuilt
    run = subprocess.run([str(Path(sys.executable).with_name("bagit.py")), "--validate", str(again.bag)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.slow
def test_the_real_edition_is_packed_and_verified_from_the_command_line(tmp_path):
    teikit = Path(sys.executable).with_name("teikit")
    run = subprocess.run([str(teikit), "deposit", "-o", str(tmp_path / "deposit"), "--build-dir",
                          str(tmp_path / "build"), "--tar"], capture_output=True, text=True, cwd=REPOSITORY)
    assert run.returncode == 0, run.stdout + run.stderr
    bag = tmp_path / "deposit" / "serge-anarchism-russian-years"
    check = subprocess.run([str(teikit), "deposit", "--verify", str(bag.with_suffix(".tar"))],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    assert "External-Identifier: teikit-serge-anarchism-russian-years" in info
    assert "Source-Organization: The teikit edition project" in info
    assert list(datacite_schema().iter_errors(str(bag / "data/metadata/datacite.xml"))) == []
    datacite = etree.parse(str(bag / "data/metadata/datacite.xml"))
    kernel = {"d": "http://datacite.org/schema/kernel-4"}
    assert datacite.findtext("d:creators/d:creator/d:familyName", namespaces=kernel) == "Abidor"  # via the register
    assert list(mets_schema().iter_errors(str(bag / "data/metadata/mets.xml"))) == []
