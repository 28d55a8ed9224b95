"""Web editions built once per test session: the small fixture and, once it exists, the real edition."""

from __future__ import annotations

from pathlib import Path

import pytest

from html_site import EDITION, SAMPLE, build_site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    return build_site(SAMPLE, tmp_path_factory.mktemp("sample-build"))


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory) -> Path:
    if not EDITION.is_file():
        pytest.skip("the edition's TEI file is not written yet")
    return build_site(EDITION, tmp_path_factory.mktemp("edition-build"))


@pytest.fixture(params=["sample", "edition"])
def site(request) -> tuple[Path, Path]:
    """(TEI source, build directory) for the fixture and for the real edition."""
    if request.param == "sample":
        return SAMPLE, request.getfixturevalue("sample_site")
    return EDITION, request.getfixturevalue("edition_site")
