"""Pointers to a project's registers in the editor: broken ones shown, values completed, entries
shown on hover, and go-to-definition to the entry in its register file."""

from __future__ import annotations

import html
import re

import pytest
from lsprotocol import types
from markdown_it import MarkdownIt

from tests.lsp.client import position_of, running_session
from tests.tei_documents import tei_file

PERSONS = tei_file("""\
      <listPerson>
        <person xml:id="serge">
          <persName>Victor Serge</persName>
          <persName type="alias">Victor Kibalchich</persName>
          <birth when="1890-12-30"/>
          <death when="1947-11-17"/>
        </person>
        <person xml:id="goldman">
          <persName>Emma Goldman</persName>
          <birth when="1869-06-27"/>
          <death when="1940-05-14"/>
        </person>
      </listPerson>
""", title="Persons", publication="Unpublished", source="Compiled for the test")

LETTER = tei_file("""\
      <p>Dear <persName ref="../registers/persons.xml#serge">Victor</persName>,</p>
      <p>greetings from <persName ref="../registers/persons.xml#goldman">Emma</persName>.</p>
""", title="A letter", publication="Unpublished", source="Written for the test")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    (root / "teikit.toml").write_text('title = "Letters"\n[documents]\ninclude = ["letters/*.xml"]\n'
                                      '[registers]\ninclude = ["registers/*.xml"]\n', encoding="utf-8")
    (root / "registers").mkdir()
    (root / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (root / "letters").mkdir()
    (root / "letters" / "one.xml").write_text(LETTER, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def session(project):
    with running_session(project) as server:
        yield server


def _entry_line(person_id: str) -> int:
    """Zero-based line of the entry in the register file."""
    return position_of(PERSONS, f'xml:id="{person_id}"')[0]


def test_a_pointer_to_no_entry_is_an_error_on_its_line(session, project):
    path = project / "letters" / "one.xml"
    text = path.read_text(encoding="utf-8").replace("persons.xml#goldman", "persons.xml#goldmann")
    published = session.open(path, text)
    broken = [d for d in published.diagnostics if d.code == "project.unresolved-ref"]
    assert [d.range.start.line for d in broken] == [position_of(text, "#goldmann")[0]]
    assert "#goldmann" in broken[0].message
    fixed = session.change(path, path.read_text(encoding="utf-8"))
    assert not [d for d in fixed.diagnostics if d.severity == types.DiagnosticSeverity.Error]


def test_pointer_values_complete_from_the_registers_with_names_and_dates(session, project):
    path = project / "letters" / "two.xml"
    # The document already points into the register file by its path: completion writes it the same way.
    text = LETTER.replace('<p>Dear <persName ref="../registers/persons.xml#serge">', '<p>Dear <persName ref="">')
    session.open(path, text)
    line, character = position_of(text, '<persName ref="', after=True)
    items = {item.label: item for item in session.completion(path, line, character)}
    assert set(items) == {"../registers/persons.xml#serge", "../registers/persons.xml#goldman"}
    serge = items["../registers/persons.xml#serge"]
    assert "Victor Serge" in serge.detail and "1890-12-30" in serge.detail and "1947-11-17" in serge.detail
    assert "Victor Kibalchich" in serge.documentation.value
    assert serge.text_edit.new_text == "../registers/persons.xml#serge"
    assert serge.text_edit.range.start == serge.text_edit.range.end == types.Position(line=line, character=character)


def test_pointer_completion_replaces_only_the_word_being_typed(session, project):
    path = project / "letters" / "three.xml"
    text = LETTER.replace('ref="../registers/persons.xml#serge"', 'ref="#goldman #se"')
    session.open(path, text)
    line, character = position_of(text, 'ref="#goldman #se', after=True)
    items = {item.label: item for item in session.completion(path, line, character)}
    # No file pointer left in the document for the first name... but the second still has one.
    assert "../registers/persons.xml#serge" in items
    edit = items["../registers/persons.xml#serge"].text_edit
    assert edit.range.start == types.Position(line=line, character=character - len("#se"))
    assert edit.range.end == types.Position(line=line, character=character)


def rendered(markdown: str) -> str:
    """The text an editor shows for ``markdown``: rendered by a CommonMark parser, tags dropped."""
    return html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(markdown)))


def test_hover_on_a_pointer_shows_the_entry(session, project):
    result, line = session.hover_on(project / "letters" / "one.xml", "#goldman")
    shown = rendered(result.contents.value)
    assert "Emma Goldman" in shown
    assert "1869-06-27" in shown and "1940-05-14" in shown
    assert result.range.start.line == line


ODD_NAME = "Ann *Star* `Back` [not](a-link) <i>_plain_</i> \\ #1"
ODD_NOTE = "- not a list item, 1. nor <b>bold</b>"


def test_hover_shows_names_and_notes_as_written_in_the_register(tmp_path):
    (tmp_path / "teikit.toml").write_text('title = "Odd names"\n[documents]\ninclude = ["*.xml"]\n'
                                          '[registers]\ninclude = ["registers/*.xml"]\n', encoding="utf-8")
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "persons.xml").write_text(tei_file(f"""\
      <listPerson>
        <person xml:id="ann">
          <persName>{html.escape(ODD_NAME, quote=False)}</persName>
          <note>{html.escape(ODD_NOTE, quote=False)}</note>
        </person>
      </listPerson>
""", title="Persons", publication="Unpublished", source="Compiled for the test"), encoding="utf-8")
    letter = tmp_path / "letter.xml"
    letter.write_text(tei_file('      <p>Dear <persName ref="registers/persons.xml#ann">Ann</persName>,</p>\n',
                               title="A letter", publication="Unpublished", source="Written for the test"),
                      encoding="utf-8")
    with running_session(tmp_path) as server:
        result, _line = server.hover_on(letter, "persons.xml#ann")
    page = MarkdownIt("commonmark").render(result.contents.value)
    strong = re.search(r"<strong>(.*?)</strong>", page)
    assert strong is not None and html.unescape(strong.group(1)) == ODD_NAME  # the name, bold and nothing else
    shown = rendered(result.contents.value)
    assert ODD_NOTE in shown
    assert "registers/persons.xml#ann" in shown  # the pointer, as written
    for tag in ("<em>", "<code>Back", "<a ", "<li>", "<ol", "<h1", "<i>", "<b>"):
        assert tag not in page, tag


def test_go_to_definition_opens_the_register_entry(session, project):
    path = project / "letters" / "one.xml"
    text = path.read_text(encoding="utf-8")
    session.open(path, text)
    line, character = position_of(text, "persons.xml#serge")
    result = session.ask(lambda: session.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
        position=types.Position(line=line, character=character))))
    location = result[0] if isinstance(result, list) else result
    assert location.uri == (project / "registers" / "persons.xml").resolve().as_uri()
    assert location.range.start.line == _entry_line("serge")
    assert re.search(r'<person xml:id="serge">', PERSONS.splitlines()[location.range.start.line])
