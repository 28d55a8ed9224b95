"""The base map comes from the installation, never from the network: without it a map cannot be
drawn, and the build says so and how to install it, publishing nothing."""

from __future__ import annotations

import os
import subprocess
import sys

from toolkit.exitcodes import USAGE

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>One place</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Made for the test.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>At <placeName ref="#bath">Bath</placeName>.</p></body>
<back><listPlace><place xml:id="bath"><placeName>Bath</placeName><location><geo>51.38 -2.36</geo></location></place></listPlace></back>
</text></TEI>
"""


def test_a_missing_base_map_stops_the_build_with_how_to_install_it(tmp_path):
    source = tmp_path / "one.xml"
    source.write_text(DOCUMENT, encoding="utf-8")
    env = {**os.environ, "TEIKIT_BASEMAP": str(tmp_path / "missing" / "land-50m.json")}
    built = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", "-o", str(tmp_path / "build"), str(source)],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert built.returncode == USAGE, built.stderr
    assert "base map" in built.stderr or "TopoJSON" in built.stderr
    assert "make install" in built.stderr
    assert not (tmp_path / "build" / "html").exists()

    # With the installed one, the same document gets its map.
    env.pop("TEIKIT_BASEMAP")
    built = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", "-o", str(tmp_path / "build"), str(source)],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "build" / "html" / "map.html").read_text(encoding="utf-8")
    assert 'class="land"' in page and 'data-id="bath"' in page
