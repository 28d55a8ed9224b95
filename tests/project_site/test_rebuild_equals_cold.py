"""A site rebuilt after edits is, byte for byte, the site a build from nothing makes of the same
files: after a letter's date, correspondent and a name's pointer change, and after a register
entry changes (every page that shows it is made again); after a letter is removed and another
added; and a damaged cache is only a miss. After an edit, only the edited letter's names are
linked to the registers again, and an edit of a letter's text alone leaves the pages made from
the whole catalogue (tables, indexes, entries, timeline, the search's facets) as they were."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

from lxml import etree

from toolkit import pipeline
from toolkit.builders import project_site
from toolkit.builders.cache import CACHE_DIR
from toolkit.builders.project_site import explore, kept_links, pages, search
from toolkit.project.registers import Registers
from toolkit.search import index as search_index

from tests.process_hooks import note_processes
from tests.project_site.melp_site import MELP, TEI, page_of, rename_person
from tests.project_site.test_search_rebuild import project_of
from tests.project_site.test_site_build import rebuild
from tests.robustness.cli_support import published_site

LETTERS = sorted((MELP / "Encoded Letters").glob("*.xml"))


def cold_site(project: Path, folder: Path) -> dict[str, bytes]:
    """The site of ``project``'s files as they are now, built in a fresh folder with no cache."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(project, folder, ignore=shutil.ignore_patterns("build"))
    rebuild(folder)
    return published_site(folder)


def assert_same_site(rebuilt: dict[str, bytes], cold: dict[str, bytes]) -> None:
    assert rebuilt.keys() == cold.keys()
    differing = sorted(name for name in cold if rebuilt[name] != cold[name])
    assert not differing, f"pages that differ from a build from nothing: {differing[:10]}"


def person_refs(tree) -> list[str]:
    return [element.get("ref") for element in tree.iter(f"{TEI}persName") if element.get("ref")]


def test_a_letter_s_new_date_correspondent_and_pointer_give_the_site_of_a_build_from_nothing(tmp_path):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    letters = sorted((project / "letters").glob("*.xml"))
    letter = letters[6]
    tree = etree.parse(str(letter))
    # Another person the project's letters name, to become this letter's recipient and a name's target.
    ours = set(person_refs(tree))
    other = sorted({ref for path in letters for ref in person_refs(etree.parse(str(path)))} - ours)[0]
    sent = tree.find(f".//{TEI}correspAction[@type='sent']")
    received = tree.find(f".//{TEI}correspAction[@type='received']/{TEI}persName")
    assert sent is not None and received is not None, "the letter chosen is meant to have a correspDesc"
    for date in sent.findall(f"{TEI}date"):
        sent.remove(date)
    etree.SubElement(sent, f"{TEI}date", when="1780-01-02")  # before every other letter: it moves first
    received.set("ref", other)
    in_text = next(element for element in tree.find(f".//{TEI}body").iter(f"{TEI}persName") if element.get("ref"))
    in_text.set("ref", other)
    tree.write(str(letter), encoding="UTF-8", xml_declaration=True)

    before = published_site(project)
    rebuild(project)
    rebuilt = published_site(project)
    assert rebuilt != before
    assert_same_site(rebuilt, cold_site(project, tmp_path / "cold"))


def test_an_edited_register_entry_gives_the_site_of_a_build_from_nothing(tmp_path):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    # A person the letters name (the sender of the first letter), renamed in the register file.
    first = etree.parse(str(sorted((project / "letters").glob("*.xml"))[0]))
    sender = first.find(f".//{TEI}correspAction[@type='sent']/{TEI}persName").get("ref").partition("#")[2]
    rename_person(project / "People_Places_Works" / "Personography.xml", sender, "Zanzibar, Maria")

    rebuild(project)
    rebuilt = published_site(project)
    assert sum(b"Zanzibar, Maria" in data for data in rebuilt.values()) > 2
    assert_same_site(rebuilt, cold_site(project, tmp_path / "cold"))


def test_a_damaged_store_of_the_documents_facts_is_a_miss(tmp_path):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    before = published_site(project)
    store = project / "build" / CACHE_DIR / project_site.BUILDER / "facts.sqlite"
    assert store.is_file()
    store.write_bytes(b"not a database" * 100)
    (project / "build" / pipeline.STATE_FILE).unlink()  # so that the site is built again
    rebuild(project)
    assert published_site(project) == before


def test_a_removed_letter_and_an_added_one_give_the_site_of_a_build_from_nothing(tmp_path):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    # A letter in the middle of the date order gone: its neighbours' pages now point past it, and
    # the entries it named lose an occurrence.
    letters = sorted((project / "letters").glob("*.xml"))
    letters[5].unlink()
    rebuild(project)
    rebuilt = published_site(project)
    assert f"documents/{page_of(letters[5])}.html" not in rebuilt
    assert_same_site(rebuilt, cold_site(project, tmp_path / "cold"))

    # A letter the project did not have comes in, with names of its own.
    shutil.copy(LETTERS[20], project / "letters" / LETTERS[20].name)
    rebuild(project)
    assert_same_site(published_site(project), cold_site(project, tmp_path / "cold"))


