"""The files a project's globs match, found without entering the folders a project never reads.

``Path.glob("**/*.xml")`` walks every folder, the build folder with its tens of thousands of
pages included, before anything can be left out. Here the walk does not enter hidden folders nor
the folders ``skip`` names, and otherwise matches as ``Path.glob`` does on POSIX: a name is
matched segment by segment (``*`` never crosses ``/``, case counts), and ``**`` stands for any
number of folders, none entered through a link (a link that loops cannot trap the walk).
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Callable, Iterator

_MAGIC = frozenset("*?[")


def matching_files(root: Path, pattern: str, skip: Callable[[str], bool]) -> Iterator[str]:
    """The paths (as text) of the files, or links to files, under ``root`` that ``pattern``
    matches (a path may come twice), leaving out what lies in a hidden folder or a folder for
    which ``skip(path)`` is true."""
    parts = [part for part in pattern.split("/") if part not in ("", ".")]
    if parts:
        yield from _matches(os.fspath(root), parts, 0, skip)


def _matches(folder: str, parts: list[str], index: int, skip) -> Iterator[str]:
    part, last = parts[index], index + 1 == len(parts)
    if part == "**":
        if last:  # folders alone: no file
            return
        yield from _matches(folder, parts, index + 1, skip)  # no folder at all
        for name, is_link, is_folder, _is_file in _entries(folder):
            if is_folder and not is_link and _enterable(name, os.path.join(folder, name), skip):
                yield from _matches(os.path.join(folder, name), parts, index, skip)
        return
    if not _MAGIC.intersection(part):
        path = os.path.join(folder, part)
        if last and os.path.isfile(path):
            yield path
        elif not last and os.path.isdir(path) and _enterable(part, path, skip):
            yield from _matches(path, parts, index + 1, skip)
        return
    for name, _is_link, is_folder, is_file in _entries(folder):
        if fnmatch.fnmatchcase(name, part):
            path = os.path.join(folder, name)
            if last and is_file:
                yield path
            elif not last and is_folder and _enterable(name, path, skip):
                yield from _matches(path, parts, index + 1, skip)


def _enterable(name: str, path: str, skip) -> bool:
    return not name.startswith(".") and not skip(path)


def _entries(folder: str) -> list[tuple[str, bool, bool, bool]]:
    """(name, is a link, is a folder or a link to one, is a file or a link to one) of each entry
    of ``folder``; none if it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            found = []
            for entry in entries:
                try:
                    found.append((entry.name, entry.is_symlink(), entry.is_dir(), entry.is_file()))
                except OSError:
                    continue
            return found
    except OSError:
        return []
