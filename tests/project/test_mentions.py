"""Names however they are marked, each with its entry, line and anchor; a document's own title."""

from __future__ import annotations

from tests.project.mixed_project import LETTER, line_of, make_project
from toolkit.project import Registers, document_title, load_project, mentions
from toolkit.xmlio import read_document


def test_mentions_of_every_markup_with_entry_line_and_anchor(tmp_path):
    project = load_project(make_project(tmp_path / "p"))
    registers = Registers.load(project)
    letter = project.root / "letters" / "one.xml"
    found = list(mentions(read_document(letter).tree, letter, registers))
    by_text = {mention.text: mention for mention in found}
    assert by_text["Richard Lovell Edgeworth"].entry_id == "EdgeR1" and by_text["Richard Lovell Edgeworth"].in_header
    assert by_text["the Baillies"].entry_id == "BailX1" and by_text["the Baillies"].element == "rs"
    baillies = by_text["the Baillies"]
    assert baillies.line == line_of(LETTER, "the Baillies") and baillies.anchor == "d1"
    assert by_text["Nelson Place"].kind == "place"
    assert by_text["a ghost"].entry_id is None and by_text["a ghost"].kind == "person"
    assert by_text["an outside authority"].kind == "org"
    # the standOff entry's own name is not a mention
    assert "The visitor" not in by_text
    assert {m.entry_id for m in found if m.entry_id} == {"EdgeR1", "one.visitor", "AdamA1", "Nelson-Place-2_ENK", "BailX1"}


def test_the_document_title_is_not_the_series_title(tmp_path):
    project = load_project(make_project(tmp_path / "p"))
    assert document_title(read_document(project.root / "letters" / "one.xml").tree) == "Letter one"
