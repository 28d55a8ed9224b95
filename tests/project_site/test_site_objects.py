"""A project with a register of objects (``listObject``): the site has an index of objects whose
entries show what the register says of each (where it is kept, its identifiers), and each
object's page lists every letter that names it, however the letter marks the name (``objectName``,
``rs`` or ``name`` with ``@type``, a pointer by file or by id). So does each event's page
(``listEvent``), named by ``eventName`` or an ``rs`` of type event. Counted here from the TEI with lxml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree, html

from tests.project.objects_project import EVENTS, OBJECTS, letters_naming, make_objects_project
from tests.project_site.melp_site import FIXED_DATE, teikit
from tests.project_site.test_site_mentions import entry_pages, listed_letters

TEI = "{http://www.tei-c.org/ns/1.0}"
WORDS = json.loads((Path(__file__).resolve().parents[2] / "xslt" / "common" / "words.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_objects_project(tmp_path_factory.mktemp("objects") / "project")
    result = teikit("build", "html", "--date", FIXED_DATE, cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def registered_objects() -> dict[str, etree._Element]:
    root = etree.fromstring(OBJECTS.encode("utf-8"))
    return {element.get("{http://www.w3.org/XML/1998/namespace}id"): element for element in root.iter(f"{TEI}object")}


def test_the_index_of_objects_lists_every_object_the_letters_name(site):
    index = html.parse(str(site / "build" / "html" / "objects.html"))
    assert index.find(".//h1").text_content().strip() == WORDS["objects"]["en"]
    listed = {item.get("id") for item in index.iter("li") if item.get("id")}
    named = {identifier for identifier in letters_naming(site) if identifier in registered_objects()}
    assert named == set(registered_objects())  # every object of the test is named somewhere
    assert listed == named


def test_each_object_s_page_lists_the_letters_that_name_it(site):
    naming, pages = letters_naming(site), entry_pages(site / "build" / "html")
    for identifier in registered_objects():
        assert listed_letters(pages[identifier]) == (len(naming[identifier]), naming[identifier]), identifier
    # one of them is named in two letters, one of which names it twice, by different markup
    assert max(len(naming[identifier]) for identifier in registered_objects()) == 2


def test_an_object_s_page_shows_where_it_is_kept_and_its_identifiers(site):
    pages = entry_pages(site / "build" / "html")
    for identifier, element in registered_objects().items():
        page = html.parse(str(pages[identifier]))
        assert page.find(".//h1").text_content().strip() == element.findtext(f"{TEI}objectIdentifier/{TEI}objectName")
        facts = {term.text_content(): term.getnext().text_content() for term in page.iter("dt")}
        holder = element.find(f"{TEI}objectIdentifier")
        for part in ("country", "settlement", "institution"):
            assert holder.findtext(f"{TEI}{part}") in facts["Location"], (identifier, part)
        idno = holder.find(f"{TEI}idno")
        assert f'{idno.get("type")}: {idno.text}' in facts["Identifiers"]


def test_the_site_s_menu_has_the_objects_index(site):
    home = html.parse(str(site / "build" / "html" / "index.html"))
    assert "objects.html" in {link.get("href") for link in home.iter("a")}


def test_each_event_s_page_is_headed_by_its_name_and_lists_the_letters_that_name_it(site):
    naming, pages = letters_naming(site), entry_pages(site / "build" / "html")
    events = {element.get("{http://www.w3.org/XML/1998/namespace}id"): element
              for element in etree.fromstring(EVENTS.encode("utf-8")).iter(f"{TEI}event")}
    for identifier, element in events.items():
        page = html.parse(str(pages[identifier]))
        assert page.find(".//h1").text_content().strip() == element.findtext(f"{TEI}eventName")
        assert listed_letters(pages[identifier]) == (len(naming[identifier]), naming[identifier]), identifier
    assert max(len(naming[identifier]) for identifier in events) == 2  # by eventName in one, rs in the other
