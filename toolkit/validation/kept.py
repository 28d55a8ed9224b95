"""Each document's findings kept between validations of a project, so that after one letter of
thousands is edited only that letter is checked again.

A document's findings are taken back while everything they were made from is as it was: the
document's bytes, the run (teikit's code and libraries, the schemas chosen, the catalog, the
limits, the working folder that names files in findings), and every file the check read
besides the document: its schemas with the files they include or import, and the files a
Schematron read with ``doc()``. Anything else is a miss, and the document is checked.

Kept in the project's build cache (``validation.sqlite``, one row per document, with the
digests of those files); an unchanged file is told by its stat, not read (``fingerprints``).
Never kept: a document that brings in others by XInclude (its findings depend on them, which
its bytes do not name), and a check that ran out of its time or memory budget (it may pass
on a quieter machine).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from toolkit import resources
from toolkit.cache_facts import Facts
from toolkit.cache_owner import owner_secret
from toolkit.errors import Finding, Severity
from toolkit.fingerprints import Fingerprints
from toolkit.installation import installation_digest
from toolkit.namespaces import XINCLUDE
from toolkit.validation.catalog import Catalog
from toolkit.xmlio import UnreadableDocument, parse_bytes

VERSION = "kept-verdicts-1"
FILE = "validation.sqlite"
SOURCES = "validation-sources.json"  # each file's digest with its stat
LIBRARIES = ("lxml", "saxonche", "elementpath")
# The elements by which a schema brings in other files (RELAX NG, XML Schema, Schematron, XSLT).
_BRINGING_IN = {"include", "externalRef", "import", "redefine", "override", "extends"}
_ADDRESS = ("href", "schemaLocation")
NOT_KEPT_CODES = ("limits.",)


def any_kept(folder: Path) -> bool:
    """Whether an earlier validation kept findings in ``folder`` (then a run takes most back)."""
    return (Path(folder) / FILE).is_file()


class KeptVerdicts:
    """The findings of the project's documents from earlier runs, in ``folder``; ``run``: what the
    run is (``run_key``)."""

    def __init__(self, folder: Path, run: str, catalog: Catalog | None = None):
        self.facts = Facts(Path(folder) / FILE)
        self.files = Fingerprints(Path(folder) / SOURCES)
        self.run, self.catalog = run, catalog
        self._schema_inputs: dict[Path, list[str]] = {}
        self._used: set[str] = set()

    def read_all(self) -> None:
        """Read every document's kept findings at once (``get`` then answers from memory): a run
        over thousands of documents asks for them all."""
        self.facts.read_all()

    def get(self, path: Path) -> list[Finding] | None:
        """``path``'s findings from an earlier run, or None if anything they depend on has changed."""
        name = os.path.abspath(path)
        self._used.add(name)
        row = self.facts.get(name)
        if row is None or row.get("run") != self.run or row.get("digest") != self._digest(path):
            return None
        inputs = row.get("inputs")
        if not isinstance(inputs, dict) or any(self._digest(Path(input)) != digest for input, digest in inputs.items()):
            return None
        try:
            return [finding_of(item) for item in row["findings"]]
        except (KeyError, TypeError, ValueError):
            return None  # a damaged row is a miss

    def put(self, path: Path, findings: list[Finding], schemas: list[Path], reads: tuple[Path, ...]) -> None:
        """Keep ``path``'s ``findings``, made with ``schemas`` and after reading ``reads``."""
        digest = self._digest(path)
        if digest is None or any(finding.code.startswith(NOT_KEPT_CODES) for finding in findings):
            return
        try:
            if XINCLUDE.encode() in Path(path).read_bytes():
                return
        except OSError:
            return
        names = [name for schema in schemas for name in self._inputs_of(schema)] + [str(read) for read in reads]
        inputs = {name: self._digest(Path(name)) for name in dict.fromkeys(names)}
        try:
            row = json.dumps({"run": self.run, "digest": digest, "inputs": inputs,
                              "findings": [finding.to_dict() for finding in findings]}, ensure_ascii=False)
        except (TypeError, ValueError):
            return  # a finding carrying something that is not data: checked again next time
        self.facts.put(os.path.abspath(path), row)

    def save(self, *, whole: bool) -> None:
        """Write what this run kept; ``whole``: the run checked every document of the project, so
        the rows of documents it did not see are dropped."""
        if whole:
            self.facts.keep_only(self._used)
        else:
            self.facts.commit()
        self.files.save()

    def _digest(self, path: Path) -> str | None:
        found = self.files.digest(path)
        return found[1] if found is not None else None

    def _inputs_of(self, schema: Path) -> list[str]:
        if schema not in self._schema_inputs:
            self._schema_inputs[schema] = [str(path) for path in schema_files(schema, self.catalog)]
        return self._schema_inputs[schema]


def run_key(*parts) -> str:
    """What a run is, for its kept findings: teikit's code and libraries, and ``parts`` (the
    schemas chosen, the catalog, the limits...), as their ``repr``."""
    # The user's secret: findings kept in a build folder from elsewhere are never taken for checks run here.
    digest = hashlib.sha256(f"{VERSION}\0{_installation()}\0{owner_secret()}\0{os.getcwd()}\0".encode())
    for part in parts:
        digest.update(repr(part).encode() + b"\0")
    return digest.hexdigest()


def schema_files(schema: Path, catalog: Catalog | None) -> list[Path]:
    """``schema`` and every file it brings in, directly or through others (a file that cannot be
    found is listed too: its appearing changes the findings)."""
    found: dict[Path, None] = {}
    pending = [Path(schema)]
    while pending:
        path = pending.pop()
        if path in found:
            continue
        found[path] = None
        try:
            tree = parse_bytes(path.read_bytes(), path.resolve(), collect_ids=False)
        except (OSError, UnreadableDocument):
            continue
        for element in tree.iter(etree.Element):
            if etree.QName(element).localname not in _BRINGING_IN:
                continue
            for attribute in _ADDRESS:
                address = element.get(attribute)
                target = _local(address, path, catalog) if address else None
                if target is not None:
                    pending.append(target)
    return list(found)


def _local(address: str, including: Path, catalog: Catalog | None) -> Path | None:
    scheme = urlsplit(address).scheme
    if scheme and len(scheme) > 1 and scheme != "file":
        return catalog.lookup(address) if catalog is not None else None
    absolute = urlsplit(urljoin(including.resolve().as_uri(), address))
    return Path(unquote(absolute.path))


def finding_of(item: dict) -> Finding:
    """A finding from its ``to_dict()``."""
    return Finding(**{**item, "severity": Severity(item["severity"])})


@cache
def _installation() -> str:
    """teikit's code and the libraries that check documents, read once per process."""
    package = resources.PACKAGE_DIR
    return installation_digest(LIBRARIES, [("toolkit", package, sorted(package.rglob("*.py")))],
                               extra=f"libxml2\0{etree.LIBXML_VERSION}")
