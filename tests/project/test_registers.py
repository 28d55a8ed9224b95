"""One register model: entries from register files and documents, pointers of every style."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from tests.project.mixed_project import PERSONS, line_of, make_project
from toolkit.errors import TeikitError
from toolkit.project import Registers, load_project

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture
def project(tmp_path):
    return load_project(make_project(tmp_path / "p"))


@pytest.fixture(params=["read", "kept"])
def registers(project, request):
    """The registers read from the files, and as a build cache gives them back (each entry made
    from its kept text when asked for)."""
    read = Registers.load(project)
    return read if request.param == "read" else Registers.from_data(json.loads(json.dumps(read.to_data())))


def test_a_damaged_kept_entry_is_a_clear_error_naming_it(project):
    data = Registers.load(project).to_data()
    for row in data["entries"]:
        if row[0] == "EdgeR1":
            row[2] = row[2][:-5]  # cut short: no longer JSON
    registers = Registers.from_data(json.loads(json.dumps(data)))
    assert registers["AdamA1"].kind == "person"  # the others are whole
    with pytest.raises(TeikitError, match="EdgeR1") as raised:
        registers.resolve("http://viaf.org/viaf/66511092", project.root / "letters" / "one.xml")
    assert "--force" in raised.value.hint


def test_entries_carry_their_data_and_source(project, registers):
    edgeworth = registers["EdgeR1"]
    assert edgeworth.kind == "person" and edgeworth.name == "Edgeworth, Richard Lovell, 1744-1817"
    assert edgeworth.idnos == (("VIAF", "http://viaf.org/viaf/66511092"),)
    assert edgeworth.source == (str(project.root / "registers" / "persons.xml"), line_of(PERSONS, 'xml:id="EdgeR1"'))
    place = registers["Nelson-Place-2_ENK"]
    assert place.kind == "place" and place.geo == (51.38951, -2.35837) and place.location == "England"
    assert registers["BailX1"].kind == "person"  # a personGrp
    # "visitor" is defined by both letters: each gets an id qualified by its file's name
    assert {entry.id for entry in registers if entry.local_id == "visitor"} == {"one.visitor", "two.visitor"}
    assert len(registers) == 6


def test_every_pointer_style_resolves(project, registers):
    one, two = project.root / "letters" / "one.xml", project.root / "letters" / "two.xml"
    assert registers.resolve("#visitor", one).id == "one.visitor"  # the document's own entry first
    assert registers.resolve("#visitor", two).id == "two.visitor"
    assert registers.resolve("#AdamA1", one).id == "AdamA1"  # then the project's registers
    assert registers.resolve("../registers/places.xml#Nelson-Place-2_ENK", one).id == "Nelson-Place-2_ENK"
    assert registers.resolve("pers:BailX1", one).id == "BailX1"  # through the header's prefixDef
    assert registers.resolve("https://sws.geonames.org/12750535/", one).id == "Nelson-Place-2_ENK"  # by idno
    assert registers.resolve("http://viaf.org/viaf/66511092", two).id == "EdgeR1"


def test_a_register_named_from_a_sibling_folder_is_found_by_its_name(project, registers):
    # MELP's letters point at ./Personography.xml#… from another folder than the registers'
    assert registers.resolve("./persons.xml#EdgeR1", project.root / "letters" / "one.xml").id == "EdgeR1"


@pytest.mark.parametrize("pointer", ["#nobody", "../registers/places.xml#nowhere", "pers:ghost",
                                     "../registers/persons.xml", "http://viaf.org/viaf/1", "", "pers:two words"])
def test_broken_pointers_resolve_to_nothing(project, registers, pointer):
    assert registers.resolve(pointer, project.root / "letters" / "one.xml") is None


def test_the_merged_registers_are_one_tei_document_with_canonical_ids(registers):
    tree = registers.to_tei("Test")
    lists = [etree.QName(element).localname for element in tree.getroot().find(f"{TEI}standOff")]
    assert lists == ["listPerson", "listPlace"]
    ids = [element.get(XML_ID) for element in tree.iter() if element.get(XML_ID)]
    assert sorted(ids) == sorted(entry.id for entry in registers) and len(set(ids)) == len(ids)
    place = tree.getroot().find(f".//{TEI}place")
    assert place.findtext(f"{TEI}location/{TEI}geo") == "51.38951, -2.35837"
