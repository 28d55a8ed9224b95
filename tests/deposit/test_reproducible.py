"""The same edition packed twice gives the same payload and manifests; only the bagging date may differ."""

from __future__ import annotations

import pytest
from tests.deposit.deposit_cases import edition_copy

from toolkit.package import deposit


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_packing_twice_gives_identical_payloads_and_manifests(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")  # 2024-05-01: dates inside outputs are fixed
    sources = edition_copy("valid", tmp_path)
    first = deposit(sources, tmp_path / "one", build_dir=tmp_path / "build", builders={})
    second = deposit(sources, tmp_path / "two", build_dir=tmp_path / "build", builders={})
    one, two = _files(first.bag), _files(second.bag)
    assert one.keys() == two.keys()
    different = sorted(name for name in one if one[name] != two[name])
    assert set(different) <= {"bag-info.txt", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"}
    assert one["manifest-sha256.txt"] == two["manifest-sha256.txt"]
    assert one["manifest-sha512.txt"] == two["manifest-sha512.txt"]
    info = [line for line in one["bag-info.txt"].decode().splitlines() if not line.startswith("Bagging-Date:")]
    assert info == [line for line in two["bag-info.txt"].decode().splitlines() if not line.startswith("Bagging-Date:")]
    assert b'CREATEDATE="2024-05-01T00:00:00Z"' in one["data/metadata/mets.xml"]


@pytest.mark.slow
def test_two_builds_from_scratch_give_the_same_manifests(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")
    sources = edition_copy("valid", tmp_path)
    first = deposit(sources, tmp_path / "one", build_dir=tmp_path / "build-one")
    second = deposit(sources, tmp_path / "two", build_dir=tmp_path / "build-two")
    assert first.built == second.built and "pdf" in first.built
    for manifest in ("manifest-sha256.txt", "manifest-sha512.txt"):
        assert (first.bag / manifest).read_bytes() == (second.bag / manifest).read_bytes()
