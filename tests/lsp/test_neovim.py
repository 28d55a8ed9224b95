"""Neovim (headless, Debian's package) attached to `teikit lsp` through its built-in LSP client:
the diagnostics it shows for a broken pointer and a schema error, on their lines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import TEI_ALL_RNG
from tests.lsp.client import position_of
from tests.lsp.test_registers import LETTER, PERSONS
from tests.validation.jing import jing_errors

SCRIPT = Path(__file__).with_name("neovim_client.lua")


def test_neovim_shows_a_broken_pointer_and_a_schema_error_on_their_lines(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("Neovim is needed for this test (make test installs Debian's neovim)")
    (tmp_path / "teikit.toml").write_text('[documents]\ninclude = ["letters/*.xml"]\n'
                                          '[registers]\ninclude = ["registers/*.xml"]\n', encoding="utf-8")
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (tmp_path / "letters").mkdir()
    text = (LETTER.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                           '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="' + str(TEI_ALL_RNG)
                           + '" schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
            .replace("persons.xml#goldman", "persons.xml#goldmann")
            .replace("<p>Dear", "<p>Dear <bogus/>"))
    letter = tmp_path / "letters" / "one.xml"
    letter.write_text(text, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    environment = {**os.environ, "TEIKIT_NVIM_FILE": str(letter), "TEIKIT_NVIM_OUT": str(out),
                   "TEIKIT_PYTHON": sys.executable, "TEIKIT_NVIM_CODES": "project.unresolved-ref,rng.RELAXNG_ERR_ELEMNAME",
                   "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {SCRIPT}"], cwd=tmp_path,
                   env=environment, stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
    shown = json.loads(out.read_text(encoding="utf-8"))
    lines = {(item["code"], item["line"]) for item in shown}
    assert ("project.unresolved-ref", position_of(text, "#goldmann")[0]) in lines
    assert ("rng.RELAXNG_ERR_ELEMNAME", position_of(text, "<bogus/>")[0]) in lines
    assert any('"bogus"' in item["message"] for item in shown)


COMPLETION_SCRIPT = Path(__file__).with_name("neovim_completion.lua")
TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="' + str(TEI_ALL_RNG)
          + f'" schematypens="{RNG_NS}"?>\n<TEI xmlns="{TEI_NS}">\n  <teiHeader>\n    <fileDesc>\n'
          "      <titleStmt><title>Completion</title></titleStmt>\n      <publicationStmt><p>None</p></publicationStmt>\n"
          "      <sourceDesc><p>Written for the test</p></sourceDesc>\n    </fileDesc>\n  </teiHeader>\n")
# Where the cursor stands (after a typed "<", before a space: Neovim's cursor stays on a character):
# after the header, and in a division after its paragraph.
PLACES = {
    "after-header": (HEADER + "  ", " \n  <text><body><p>x</p></body></text>\n</TEI>\n"),
    "after-paragraph": (HEADER + "  <text><body><div><head>H</head><p>x</p>", " \n  </div></body></text>\n</TEI>\n"),
}


def _tei_all_element_names() -> set[str]:
    grammar = etree.parse(str(TEI_ALL_RNG))
    return {element.get("name") for element in grammar.iter(f"{{{RNG_NS}}}element")
            if element.get("name") and element.get("ns") in (None, TEI_NS) and ":" not in element.get("name")}


def _names_jing_allows(tmp_path: Path, prefix: str, suffix: str, names: set[str]) -> set[str]:
    """The element names that Jing does not call "not allowed" when written, empty, at the cursor."""
    folder = tmp_path / f"jing-{len(prefix)}"
    folder.mkdir()
    line = prefix.count("\n") + 1
    files = {}
    for name in sorted(names):
        files[name] = folder / f"{name}.xml"
        files[name].write_text(f"{prefix}<{name}/>{suffix}", encoding="utf-8")
    found = jing_errors(TEI_ALL_RNG, list(files.values()))
    return {name for name, path in files.items()
            if not any(number == line and f'element "{name}" not allowed' in message
                       for number, _, message in found[path])}


def test_neovim_completes_the_elements_the_grammar_allows_at_the_cursor(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("Neovim is needed for this test (make test installs Debian's neovim)")
    files, positions = [], []
    for place, (prefix, suffix) in PLACES.items():
        path = tmp_path / f"{place}.xml"
        path.write_text(prefix + "<" + suffix, encoding="utf-8")
        files.append(str(path))
        positions.append(f"{prefix.count(chr(10))}:{len(prefix) - prefix.rfind(chr(10))}")
    out = tmp_path / "completions.json"
    environment = {**os.environ, "TEIKIT_NVIM_FILES": ";".join(files), "TEIKIT_NVIM_POSITIONS": ";".join(positions),
                   "TEIKIT_NVIM_OUT": str(out), "TEIKIT_PYTHON": sys.executable,
                   "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {COMPLETION_SCRIPT}"],
                   cwd=tmp_path, env=environment, stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
    offered = {Path(file).stem: set(labels) for file, labels in json.loads(out.read_text(encoding="utf-8")).items()}
    names = _tei_all_element_names()
    for place, (prefix, suffix) in PLACES.items():
        # Exactly the elements Jing accepts at that point, each checked by writing it there.
        assert offered[place] == _names_jing_allows(tmp_path, prefix, suffix, names), place
    assert "text" in offered["after-header"] and "teiHeader" not in offered["after-header"]
    assert "div" in offered["after-paragraph"] and "head" not in offered["after-paragraph"]
