"""Jing, the reference RELAX NG validator, run on many files at once (one Java start)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

_ERROR = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<kind>error|fatal): (?P<message>.*)$")
_QUOTED = re.compile(r'"([^"]*)"')


def jing_errors(grammar: Path, files: list[Path]) -> dict[Path, list[tuple[int, str, str]]]:
    """Each file's (line, kind, message) as Jing reports them; kind "fatal" when it could not read it."""
    jing = shutil.which("jing")
    if jing is None:
        pytest.fail("Jing is needed to compare with (make test installs it: Debian package jing)")
    found: dict[Path, list[tuple[int, str, str]]] = {Path(file): [] for file in files}
    # A file Jing cannot read (a DTD it cannot reach) gets a "fatal:" line without its name: those
    # with a DOCTYPE are run alone, so that such a line is theirs.
    alone = [file for file in files if b"<!DOCTYPE" in Path(file).read_bytes()[:4096]]
    batches = [[file] for file in alone] + [[file for file in files if file not in alone]]
    for batch in batches:
        if not batch:
            continue
        result = subprocess.run([jing, str(grammar), *map(str, batch)], capture_output=True, text=True)
        for line in result.stdout.splitlines():
            match = _ERROR.match(line)
            if match and Path(match["file"]) in found:
                found[Path(match["file"])].append((int(match["line"]), match["kind"], match["message"]))
            elif line.startswith("fatal:") and len(batch) == 1:
                found[Path(batch[0])].append((0, "fatal", line))
    return found


def subject(message: str) -> str:
    """What an error is about: the first quoted name (``element "list" not allowed ...``)."""
    match = _QUOTED.search(message)
    return match.group(1).rpartition(":")[2] if match else ""
