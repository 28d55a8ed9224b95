"""Each document's outputs kept between builds: a corpus build redoes only the documents
that changed.

A builder asks the cache for a document before rendering it. The key is a digest of the
document's bytes and name, the builder's code and stylesheets, and the build options, so
any change that could change the output misses. Entries are zip files under
``build/.teikit-cache/<builder>/``; they are data only (never code), a damaged one is a
miss, and those a build did not use are removed when it ends, so the cache holds what the
last build made and no more.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from toolkit import resources
from toolkit.atomic import write_bytes

CACHE_DIR = ".teikit-cache"
_META = ".teikit-meta.json"  # the entry's own small facts (a page title), beside the files


def code_digest(builder: str, options) -> str:
    """What every output of ``builder`` depends on besides its documents."""
    digest = hashlib.sha256()
    digest.update(f"builder\0{builder}\0options\0{options.fingerprint()}\0".encode())
    roots = [resources.data_dir("xslt"), Path(__file__).resolve().parent]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            data = path.read_bytes()
            digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


class DocumentCache:
    """The cached outputs of one builder, keyed per document."""

    def __init__(self, build_dir: Path, builder: str, options):
        self.folder = Path(build_dir) / CACHE_DIR / builder
        self.salt = code_digest(builder, options)
        self.used: set[str] = set()

    def key(self, source: Path) -> str | None:
        """The document's key as it is now; None if it cannot be read (its builder says why)."""
        digest = hashlib.sha256(self.salt.encode())
        digest.update(f"\0{Path(source).name}\0".encode())
        try:
            digest.update(Path(source).read_bytes())
        except OSError:
            return None
        return digest.hexdigest()

    def get(self, key: str | None) -> tuple[dict[str, bytes], dict] | None:
        """The files and facts stored under ``key``, or None."""
        if key is None:
            return None
        try:
            with zipfile.ZipFile(self.folder / f"{key}.zip") as archive:
                files = {name: archive.read(name) for name in archive.namelist()}
            meta = json.loads(files.pop(_META, b"{}"))
        except (OSError, zipfile.BadZipFile, ValueError, KeyError):
            return None
        self.used.add(key)
        return files, meta

    def put(self, key: str | None, source: Path, files: dict[str, bytes], meta: dict | None = None) -> None:
        """Keep ``files`` made from ``source`` under the ``key`` taken before making them,
        unless the document has changed since (its outputs then belong to no key)."""
        if key is None or self.key(source) != key:
            return
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for name, data in sorted(files.items()):
                archive.writestr(name, data)
            archive.writestr(_META, json.dumps(meta or {}))
        write_bytes(self.folder / f"{key}.zip", buffer.getvalue(), durable=False)
        self.used.add(key)

    def prune(self) -> None:
        """Remove the entries this build did not use, and what a killed build left half-written."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.is_file() and not (entry.suffix == ".zip" and entry.stem in self.used):
                entry.unlink(missing_ok=True)
