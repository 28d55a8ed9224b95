"""The only place that knows where schemas/, xslt/ and the edition live.

In a source checkout (or an editable install) they sit beside the package; an
installed wheel carries copies under ``toolkit/_data``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPOSITORY_DIR = PACKAGE_DIR.parent


@cache
def data_dir(name: str) -> Path:
    """Directory ``schemas`` or ``xslt``, wherever this installation keeps it."""
    for candidate in (PACKAGE_DIR / "_data" / name, REPOSITORY_DIR / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"teikit installation is incomplete: no '{name}' directory found")


def schema(name: str) -> Path:
    return data_dir("schemas") / name


def stylesheet(name: str) -> Path:
    return data_dir("xslt") / name


def edition_dir() -> Path:
    """The edition's TEI sources: $TEIKIT_EDITION, else ./tei, else the checkout's tei/."""
    if env := os.environ.get("TEIKIT_EDITION"):
        return Path(env)
    local = Path.cwd() / "tei"
    if local.is_dir():
        return local
    return REPOSITORY_DIR / "tei"


# A build folder's own cache (each document's outputs, findings and facts kept between runs of
# that project), beside its outputs.
BUILD_CACHE = ".teikit-cache"


def cache_dir() -> Path:
    """Where compiled schemas and stylesheets are kept between runs (never committed)."""
    if explicit := os.environ.get("TEIKIT_CACHE"):
        path = Path(explicit)
    else:
        path = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "teikit"
    path.mkdir(parents=True, exist_ok=True)
    return path
