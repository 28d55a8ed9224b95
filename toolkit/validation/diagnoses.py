"""Findings of rejected documents kept between runs.

Diagnosing a document the reduced grammar rejected needs the full grammar, whose
compile costs seconds.  A document that has not changed since its last diagnosis
against the same grammar gets the same findings, so they are kept on disk, keyed
by the bytes of both, the libxml2 version and the code that diagnoses (an entry made
by another version of teikit is a miss, never its findings), and a repeated run over
the same invalid files does not compile the full grammar again.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from lxml import etree

from toolkit import resources
from toolkit.atomic import write_text
from toolkit.errors import Finding, Severity
from toolkit.namespaces import XINCLUDE

VERSION = "diagnosis-1"


def _key(document: Path, schema: Path) -> str | None:
    try:
        digest = hashlib.sha256(f"{VERSION}\n{etree.LIBXML_VERSION}\n{_code_digest()}\n".encode())
        digest.update(hashlib.sha256(schema.read_bytes()).digest())
        data = document.read_bytes()
    except OSError:
        return None
    if XINCLUDE.encode() in data:
        return None  # its findings depend on the files it includes too: never kept
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """The validation package's code: what a diagnosis is made by, read once per process."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _location(key: str) -> Path:
    return resources.cache_dir() / "diagnoses" / f"{key}.json"


def load(document: Path, schema: Path) -> list[Finding] | None:
    key = _key(document, schema)
    if key is None or not _location(key).is_file():
        return None
    try:
        stored = json.loads(_location(key).read_text(encoding="utf-8"))
        return [Finding(file=str(document), line=item["line"], column=item["column"],
                        severity=Severity(item["severity"]), code=item["code"], message=item["message"],
                        xpath=item["xpath"], hint=item["hint"]) for item in stored]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a damaged entry is recomputed


def store(document: Path, schema: Path, findings: list[Finding]) -> None:
    key = _key(document, schema)
    if key is None:
        return
    items = [{"line": f.line, "column": f.column, "severity": f.severity.value, "code": f.code,
              "message": f.message, "xpath": f.xpath, "hint": f.hint} for f in findings]
    try:
        write_text(_location(key), json.dumps(items, ensure_ascii=False))
    except OSError:
        pass
