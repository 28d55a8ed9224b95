"""Running the real ``teikit`` entry point, in this process or in a child, and reading what it said."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from toolkit.cli import main

REPOSITORY = Path(__file__).resolve().parents[2]
EXIT_CODES = {0, 1, 2}


def run_in_process(*args: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``teikit ARGS`` run through ``toolkit.cli.main``."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


def run_child(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], capture_output=True, text=True, check=False,
                          cwd=kwargs.pop("cwd", REPOSITORY), timeout=timeout,
                          env={**os.environ, **kwargs.pop("env", {})}, **kwargs)


def published_site(project: Path) -> dict[str, bytes]:
    """Every file of a project's published web edition (by its path in the site) with its bytes."""
    root = project / "build" / "html"
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def findings_of(json_report: str) -> list[dict]:
    return [finding for entry in json.loads(json_report)["files"] for finding in entry["findings"]]


def assert_no_traceback(*streams: str) -> None:
    for text in streams:
        assert "Traceback" not in text and 'File "' not in text, text[-2000:]


def tree_digest(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (by relative path) with its bytes; symbolic links as their target."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[relative] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[relative] = path.read_bytes()
    return found
