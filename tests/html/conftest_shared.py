"""Where the third-party test material is (the same rule as tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    for candidate in (os.environ.get("TEIKIT_SHARED"), REPOSITORY.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "corpus" / "manifest.tsv").is_file():
            return Path(candidate) / "corpus"
    raise RuntimeError("third-party test material not found: set TEIKIT_SHARED to the shared/ directory")
