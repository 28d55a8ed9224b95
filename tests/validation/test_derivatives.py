"""The derivative validator agrees with Jing: verdicts, and each error's line and subject.

It reads tei_all whole (no reduction) and gives the messages of every document the
reduced grammar rejects, so it is compared with Jing on the real corpus and on
mutated copies of a valid letter (hypothesis), file by file and error by error.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import CORPUS, TEI_ALL_RNG, corpus_manifest
from tests.validation.jing import jing_errors, subject
from toolkit.validation import derivatives
from toolkit.xmlio import UnreadableDocument, read_document

TEI = "http://www.tei-c.org/ns/1.0"


# Jing checks xml:id as an ID: a repeated one gives these two errors (at the repeat, then at the first).
_ID_ERROR = re.compile(r'^(?:ID "[^"]*" has already been defined|first occurrence of ID "[^"]*")$')


def ours(path: Path) -> list[tuple[int, str]]:
    """The grammar's errors, then the reader's repeated xml:ids as Jing reports them."""
    document = read_document(path)
    errors = [(error.line, subject(error.message)) for error in derivatives.load(TEI_ALL_RNG).errors(document.tree)]
    for finding in document.findings:
        if finding.code == "xml.id-repeated":
            errors += [(finding.line, finding.extra["id"]), (finding.extra["first_line"], finding.extra["id"])]
    return errors


def theirs(found: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    """Jing's errors in the same order: the grammar's, then those about repeated IDs."""
    errors = [(line, subject(message)) for line, _kind, message in found if not _ID_ERROR.match(message)]
    return errors + [(line, subject(message)) for line, _kind, message in found if _ID_ERROR.match(message)]


@pytest.mark.slow
def test_every_corpus_file_as_jing_sees_it():
    readable = []
    for row in corpus_manifest():
        path = CORPUS / row["file"]
        try:
            read_document(path)
        except UnreadableDocument:
            continue  # not XML to a safe parser: reported before any schema (tested elsewhere)
        readable.append(path)
    reference = jing_errors(TEI_ALL_RNG, readable)
    compared = 0
    for path in readable:
        if any(kind == "fatal" for _line, kind, _message in reference[path]):
            continue  # Jing could not read it (a DTD it cannot reach); teikit reports that when reading
        assert ours(path) == theirs(reference[path]), path
        compared += 1
    verdicts = {path.relative_to(CORPUS).as_posix(): bool(reference[path]) for path in readable}
    manifest = {row["file"]: row["tei_all_verdict"] == "invalid" for row in corpus_manifest()}
    assert all(manifest[name] == invalid for name, invalid in verdicts.items() if name in manifest)
    assert compared >= 40 and any(reference[path] for path in readable)


LETTER = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI}">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Letter to a friend</title>
        <author>Victor Serge</author>
      </titleStmt>
      <publicationStmt>
        <publisher>Nobody</publisher>
        <date when="2024-05-01">2024</date>
      </publicationStmt>
      <sourceDesc>
        <bibl>Written for the tests</bibl>
      </sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="letter">
        <opener>
          <dateline><placeName>Paris</placeName>, <date when="1936-06-12">12 June 1936</date></dateline>
          <salute>Dear friend,</salute>
        </opener>
        <p>I write from <placeName ref="#paris">Paris</placeName> with
          <hi rend="italic">news</hi> of <persName ref="#lenin">Lenin</persName>.</p>
        <list type="bulleted">
          <item>one</item>
          <item n="2">two</item>
        </list>
        <closer><signed>V. S.</signed></closer>
      </div>
    </body>
  </text>
</TEI>
"""

ELEMENT_NAMES = ["p", "hi", "item", "list", "div", "date", "persName", "head", "note", "bibl", "title",
                 "salute", "opener", "body", "teiHeader", "lg", "l"]
