"""A `teikit lsp` process per test module, spoken to by a real LSP client over stdio."""

from __future__ import annotations

import pytest

from tests.conftest import TEI_ALL_RNG
from tests.lsp.client import running_session
from tests.tei_documents import tei_file

SCHEMATRON = """<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:persName[@ref]">
      <assert id="ref-local" test="starts-with(@ref, '#')">a person's @ref points to an entry of this
        edition and starts with '#'</assert>
    </rule>
  </pattern>
</schema>
"""

MODELS = """<?xml-model href="{rng}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="{sch}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
"""
LETTER = tei_file("""\
      <p>Dear <persName ref="#serge">Victor</persName>,</p>
      <p>yours</p>
""", title="A letter", publication="Unpublished", source="Written for the test", prolog=MODELS)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    (folder / "rules.sch").write_text(SCHEMATRON, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def letter_text(project) -> str:
    return LETTER.format(rng=TEI_ALL_RNG, sch=project / "rules.sch")


@pytest.fixture(scope="module")
def session(project, tmp_path_factory):
    with running_session(project) as server:
        yield server