def test_after_an_edit_only_the_edited_letter_s_names_are_resolved_again(tmp_path, monkeypatch):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    letter = sorted((project / "letters").glob("*.xml"))[4]
    text = letter.read_text(encoding="utf-8")
    start = text.index("<p>", text.index("<body")) + len("<p>")
    letter.write_text(text[:start] + "Edited " + text[start:], encoding="utf-8")

    asked_from: set[Path] = set()
    resolve = Registers.resolve

    def counted(self, pointer, document):
        asked_from.add(Path(document).resolve())
        return resolve(self, pointer, document)

    monkeypatch.setattr(Registers, "resolve", counted)
    rebuild(project)
    # The other eleven letters' links were kept from the last build, not made again.
    assert asked_from == {letter.resolve()}
    monkeypatch.undo()
    assert_same_site(published_site(project), cold_site(project, tmp_path / "cold"))


def test_an_edit_of_a_letter_s_text_alone_does_not_make_the_catalogue_s_pages_again(tmp_path, monkeypatch):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    letter = sorted((project / "letters").glob("*.xml"))[4]
    made: list[str] = []
    for module, name in ((pages, "documents_table"), (pages, "register_index"), (pages, "entry_page"),
                         (pages, "correspondents"), (pages, "home"), (explore, "_timeline_items"),
                         (search_index, "filter_files")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, _made=original, _name=name, **kwargs:
                            made.append(_name) or _made(*args, **kwargs))

    # One more word in the body: the letter's page changes, nothing that connects the letters does.
    text = letter.read_text(encoding="utf-8")
    start = text.index("<p>", text.index("<body")) + len("<p>")
    letter.write_text(text[:start] + "Edited " + text[start:], encoding="utf-8")
    rebuild(project)
    assert made == []
    assert b"Edited" in (project / "build" / "html" / "documents" / f"{page_of(letter)}.html").read_bytes()
    assert_same_site(published_site(project), cold_site(project, tmp_path / "cold"))

    # Its title changed: the table of documents, the indexes and the timeline show it, and are made again.
    tree = etree.parse(str(letter))
    title = tree.find(f".//{TEI}titleStmt/{TEI}title")
    title.text = "A title no letter had"
    tree.write(str(letter), encoding="UTF-8", xml_declaration=True)
    rebuild(project)
    assert {"documents_table", "register_index", "entry_page", "_timeline_items", "filter_files"} <= set(made)
    assert b"A title no letter had" in (project / "build" / "html" / "documents.html").read_bytes()
    monkeypatch.undo()
    assert_same_site(published_site(project), cold_site(project, tmp_path / "cold"))


def test_a_damaged_store_of_the_documents_links_is_a_miss(tmp_path):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    before = published_site(project)
    store = project / "build" / CACHE_DIR / kept_links.FILE
    assert store.is_file()
    store.write_bytes(b"not a database" * 100)
    (project / "build" / pipeline.STATE_FILE).unlink()  # so that the site is built again
    rebuild(project)
    assert published_site(project) == before


def test_a_document_s_kept_names_found_damaged_are_linked_anew(tmp_path):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    with sqlite3.connect(project / "build" / CACHE_DIR / kept_links.FILE) as store:
        rows = store.execute("SELECT key, facts FROM facts").fetchall()
        key, text = next((key, text) for key, text in rows if json.loads(json.loads(text)["names"])[0])
        row = json.loads(text)
        row["names"] = json.dumps([[], []])  # still JSON, but no longer the names its digest names
        store.execute("UPDATE facts SET facts = ? WHERE key = ?", (json.dumps(row), key))
    store.close()
    # Another letter's title changed: the pages of the whole catalogue are made again, from every
    # document's links, the damaged ones too.
    letter = sorted((project / "letters").glob("*.xml"))[2]
    tree = etree.parse(str(letter))
    tree.find(f".//{TEI}titleStmt/{TEI}title").text = "A title no letter had"
    tree.write(str(letter), encoding="UTF-8", xml_declaration=True)
    rebuild(project)
    assert_same_site(published_site(project), cold_site(project, tmp_path / "cold"))
    with sqlite3.connect(project / "build" / CACHE_DIR / kept_links.FILE) as store:  # and kept whole again
        assert json.loads(json.loads(store.execute("SELECT facts FROM facts WHERE key = ?", (key,)).fetchone()[0])["names"])[0]
    store.close()


def test_the_search_index_made_beside_the_pages_gives_the_same_site(tmp_path, monkeypatch):
    """A large project's search index is made in a process of its own while the pages are
    written: the site, built from nothing and after an edit, is the one made in turn."""
    made_in = tmp_path / "search-made-in"
    note_processes(monkeypatch, search, "write_search", made_in)
    in_turn, at_once = (project_of(tmp_path / name, LETTERS[:12]) for name in ("in-turn", "at-once"))
    for round_ in range(2):
        if round_:  # the same edit in both: one more word in a letter's first paragraph
            for project in (in_turn, at_once):
                letter = sorted((project / "letters").glob("*.xml"))[5]
                text = letter.read_text(encoding="utf-8")
                letter.write_text(text.replace("<p>", "<p>Rebuilt ", 1), encoding="utf-8")
        monkeypatch.setattr(project_site, "SEARCH_BESIDE_MINIMUM", 10**9)
        rebuild(in_turn)
        monkeypatch.setattr(project_site, "SEARCH_BESIDE_MINIMUM", 0)
        rebuild(at_once)
        assert_same_site(published_site(at_once), published_site(in_turn))
    assert [line == str(os.getpid()) for line in made_in.read_text().split()] == [True, False, True, False]
