"""A digest of what an installation of teikit is made of: the versions of the libraries that
make a result, and the files of the code and data it is made with. A build cache or kept
findings are taken back only from the same installation."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path


def installation_digest(libraries: tuple[str, ...], folders: list[tuple[str, Path, list[Path]]], extra: str = "") -> str:
    """The digest of ``libraries``' versions ("absent" where one is not installed), ``extra``, and
    for each (label, root, files) of ``folders`` the files' names under the root and their bytes."""
    digest = hashlib.sha256()
    for library in libraries:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}\0{version}\0".encode())
    digest.update(f"{extra}\0".encode())
    for label, root, files in folders:
        for path in files:
            data = path.read_bytes()
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()
