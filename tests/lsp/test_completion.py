"""Completion offers the element and attribute names the document's RELAX NG schema allows there."""

from __future__ import annotations

from lxml import etree

from tests.conftest import TEI_ALL_RNG
from tests.lsp.client import position_of

RNG = "{http://relaxng.org/ns/structure/1.0}"
ANNOTATION = "{http://relaxng.org/ns/compatibility/annotations/1.0}documentation"


def _tei_all_attribute_documentation(name: str) -> str:
    grammar = etree.parse(str(TEI_ALL_RNG))
    for attribute in grammar.iter(f"{RNG}attribute"):
        if attribute.get("name") == name and attribute.find(ANNOTATION) is not None:
            return " ".join(attribute.find(ANNOTATION).text.split())
    raise AssertionError(name)


def test_element_names_inside_a_paragraph(session, project, letter_text):
    path = project / "complete-element.xml"
    text = letter_text.replace("<p>yours</p>", "<p>yours <</p>")
    session.open(path, text)
    line, character = position_of(text, "<p>yours <", after=True)
    labels = {item.label for item in session.completion(path, line, character)}
    assert {"persName", "placeName", "hi", "date", "note"} <= labels
    # Not allowed in a paragraph by tei_all: structural and header elements.
    assert not labels & {"body", "teiHeader", "div", "TEI", "p"}


def test_attribute_names_of_the_element_being_written(session, project, letter_text):
    path = project / "complete-attribute.xml"
    text = letter_text.replace("<p>yours</p>", '<p>yours <persName type="x" </p>')
    session.open(path, text)
    line, character = position_of(text, '<persName type="x" ', after=True)
    items = session.completion(path, line, character)
    labels = {item.label for item in items}
    # Every attribute tei_all declares for persName (through its classes) is there, except the written one.
    assert {"ref", "xml:id", "key", "when", "cert"} <= labels
    assert "type" not in labels
    documented = {item.label: item.documentation for item in items}
    assert documented["key"] == _tei_all_attribute_documentation("key")


def test_end_tag_closes_the_open_element(session, project, letter_text):
    path = project / "complete-end.xml"
    text = letter_text.replace("<p>yours</p>", "<p>yours <hi>well</")
    session.open(path, text)
    line, character = position_of(text, "<hi>well</", after=True)
    assert [item.label for item in session.completion(path, line, character)] == ["hi"]
