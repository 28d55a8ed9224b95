"""The small facts of a builder's cached entries (a document's card and names, a project's
registers) in one SQLite file beside the entries: a rebuild of a project of thousands of
documents reads them from one file, not by opening thousands of zip files.

Data only, like the entries: JSON text under each entry's key. A damaged or unreadable file is
a miss (it is started again), and a file that cannot be written only makes the next build slower.
A key or value SQLite cannot hold as text (a file name that is not UTF-8) is never kept: that
entry is made again each time.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path


class Facts:
    """{key: facts} kept in the SQLite file ``path``. What a build adds is held here and written
    in one short transaction at ``commit`` or ``keep_only``: builds and validations run at the same
    time (an editor's and a terminal's) never wait for each other's whole run."""

    def __init__(self, path: Path, *, wait: float = 30):
        self.path, self.wait = path, wait  # seconds to wait for another command's write
        self._connection: sqlite3.Connection | None = None
        self._owner = 0  # the process that opened the connection (never shared with a fork)
        self._read: dict[str, str] | None = None
        self._added: dict[str, str] = {}

    def read_all(self) -> None:
        """Read every key's facts in one query, for ``get`` to answer from (a run that asks for
        the facts of thousands of documents, one query each, spends more in SQLite than in them)."""
        self._read = self._stored()

    def get(self, key: str) -> dict | None:
        try:
            text = self._added.get(key)
            if text is None and self._read is not None:
                text = self._read.get(key)
            elif text is None:
                connection = self._connect()
                if connection is None:
                    return None
                row = connection.execute("SELECT facts FROM facts WHERE key = ?", (key,)).fetchone()
                text = row[0] if row is not None else None
            facts = json.loads(text) if text is not None else None
        except (sqlite3.Error, ValueError):  # UnicodeEncodeError is a ValueError
            return None
        return facts if isinstance(facts, dict) else None

    def texts(self) -> dict[str, str]:
        """Every key's facts as JSON text, read in one query (a project reads thousands)."""
        return {**(self._read if self._read is not None else self._stored()), **self._added}

    def put(self, key: str, facts_json: str) -> None:
        self._added[key] = facts_json

    def commit(self) -> None:
        """Write what this build added, keeping every other key."""
        self._write(None)

    def keep_only(self, used: set[str]) -> None:
        """Remove the facts of every key but ``used``, and write what this build added."""
        self._write(used)

    def _stored(self) -> dict[str, str]:
        connection = self._connect()
        if connection is None:
            return {}
        try:
            return dict(connection.execute("SELECT key, facts FROM facts"))
        except sqlite3.Error:
            return {}

    def _write(self, used: set[str] | None) -> None:
        connection = self._connect()
        if connection is None:
            return
        added, self._added = self._added, {}
        try:
            with connection:  # one transaction
                if used is not None:
                    stored = {row[0] for row in connection.execute("SELECT key FROM facts")}
                    connection.executemany("DELETE FROM facts WHERE key = ?", [(key,) for key in stored - used])
                for key, facts_json in added.items():
                    try:
                        connection.execute("INSERT OR REPLACE INTO facts (key, facts) VALUES (?, ?)", (key, facts_json))
                    except UnicodeEncodeError:
                        pass
        except sqlite3.Error:
            pass
        if self._read is not None:
            self._read.update(added)
        self._close()

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None and self._owner == os.getpid():
            return self._connection
        self._connection = None
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=self.wait)
                connection.execute("PRAGMA synchronous = OFF")  # a cache: a file lost in a crash is a miss
                connection.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, facts TEXT NOT NULL)")
                connection.execute("SELECT count(*) FROM facts").fetchone()
            except sqlite3.OperationalError:
                return None  # busy for longer than the timeout, or cannot be opened: a miss, not damage
            except (OSError, sqlite3.DatabaseError):
                if attempt == 0:  # damaged: started again
                    try:
                        self.path.unlink(missing_ok=True)
                    except OSError:
                        return None
                continue
            self._connection, self._owner = connection, os.getpid()
            return connection
        return None

    def _close(self) -> None:
        if self._connection is not None and self._owner == os.getpid():
            try:
                self._connection.close()
            except sqlite3.Error:
                pass
        self._connection = None
