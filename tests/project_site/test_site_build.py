"""Building a project's site: one edited letter redoes only what depends on it; a letter that
cannot be rendered is reported with file, line and cause, and the others are built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from toolkit import pipeline
from toolkit.builders import project_site
from toolkit.builders.options import BuildOptions
from toolkit.project import load_project

from tests.project_site.melp_site import (FIXED_DATE, MELP, copy_melp, letters, pointers, register_id,
                                       rename_person, teikit)


@pytest.fixture(scope="module")
def edited_melp(tmp_path_factory) -> Path:
    """A copy of MELP that this module's tests edit one after another (a cold build of it costs
    each test a quarter of a minute): each test first brings its build up to date, so that it
    starts from a whole build whatever the tests before it did."""
    return copy_melp(tmp_path_factory.mktemp("edited") / "melp")


def rebuild(folder: Path) -> None:
    project = load_project(folder, search_parents=False)
    options = project_site.project_options(project, BuildOptions(fixed_date=FIXED_DATE))
    pipeline.build(["html"], project.output_dir, options=options, sources=project.documents(), validate_first=False)


def _inodes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


def test_after_editing_one_letter_only_its_own_files_are_written_again(edited_melp):
    project = edited_melp
    rebuild(project)
    site = project / "build" / "html"
    before = _inodes(site)
    letter = letters(project)[40]
    text = letter.read_text(encoding="utf-8")
    start = text.index("<body>")
    paragraph = text.index("<p>", start) + len("<p>")
    letter.write_text(text[:paragraph] + "Zanzibarian " + text[paragraph:], encoding="utf-8")

    # Built again as `teikit build html` does after validation (whose verdict on MELP's own
    # Schematron is not this test's subject), reusing what did not change.
    rebuild(project)
    after = _inodes(site)
    assert after.keys() == before.keys()
    changed = sorted(name for name in after if after[name] != before[name])
    page = [name for name in changed if name.startswith("documents/")]
    assert len(page) == 1 and "Zanzibarian" in (site / page[0]).read_text(encoding="utf-8")
    # Every other file is the edited letter's own, or its part of the search index: its text for
    # the snippets, its units' lengths, the postings of its words (the new one found), the totals.
    assert [name for name in changed if not name.startswith("search/")] == sorted([page[0], f"tei/{letter.name}.txt"])
    assert any("zanzibarian" in (site / name).read_text(encoding="utf-8") for name in changed if name.startswith("search/terms/"))
    index = [name for name in changed if name.startswith("search/")]
    assert len([name for name in index if name.startswith("search/text/")]) == 1
    assert len([name for name in index if name.startswith("search/lengths/")]) == 1
    assert not [name for name in index if name.startswith(("search/docs/", "search/facets/", "search/dates"))]


def test_a_letter_that_cannot_be_read_is_reported_and_the_others_are_built(tmp_path):
    project = tmp_path / "small"
    (project / "letters").mkdir(parents=True)
    shutil.copytree(MELP / "People_Places_Works", project / "registers")
    chosen = sorted((MELP / "Encoded Letters").glob("*.xml"))[:3]
    for letter in chosen:
        shutil.copy(letter, project / "letters" / letter.name)
    # Valid TEI that used to stop the whole build (XTTE0570): a reference with an empty target.
    empty = project / "letters" / chosen[0].name
    source = empty.read_text(encoding="utf-8")
    paragraph = source.index("<p>", source.index("<body>")) + len("<p>")
    empty.write_text(source[:paragraph] + '<ref target="">see below</ref> ' + source[paragraph:], encoding="utf-8")
    broken = project / "letters" / "broken.xml"
    broken.write_text(chosen[1].read_text(encoding="utf-8").replace("</body>", "</bdy>", 1), encoding="utf-8")
    (project / "teikit.toml").write_text(
        'title = "Three letters"\n[documents]\ninclude = ["letters/*.xml"]\n[registers]\ninclude = ["registers/*.xml"]\n',
        encoding="utf-8")
    result = teikit("build", "html", "--date", FIXED_DATE, "--force", cwd=project)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "</bdy>" in text)
    assert f"broken.xml:{line}" in result.stderr
    assert "Traceback" not in result.stderr
    pages = sorted(path.name for path in (project / "build" / "html" / "documents").glob("*.html"))
    assert pages == sorted(f"{letter.stem}.html" for letter in chosen)
    assert "see below" in (project / "build" / "html" / "documents" / f"{chosen[0].stem}.html").read_text(encoding="utf-8")


def _persons_pointed_at(letter: Path) -> set[str]:
    tree = etree.parse(str(letter))
    return {pointer for pointer in (register_id(token, "Personography.xml") for token in pointers(tree)) if pointer}


def test_a_new_name_in_one_letter_remakes_its_page_and_that_entry_s_pages_only(edited_melp):
    """The pages that must change, worked out from the TEI: the letter's page and text copy, the
    page of the person it now names, and the persons' index (that person's count)."""
    project = edited_melp
    rebuild(project)
    site = project / "build" / "html"
    before = _inodes(site)
    everyone = [_persons_pointed_at(path) for path in letters(project)]
    letter = letters(project)[40]
    named = everyone[40]
    # A person other letters name and this one does not, whose id no other id equals but for case.
    ids = [identifier for persons in everyone for identifier in persons]
    person = sorted(identifier for identifier in set(ids) - named
                    if sum(other.casefold() == identifier.casefold() for other in set(ids)) == 1)[0]
    text = letter.read_text(encoding="utf-8")
    paragraph = text.index("<p>", text.index("<body>")) + len("<p>")
    letter.write_text(text[:paragraph] + f'<persName ref="./Personography.xml#{person}">Zanzibar</persName> '
                      + text[paragraph:], encoding="utf-8")

    rebuild(project)
    after = _inodes(site)
    assert after.keys() == before.keys()
    changed = sorted(name for name in after if after[name] != before[name])
    page = [name for name in changed if name.startswith("documents/")]
    assert len(page) == 1
    # The search index is the project's as a whole (its facets count every letter's names).
    assert [name for name in changed if not name.startswith("search/")] == sorted(
        [page[0], f"tei/{letter.name}.txt", f"persons/{person}.html", "persons.html"])
    entry_page = (site / f"persons/{person}.html").read_text(encoding="utf-8")
    assert f"../{page[0]}" in entry_page
    count = sum(person in persons for persons in everyone) + 1
    assert f'<span class="document-count">{count}</span>' in entry_page


def test_an_edited_register_entry_is_shown_as_edited(edited_melp):
    """The registers are kept between builds: a change to a register file is seen at once."""
    project = edited_melp
    rebuild(project)
    rename_person(project / "People_Places_Works" / "Personography.xml", "EdgeM1", "Zanzibar, Maria")
    rebuild(project)
    assert "Zanzibar, Maria" in (project / "build" / "html" / "persons" / "EdgeM1.html").read_text(encoding="utf-8")
