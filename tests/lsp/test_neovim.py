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

from tests.conftest import TEI_ALL_RNG
from tests.lsp.client import position_of
from tests.lsp.test_registers import LETTER, PERSONS

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
