"""Assembling the payload: which files go where, and the names an archive would refuse."""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from toolkit.errors import TeikitError
from toolkit.package.records import PayloadFile

# The payload's top folders and the role (METS USE) of what they hold.
USES = {"tei": "source", "schemas": "schema", "html": "web", "pdf": "print", "index": "index", "metadata": "metadata"}
MIME_TYPES = {
    ".xml": "application/xml", ".rng": "application/xml", ".sch": "application/xml", ".xsd": "application/xml",
    ".json": "application/json", ".csv": "text/csv", ".md": "text/markdown", ".html": "text/html",
    ".css": "text/css", ".js": "text/javascript", ".pdf": "application/pdf", ".svg": "image/svg+xml",
    ".woff2": "font/woff2", ".woff": "font/woff", ".txt": "text/plain", ".toml": "application/toml",
    ".odd": "application/tei+xml",
}


class PayloadRefused(TeikitError):
    """A payload file name an archive would refuse or could not keep apart from another."""


@dataclass(frozen=True)
class Part:
    source: Path
    target: str  # relative to the payload root, "/"-separated


def tree(folder: Path, prefix: str) -> tuple[list[Part], list[str]]:
    """Every regular file under ``folder`` as a part under ``prefix``; hidden ones are left out and returned."""
    parts, hidden = [], []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(name.startswith(".") for name in relative.parts):
            if path.is_file():
                hidden.append(f"{folder.name}/{relative.as_posix()}")
            continue
        if path.is_file() and not path.is_symlink():
            parts.append(Part(path, f"{prefix}/{relative.as_posix()}"))
    return parts, hidden


def check_names(targets: list[str]) -> None:
    """Refuse hidden names, control characters, and names equal under Unicode normalisation (NFC/NFD) or case."""
    hidden = [t for t in targets if any(step.startswith(".") for step in PurePosixPath(t).parts)]
    if hidden:
        raise PayloadRefused(f"hidden files cannot go into the deposit: {', '.join(hidden)}",
                             hint="archives refuse hidden files; rename or remove them")
    controlled = [t for t in targets if any(ord(char) < 0x20 or ord(char) == 0x7F for char in t)]
    if controlled:
        raise PayloadRefused(f"file names with control characters cannot go into the deposit: "
                             f"{', '.join(map(repr, controlled))}",
                             hint="rename them: line breaks and other control characters in names break archive tools")
    seen: dict[str, str] = {}
    for target in targets:
        key = unicodedata.normalize("NFC", target).casefold()
        if key in seen and seen[key] != target:
            raise PayloadRefused(
                f"file names {seen[key]!r} and {target!r} differ only in Unicode normalisation or case",
                hint="rename one of them: a bag holding both fails validation on other systems",
            )
        seen[key] = target


def copy(parts: list[Part], payload: Path) -> None:
    for part in parts:
        destination = payload / part.target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(part.source, destination)


def describe(payload: Path, *, exclude: set[str] = frozenset(), roles: dict[str, str] | None = None) -> list[PayloadFile]:
    """Each file under ``payload`` with its role (``roles``, else its top folder's), media type,
    size and SHA-256, in sorted order."""
    roles = roles or {}
    files = []
    for path in sorted(payload.rglob("*"), key=lambda p: p.relative_to(payload).as_posix()):
        target = path.relative_to(payload).as_posix()
        if not path.is_file() or target in exclude:
            continue
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        top = target.split("/", 1)[0]
        use = roles.get(target) or USES.get(top, top)
        files.append(PayloadFile(target, use, media_type(target, use), path.stat().st_size, digest))
    return files


def media_type(name: str, use: str = "source") -> str:
    if name.startswith("tei/") and name.endswith(".xml") and use == "source":
        return "application/tei+xml"
    suffix = PurePosixPath(name).suffix.lower()
    return MIME_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