ATTRIBUTES = [("when", "1936-06-12"), ("when", "1936-13-01"), ("when", "yesterday"), ("n", "3"),
              ("rend", "bold"), ("xml:id", "a1"), ("ref", "#x"), ("cert", "high"),
              ("cert", "sure"), ("foo", "bar"), ("notBefore", "1900"), ("type", "a b")]


def _mutate(tree: etree._ElementTree, kind: int, target: int, choice: int) -> None:
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    element = elements[target % len(elements)]
    if kind == 0 and element.getparent() is not None:  # rename
        element.tag = f"{{{TEI}}}{ELEMENT_NAMES[choice % len(ELEMENT_NAMES)]}"
    elif kind == 1:  # add (or change) an attribute
        name, value = ATTRIBUTES[choice % len(ATTRIBUTES)]
        element.set("{http://www.w3.org/XML/1998/namespace}id" if name == "xml:id" else name, value)
    elif kind == 2 and element.getparent() is not None:  # remove the element (its tail stays)
        parent = element.getparent()
        previous = element.getprevious()
        if element.tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
    elif kind == 3 and len(element):  # text where there may be none
        element.text = (element.text or "") + "stray words"
    elif kind == 4 and element.getparent() is not None:  # move the element to its parent's end
        parent = element.getparent()
        tail, element.tail = element.tail, None
        parent.remove(element)
        parent.append(element)
        parent[-1].tail = tail


mutation = st.tuples(st.integers(0, 4), st.integers(0, 200), st.integers(0, 100))


@pytest.mark.slow
# No shrinking: each example runs Jing, and a failing batch is printed whole.
@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(st.lists(mutation, min_size=1, max_size=3), min_size=8, max_size=8))
def test_mutated_letters_as_jing_sees_them(tmp_path, batches):
    files = []
    for number, mutations in enumerate(batches):
        tree = etree.ElementTree(etree.fromstring(LETTER.encode("utf-8")))
        for kind, target, choice in mutations:
            _mutate(tree, kind, target, choice)
        path = tmp_path / f"mutant-{number}.xml"
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        files.append(path)
    reference = jing_errors(TEI_ALL_RNG, files)
    for path in files:
        assert ours(path) == theirs(reference[path]), path.read_text(encoding="utf-8")


def test_the_unmutated_letter_is_valid():
    tree = etree.ElementTree(etree.fromstring(LETTER.encode("utf-8")))
    assert derivatives.load(TEI_ALL_RNG).errors(tree) == []


def test_cold_command_reports_jing_s_errors(tmp_path):
    # The command as a user runs it, with an empty cache: every error at Jing's line, about the same thing.
    document = tmp_path / "letter.xml"
    tree = etree.ElementTree(etree.fromstring(LETTER.encode("utf-8")))
    _mutate(tree, 0, 20, ELEMENT_NAMES.index("teiHeader"))
    _mutate(tree, 1, 5, 1)
    document.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    result = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--format", "json", "--schema",
                             str(TEI_ALL_RNG), str(document)], capture_output=True, text=True,
                            env={**os.environ, "TEIKIT_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 1
    findings = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["code"].startswith("rng.")]
    expected = theirs(jing_errors(TEI_ALL_RNG, [document])[document])
    assert expected and [(f["line"], subject(f["message"])) for f in findings] == expected


def test_a_repeated_xml_id_is_found_as_jing_finds_it_with_the_grammar_s_errors(tmp_path):
    # The reader no longer refuses the document: the repeat is one finding among the grammar's.
    tree = etree.ElementTree(etree.fromstring(LETTER.encode("utf-8")))
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    for element in (elements[3], elements[-2]):
        _mutate(tree, 1, elements.index(element), ATTRIBUTES.index(("xml:id", "a1")))
    _mutate(tree, 1, 7, ATTRIBUTES.index(("foo", "bar")))
    document = tmp_path / "repeated.xml"
    document.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    found = ours(document)
    assert (elements[-2].sourceline, "a1") in found and ("foo" in {name for _, name in found})
    assert found == theirs(jing_errors(TEI_ALL_RNG, [document])[document])
