"""The Schematron process's findings are those of `teikit validate`'s own path, whether it hands
Saxon the editor's text as it is or reads the document first (XInclude, DOCTYPE, other encodings)."""

from __future__ import annotations

import os

import pytest

from toolkit.executors import ForkedWorker
from toolkit.lsp.worker import schematron_findings, text_without_includes
from toolkit.validation.engine import check_left
from toolkit.validation.schemas import Schemas
from toolkit.validation.selection import SchemaRef
from toolkit.xmlio import document_from_bytes

CHAPTER = '<div xmlns="http://www.tei-c.org/ns/1.0">\n  <p>Met <persName ref="lenin">Lenin</persName>.</p>\n</div>\n'


def include(namespace: str) -> str:
    return f'<xi:include xmlns:xi="{namespace}" href="chapter.xml"/>'


VARIANTS = {
    # name: (how the letter is changed, whether Saxon can be handed the text as it is)
    "valid": (lambda text: text, True),
    "a rule fails": (lambda text: text.replace('ref="#serge"', 'ref="serge"'), True),
    "a rule fails in an included file": (
        lambda text: text.replace("<p>yours</p>", "<p>yours</p>\n" + include("http://www.w3.org/2001/XInclude")), False),
    "XInclude's namespace spelt with a reference": (
        lambda text: text.replace("<p>yours</p>", "<p>yours</p>\n" + include("http://www.w3.org/2001/XInclud&#101;")),
        False),
    "a DOCTYPE": (lambda text: text.replace("<TEI", '<!DOCTYPE TEI [<!ENTITY who "serge">]>\n<TEI', 1)
                  .replace('ref="#serge"', 'ref="&who;"'), False),
    "Latin-1": (lambda text: text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("yours", "à vous"),
                False),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_the_worker_finds_what_validate_finds(name, project, letter_text):
    change, as_is = VARIANTS[name]
    (project / "chapter.xml").write_text(CHAPTER, encoding="utf-8")
    text = change(letter_text)
    data = text.encode("iso-8859-1" if "ISO-8859-1" in text else "utf-8")
    path = project / f"{name}.xml"
    ref = SchemaRef("sch", (project / "rules.sch").resolve(), None)
    assert (text_without_includes(data) is not None) == as_is
    expected = check_left(document_from_bytes(path, data), project, Schemas(), [ref])[0]
    found = schematron_findings(ref, path, data, project)
    assert found == expected
    if name.startswith("a rule fails"):
        assert [finding.code for finding in found] == ["ref-local"]


def test_a_check_nobody_waits_for_is_dropped_without_waiting():
    reading, writing = os.pipe()  # made before the fork: the worker's first job blocks on it
    worker = ForkedWorker()
    try:
        blocked = worker.submit(os.read, reading, 5)
        worker.discard(blocked)  # returns at once: the job is still waiting for its bytes
        after = worker.submit(len, b"four")
        os.write(writing, b"ready")
        assert worker.result(after) == 4
        assert worker._answers == {}  # the dropped answer was not kept
    finally:
        worker.terminate()
        os.close(reading)
        os.close(writing)
