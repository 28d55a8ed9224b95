"""Turning an assembled payload folder into a BagIt 1.0 bag (RFC 8493) with bagit-python.

bagit-python 1.9 writes ``BagIt-Version: 0.97`` and lists tag files in directory order.
We let it hash the payload and write bag-info.txt, then declare version 1.0 (whose
bagit.txt differs only in the version line) and rewrite the tag manifests in sorted
order, so two bags of the same payload have identical manifests.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import bagit

from toolkit.errors import TeikitError
from toolkit.package import tagfiles

ALGORITHMS = ("sha256", "sha512")
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

# bagit-python logs every file it moves and hashes; the CLI speaks for itself.
logging.getLogger("bagit").setLevel(logging.ERROR)


class BagFailed(TeikitError):
    """The bag just written did not validate; nothing was put in place."""


def make(folder: Path, bag_info: dict[str, str]) -> None:
    """Bag ``folder`` in place (its contents become the payload), then verify it fully."""
    from toolkit.package.verify import verify

    bagit.make_bag(str(folder), bag_info=dict(bag_info), checksums=list(ALGORITHMS), processes=1)
    (folder / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    encode_payload_names(folder)
    write_tag_manifests(folder)
    result = verify(folder)
    if not result.ok:
        raise BagFailed("the new bag did not verify: " + "; ".join(map(str, result.problems)))


def encode_payload_names(folder: Path) -> None:
    """Percent-encode '%' in the payload manifests as RFC 8493 asks (bagit-python 1.9 encodes CR and LF only).

    Names holding CR or LF never reach this point (``payload.check_names`` refuses them), so
    every name bagit-python wrote is the name itself.
    """
    for algorithm in ALGORITHMS:
        manifest = folder / f"manifest-{algorithm}.txt"
        entries = {}
        for line in tagfiles.lines_of(manifest.read_text(encoding="utf-8")):
            digest, _, name = line.partition("  ")
            entries[name] = digest
        manifest.write_text(tagfiles.write_manifest(entries), encoding="utf-8", newline="\n")


def write_tag_manifests(folder: Path) -> None:
    tag_files = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] != "data"
        and not path.name.startswith("tagmanifest-")
    )
    for algorithm in ALGORITHMS:
        entries = {name: _digest(folder / name, algorithm) for name in tag_files}
        (folder / f"tagmanifest-{algorithm}.txt").write_text(tagfiles.write_manifest(entries), encoding="utf-8")


def _digest(path: Path, algorithm: str) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, algorithm).hexdigest()
