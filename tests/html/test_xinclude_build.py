"""`teikit build` follows XIncludes as `teikit validate` does: inside the project's folder only.

A document that includes a chapter of the project is built with the chapter's text in its
pages; a document whose include leaves the project is not built, and the build says where
that include is and why, while the other documents are built; nothing outside is opened.
"""

from __future__ import annotations

from pathlib import Path

from tests.robustness.cli_support import assert_no_traceback, run_in_process
from tests.tei_documents import tei_file
from tests.validation.support import FileCanary

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
CHAPTER_SENTENCE = "The chapter kept in a file of its own speaks of the Petrograd winter."
CHAPTER = f'<div xmlns="{TEI_NS}">\n  <head>Winter</head>\n  <p>{CHAPTER_SENTENCE}</p>\n</div>\n'


def _document(body: str, title: str) -> str:
    return tei_file(body, title=title, publication="Unpublished", source="Written for the test")


def _pages(folder: Path) -> str:
    return "".join(page.read_text(encoding="utf-8") for page in folder.rglob("*.html"))


def test_the_build_follows_includes_within_the_project_and_refuses_the_others(tmp_path):
    project = tmp_path / "edition"
    (project / "chapters").mkdir(parents=True)
    (project / "teikit.toml").write_text('title = "Letters"\n', encoding="utf-8")
    (project / "chapters" / "winter.xml").write_text(CHAPTER, encoding="utf-8")
    including = project / "including.xml"
    including.write_text(_document(f'      <xi:include {XI} href="chapters/winter.xml"/>\n', "Including"),
                         encoding="utf-8")
    plain = project / "plain.xml"
    plain.write_text(_document("      <p>A letter that includes nothing.</p>\n", "Plain"), encoding="utf-8")
    leaving = project / "leaving.xml"
    leaving_text = _document(f'      <p>Before.</p>\n      <xi:include {XI} href="../outside/secret.xml"/>\n',
                             "Leaving")
    leaving.write_text(leaving_text, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    build = tmp_path / "build"

    with FileCanary(tmp_path / "outside" / "secret.xml") as canary:
        code, out, err = run_in_process("build", "html", including, plain, leaving, "-o", build,
                                        "--date", "2026-01-01")
    assert_no_traceback(out, err)
    assert canary.opened == 0, "the build opened a file outside the project"

    assert code == 1, err  # one document could not be built
    line = leaving_text[:leaving_text.index("<xi:include")].count("\n") + 1
    assert f"{leaving}:{line}:" in err and "[xml.xinclude-refused]" in err, err
    assert "../outside/secret.xml" in err and "outside" in err

    html = build / "html"
    assert sorted(folder.name for folder in html.iterdir() if folder.is_dir()) == ["including", "plain"]
    assert CHAPTER_SENTENCE in _pages(html / "including")
    assert "A letter that includes nothing." in _pages(html / "plain")


def test_a_changed_chapter_makes_its_document_again(tmp_path):
    project = tmp_path / "edition"
    project.mkdir()
    (project / "teikit.toml").write_text('title = "Letters"\n', encoding="utf-8")
    chapter = project / "winter.xml"
    chapter.write_text(CHAPTER, encoding="utf-8")
    including = project / "including.xml"
    including.write_text(_document(f'      <xi:include {XI} href="winter.xml"/>\n', "Including"), encoding="utf-8")
    build = tmp_path / "build"
    arguments = ("build", "html", including, "-o", build, "--date", "2026-01-01")

    code, out, err = run_in_process(*arguments)
    assert code == 0, err
    assert CHAPTER_SENTENCE in _pages(build / "html")

    changed = "The chapter now speaks of the Kronstadt spring."
    chapter.write_text(CHAPTER.replace(CHAPTER_SENTENCE, changed), encoding="utf-8")
    code, out, err = run_in_process(*arguments)
    assert code == 0, err
    pages = _pages(build / "html")
    assert changed in pages and CHAPTER_SENTENCE not in pages
