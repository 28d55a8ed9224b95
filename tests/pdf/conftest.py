"""Print editions built once per test session: the small fixture, and the real edition for the slow tests."""

from __future__ import annotations

import pytest

from pdf_book import EDITION, SMALL, Book, build_book


@pytest.fixture(scope="session")
def small_book(tmp_path_factory) -> Book:
    return build_book(SMALL, tmp_path_factory.mktemp("pdf-small"))


@pytest.fixture(scope="session")
def edition_book(tmp_path_factory) -> Book:
    if not EDITION.is_file():
        pytest.skip("the edition's TEI file is not written yet")
    return build_book(EDITION, tmp_path_factory.mktemp("pdf-edition"))
