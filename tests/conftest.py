"""Shared test fixtures: where the project and the third-party test material live."""

from __future__ import annotations

import csv
import functools
import importlib
import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
EDITION = REPOSITORY / "tei" / "serge-anarchism-russian-years.xml"


def project_rendering(source: Path) -> dict:
    """The rendering options of the essay's teikit.toml when ``source`` is the essay (it is built as
    its project configures it), else none."""
    if Path(source).resolve() != EDITION:
        return {}
    from toolkit.project import load_project

    return load_project(REPOSITORY, search_parents=False).rendering


def _find_shared() -> Path:
    """Third-party schemas, corpus and source text: $TEIKIT_SHARED, ../shared, or /work/shared."""
    candidates = [os.environ.get("TEIKIT_SHARED"), REPOSITORY.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "schemas" / "tei-p5" / "tei_all.rng").is_file():
            return Path(candidate)
    raise RuntimeError("third-party test material not found: set TEIKIT_SHARED to the shared/ directory")


SHARED = _find_shared()
SOURCE_TEXT = SHARED / "source" / "serge-anarchism-russian-years.txt"
TEI_ALL_RNG = SHARED / "schemas" / "tei-p5" / "tei_all.rng"
TEI_ALL_ISOSCH = SHARED / "schemas" / "tei-p5" / "tei_all.isosch"
CORPUS = SHARED / "corpus"


@functools.cache
def tei_all_grammar():
    """tei_all.rng compiled by libxml2 (lxml), the whole-document reference some tests compare
    with: compiled once in a test process (about 15 s of CPU time) for every module that uses it."""
    from lxml import etree

    return etree.RelaxNG(file=str(TEI_ALL_RNG))


def required(module: str, how: str):
    """``module``, a part of ``make test``: when it is missing the test fails saying how to
    install it (an optional part is never skipped quietly)."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        pytest.fail(f"{module} is missing ({error}); {how}", pytrace=False)


def required_program(path: Path, how: str) -> Path:
    """A program the tests run (Chromium, Java), or a failure saying how to install it."""
    if not Path(path).is_file():
        pytest.fail(f"{path} is missing; {how}", pytrace=False)
    return Path(path)


def corpus_manifest() -> list[dict[str, str]]:
    """The rows of the corpus manifest: file, verdict of Jing against tei_all, and more."""
    with (CORPUS / "manifest.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    # Compiled schemas are cached per test session, never in the user's home.
    monkeypatch.setenv("TEIKIT_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright, one per test process (``tests.chromium.one_browser``);
    defined here, once, so that every module shares it."""
    from tests.chromium import one_browser

    yield from one_browser()
