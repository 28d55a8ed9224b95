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
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from toolkit.atomic import confined, write_bytes

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def publish(target: Path, files: dict[str, bytes]) -> list[Path]:
    """Make ``target`` hold exactly ``files`` (relative path -> bytes); return the paths written."""
    with publishing(target) as staging:
        for relative, data in sorted(files.items()):
            staging.write(relative, data)
    return staging.written


class Staging:
    """The folder a new output is written into before it replaces the published one.

    ``durable=False`` writes without an fsync per file: the folder is synced once, as a
    whole, before it replaces the published one (thousands of pages, one sync)."""

    def __init__(self, target: Path, folder: Path, *, durable: bool = True):
        self.target, self.folder, self.durable = target, folder, durable
        self._relatives: set[str] = set()
        self._folders: set[Path] = set()

    def write(self, relative: str, data: bytes) -> None:
        path = self._inside(self.folder, relative)
        # A file the published tree already holds, byte for byte, is linked rather than
        # written: it is already on disk, and a corpus rebuild writes only what changed.
        if not _link_if_same(self._inside(self.target, relative), path, data):
            if self.durable:
                write_bytes(path, data)
            else:
                self._folder(path.parent)
                with open(path, "wb") as handle:
                    handle.write(data)
        self._relatives.add(relative)

    def _inside(self, root: Path, relative: str) -> Path:
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or any(part in ("..", ".", "") for part in parts):
            return confined(root, relative)  # refuses what leaves the root, says why
        return root.joinpath(*parts)

    def _folder(self, folder: Path) -> None:
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    def sync(self) -> None:
        if not self.durable:
            _sync_filesystem(self.folder)

    @property
    def written(self) -> list[Path]:
        return [self.target / relative for relative in sorted(self._relatives)]


@contextmanager
def publishing(target: Path, *, durable: bool = True):
    """A ``Staging`` to write files into one at a time (memory holds one file, not the tree);
    on leaving the block without an error it replaces ``target`` whole, else nothing changes."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _restore_interrupted(target)
    folder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    try:
        staging = Staging(target, folder, durable=durable)
        yield staging
        staging.sync()
        os.chmod(folder, 0o755)
        _replace(folder, target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _sync_filesystem(folder: Path) -> None:
    """Flush the filesystem holding ``folder`` to disk (Linux syncfs; elsewhere sync)."""
    libc_name = ctypes.util.find_library("c")
    syncfs = getattr(ctypes.CDLL(libc_name), "syncfs", None) if libc_name else None
    if syncfs is None:
        os.sync()
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        syncfs(descriptor)
    finally:
        os.close(descriptor)


def _link_if_same(published: Path, path: Path, data: bytes) -> bool:
    try:
        status = os.lstat(published)
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
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
