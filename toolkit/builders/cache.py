"""Each document's outputs kept between builds: a corpus build redoes only the documents
that changed.

A builder asks the cache for a document before rendering it. The key is a digest of the
document's bytes and path, the builder's code and stylesheets, and the build options, so
any change that could change the output misses. Entries are zip files under
``build/.teikit-cache/<builder>/``; they are data only (never code), a damaged one is a
miss, and those a build did not use are removed when it ends, so the cache holds what the
last build made and no more. Their small facts are also kept all together in one file
(``cache_facts.py``), and each source's digest with its stat (``fingerprints.py``), so that a
build of thousands of unchanged documents neither opens thousands of zip files nor reads and
hashes every document.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from functools import cache
from pathlib import Path

from toolkit import resources
from toolkit.atomic import remove_unused, write_bytes
from toolkit.builders import documents
from toolkit.cache_facts import Facts
from toolkit.cache_owner import owner_secret
from toolkit.fingerprints import Fingerprints
from toolkit.installation import installation_digest

CACHE_DIR = resources.BUILD_CACHE
_META = ".teikit-meta.json"  # the entry's own small facts (a page title), beside the files
FACTS_FILE = "facts.sqlite"  # every entry's facts in one file, for builders that read them all
FINGERPRINTS_FILE = "fingerprints.json"  # each source's digest with its stat (fingerprints.py)


# The libraries whose version can change what the builders write: Saxon runs the
# stylesheets, lxml reads the documents, pyuca orders the indexes, WeasyPrint and the
# libraries it drives typeset and write the PDF.
RENDERING_LIBRARIES = ("saxonche", "lxml", "pyuca", "weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2",
                       "tinyhtml5", "pyphen", "Pillow")
# The parts of the toolkit that write nothing a builder outputs; any other module (the
# builders, collation.py, xslt.py, xmlio.py...) is part of every builder's fingerprint.
NOT_RENDERING = ("validation", "package", "commands", "cli.py", "__main__.py")


def code_digest(builder: str, options) -> str:
    """What every output of ``builder`` depends on besides its documents: the options,
    the stylesheets and assets, the toolkit's code, and the rendering libraries' versions."""
    digest = hashlib.sha256()
    digest.update(f"builder\0{builder}\0options\0{options.fingerprint()}\0".encode())
    digest.update(_installation_digest().encode())
    digest.update(owner_secret().encode())  # a build folder from elsewhere is never this user's cache
    return digest.hexdigest()


@cache
def _installation_digest() -> str:
    # Read once per process: a build takes the same code and libraries from start to end.
    xslt = resources.data_dir("xslt")
    return installation_digest(RENDERING_LIBRARIES, [
        ("xslt", xslt, sorted(path for path in xslt.rglob("*") if path.is_file())),
        ("toolkit", resources.PACKAGE_DIR, _code_files())])


def _code_files() -> list[Path]:
    package = resources.PACKAGE_DIR
    return sorted(path for path in package.rglob("*.py")
                  if path.relative_to(package).parts[0] not in NOT_RENDERING)


class DocumentCache:
    """The cached outputs of one builder, keyed per document."""

    def __init__(self, build_dir: Path, builder: str, options):
        self.folder = Path(build_dir) / CACHE_DIR / builder
        self.salt = code_digest(builder, options)
        self.used: set[str] = set()
        self.fingerprints = Fingerprints(self.folder / FINGERPRINTS_FILE, included=documents.included_bytes)
        self.kept_facts = Facts(self.folder / FACTS_FILE)
        self._stored: set[str] | None = None  # the entries' file names, listed once (``holds``)

    def key(self, source: Path) -> str | None:
        """The document's key as it is now; None if it cannot be read (its builder says why)."""
        found = self.fingerprints.digest(source)
        if found is None:
            return None
        # The whole path, not the file name alone: a/x.xml and b/x.xml are two documents (and
        # what they include is found beside them).
        resolved, digest = found
        return hashlib.sha256(f"{self.salt}\0{resolved}\0{digest}".encode("utf-8", "surrogateescape")).hexdigest()

    def key_of(self, sources: list[Path]) -> str | None:
        """One key for what is made from several files together (a project's registers)."""
        digest = hashlib.sha256(self.salt.encode() + b"\0together")
        for source in sources:
            part = self.key(source)
            if part is None:
                return None
            digest.update(part.encode())
        return digest.hexdigest()

    def facts(self, key: str | None) -> dict | None:
        """The facts stored under ``key`` alone, without reading its files; None if none."""
        if key is None:
            return None
        meta = self.kept_facts.get(key)
        if meta is None:
            try:
                with zipfile.ZipFile(self.folder / f"{key}.zip") as archive:
                    meta = json.loads(archive.read(_META))
            except (OSError, zipfile.BadZipFile, ValueError, KeyError):
                return None
            self.kept_facts.put(key, json.dumps(meta))
        self.used.add(key)
        return meta

    def holds(self, key: str | None) -> bool:
        """Whether an entry is stored under ``key`` (it is then kept by ``prune``), without reading it."""
        if key is None:
            return False
        if self._stored is None:  # one listing, not a stat per document
            try:
                self._stored = set(os.listdir(self.folder))
            except OSError:
                self._stored = set()
        if f"{key}.zip" not in self._stored and not (self.folder / f"{key}.zip").is_file():
            return False
        self.used.add(key)
        return True

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

    def file(self, key: str | None, name: str) -> bytes | None:
        """The one file ``name`` stored under ``key``, or None."""
        if key is None:
            return None
        try:
            with zipfile.ZipFile(self.folder / f"{key}.zip") as archive:
                data = archive.read(name)
        except (OSError, zipfile.BadZipFile, KeyError):
            return None
        self.used.add(key)
        return data

    def put(self, key: str | None, source: Path | list[Path], files: dict[str, bytes], meta: dict | None = None) -> None:
        """Keep ``files`` made from ``source`` (a file, or the files of ``key_of``) under the
        ``key`` taken before making them, unless a source has changed since (its outputs then
        belong to no key)."""
        if key is None or (self.key_of(source) if isinstance(source, list) else self.key(source)) != key:
            return
        buffer, meta_json = io.BytesIO(), json.dumps(meta or {})
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, data in sorted(files.items()):
                archive.writestr(name, data)
            archive.writestr(_META, meta_json)
        try:
            write_bytes(self.folder / f"{key}.zip", buffer.getvalue(), durable=False)
        except OSError:
            return  # a cache that cannot be written (a full disk) only makes the next build slower
        self.kept_facts.put(key, meta_json)
        self.used.add(key)

    def prune(self) -> None:
        """Remove the entries this build did not use, and what a killed build left half-written."""
        self.kept_facts.keep_only(self.used)
        self.fingerprints.save()
        remove_unused(self.folder, ".zip", self.used, keep=(FACTS_FILE, f"{FACTS_FILE}-journal", FINGERPRINTS_FILE))

