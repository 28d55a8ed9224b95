"""The MELP letters built as a project, for the project site's tests (a copy: tests change it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.built_once import built_once
from tests.conftest import SHARED

MELP = SHARED / "projects" / "melp"
FIXED_DATE = "2026-01-02"
TEI = "{http://www.tei-c.org/ns/1.0}"


def teikit(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *arguments], cwd=cwd, capture_output=True, text=True)


def copy_melp(destination: Path) -> Path:
    if not MELP.is_dir():
        pytest.fail(f"the MELP project is missing from the shared test material: {MELP}")
    shutil.copytree(MELP, destination)
    found = teikit("init", cwd=destination)
    assert found.returncode == 0, found.stderr
    return destination


def build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    # --force: the site is built whatever MELP's own Schematron says of the letters.
    return teikit("build", "html", "--date", FIXED_DATE, "--force", *extra, cwd=project)


def letters(project: Path) -> list[Path]:
    """The project's letters, found here as the project file says (not by teikit)."""
    return sorted([*(project / "Encoded Letters").glob("*.xml"), *(project / "Letters for Testing").glob("*.xml")])


def pointers(tree) -> list[str]:
    """Every pointer of every @ref in a letter."""
    return [token for element in tree.iter() if isinstance(element.tag, str) for token in (element.get("ref") or "").split()]


def register_id(pointer: str, register: str) -> str | None:
    """``EdgeM1`` for ``./Personography.xml#EdgeM1`` (MELP's way of pointing into a register file)."""
    match = re.fullmatch(r"(?:\./)?" + re.escape(register) + r"#(.+)", pointer)
    return match.group(1) if match else None


def rename_person(register: Path, person_id: str, name: str) -> None:
    """Give the person ``person_id`` of the register file ``register`` the name ``name`` alone."""
    tree = etree.parse(str(register))
    person = next(element for element in tree.iter(f"{TEI}person")
                  if element.get("{http://www.w3.org/XML/1998/namespace}id") == person_id)
    shown = person.find(f"{TEI}persName")
    for child in list(shown):
        shown.remove(child)
    shown.text = name
    tree.write(str(register), encoding="UTF-8", xml_declaration=True)


def page_of(letter: Path) -> str:
    return re.sub(r"[^\w.-]+", "-", letter.stem).strip("-.")


@pytest.fixture(scope="session")
def melp_site(tmp_path_factory) -> Path:
    """A copy of MELP with its web edition built in build/html (built once in a test run; only read)."""

    def build_copy(directory: Path) -> None:
        result = build(copy_melp(directory / "melp"))
        assert result.returncode == 0, result.stderr[-3000:]

    return built_once(tmp_path_factory, "melp-site", build_copy)[0] / "melp"


def parsed(path: Path):
    return etree.parse(str(path))
