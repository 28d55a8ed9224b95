"""A register of objects (``listObject``) in the editor: an ``objectName``'s pointer completes with
the objects first, and hovering on one shows the object as its register describes it."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.lsp.client import position_of, running_session
from tests.project.objects_project import OBJECTS, make_objects_project

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_objects_project(tmp_path_factory.mktemp("lsp-objects") / "things")


@pytest.fixture(scope="module")
def session(project):
    with running_session(project) as server:
        yield server


def objects() -> dict[str, etree._Element]:
    root = etree.fromstring(OBJECTS.encode("utf-8"))
    return {element.get(XML_ID): element for element in root.iter(f"{TEI}object")}


def test_an_object_name_s_pointer_completes_with_the_objects_first(session, project):
    path = project / "letters" / "draft.xml"
    letter = (project / "letters" / "kells.xml").read_text(encoding="utf-8")
    text = letter.replace('<objectName ref="../registers/objects.xml#BookKells">', '<objectName ref="">')
    session.open(path, text)
    line, character = position_of(text, '<objectName ref="', after=True)
    items = sorted(session.completion(path, line, character), key=lambda item: item.sort_text)
    assert len(items) > len(objects())  # persons, places and works are offered too, after the objects
    first = {item.label.rpartition("#")[2] for item in items[:len(objects())]}
    assert first == set(objects())


def test_hover_on_an_object_s_pointer_shows_the_object(session, project):
    result, _line = session.hover_on(project / "letters" / "kells.xml", "#BookKells")
    identifier = objects()["BookKells"].find(f"{TEI}objectIdentifier")
    for part in ("objectName", "institution", "idno"):
        assert identifier.findtext(f"{TEI}{part}") in result.contents.value, part
