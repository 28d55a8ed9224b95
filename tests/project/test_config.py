"""teikit.toml: every key optional, documents and registers found by globs, clear errors."""

from __future__ import annotations

import pytest

from tests.project.mixed_project import make_project
from toolkit.project import ProjectFileError, load_project
from toolkit.project.checks import validate_project


def test_a_project_file_names_documents_and_registers(tmp_path):
    root = make_project(tmp_path / "p")
    project = load_project(root)
    assert project.title == "Test Letters" and project.description.startswith("Two letters")
    # the .bak copy and the non-TEI catalog.xml are not documents; registers are not documents either
    assert [path.relative_to(root).as_posix() for path in project.documents()] == ["letters/one.xml", "letters/two.xml"]
    assert [path.name for path in project.register_files()] == ["persons.xml", "places.xml"]
    assert project.output_dir == root / "build"


def test_without_a_project_file_every_tei_file_is_a_document(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "teikit.toml").unlink()
    project = load_project(root)
    assert not project.configured and project.register_files() == []
    assert sorted(path.name for path in project.documents()) == ["one.xml", "persons.xml", "places.xml", "two.xml"]


@pytest.mark.parametrize("directory", ["build", "sub/../build"])
def test_the_outputs_and_hidden_files_are_never_documents(tmp_path, directory):
    root = make_project(tmp_path / "p")
    (root / "teikit.toml").unlink()  # every TEI file found is a document
    (root / "teikit.toml").write_text(f'[outputs]\ndirectory = "{directory}"\n', encoding="utf-8")
    one = (root / "letters" / "one.xml").read_bytes()
    for copy in ("build/html/tei/one.xml", ".hidden/one.xml", "letters/.one.xml", "letters/.old/one.xml"):
        (root / copy).parent.mkdir(parents=True, exist_ok=True)
        (root / copy).write_bytes(one)
    project = load_project(root)
    assert sorted(path.relative_to(root).as_posix() for path in project.documents()) == [
        "letters/one.xml", "letters/two.xml", "registers/persons.xml", "registers/places.xml"]


def test_a_tei_p4_letter_is_a_document_and_validation_says_what_it_is(tmp_path):
    # Left out, it would be skipped without a word; as a document, validation reports it.
    root = make_project(tmp_path / "p")
    (root / "letters" / "old.xml").write_text('<TEI.2><teiHeader/><text><body><p>Old</p></body></text></TEI.2>',
                                              encoding="utf-8")
    project = load_project(root)
    assert "letters/old.xml" in [path.relative_to(root).as_posix() for path in project.documents()]
    report = validate_project(project, [root / "letters" / "old.xml"])
    assert [(f.code, f.severity.value) for f in report.findings if f.code == "tei.p4"] == [("tei.p4", "error")]
    assert not report.valid


def test_the_nearest_project_file_above_the_folder_is_found(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    monkeypatch.chdir(root / "letters")
    assert load_project().root == root


def test_outputs_and_options(tmp_path):
    (tmp_path / "teikit.toml").write_text(
        '[outputs]\ndirectory = "out"\nbuild = ["html"]\n[outputs.html]\nsite_title = "Site"\n'
        '[outputs.pdf]\npaper = "A4"\nfonts = ["DejaVu Serif"]\nleading = 1\n', encoding="utf-8")
    project = load_project(tmp_path)
    assert project.output_dir == tmp_path / "out" and project.outputs.targets == ("html",)
    assert project.outputs.html.site_title == "Site" and project.outputs.pdf.paper == "A4"
    assert project.outputs.pdf.fonts == ("DejaVu Serif",) and project.outputs.pdf.leading == 1


@pytest.mark.parametrize("text, line, words", [
    ('title = "x"\n\n[documents]\ninclude = "letters/*.xml"\n', 4, "must be a list of strings"),
    ('title = "x"\ntitel = "y"\n', 2, "unknown key 'titel'"),
    ('title = "x"\n[outputs.pdf]\npaper = "A3"\n', 3, "unknown paper 'A3'"),
    ('title = "x"\n[validation]\ncatalog = "missing.xml"\n', 3, "does not exist"),
    ('title = "x\n', 1, "not valid TOML"),
    ('title = "x"\n[rendering]\nlanguage = "de"\nwords = { notes = "Endnoten" }\n', 4, "must be a table of languages"),
    ('title = "x"\n\n[rendering.words]\nnotes = { en = 3 }\n', 4, "notes.en must be a string"),
    ('title = "x"\n[rendering.words]\ndocument-count = { en = "{count} letters" }\n', 3,
     "it fills in: {n}"),
])
def test_a_bad_project_file_is_reported_with_file_and_line(tmp_path, text, line, words):
    (tmp_path / "teikit.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError) as error:
        load_project(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'teikit.toml'}:{line}")
    assert words in str(error.value)
