"""``teikit build html FILE`` on hostile documents reads nothing outside and writes only into the output.

The canaries are those of the validation tests: a named pipe (any open is observed) and a
listening loopback socket (any connection is observed). The command runs in its own process,
in an empty working directory with its own HOME and TMPDIR, and afterwards every file under
the test's folder, except the output and the temporary directory, is as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import EDITION
from tests.html.html_site import SAMPLE
from tests.robustness.cli_support import assert_no_traceback, run_child, run_in_process, tree_digest
from tests.validation.support import FileCanary, NetworkCanary

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
REFUSED = "xml.xinclude-refused"  # an XInclude leaving the document's folder: that document is not built


def hostile_variants(file_target: str, url_target: str) -> dict[str, tuple[str, str]]:
    """name -> (document text, what the build must say), each made from the sample edition."""
    sample = SAMPLE.read_text(encoding="utf-8")
    start = sample.index("<TEI")
    prolog, body = sample[:start], sample[start:]

    def with_doctype(declarations: str, text: str = body) -> str:
        return prolog + f"<!DOCTYPE TEI [\n{declarations}\n]>\n" + text

    def in_text(markup: str) -> str:
        return body.replace("I thank the readers.", f"I thank the readers. {markup}")

    return {
        "file-entity.xml": (with_doctype(f'<!ENTITY x SYSTEM "{file_target}">', in_text("&x;")), "build.entity"),
        "url-entity.xml": (with_doctype(f'<!ENTITY x SYSTEM "{url_target}">', in_text("&x;")), "build.entity"),
        "parameter-entity.xml": (with_doctype(f'<!ENTITY % p SYSTEM "{file_target}">\n%p;'), None),
        "external-dtd.xml": (prolog + f'<!DOCTYPE TEI SYSTEM "{url_target}">\n' + body, None),
        "xinclude-etc.xml": (prolog + in_text(f'<xi:include {XI} href="/etc/passwd" parse="text"/>'), REFUSED),
        "xinclude-canary.xml": (prolog + in_text(f'<xi:include {XI} href="{file_target}" parse="text"/>'), REFUSED),
        "xinclude-url.xml": (prolog + in_text(f'<xi:include {XI} href="{url_target}"/>'), REFUSED),
        # Not an NCName: read with a warning (an id is only ever a fragment of a page, never a path).
        "escaping-id.xml": (prolog + in_text('<seg xml:id="../../x">escape</seg>'), None),
        "escaping-target.xml": (prolog + in_text('<ref target="../../../x">escape</ref>'), None),
    }


@pytest.fixture
def sandbox(tmp_path) -> dict[str, Path]:
    places = {name: tmp_path / name for name in ("documents", "outside", "work", "home", "tmp")}
    for folder in places.values():
        folder.mkdir()
    (places["outside"] / "keep.txt").write_text("untouched", encoding="utf-8")
    return places


def test_hostile_documents_are_built_without_reading_or_writing_outside(tmp_path, sandbox):
    network = NetworkCanary()
    build = sandbox["work"] / "build"
    try:
        with FileCanary(sandbox["outside"] / "canary") as canary:
            variants = hostile_variants((sandbox["outside"] / "canary").as_uri(), network.url + "/secret.xml")
            sources = []
            for name, (text, _) in variants.items():
                (sandbox["documents"] / name).write_text(text, encoding="utf-8")
                sources.append(sandbox["documents"] / name)
            before = tree_digest(tmp_path)
            result = run_child("build", "html", *sources, "-o", build, "--date", "2026-01-01", cwd=sandbox["work"],
                               env={"HOME": str(sandbox["home"]), "TMPDIR": str(sandbox["tmp"])})
        assert canary.opened == 0, "a document made the build open a file outside the project"
        assert network.connections() == 0, "a document made the build open a connection"
    finally:
        network.close()
    assert_no_traceback(result.stdout, result.stderr)
    # Documents with entities that cannot be expanded, or XIncludes that leave their folder, are refused
    # by name; the others are built.
    assert result.returncode == 1, result.stderr
    for name, (_, code) in variants.items():
        if code:
            assert f"{sandbox['documents'] / name}:" in result.stderr and f"[{code}]" in result.stderr, name
    after = tree_digest(tmp_path)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert {path.split("/")[0] for path in changed} <= {"work", "tmp"}
    assert all(path.startswith("work/build/") for path in changed if path.startswith("work/")), changed
    html = build / "html"
    built = sorted(p.name for p in html.iterdir() if p.is_dir())
    assert built == sorted(Path(name).stem for name, (_, code) in variants.items() if not code)
    pages = "".join(p.read_text(encoding="utf-8") for p in html.rglob("*.html"))
    assert "root:" not in pages and "/etc/passwd" not in pages  # nothing of /etc leaked into a page
    assert "../../../x" not in pages


def test_an_identifier_that_is_a_path_is_only_an_identifier(tmp_path):
    # An xml:id that is not an NCName is rendered (the xml:id specification makes it a non-fatal
    # error), with a warning where it stands; it names an element of the page, never a file.
    source = tmp_path / "escaping-id.xml"
    source.write_text(hostile_variants("file:///nonexistent", "http://127.0.0.1:9/")["escaping-id.xml"][0],
                      encoding="utf-8")
    code, out, err = run_in_process("build", "html", source, "-o", tmp_path / "build", "--date", "2026-01-01")
    assert code == 0, err
    assert_no_traceback(out, err)
    line = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if "../../x" in text)
    assert f"{source}:{line}:" in err and "warning [xml.id-not-ncname]" in err and "is not an NCName" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "escaping-id.xml"]
    written = [p.relative_to(tmp_path / "build").as_posix() for p in (tmp_path / "build").rglob("*")]
    assert not [name for name in written if name.endswith("/x") or name == "x"], written
    assert "escape" in (tmp_path / "build" / "html" / "index.html").read_text(encoding="utf-8")


def digest_folder(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} | {
        f"{p.relative_to(folder).as_posix()}@mtime": str(p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_validate_build_and_deposit_leave_the_edition_sources_untouched(tmp_path, monkeypatch):
    edition = tmp_path / "tei"
    edition.mkdir()
    shutil.copy(EDITION, edition / EDITION.name)
    shutil.copy(EDITION.with_name("README.md"), edition / "README.md")
    monkeypatch.setenv("TEIKIT_EDITION", str(edition))
    before = digest_folder(edition)
    assert run_in_process("validate", "--no-progress", "-j", "1", edition)[0] == 0
    assert run_in_process("validate", "--no-progress", "-j", "1")[0] == 0
    assert digest_folder(edition) == before
    code, _, err = run_in_process("build", "html", "index", "-o", tmp_path / "build", "--date", "2026-01-01")
    assert code == 0, err
    assert digest_folder(edition) == before
    from toolkit.package import deposit

    deposit(None, tmp_path / "deposit", build_dir=tmp_path / "build", builders={})
    assert digest_folder(edition) == before
    assert sorted(p.name for p in edition.iterdir()) == sorted([EDITION.name, "README.md"])
