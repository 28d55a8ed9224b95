"""Turning an assembled payload folder into a BagIt 1.0 bag (RFC 8493) with bagit-python.

bagit-python 1.9 writes ``BagIt-Version: 0.97`` and lists tag files in directory order.
We let it hash the payload and write bag-info.txt, then declare version 1.0 (whose
bagit.txt differs only in the version line) and rewrite the tag manifests in sorted
order, so two bags of the same payload have identical manifests.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

import bagit

from toolkit.errors import TeikitError

ALGORITHMS = ("sha256", "sha512")
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
RETIRED_PREFIX = ".{}.replaced-"

# bagit-python logs every file it moves and hashes; the CLI speaks for itself.
logging.getLogger("bagit").setLevel(logging.ERROR)


class BagFailed(TeikitError):
    """The bag just written did not validate; nothing was put in place."""


def make(folder: Path, bag_info: dict[str, str]) -> bagit.Bag:
    """Bag ``folder`` in place (its contents become the payload), then validate it fully."""
    bagit.make_bag(str(folder), bag_info=dict(bag_info), checksums=list(ALGORITHMS), processes=1)
    (folder / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    write_tag_manifests(folder)
    bag = bagit.Bag(str(folder))
    try:
        bag.validate(processes=1, fast=False)
    except bagit.BagError as error:
        raise BagFailed(f"the new bag did not validate: {error}") from None
    return bag


def write_tag_manifests(folder: Path) -> None:
    tag_files = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] != "data"
        and not path.name.startswith("tagmanifest-")
    )
    for algorithm in ALGORITHMS:
        lines = [f"{_digest(folder / name, algorithm)}  {name}\n" for name in tag_files]
        (folder / f"tagmanifest-{algorithm}.txt").write_text("".join(lines), encoding="utf-8")


def _digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def place(staging: Path, target: Path, *, overwrite: bool) -> None:
    """Rename the finished bag into place; an existing bag is replaced only with ``overwrite``."""
    if target.exists() and not overwrite:
        raise TeikitError(f"a deposit already exists at {target}", hint="pass --overwrite to replace it")
    if not target.exists():
        os.rename(staging, target)
        return
    # Replace: move the old bag aside first, so at every moment one whole bag is at ``target``'s name or beside it.
    retired = target.with_name(f"{RETIRED_PREFIX.format(target.name)}{os.getpid()}")
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def restore_replaced(target: Path) -> None:
    """Undo what a run killed inside ``place`` left: its old bag put back, or removed once replaced."""
    for retired in sorted(target.parent.glob(f"{RETIRED_PREFIX.format(target.name)}*")):
        if not target.exists():
            os.rename(retired, target)  # killed between the two renames: the old bag is the whole one
        else:
            shutil.rmtree(retired, ignore_errors=True)
