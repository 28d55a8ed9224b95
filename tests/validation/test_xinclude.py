"""XInclude is expanded before validation, as Jing does, but only from inside the project's folder.

Findings about included content name the included file and its line (Jing's way); an
include that is not followed (outside the folder, over the network, a loop, a missing
file) is an error on the line of the include, and nothing outside the folder is opened.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TEI_ALL_RNG
from tests.robustness.cli_support import assert_no_traceback, findings_of, run_in_process
from tests.validation.jing import jing_errors, subject
from tests.validation.support import FileCanary, NetworkCanary, tei

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
GOOD_CHAPTER = f'<div xmlns="{TEI_NS}">\n  <head>One</head>\n  <p>Fine.</p>\n</div>\n'
# A head after a paragraph: tei_all wants a div's heads first (line 3 of the chapter).
BAD_CHAPTER = f'<div xmlns="{TEI_NS}">\n  <p>First.</p>\n  <head>Late</head>\n</div>\n'


def _including(*hrefs: str) -> str:
    return tei("\n      ".join(f'<xi:include {XI} href="{href}"/>' for href in hrefs))


def _edition(tmp_path: Path, *hrefs: str, project: bool = True) -> Path:
    """An edition folder (a project when ``project``) with chapters in shared/ and letters/main.xml."""
    root = tmp_path / "edition"
    (root / "letters").mkdir(parents=True)
    (root / "shared").mkdir()
    if project:
        (root / "teikit.toml").write_text("", encoding="utf-8")
    (root / "shared" / "good.xml").write_text(GOOD_CHAPTER, encoding="utf-8")
    (root / "shared" / "bad.xml").write_text(BAD_CHAPTER, encoding="utf-8")
    main = root / "letters" / "main.xml"
    main.write_text(_including(*hrefs), encoding="utf-8")
    return main


def _validate(main: Path, monkeypatch) -> tuple[int, list[dict]]:
    monkeypatch.chdir(main.parents[1])
    status, out, err = run_in_process("validate", "--format", "json", "--no-progress", "--schema", TEI_ALL_RNG,
                                      main.relative_to(main.parents[1]))
    assert_no_traceback(out, err)
    return status, findings_of(out)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_included_content_is_validated_with_the_document_as_jing_does(tmp_path, monkeypatch):
    main = _edition(tmp_path, "../shared/good.xml", "../shared/bad.xml")
    status, findings = _validate(main, monkeypatch)
    ours = {(Path(main.parents[1] / f["file"]).resolve(), f["line"], subject(f["message"]))
            for f in findings if f["code"].startswith("rng.")}
    theirs = {(Path(file).resolve(), line, subject(message))
              for file, found in jing_errors(TEI_ALL_RNG, [main]).items() for line, _, message in found}
    # Jing reports errors in included content against the included file: so does teikit.
    jing_all = {(Path(file).resolve(), line, subject(message)) for file, found in
                _jing_with_included(main).items() for line, _, message in found}
    assert ours == jing_all | theirs
    assert ours == {((main.parents[1] / "shared" / "bad.xml").resolve(), 3, "head")}
    assert status == 1
    # The document is the one counted invalid, the finding names the included file.
    assert all(f["code"] != "xml.xinclude" for f in findings)


def _jing_with_included(main: Path) -> dict[Path, list]:
    """Jing's errors for ``main``, including those it reports on files ``main`` includes."""
    import shutil
    import subprocess

    result = subprocess.run([shutil.which("jing"), str(TEI_ALL_RNG), str(main)], capture_output=True, text=True)
    found: dict[Path, list] = {}
    for line in result.stdout.splitlines():
        file, number, _column, rest = line.split(":", 3)
        kind, _, message = rest.strip().partition(": ")
        if kind != "warning":  # Jing warns when it uses a fallback
            found.setdefault(Path(file), []).append((int(number), kind, message))
    return found


def test_a_valid_inclusion_is_valid_for_teikit_and_jing(tmp_path, monkeypatch):
    main = _edition(tmp_path, "../shared/good.xml")
    status, findings = _validate(main, monkeypatch)
    assert status == 0, findings
    assert _jing_with_included(main) == {}
    # The included head is really checked: renamed, it is an error in the chapter, line 2.
    (main.parents[1] / "shared" / "good.xml").write_text(GOOD_CHAPTER.replace("head>", "hed>"), encoding="utf-8")
    status, findings = _validate(main, monkeypatch)
    assert status == 1
    assert {(Path(f["file"]).name, f["line"]) for f in findings if f["code"].startswith("rng.")} == {("good.xml", 2)}


