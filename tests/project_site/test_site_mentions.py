"""Every name a letter's page links to a register entry is counted on that entry's page: names
marked with ``objectName``, letters written without the TEI namespace, names inside a
letter's own register (its ``back``), and the entries a letter defines itself (in its header too).
The counts are made here from the TEI with lxml alone."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree, html

from tests.project.mixed_project import PERSONS, PLACES, WORKS
from tests.project_site.melp_site import FIXED_DATE, teikit
from tests.tei_documents import tei_file


# A letter in the TEI namespace: an object named by @ref, and a register of its own in its back,
# whose entry is named in the body and itself names an entry of the project's registers.
OWN_REGISTER = tei_file("""\
      <p xml:id="a1">Give <persName ref="../registers/persons.xml#AdamA1">Mrs Adams</persName> my
        <objectName ref="../registers/works.xml#Absen1">copy of the Absentee</objectName>;
        <persName ref="#visitor">our visitor</persName> brought it.</p>
""", title="Letter with its own register", publication="Test.", source="Test.", back="""\
    <back>
      <listPerson>
        <person xml:id="visitor">
          <persName>The visitor</persName>
          <note>A friend of <persName ref="../registers/persons.xml#EdgeR1">Mr Edgeworth</persName>.</note>
        </person>
      </listPerson>
    </back>
""")

# A letter whose header lists its participants: the body names one of them.
PARTICIPANTS = tei_file("""\
      <p><persName ref="#writer">The writer</persName> sends her greetings.</p>
""", title="Letter with its participants", publication="Test.", source="Test.").replace("</fileDesc>", """</fileDesc>
    <profileDesc>
      <particDesc><listPerson><person xml:id="writer"><persName>The writer</persName></person></listPerson></particDesc>
    </profileDesc>""")

# A letter that declares a prefix in its header and keeps no entries of its own.
PREFIXED = tei_file("""\
      <p><persName ref="pers:AdamA1">Mrs Adams</persName> wrote again.</p>
""", title="Letter with a prefix", publication="Test.", source="Test.").replace("</fileDesc>", """</fileDesc>
    <encodingDesc>
      <listPrefixDef>
        <prefixDef ident="pers" matchPattern="([A-Za-z0-9]+)" replacementPattern="../registers/persons.xml#$1"/>
      </listPrefixDef>
    </encodingDesc>""")

# A letter without the TEI namespace (identifiers spelled @id, as TEI P4 spells them).
NO_NAMESPACE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI>
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Letter without a namespace</title></titleStmt>
      <publicationStmt><p>Test.</p></publicationStmt>
      <sourceDesc><p>Test.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <p id="b1"><persName ref="../registers/persons.xml#AdamA1">Mrs Adams</persName> is at
        <placeName ref="../registers/places.xml#Nelson-Place-2_ENK">Nelson Place</placeName>,
        her coachman at <placeName ref="#inn">the inn</placeName>.</p>
    </body>
    <back>
      <listPlace>
        <place id="inn"><placeName>The inn</placeName></place>
      </listPlace>
    </back>
  </text>
</TEI>
"""

PROJECT_FILE = """title = "Names however they are written"
[documents]
include = ["letters/*.xml"]
[registers]
include = ["registers/*.xml"]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mentions") / "project"
    (root / "letters").mkdir(parents=True)
    (root / "registers").mkdir()
    for name, text in (("persons", PERSONS), ("places", PLACES), ("works", WORKS)):
        (root / "registers" / f"{name}.xml").write_text(text, encoding="utf-8")
    (root / "letters" / "own-register.xml").write_text(OWN_REGISTER, encoding="utf-8")
    (root / "letters" / "no-namespace.xml").write_text(NO_NAMESPACE, encoding="utf-8")
    (root / "letters" / "participants.xml").write_text(PARTICIPANTS, encoding="utf-8")
    (root / "letters" / "prefixed.xml").write_text(PREFIXED, encoding="utf-8")
    (root / "teikit.toml").write_text(PROJECT_FILE, encoding="utf-8")
    result = teikit("build", "html", "--date", FIXED_DATE, "--force", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def letters_naming(project: Path) -> dict[str, set[str]]:
    """Entry id -> the letters (by file stem) whose TEI points at it from any @ref, read here:
    ``#id`` is the letter's own entry when it defines one, else the registers'; ``file#id`` is
    entry ``id`` of that register (every id is unique in this project); ``prefix:value`` is
    expanded first by the letter's prefixDef."""
    found: dict[str, set[str]] = defaultdict(set)
    for letter in sorted((project / "letters").glob("*.xml")):
        root = etree.parse(str(letter)).getroot()
        prefixes = {definition.get("ident"): definition for definition in root.iter("{*}prefixDef")}
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for pointer in (element.get("ref") or "").split():
                prefix, _, value = pointer.partition(":")
                if prefix in prefixes:
                    match = re.fullmatch(prefixes[prefix].get("matchPattern"), value)
                    pointer = prefixes[prefix].get("replacementPattern").replace("$1", match.group(1))
                found[pointer.rpartition("#")[2]].add(letter.stem)
    return found


