"""What a project's validation keeps between runs besides each document's schema findings
(``validation.kept``): its registers, read from every register file and from every document's
standOff and back, and each document's pointers that resolve nowhere. After one letter of
thousands is edited, neither the registers nor the other letters are read again.

Each document's row says whether it keeps entries or prefix definitions of its own, and which of
its pointers resolve nowhere. The registers are taken back while no register file and none of
the documents keeping their own has changed; a document's unresolved pointers while neither it
nor the registers have. Kept in the build cache
(``project-checks.sqlite``); an unchanged file is told by its stat (``fingerprints``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from toolkit.cache_facts import Facts
from toolkit.errors import Finding
from toolkit.fingerprints import Fingerprints
from toolkit.project.registers import Registers, keeps_own
from toolkit.validation.kept import finding_of, run_key
from toolkit.xmlio import UnreadableDocument, read_document

FILE = "project-checks.sqlite"
SOURCES = "project-checks-sources.json"


class KeptChecks:
    def __init__(self, folder: Path):
        self.facts = Facts(Path(folder) / FILE)
        self.files = Fingerprints(Path(folder) / SOURCES)
        self.run = run_key("project-checks")
        self._rows: dict[str, dict] = {}  # each document's row, as kept or as this run made it
        self._changed: set[str] = set()
        self._used: set[str] = set()

    def registers(self, register_files: list[Path], documents: list[Path]) -> Registers:
        """The registers of ``register_files`` and of the documents that keep entries or prefix
        definitions of their own (told by each document's row while it is unchanged)."""
        if len(documents) > 1:
            self.facts.read_all()
        own = [document for document in documents if self._keeps_own(document)]
        digests = [self._digest(path) for path in [*register_files, *own]]
        if None in digests:  # a file that cannot be read: read (and reported) by the registers
            return Registers.from_files(register_files, own)
        listed = "\0".join(f"{os.path.abspath(path)}\0{digest}" for path, digest in zip([*register_files, *own], digests))
        key = "registers:" + hashlib.sha256(f"{self.run}\0{len(register_files)}\0{listed}".encode()).hexdigest()
        self._used.add(key)
        row = self.facts.get(key) or {}
        return Registers.kept_or_read(row.get("registers"), key, register_files, own, lambda data: self.facts.put(
            key, json.dumps({"registers": data}, ensure_ascii=False)))

    def references(self, document: Path, registers: Registers, find) -> list[Finding]:
        """``document``'s pointers that resolve nowhere (``find()`` finds them when they are not kept)."""
        row = self._row(document)
        if registers.identity is not None and row.get("registers") == registers.identity and "findings" in row:
            try:
                return [finding_of(item) for item in row["findings"]]
            except (KeyError, TypeError, ValueError):
                pass  # a damaged row is a miss
        findings = find()
        if registers.identity is not None and "digest" in row:
            row.update(registers=registers.identity, findings=[finding.to_dict() for finding in findings])
            self._changed.add(os.path.abspath(document))
        return findings

    def save(self, *, whole: bool) -> None:
        """Write what this run kept; ``whole``: it checked the whole project (rows it did not use go)."""
        for name in self._changed:
            self.facts.put("document:" + name, json.dumps(self._rows[name], ensure_ascii=False))
        if whole:
            self.facts.keep_only(self._used)
        else:
            self.facts.commit()
        self.files.save()

    def _keeps_own(self, document: Path) -> bool:
        row = self._row(document)
        if "own" not in row:
            try:
                row["own"] = keeps_own(read_document(document).tree.getroot())
            except UnreadableDocument:
                return True  # read by the registers, which report it
            if "digest" in row:
                self._changed.add(os.path.abspath(document))
        return row["own"]

    def _row(self, document: Path) -> dict:
        """The document's row: as kept while the document is unchanged, else a new one (with its
        digest, when it can be read)."""
        name = os.path.abspath(document)
        if name not in self._rows:
            self._used.add("document:" + name)
            digest = self._digest(document)
            row = self.facts.get("document:" + name) or {}
            if row.get("run") != self.run or row.get("digest") != digest or digest is None:
                row = {"run": self.run, "digest": digest} if digest is not None else {}
            self._rows[name] = row
        return self._rows[name]

    def _digest(self, path: Path) -> str | None:
        found = self.files.digest(path)
        return found[1] if found is not None else None
