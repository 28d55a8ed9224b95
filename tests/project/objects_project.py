"""A small letters project with registers of objects (``listObject``) and events (``listEvent``)
beside persons, places and works, whose letters name them in every way TEI marks a name:
``objectName``, ``eventName``, ``rs`` and ``name`` with ``@type``, ``title`` with ``@ref``, and the
names of ``correspAction``.

The objects' data are well known (where each is kept and its number there), and so are the
events' dates; nothing else is said of them, for want of a source the test could cite. The letters' text is the test's own:
each name stands in a short paragraph of its own ("It names …."), between paragraphs that fill
pages, so that a printed name falls on one page and the book's pages can be checked.
"""

from __future__ import annotations

from pathlib import Path

from tests.project.mixed_project import PERSONS, PLACES, WORKS
from tests.tei_documents import tei_file

OBJECTS = tei_file("""\
      <listObject>
        <object xml:id="RosettaStone">
          <objectIdentifier>
            <country>United Kingdom</country>
            <settlement>London</settlement>
            <institution>British Museum</institution>
            <idno type="registration">EA24</idno>
            <objectName>Rosetta Stone</objectName>
          </objectIdentifier>
        </object>
        <object xml:id="BookKells">
          <objectIdentifier>
            <country>Ireland</country>
            <settlement>Dublin</settlement>
            <institution>Trinity College Dublin</institution>
            <idno type="shelfmark">MS 58</idno>
            <objectName>Book of Kells</objectName>
          </objectIdentifier>
        </object>
      </listObject>
""", title="Objects", publication="Test register.", source="Well-known objects, where they are kept.")

# Two events, named in their register by eventName (TEI's name of an event), with their dates.
EVENTS = tei_file("""\
      <listEvent>
        <event xml:id="ActUnion" when="1801-01-01">
          <eventName>Act of Union</eventName>
          <label>The union of Great Britain and Ireland comes into force</label>
        </event>
        <event xml:id="Waterloo" when="1815-06-18">
          <eventName>Battle of Waterloo</eventName>
        </event>
      </listEvent>
""", title="Events", publication="Test register.", source="Well-known events, with their dates.")

REGISTERS = {"persons": PERSONS, "places": PLACES, "works": WORKS, "events": EVENTS, "objects": OBJECTS}
R = "../registers/"

# How a name is written in the letters: the element, its @type, and the entry it points at.
MARKUP = {
    "objectName": ("objectName", None), "rs-object": ("rs", "object"), "name-object": ("name", "object"),
    "title": ("title", None), "rs-work": ("rs", "work"), "rs-person": ("rs", "person"),
    "name-place": ("name", "place"), "persName": ("persName", None),
    "eventName": ("eventName", None), "rs-event": ("rs", "event"),
}
FILLER = "This paragraph of “{which}” fills the page so that the names fall on several pages."

# (file, title, date, sender, recipient, number of filler paragraphs, names in the text):
# correspondents as (pointer, form, markup); names as (pointer, form, markup, after which filler paragraph).
LETTERS = [
    ("stone.xml", "The letter of January", "1802-01-10",
     (R + "persons.xml#EdgeR1", "R. L. Edgeworth", "persName"), (R + "persons.xml#AdamA1", "Abigail A.", "rs-person"),
     30, [(R + "objects.xml#RosettaStone", "the stone of Rosetta", "objectName", 1),
          (R + "objects.xml#BookKells", "the Kells gospels", "rs-object", 2),
          (R + "works.xml#Absen1", "The Absentee tale", "title", 3),
          (R + "events.xml#ActUnion", "the Union", "eventName", 12),
          (R + "places.xml#Nelson-Place-2_ENK", "the house in Bath", "name-place", 28),
          (R + "objects.xml#RosettaStone", "the black basalt", "name-object", 30)]),
    ("novel.xml", "The letter of May", "1812-05-01",
     (R + "persons.xml#AdamA1", "Mrs A.", "rs-person"), (R + "persons.xml#EdgeR1", "Mr E.", "persName"),
     12, [("#RosettaStone", "that famous stone", "name-object", 2),
          (R + "works.xml#Absen1", "the new novel", "rs-work", 6),
          (R + "events.xml#ActUnion", "the late Union of the kingdoms", "rs-event", 9),
          (R + "persons.xml#BailX1", "the whole family", "rs-person", 12)]),
    ("kells.xml", "The undated letter", None, None, None,
     3, [(R + "objects.xml#BookKells", "the great gospel book", "objectName", 1),
         (R + "events.xml#Waterloo", "the battle in Belgium", "eventName", 2)]),
]

PROJECT_FILE = """title = "Letters about things"
[documents]
include = ["letters/*.xml"]
[registers]
include = ["registers/*.xml"]
[outputs.pdf]
paper = "A5"
"""


def name_markup(pointer: str, form: str, markup: str) -> str:
    element, kind = MARKUP[markup]
    typed = f' type="{kind}"' if kind else ""
    return f'<{element}{typed} ref="{pointer}">{form}</{element}>'


def letter_text(title: str, when: str | None, sender, recipient, fillers: int, names) -> str:
    paragraphs = []
    for number in range(1, fillers + 1):
        paragraphs.append(f"      <p>{FILLER.format(which=title)}</p>")
        for pointer, form, markup, after in names:
            if after == number:
                paragraphs.append(f"      <p>It names {name_markup(pointer, form, markup)}.</p>")
    text = tei_file("\n".join(paragraphs) + "\n", title=title, publication="Test.", source="Test.")
    actions = []
    for kind, party in (("sent", sender), ("received", recipient)):
        if party:
            date = f'<date when="{when}"/>' if kind == "sent" and when else ""
            actions.append(f'<correspAction type="{kind}">{name_markup(*party)}{date}</correspAction>')
    if actions:
        text = text.replace("</fileDesc>", "</fileDesc>\n    <profileDesc><correspDesc>"
                            + "".join(actions) + "</correspDesc></profileDesc>")
    return text


def make_objects_project(root: Path) -> Path:
    (root / "letters").mkdir(parents=True)
    (root / "registers").mkdir()
    for name, text in REGISTERS.items():
        (root / "registers" / f"{name}.xml").write_text(text, encoding="utf-8")
    for name, *letter in LETTERS:
        (root / "letters" / name).write_text(letter_text(*letter), encoding="utf-8")
    (root / "teikit.toml").write_text(PROJECT_FILE, encoding="utf-8")
    return root


def letters_naming(root: Path) -> dict[str, set[str]]:
    """Register entry id -> the letters (file stems) whose TEI points at it, read here with lxml:
    every id in this project is unique, so a pointer's fragment names its entry."""
    from lxml import etree

    found: dict[str, set[str]] = {}
    for letter in sorted((root / "letters").glob("*.xml")):
        for element in etree.parse(str(letter)).iter():
            if isinstance(element.tag, str):
                for pointer in (element.get("ref") or "").split():
                    found.setdefault(pointer.rpartition("#")[2], set()).add(letter.stem)
    return found
