"""Documents in blocks, for joining their postings (``postings.joined``): a block is a run of
consecutive documents, cut after each document whose address's digest says so, so that a block's
documents do not depend on the others' (adding a document changes its own block alone, not the
blocks after it as blocks of a fixed size would). A block's joined postings are kept in a
``BlockStore`` between builds, under a digest of its documents' keys."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from toolkit.atomic import remove_unused, write_bytes

BLOCK_DOCUMENTS = 64  # documents per block, on average


def blocks_of(documents) -> list[list[int]]:
    """The positions of ``documents`` (which have an ``href``), cut into blocks."""
    blocks: list[list[int]] = [[]]
    for position, document in enumerate(documents):
        blocks[-1].append(position)
        if zlib.crc32(document.href.encode("utf-8")) % BLOCK_DOCUMENTS == 0 and position + 1 < len(documents):
            blocks.append([])
    return blocks


class BlockStore:
    """The joined postings of blocks, one JSON file each in ``folder``; those a build did not use
    are removed when it ends (``prune``). A damaged file is a miss."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.used: set[str] = set()

    def get(self, digest: str) -> dict | None:
        try:
            data = json.loads((self.folder / f"{digest}.json").read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not {"units", "words", "readings", "lengths", "terms"} <= data.keys():
            return None
        self.used.add(digest)
        return data

    def put(self, digest: str, postings: dict) -> None:
        try:
            write_bytes(self.folder / f"{digest}.json", json.dumps(postings, ensure_ascii=False).encode("utf-8"),
                        durable=False)
        except OSError:
            return  # not kept: the next build joins this block again
        self.used.add(digest)

    def prune(self) -> None:
        remove_unused(self.folder, ".json", self.used)