def entry_pages(site: Path) -> dict[str, Path]:
    """Entry id -> its page, as the register indexes link them."""
    pages = {}
    for index in ("persons.html", "places.html", "works.html", "events.html", "objects.html"):
        if (site / index).exists():
            for item in html.parse(str(site / index)).iter("li"):
                if item.get("id"):
                    pages[item.get("id")] = site / item.find(".//a[@class='entry-name']").get("href")
    return pages


def listed_letters(page: Path) -> tuple[int, set[str]]:
    """The count an entry page states and the letters it lists (by page name)."""
    tree = html.parse(str(page))
    count = int(tree.find(".//span[@class='document-count']").text)
    listed = {Path(link.get("href")).stem for link in tree.iterfind(".//ol[@class='occurrences']//a[@class='document']")}
    return count, listed


def assert_counted(project: Path, identifiers: list[str]) -> None:
    site = project / "build" / "html"
    naming, pages = letters_naming(project), entry_pages(site)
    for identifier in identifiers:
        assert naming[identifier], f"the test's letters name {identifier}"
        assert identifier in pages, f"{identifier}: no page, though {sorted(naming[identifier])} name it"
        assert listed_letters(pages[identifier]) == (len(naming[identifier]), naming[identifier]), identifier


def assert_occurrence_links_back(site: Path, identifier: str, letter: str) -> None:
    """From the entry's page to the place in the letter that names it, where the name links back."""
    occurrence = html.parse(str(entry_pages(site)[identifier])).find(".//a[@class='occurrence']")
    target, anchor = occurrence.get("href").split("#")
    assert Path(target).stem == letter
    place = html.parse(str(site / "documents" / f"{letter}.html")).find(f".//*[@id='{anchor}']")
    assert any(link.get("href", "").endswith(f"/{identifier}.html") for link in place.iter("a")), (identifier, anchor)


def test_an_object_named_with_ref_is_counted_on_its_entry_s_page(project):
    assert_counted(project, ["Absen1"])


def test_a_letter_without_the_tei_namespace_is_counted_on_the_pages_of_what_it_names(project):
    assert_counted(project, ["AdamA1", "Nelson-Place-2_ENK", "inn"])
    site = project / "build" / "html"
    assert html.parse(str(site / "documents" / "no-namespace.html")).findtext(".//h1") == "Letter without a namespace"
    assert_occurrence_links_back(site, "Nelson-Place-2_ENK", "no-namespace")


def test_names_in_a_letter_s_own_register_are_counted_as_that_letter_naming_them(project):
    assert_counted(project, ["visitor", "EdgeR1", "writer"])
    # Named in the note of the letter's own entry: the entry's page leads to that entry on the letter's page.
    assert_occurrence_links_back(project / "build" / "html", "EdgeR1", "own-register")


def test_a_letter_s_prefixed_pointer_is_linked_though_the_letter_keeps_no_entries_of_its_own(project):
    assert_counted(project, ["AdamA1"])
    assert "prefixed" in listed_letters(entry_pages(project / "build" / "html")["AdamA1"])[1]


def test_every_name_linked_on_a_letter_s_page_is_counted_on_the_page_it_links_to(project):
    site = project / "build" / "html"
    naming, pages = letters_naming(project), entry_pages(site)
    assert set(pages) == set(naming)  # an entry has a page when a letter names it, and only then
    for letter in sorted((site / "documents").glob("*.html")):
        for link in html.parse(str(letter)).iter("a"):
            if "mention" not in (link.get("class") or "").split():
                continue
            target = (letter.parent / link.get("href")).resolve()
            assert target.is_file(), f"{letter.name}: {link.text_content()!r} links to a missing {link.get('href')}"
            identifier = next(key for key, page in pages.items() if page.resolve() == target)
            assert letter.stem in listed_letters(pages[identifier])[1]
