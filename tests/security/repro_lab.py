"""The attack reproductions in the shared material (``security/repro/*.sh``), run as they are.

Each script works in a lab folder (``$LAB``) and expects there the cases it attacks with
(``$LAB/cases/...``) and a copy of the edition (``$LAB/proj``). ``Lab`` makes those, then
runs a script with this checkout's ``teikit`` first on the PATH and returns what it printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPOSITORY, SHARED

REPRO = SHARED / "security" / "repro"
VENV_BIN = Path(sys.executable).parent
TEI_MIN = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
           "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
           "<text><body><p>x</p></body></text></TEI>")


def tei(body: str = "<p>x</p>", *, title: str = "T", root_attributes: str = "", back: str = "") -> str:
    """A small TEI document with ``body`` as its text."""
    return (f'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"{root_attributes}><teiHeader><fileDesc>'
            f"<titleStmt><title>{title}</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
            f"<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>{body}</body>{back}</text></TEI>\n")


class Lab:
    def __init__(self, folder: Path):
        self.folder = folder
        self.cases = folder / "cases"
        self.cases.mkdir(parents=True, exist_ok=True)
        self.project = folder / "proj"

    def with_project(self) -> "Lab":
        """$LAB/proj: the edition's sources, as in a checkout of the edition."""
        if not self.project.exists():
            shutil.copytree(REPOSITORY / "tei", self.project / "tei")
        return self

    def case(self, relative: str, content: str | bytes) -> Path:
        path = self.cases / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    def environment(self) -> dict[str, str]:
        environment = {key: value for key, value in os.environ.items()
                       if key not in ("TEIKIT_EDITION", "TEIKIT_CATALOG")}
        environment.update(LAB=str(self.folder), PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                           PYTHONPATH=str(REPOSITORY))
        return environment

    def run(self, script: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run ``security/repro/<script>`` (bash) in this lab; stdout and stderr together."""
        return subprocess.run(["bash", str(REPRO / script)], cwd=self.folder, env=self.environment(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                              timeout=timeout, check=False)


def nested_divs(depth: int) -> str:
    return tei("<div>" * depth + "<p>deep</p>" + "</div>" * depth, title="Deep")
