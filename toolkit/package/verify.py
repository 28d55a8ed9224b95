"""Checking a bag later: every file present, none extra, every checksum right (never the fast check)."""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import bagit

from toolkit.errors import TeikitError
from toolkit.package import serialise


@dataclass(frozen=True)
class Problem:
    kind: str  # "missing", "altered", "extra", "invalid"
    path: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: {self.path}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Verification:
    bag: str
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(path: Path) -> Verification:
    """Verify a bag folder, or a bag serialised as .zip or .tar (with its .sha256 beside it, if any)."""
    if path.is_dir():
        return verify_folder(path, label=str(path))
    if not path.is_file():
        return Verification(str(path), [Problem("missing", str(path), "no such bag, zip or tar")])
    archive_problem = serialise.checksum_mismatch(path)
    with tempfile.TemporaryDirectory(prefix="teikit-verify-") as scratch:
        try:
            folder = serialise.unpack(path, Path(scratch))
        except TeikitError as error:  # a damaged or foreign archive is a failed verification, not a usage error
            return Verification(str(path), [Problem("invalid", path.name, str(error))])
        result = verify_folder(folder, label=str(path))
    if archive_problem:
        result.problems.insert(0, Problem("altered", path.name, archive_problem))
    return result


def verify_folder(folder: Path, *, label: str) -> Verification:
    result = Verification(label)
    try:
        bag = bagit.Bag(str(folder))
    except bagit.BagError as error:
        result.problems.append(Problem("invalid", "bagit.txt", str(error)))
        return result

    listed = {_key(name): name for name in bag.entries}
    present = {_key(name): name for name in _files(folder)}
    for key in sorted(listed.keys() - present.keys()):
        result.problems.append(Problem("missing", listed[key].replace(os.sep, "/")))
    for key in sorted(present.keys() - listed.keys()):
        name = present[key]
        if name.startswith("data/") or not _is_manifest(name):
            result.problems.append(Problem("extra", name, "not in any manifest"))
    for key in sorted(listed.keys() & present.keys()):
        name = present[key]
        expected = bag.entries[listed[key]]
        actual = _digests(folder / name, expected.keys())
        wrong = [algorithm for algorithm, value in expected.items() if value.lower() != actual[algorithm]]
        if wrong:
            result.problems.append(Problem("altered", name, f"{', '.join(wrong)} checksum differs"))
    result.files = len(present)

    # The library's own full validation (bagit.txt, Payload-Oxum...) has the last word.
    if not result.problems:
        try:
            bag.validate(processes=1, fast=False)
        except bagit.BagError as error:
            result.problems.append(Problem("invalid", folder.name, str(error)))
    return result


def _files(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() or path.is_symlink()
    )


def _is_manifest(name: str) -> bool:
    # Tag manifests cannot list themselves; payload manifests are listed in the tag manifests.
    return "/" not in name and name.startswith("tagmanifest-") and name.endswith(".txt")


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name.replace(os.sep, "/"))


def _digests(path: Path, algorithms) -> dict[str, str]:
    hashers = {algorithm: hashlib.new(algorithm) for algorithm in algorithms}
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            for hasher in hashers.values():
                hasher.update(block)
    return {algorithm: hasher.hexdigest() for algorithm, hasher in hashers.items()}
