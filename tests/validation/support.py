"""Helpers shared by the validation tests: fixture names, catalogs, canaries."""

from __future__ import annotations

import errno
import os
import re
import socket
import threading
import time
from collections import Counter
from pathlib import Path

from tests.conftest import TEI_ALL_RNG
from toolkit.errors import Finding

CASES = Path(__file__).resolve().parents[1] / "cases" / "xml"
TEI_ALL_URL = "www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"


def expected_counts(path: Path) -> Counter:
    """``unclosed-1_error.xml`` expects one error and no warning; ``x-2_error-1_warning.xml`` both."""
    counts = Counter({"error": 0, "warning": 0})
    for number, severity in re.findall(r"-(\d+)_(error|warning)", path.name):
        counts[severity] += int(number)
    return counts


def counted(findings: list[Finding]) -> Counter:
    counts = Counter({"error": 0, "warning": 0})
    counts.update(f.severity.value for f in findings if f.severity.value in ("error", "warning"))
    return counts


def write_tei_all_catalog(directory: Path) -> Path:
    """A catalog mapping the TEI's published tei_all.rng URLs (http and https) to the shared copy."""
    catalog = directory / "catalog.xml"
    entries = "\n".join(
        f'  <uri name="{scheme}://{TEI_ALL_URL}" uri="{TEI_ALL_RNG.as_uri()}"/>' for scheme in ("http", "https")
    )
    catalog.write_text(
        '<?xml version="1.0"?>\n<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
        f"{entries}\n</catalog>\n",
        encoding="utf-8",
    )
    return catalog


def tei(body: str = "<p>Text.</p>", prolog: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> str:
    return (
        f'{prolog}<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n    <fileDesc>\n'
        "      <titleStmt><title>Fixture</title></titleStmt>\n"
        "      <publicationStmt><p>Test fixture.</p></publicationStmt>\n"
        "      <sourceDesc><p>Written for the tests.</p></sourceDesc>\n"
        f"    </fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      {body}\n    </body>\n  </text>\n</TEI>\n"
    )


class FileCanary:
    """A named pipe that records whether anything opened it for reading.

    Opening a FIFO for reading blocks until a writer appears; a watcher thread keeps
    trying a non-blocking write-open, which succeeds only while a reader is waiting.
    So a read attempt is observed however briefly it happens, and the reader is
    released (it sees end of file) instead of hanging.
    """

    def __init__(self, path: Path):
        self.path = path
        os.mkfifo(path)
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno != errno.ENXIO:
                    raise
                time.sleep(0.002)
                continue
            self.opened += 1
            os.close(fd)

    def __enter__(self) -> FileCanary:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        time.sleep(0.05)  # let a late reader show up
        self._stop.set()
        self._thread.join()


class NetworkCanary:
    """A listening socket on loopback that records whether anything connected to it."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.setblocking(False)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def connections(self) -> int:
        count = 0
        while True:
            try:
                connection, _ = self.socket.accept()
            except BlockingIOError:
                return count
            connection.close()
            count += 1

    def close(self) -> None:
        self.socket.close()
