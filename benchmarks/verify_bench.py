"""Bag verification time, against bagit-python's full validation of the same bag.

    python -m benchmarks.verify_bench [--runs 3] [--megabytes 200]

A synthetic bag (incompressible files of 2 MiB, sha256 and sha512 manifests, made by
bagit-python) is checked in the same run by:
- teikit: ``toolkit.package.verify`` on the folder, and on its zip read where it lies;
- reference: ``bagit.Bag(...).validate(fast=False)`` on the folder, and for the zip, Python's
  ``zipfile`` unpacking it into a temporary folder followed by the same validation.
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import bagit

from benchmarks import median_time
from toolkit.package import verify

logging.getLogger("bagit").setLevel(logging.ERROR)


def make_bag(folder: Path, megabytes: int) -> Path:
    rng = random.Random(1)
    folder.mkdir()
    for number in range(max(1, megabytes // 2)):
        (folder / f"part-{number:04}.bin").write_bytes(rng.randbytes(2 << 20))
    bagit.make_bag(str(folder), checksums=["sha256", "sha512"], processes=1)
    return folder


def zipped(bag: Path) -> Path:
    archive = bag.with_name(bag.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(bag.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{bag.name}/{path.relative_to(bag).as_posix()}")
    return archive


def unzip_and_validate(archive: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(scratch)
        bagit.Bag(str(Path(scratch) / archive.stem)).validate(fast=False, processes=1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--megabytes", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        bag = make_bag(Path(temporary) / "bag", arguments.megabytes)
        archive = zipped(bag)
        assert verify(bag).ok and verify(archive).ok
        rows = [
            ("folder", median_time(lambda: verify(bag), arguments.runs),
             median_time(lambda: bagit.Bag(str(bag)).validate(fast=False, processes=1), arguments.runs)),
            ("zip", median_time(lambda: verify(archive), arguments.runs),
             median_time(lambda: unzip_and_validate(archive), arguments.runs)),
        ]
        shutil.rmtree(bag)
    print(f"{'bag of ' + str(arguments.megabytes) + ' MB':<22} {'teikit':>9} {'reference':>10} {'ratio':>6}")
    for label, ours, reference in rows:
        print(f"{label:<22} {ours:>8.2f}s {reference:>9.2f}s {ours / reference:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
