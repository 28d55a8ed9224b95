"""The essay is a project like any other (teikit.toml at the repository's root); TEIKIT_EDITION
pointing at another project's letters no longer checks them against the essay's schemas."""

from __future__ import annotations

import shutil

from tests.conftest import EDITION, REPOSITORY, SHARED
from tests.robustness.cli_support import findings_of, run_child
from toolkit.project import load_project

LETTER = SHARED / "projects" / "melp" / "Encoded Letters" / "Edgeworth_Beinecke_1791-08-31.xml"


def test_the_essay_project_names_its_document_and_schemas():
    project = load_project(REPOSITORY)
    assert project.documents() == [EDITION]
    assert [path.name for path in project.schemas] == ["edition.rng", "edition.sch"]
    assert project.title == "Victor Serge and Anarchism: The Russian Years"


def test_the_essay_validates_as_a_project(tmp_path):
    result = run_child("validate", "--no-progress", "--format", "json")
    assert result.returncode == 0, result.stdout[-2000:]
    assert findings_of(result.stdout) == []


def test_another_projects_letters_are_checked_against_their_own_schemas(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(LETTER, folder / LETTER.name)
    result = run_child("validate", "--no-progress", "--format", "json", env={"TEIKIT_EDITION": str(folder)})
    codes = {finding["code"] for finding in findings_of(result.stdout)}
    # the letter declares tei_all and melp.sch by URL: without a catalog they are reported unresolved,
    # and none of the essay's rules (edition.rng, edition.sch) is applied to it
    assert "model.unresolved" in codes
    assert not any(code.startswith("rng.") for code in codes), codes
    assert result.returncode == 1  # a letter whose schemas could not be applied is not valid


def test_a_single_document_project_takes_its_output_folder_and_paper_from_teikit_toml(tmp_path):
    from pypdf import PdfReader

    from tests.robustness.cli_support import run_in_process

    small = REPOSITORY / "tests" / "cases" / "pdf" / "small-edition.xml"
    (tmp_path / "tei").mkdir()
    shutil.copy(small, tmp_path / "tei" / small.name)
    (tmp_path / "teikit.toml").write_text(
        '[documents]\ninclude = ["tei/*.xml"]\n[outputs]\ndirectory = "out"\n[outputs.pdf]\npaper = "A4"\n',
        encoding="utf-8")
    status, _out, err = run_in_process("--project", tmp_path, "build", "pdf", "--force", "--date", "2026-01-31")
    assert status == 0, err
    page = PdfReader(tmp_path / "out" / "pdf" / "small-edition.pdf").pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
