"""The digest of each source file's bytes, kept between builds with the file's size, times,
device and inode: a build reads and hashes again only the files whose stat has changed, not every document
of a project of thousands.

A file changed within ``SETTLING_NS`` of being hashed is not kept (its time stamp could be shared
by the next change, on file systems with coarse times): it is hashed again next time. The change
time (``st_ctime_ns``) moves with every write and cannot be set back by tools, so a file restored
with its old modification time is still seen as changed. A file that brings others in by XInclude
is always hashed again (its stat says nothing of theirs).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from toolkit.atomic import write_bytes

SETTLING_NS = 2_000_000_000


class Fingerprints:
    """Digests of source files (their bytes and included files) with their resolved paths, kept in ``path``.

    ``included(source, data)``: the names and bytes of the files ``source`` brings in (by XInclude),
    digested with its own; none when not given."""

    def __init__(self, path: Path, included=None):
        self.path, self.included = path, included
        self._kept: dict[str, list] | None = None  # read at the first use
        self._used: dict[str, list] = {}

    def digest(self, source: Path) -> tuple[str, str] | None:
        """``source``'s resolved path, and the digest of its bytes and of the files it includes, as
        they are now; None if it cannot be read."""
        # Looked up by the path as given (no system call), the same file by its device and inode.
        name = os.path.abspath(source)
        try:
            status = os.stat(source)
        except OSError:
            return None
        stamp = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]
        kept = self._known().get(name)
        if kept is not None and kept[:-2] == stamp:
            self._used[name] = kept
            return kept[-2], kept[-1]
        try:
            resolved = str(Path(source).resolve())
            data = Path(source).read_bytes()
            included = self.included(Path(source), data) if self.included is not None else b""
        except OSError:
            return None
        digest = hashlib.sha256(data + included).hexdigest()
        # The stat taken before reading: a change made while reading shows as a new stat next time.
        if not included and time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > SETTLING_NS:
            self._used[name] = [*stamp, resolved, digest]
        return resolved, digest

    def save(self) -> None:
        """Keep the digests of the files this build looked at (and no others)."""
        try:
            write_bytes(self.path, json.dumps(self._used, separators=(",", ":")).encode(), durable=False)
        except OSError:
            pass  # not kept: the next build hashes every file again

    def _known(self) -> dict[str, list]:
        if self._kept is None:
            try:
                kept = json.loads(self.path.read_bytes())
            except (OSError, ValueError):
                kept = {}
            self._kept = {name: value for name, value in kept.items()
                          if isinstance(value, list) and len(value) == 7} if isinstance(kept, dict) else {}
        return self._kept
