"""teikit validate on a real letters project (MELP): tei_all and the project's own Schematron on every
letter, the registers its doc() calls read taken from the project through the catalog, and findings
that agree with an independent check of the letters' pointers."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SHARED, TEI_ALL_RNG
from tests.robustness.cli_support import run_in_process

MELP = SHARED / "projects" / "melp"
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# melp.sch: the register each name element's @ref must point into, and the entries it holds.
REGISTER_OF = {"persName": ("Personography.xml", "person"), "placeName": ("Placeography.xml", "place"),
               "title": ("Workography.xml", "bibl")}


@pytest.fixture(scope="module")
def melp_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("melp") / "melp"
    shutil.copytree(MELP, root)
    status, _out, err = run_in_process("init", root)
    assert status == 0, err
    # The TEI's public tei_all URL goes to the local copy of the schemas.
    settings = (root / "teikit.toml").read_text(encoding="utf-8")
    settings = settings.replace('# tei_all = "path/to/tei_all.rng"', f'tei_all = "{TEI_ALL_RNG}"')
    (root / "teikit.toml").write_text(settings, encoding="utf-8")
    status, out, err = run_in_process("--project", root, "validate", "--format", "json", "--no-progress")
    return root, status, json.loads(out), err


def letters(root):
    return sorted(path for folder in ("Encoded Letters", "Letters for Testing") for path in (root / folder).glob("*.xml"))


def test_every_letter_and_register_is_checked_against_tei_all_and_melp_sch(melp_run):
    root, status, report, err = melp_run
    assert status in (0, 1), err
    checked = {entry["file"] for entry in report["files"]}
    assert len(checked) == 337 + 3
    codes = Counter(finding["code"] for entry in report["files"] for finding in entry["findings"])
    # every schema was found (no unresolved declaration) and no read was refused
    problems = ("sch.read-refused", "sch.dynamic-error", "sch.unreadable", "sch.unavailable", "schema.invalid")
    assert not [code for code in codes if code.startswith("model.") or code in problems], codes
    assert codes["project.unresolved-ref"] > 0  # teikit's own check of the pointers ran too
    for entry in report["files"]:
        for finding in entry["findings"]:
            assert finding["line"], finding  # every finding says where


def test_melp_sch_findings_agree_with_an_independent_check(melp_run):
    root, _status, report, _err = melp_run
    registers = {}
    for name, (file, entry) in REGISTER_OF.items():
        tree = etree.parse(str(root / "People_Places_Works" / file))
        registers[name] = {element.get(XML_ID) for element in tree.iter(f"{{{TEI}}}{entry}")}
    expected = set()
    for letter in letters(root):
        tree = etree.parse(str(letter))
        for name in REGISTER_OF:
            for element in tree.iter(f"{{{TEI}}}{name}"):
                pointer = element.get("ref")
                if pointer is not None and pointer.partition("#")[2] not in registers[name]:
                    expected.add((letter.resolve(), element.sourceline, pointer.partition("#")[2]))
    assert expected  # the letters do hold such pointers
    found = set()
    for entry in report["files"]:
        for finding in entry["findings"]:
            if "Please confirm that the ID" in finding["message"]:
                identifier = finding["message"].split("the ID", 1)[1].split(" is listed", 1)[0].strip()
                found.add((Path(entry["file"]).resolve(), finding["line"], identifier))
    assert found == expected
