"""The files a project's globs match, found without entering the folders a project never reads.

``Path.glob("**/*.xml")`` walks every folder, the build folder with its tens of thousands of
pages included, before anything can be left out. Here the walk does not enter hidden folders nor
the folders ``skip`` names, and otherwise matches as ``Path.glob`` does on POSIX: a name is
matched segment by segment (``*`` never crosses ``/``, case counts), ``**`` stands for any
number of folders, and it does not follow links to folders (a link that loops cannot trap it).
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Callable, Iterator

_MAGIC = frozenset("*?[")


def matching(root: Path, pattern: str, skip: Callable[[str], bool]) -> Iterator[Path]:
    """The paths under ``root`` that ``pattern`` matches (a path may come twice), leaving out
    what lies in a hidden folder or a folder for which ``skip(path)`` is true."""
    parts = [part for part in pattern.split("/") if part not in ("", ".")]
    for found in _matches(os.fspath(root), parts, 0, skip):
        yield Path(found)


def _matches(folder: str, parts: list[str], index: int, skip) -> Iterator[str]:
    if index == len(parts):
        yield folder
        return
    part = parts[index]
    if part == "**":
        yield from _matches(folder, parts, index + 1, skip)  # no folder at all
        for name, is_link, is_folder in _entries(folder):
            if is_folder and not is_link and _enterable(name, os.path.join(folder, name), skip):
                yield from _matches(os.path.join(folder, name), parts, index, skip)
        return
    last = index + 1 == len(parts)
    if not _MAGIC.intersection(part):
        path = os.path.join(folder, part)
        if (last and os.path.lexists(path)) or (not last and os.path.isdir(path) and _enterable(part, path, skip)):
            yield from _matches(path, parts, index + 1, skip)
        return
    for name, _is_link, is_folder in _entries(folder):
        if fnmatch.fnmatchcase(name, part):
            path = os.path.join(folder, name)
            if last or (is_folder and _enterable(name, path, skip)):
                yield from _matches(path, parts, index + 1, skip)


def _enterable(name: str, path: str, skip) -> bool:
    return not name.startswith(".") and not skip(path)


def _entries(folder: str) -> list[tuple[str, bool, bool]]:
    """(name, is a link, is a folder or a link to one) of each entry of ``folder``; none if it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            found = []
            for entry in entries:
                try:
                    found.append((entry.name, entry.is_symlink(), entry.is_dir()))
                except OSError:
                    continue
            return found
    except OSError:
        return []
