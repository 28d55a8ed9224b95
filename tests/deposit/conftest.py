"""A small edition packed once per module; tests copy the bag before changing anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.deposit.deposit_cases import pack


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    return pack(tmp_path_factory.mktemp("packed"), serialise_as="zip")


@pytest.fixture
def bag_copy(packed, tmp_path) -> Path:
    copy = tmp_path / packed.bag.name
    shutil.copytree(packed.bag, copy)
    return copy
