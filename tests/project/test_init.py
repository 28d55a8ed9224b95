"""teikit init on a copy of a real letters project (MELP)."""

from __future__ import annotations

import shutil
import tomllib

import pytest
from lxml import etree

from tests.conftest import SHARED
from tests.project.objects_project import make_objects_project
from tests.robustness.cli_support import run_in_process
from toolkit.project import load_project

MELP = SHARED / "projects" / "melp"
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def melp_copy(tmp_path_factory):
    target = tmp_path_factory.mktemp("melp") / "melp"
    shutil.copytree(MELP, target)
    return target


def test_init_finds_the_letters_and_the_three_registers(melp_copy):
    letters = sorted(p for folder in ("Encoded Letters", "Letters for Testing") for p in (melp_copy / folder).glob("*.xml"))
    status, out, _err = run_in_process("init", melp_copy)
    assert status == 0
    assert f"{len(letters)} document(s)" in out and len(letters) == 337
    assert ".xml.bak (a backup copy)" in out and "TEItemplate.xml (a template)" in out
    settings = tomllib.loads((melp_copy / "teikit.toml").read_text(encoding="utf-8"))
    assert settings["title"] == "Maria Edgeworth Letters Project"
    project = load_project(melp_copy)
    assert project.documents() == letters
    assert [path.name for path in project.register_files()] == ["Personography.xml", "Placeography.xml", "Workography.xml"]
    # the registers' public URLs that melp.sch reads with doc() are mapped to the project's copies
    catalog = (melp_copy / "teikit-catalog.xml").read_text(encoding="utf-8")
    assert 'People_Places_Works/Personography.xml" uri="People_Places_Works/Personography.xml"' in catalog
    assert project.catalog == melp_copy / "teikit-catalog.xml"


def test_init_keeps_an_existing_project_file(melp_copy):
    (melp_copy / "teikit.toml").write_text('title = "mine"\n', encoding="utf-8")
    status, _out, err = run_in_process("init", melp_copy)
    assert status == 1 and "exists" in err
    assert (melp_copy / "teikit.toml").read_text(encoding="utf-8") == 'title = "mine"\n'


def test_init_finds_registers_of_objects_and_events(tmp_path):
    root = make_objects_project(tmp_path / "things")
    (root / "teikit.toml").unlink()
    status, out, _err = run_in_process("init", root)
    assert status == 0, out
    for kind, register in (("object", "objects"), ("event", "events")):
        count = sum(1 for _ in etree.parse(str(root / "registers" / f"{register}.xml")).iter(f"{TEI}{kind}"))
        assert f"registers/{register}.xml: {count} {kind}" in out
    assert [path.name for path in load_project(root).register_files()] == \
        ["events.xml", "objects.xml", "persons.xml", "places.xml", "works.xml"]