def test_outside_the_project_folder_nothing_is_opened(tmp_path, monkeypatch):
    secret = tmp_path / "secret.xml"
    with FileCanary(secret) as canary:
        main = _edition(tmp_path, "../../secret.xml", "../shared/good.xml")
        status, findings = _validate(main, monkeypatch)
    assert canary.opened == 0
    assert status == 1
    refused = [f for f in findings if f["code"] == "xml.xinclude-refused"]
    assert [(Path(f["file"]).name, f["line"]) for f in refused] == [("main.xml", _line_of(main.read_text(), "secret"))]
    assert "outside" in refused[0]["message"]


def test_without_a_project_the_document_folder_is_the_limit(tmp_path, monkeypatch):
    main = _edition(tmp_path, "../shared/good.xml", project=False)
    status, findings = _validate(main, monkeypatch)
    assert status == 1
    refused = [f for f in findings if f["code"] == "xml.xinclude-refused"]
    assert [(Path(f["file"]).name, f["line"]) for f in refused] == [("main.xml", _line_of(main.read_text(), "good.xml"))]
    assert not any(f["file"].endswith("good.xml") for f in findings)  # never read, so never checked


def test_nothing_is_fetched_from_the_network(tmp_path, monkeypatch):
    canary = NetworkCanary()
    try:
        main = _edition(tmp_path, f"{canary.url}/chapter.xml")
        status, findings = _validate(main, monkeypatch)
        assert canary.connections() == 0
    finally:
        canary.close()
    assert status == 1
    refused = [f for f in findings if f["code"] == "xml.xinclude-refused"]
    assert len(refused) == 1 and "network" in refused[0]["message"]
    assert refused[0]["line"] == _line_of(main.read_text(), "chapter.xml")


def test_loops_are_refused_where_they_close(tmp_path, monkeypatch):
    main = _edition(tmp_path, "../shared/loop.xml")
    loop = main.parents[1] / "shared" / "loop.xml"
    loop.write_text(f'<div xmlns="{TEI_NS}" {XI}>\n  <p>Again:</p>\n  <xi:include href="loop.xml"/>\n</div>\n',
                    encoding="utf-8")
    status, findings = _validate(main, monkeypatch)
    assert status == 1
    refused = [f for f in findings if f["code"] == "xml.xinclude-refused"]
    assert [(Path(f["file"]).name, f["line"]) for f in refused] == [("loop.xml", 3)]
    assert "loop" in refused[0]["message"]
    # Itself included once: the loop's own content was validated (no other error).
    assert [f for f in findings if f["severity"] == "error" and f not in refused] == []


def test_a_missing_file_uses_the_fallback_else_is_an_error(tmp_path, monkeypatch):
    main = _edition(tmp_path)
    body = (f'<xi:include {XI} href="../shared/gone.xml"><xi:fallback><p>Lost chapter.</p></xi:fallback></xi:include>')
    main.write_text(tei(body), encoding="utf-8")
    status, findings = _validate(main, monkeypatch)
    assert status == 0, findings
    assert _jing_with_included(main) == {}
    main.write_text(tei(f'<xi:include {XI} href="../shared/gone.xml"/>'), encoding="utf-8")
    status, findings = _validate(main, monkeypatch)
    assert status == 1
    assert [f["code"] for f in findings if f["severity"] == "error"][0] == "xml.xinclude-refused"
    assert "fatal" in str(_jing_with_included(main))  # Jing stops: "An 'include' failed"


RULES = """<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:head">
      <assert id="head-capitalised" test="matches(., '^\\p{Lu}')">a head starts with a capital letter</assert>
    </rule>
  </pattern>
</schema>
"""


def test_schematron_rules_see_the_included_content_too(tmp_path, monkeypatch):
    main = _edition(tmp_path, "../shared/good.xml")
    chapter = main.parents[1] / "shared" / "good.xml"
    chapter.write_text(GOOD_CHAPTER.replace("<head>One</head>", "<head>one</head>"), encoding="utf-8")
    rules = main.parents[1] / "rules.sch"
    rules.write_text(RULES, encoding="utf-8")
    monkeypatch.chdir(main.parents[1])
    status, out, err = run_in_process("validate", "--format", "json", "--no-progress", "--schematron", rules,
                                      main.relative_to(main.parents[1]))
    assert_no_traceback(out, err)
    found = [f for f in findings_of(out) if f["code"] == "head-capitalised"]
    line = _line_of(chapter.read_text(encoding="utf-8"), "<head>")
    assert [(Path(main.parents[1] / f["file"]).resolve(), f["line"]) for f in found] == [(chapter.resolve(), line)]
    assert status == 1
