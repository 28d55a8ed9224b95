"""Hostile bags and archives for the verifier, made here byte by byte (zip bombs, sparse tars, odd names).

The zip writer is independent of the ``zipfile`` module so that it can declare what an
attacker declares: sizes far beyond the archive's own, long runs of zeros deflated once.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MIB, GIB = 1 << 20, 1 << 30


@dataclass(frozen=True)
class Zeros:
    """``size`` zero bytes, never held in memory."""

    size: int


def encode(name: str) -> str:
    return name.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def digest_of(data: bytes | Zeros, algorithm: str) -> str:
    hasher = hashlib.new(algorithm)
    if isinstance(data, Zeros):
        block, left = bytes(MIB), data.size
        while left:
            hasher.update(block[:min(left, MIB)])
            left -= min(left, MIB)
    else:
        hasher.update(data)
    return hasher.hexdigest()


def bag_members(payload: dict[str, bytes | Zeros], *, tag_manifests: bool = True, real_digests: bool = True,
                algorithms=("sha256", "sha512")) -> dict[str, bytes | Zeros]:
    """A complete bag (tag files and payload) as relative path -> content; payload keys start with data/."""
    members: dict[str, bytes | Zeros] = {"bagit.txt": BAGIT_TXT}
    size = sum(value.size if isinstance(value, Zeros) else len(value) for value in payload.values())
    members["bag-info.txt"] = f"Payload-Oxum: {size}.{len(payload)}\nBagging-Date: 2024-01-01\n".encode()
    for algorithm in algorithms:
        lines = [f"{digest_of(data, algorithm) if real_digests else '0' * (hashlib.new(algorithm).digest_size * 2)}"
                 f"  {encode(name)}\n" for name, data in sorted(payload.items())]
        members[f"manifest-{algorithm}.txt"] = "".join(lines).encode()
    if tag_manifests:
        for algorithm in algorithms:
            lines = [f"{digest_of(data, algorithm)}  {name}\n" for name, data in sorted(members.items())
                     if not name.startswith("tagmanifest-")]
            members[f"tagmanifest-{algorithm}.txt"] = "".join(lines).encode()
    members.update(payload)
    return members


def write_folder(root: Path, members: dict[str, bytes | Zeros]) -> Path:
    for name, data in members.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            if isinstance(data, Zeros):
                handle.truncate(data.size)  # sparse: no disk used
            else:
                handle.write(data)
    return root


def write_zip(path: Path, members: dict[str, bytes | Zeros], *, top: str = "bag", crc_limit: int = 256 * MIB) -> Path:
    """A zip of ``members`` under ``top/``, deflated; a long run of zeros costs about 1 KB per MiB.

    The CRC of runs longer than ``crc_limit`` is left 0: the verifier must refuse such an
    archive from its headers, before reading any of it.
    """
    out, central = bytearray(), bytearray()
    for name, data in members.items():
        full = f"{top}/{name}".encode()
        compressed, size, crc = _deflated(data, crc_limit)
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, len(compressed), size,
                           len(full), 0) + full
        out += compressed
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", (3 << 8) | 20, 20, 0x800, 8, 0, 0x21, crc,
                               len(compressed), size, len(full), 0, 0, 0, 0, 0o100644 << 16, offset) + full
    count = len(members)
    out += central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    path.write_bytes(bytes(out))
    return path


def _deflated(data: bytes | Zeros, crc_limit: int) -> tuple[bytes, int, int]:
    if not isinstance(data, Zeros):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(MIB)
    # After a full flush the compressor starts afresh, so every MiB of zeros deflates to the same bytes.
    chunk = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(data.size, MIB)
    body = chunk * whole + compressor.compress(bytes(rest)) + compressor.flush(zlib.Z_FINISH)
    crc = 0
    if data.size <= crc_limit:
        for _ in range(whole):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(bytes(rest), crc)
    return body, data.size, crc


def write_sparse_tar(path: Path, members: dict[str, bytes | Zeros], *, top: str = "bag") -> Path:
    """A tar made by GNU tar --sparse: runs of zeros are holes, stored in a few bytes whatever their size."""
    folder = path.with_name(path.name + ".src") / top
    write_folder(folder, members)
    subprocess.run(["tar", "--sparse", "-cf", str(path), "-C", str(folder.parent), top], check=True)
    _remove_tree(folder.parent)
    return path


def _remove_tree(root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            os.unlink(os.path.join(dirpath, name))
        for name in dirnames:
            os.rmdir(os.path.join(dirpath, name))
    os.rmdir(root)
