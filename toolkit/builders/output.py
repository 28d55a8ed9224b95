"""Publishing a builder's output directory whole: a build that stops part-way changes nothing.

Files are written into a staging directory beside the target, then the two directories
are exchanged in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames,
and a left-over previous tree is put back on the next run).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

from toolkit.atomic import confined, write_bytes

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def publish(target: Path, files: dict[str, bytes]) -> list[Path]:
    """Make ``target`` hold exactly ``files`` (relative path -> bytes); return the paths written."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _restore_interrupted(target)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    try:
        for relative, data in sorted(files.items()):
            path = confined(staging, relative)
            # A file the published tree already holds, byte for byte, is linked rather than
            # written: it is already on disk, and a corpus rebuild writes only what changed.
            if not _link_if_same(confined(target, relative), path, data):
                write_bytes(path, data)
        os.chmod(staging, 0o755)
        _replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / relative for relative in sorted(files)]


def _link_if_same(published: Path, path: Path, data: bytes) -> bool:
    try:
        if not published.is_file() or published.is_symlink() or published.stat().st_size != len(data):
            return False
        if published.read_bytes() != data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        os.link(published, path)
    except OSError:
        return False
    return True


def _replace(new: Path, target: Path) -> None:
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return  # ``new`` now holds the previous tree and is removed by the caller
    previous = target.parent / f".{target.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(target, previous)
    os.rename(new, target)
    shutil.rmtree(previous, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def _restore_interrupted(target: Path) -> None:
    previous = target.parent / f".{target.name}.previous"
    if previous.is_dir() and not target.exists():
        os.rename(previous, target)
    for stale in target.parent.glob(f".{target.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
