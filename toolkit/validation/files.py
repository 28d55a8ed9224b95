"""Which files a run validates.

Files named on the command line are taken as given (whatever their extension).
Directories are walked for ``*.xml`` files in sorted order, skipping hidden entries.
Symbolic links inside a walked directory are followed only when their target lies
inside that same directory tree: links leaving it are skipped (a document collection
should not pull in files from elsewhere), a target reached twice, as in a loop, is
validated once, and a link that reaches no file (dangling, or looping on itself) is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.errors import TeikitError

SUFFIXES = (".xml", ".tei")


def collect(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if not os.path.lexists(path):
            raise TeikitError(f"no such file or directory: {path}")
        if path.is_dir():
            files += _walk(path, seen)
        elif path.is_file():
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                files.append(path)
        else:
            raise TeikitError(f"not a regular file or directory: {path}")
    return files


def _walk(top: Path, seen: set[Path]) -> list[Path]:
    root = top.resolve()
    found: list[Path] = []
    visited: set[Path] = set()

    def refuse(error: OSError) -> None:
        raise TeikitError(f"cannot read directory {error.filename}: {error.strerror}",
                          hint="check the directory's permissions")

    # Visit directories by their real path so that a link back up the tree ends the walk there.
    for directory, subdirectories, names in os.walk(top, onerror=refuse, followlinks=True):
        real = Path(directory).resolve()
        if real in visited or not _within(real, root):
            subdirectories[:] = []
            continue
        visited.add(real)
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            path = Path(directory) / name
            try:
                target = path.resolve()
            except (OSError, RuntimeError):  # a link looping back on itself names no file
                continue
            if not _within(target, root) or target in seen or not target.is_file():
                continue
            seen.add(target)
            found.append(path)
    return found


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def resolved_all(paths) -> list[Path]:
    """Each path resolved as ``Path.resolve`` does (symlinks followed), each folder once: the
    thousands of documents of a project mostly share a few folders."""
    folders: dict[str, str] = {}
    resolved = []
    for path in paths:
        text = os.path.abspath(path)
        folder, name = os.path.split(text)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        joined = os.path.join(folders[folder], name)
        resolved.append(Path(os.path.realpath(joined) if os.path.islink(joined) else joined))
    return resolved
