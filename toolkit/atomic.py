"""Outputs are written whole or not at all, and one build owns an output directory at a time."""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import TeikitError


def write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    ``durable=False`` skips the fsync, for files that may be lost without harm (caches): a
    reader still sees the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def confined(root: Path, relative: str) -> Path:
    """``root / relative``, refusing names (``../x``, absolute paths) that would leave ``root``."""
    root = root.resolve()
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise TeikitError(f"refusing to write outside {root}: {relative!r}")
    return target


@contextmanager
def output_lock(directory: Path):
    """Hold an exclusive lock on ``directory`` for one build; a second build is told, not blocked."""
    directory.mkdir(parents=True, exist_ok=True)
    lock_path = directory / ".teikit.lock"
    handle = open(lock_path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise TeikitError(
                    f"another teikit build is writing to {directory}",
                    hint="wait for it to finish, or choose another output directory with --output",
                ) from None
            raise
        yield
    finally:
        handle.close()


def remove_unused(folder: Path, suffix: str, used: set[str], keep: tuple[str, ...] = ()) -> None:
    """Remove from ``folder`` every file but those named ``NAME + suffix`` for a NAME in ``used``
    and those named in ``keep`` (a cache's entries a build did not use, and the ``.part`` files a
    killed build left)."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_file() and entry.name not in keep and not (entry.suffix == suffix and entry.stem in used):
            entry.unlink(missing_ok=True)
