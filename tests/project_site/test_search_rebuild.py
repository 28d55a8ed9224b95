"""The search index after an edit, a removal and an addition is, byte for byte, the index a build
from nothing makes of the same letters; and a rebuild reuses the work done on unchanged letters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.builders.cache import CACHE_DIR
from toolkit.builders.project_site.search import BLOCKS
from toolkit.search import blocks

from tests.project_site.melp_site import MELP, page_of
from tests.project_site.test_site_build import _inodes, rebuild

LETTERS = sorted((MELP / "Encoded Letters").glob("*.xml"))


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    # Blocks of about two letters, so that a dozen letters make several (a project's are of 64).
    monkeypatch.setattr(blocks, "BLOCK_DOCUMENTS", 2)


def project_of(folder: Path, chosen: list[Path]) -> Path:
    (folder / "letters").mkdir(parents=True)
    shutil.copytree(MELP / "People_Places_Works", folder / "People_Places_Works")
    for letter in chosen:
        shutil.copy(letter, folder / "letters" / letter.name)
    (folder / "teikit.toml").write_text(
        'title = "Letters"\n[documents]\ninclude = ["letters/*.xml"]\n'
        '[registers]\ninclude = ["People_Places_Works/*.xml"]\n', encoding="utf-8")
    return folder


def search_files(project: Path) -> dict[str, bytes]:
    site = project / "build" / "html"
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in [site / "search.html", *(site / "search").rglob("*")] if path.is_file()}


def cold_build(project: Path, folder: Path) -> dict[str, bytes]:
    """The search files of a build of ``project``'s letters as they are now, in a fresh folder."""
    shutil.rmtree(folder, ignore_errors=True)
    copy = project_of(folder, sorted((project / "letters").glob("*.xml")))
    rebuild(copy)
    return search_files(copy)


def edit(letter: Path, old: str, new: str) -> None:
    text = letter.read_text(encoding="utf-8")
    body = text.index("<body>")
    assert old in text[body:]
    letter.write_text(text[:body] + text[body:].replace(old, new, 1), encoding="utf-8")


def stored_blocks(project: Path) -> dict[str, int]:
    return _inodes(project / "build" / CACHE_DIR / BLOCKS)


def test_an_edited_removed_or_added_letter_gives_the_index_of_a_build_from_nothing(tmp_path):
    project = project_of(tmp_path / "project", LETTERS[:12])
    rebuild(project)
    kept_blocks, site_files = stored_blocks(project), _inodes(project / "build" / "html")
    assert len(kept_blocks) > 2, "the letters are meant to fall in several blocks"

    # A word changed in one letter: the "Zanzibarian" the index did not have, one "the" less.
    letter = sorted((project / "letters").glob("*.xml"))[5]
    edit(letter, " the ", " Zanzibarian ")
    rebuild(project)
    assert search_files(project) == cold_build(project, tmp_path / "cold")
    assert b"zanzibarian" in b"".join(search_files(project).values())
    # The edited letter's block is joined again; the others are taken as they were kept.
    after = stored_blocks(project)
    assert len(set(after) - set(kept_blocks)) == 1
    assert all(after[name] == kept_blocks[name] for name in set(after) & set(kept_blocks))
    # Of the letters' texts for snippets, only the edited letter's is written again.
    written = _inodes(project / "build" / "html")
    texts = [name for name in written if name.startswith("search/text/") and written[name] != site_files.get(name)]
    assert len(texts) == 1
    assert f"documents/{page_of(letter)}.html".encode() in (project / "build" / "html" / texts[0]).read_bytes()

    # A letter removed, then one added (two letters' worth of words gone, new ones come).
    sorted((project / "letters").glob("*.xml"))[2].unlink()
    rebuild(project)
    assert search_files(project) == cold_build(project, tmp_path / "cold")
    shutil.copy(LETTERS[20], project / "letters" / LETTERS[20].name)
    rebuild(project)
    assert search_files(project) == cold_build(project, tmp_path / "cold")
