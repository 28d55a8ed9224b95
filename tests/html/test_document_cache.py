"""A corpus build redoes only the documents that changed; the rest comes from build/.teikit-cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.html.html_site import SAMPLE
from toolkit import pipeline
from toolkit.builders import html as html_builder
from toolkit import fingerprints
from toolkit.builders import documents
from toolkit.builders.cache import CACHE_DIR
from toolkit.builders.options import BuildOptions

OPTIONS = BuildOptions(fixed_date="2026-05-06")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and CACHE_DIR not in p.parts and not p.name.startswith(".teikit-state")}


@pytest.fixture
def corpus(tmp_path) -> list[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    paths = []
    for name in ("alpha", "beta", "gamma"):
        path = folder / f"{name}.xml"
        shutil.copy(SAMPLE, path)
        paths.append(path)
    return paths


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The names of the documents the web builder actually renders."""
    calls: list[str] = []
    original = html_builder.render_site
    monkeypatch.setattr(html_builder, "render_site", lambda source, options: calls.append(source.name) or original(source, options))
    return calls


def build(sources: list[Path], out: Path, options: BuildOptions = OPTIONS):
    return pipeline.build(["html", "index"], out, options=options, sources=sources, validate_first=False)


def edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("</body>", "<p>An added paragraph.</p></body>", 1), encoding="utf-8")


def test_only_the_changed_document_is_made_again(corpus, tmp_path, rendered):
    out = tmp_path / "build"
    build(corpus, out)
    assert sorted(rendered) == ["alpha.xml", "beta.xml", "gamma.xml"]
    before = tree_bytes(out)

    rendered.clear()
    edit(corpus[1])
    build(corpus, out)
    assert rendered == ["beta.xml"]
    after = tree_bytes(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed and all(name.startswith(("html/beta/", "index/beta/")) for name in changed), changed

    # Exactly what a build from scratch makes.
    build(corpus, tmp_path / "fresh")
    assert tree_bytes(tmp_path / "fresh") == after


def test_other_options_or_force_make_everything_again(corpus, tmp_path, rendered):
    out = tmp_path / "build"
    build(corpus, out)
    rendered.clear()
    build(corpus, out, BuildOptions(fixed_date="2026-05-07"))
    assert len(rendered) == 3
    rendered.clear()
    pipeline.build(["html"], out, options=BuildOptions(fixed_date="2026-05-07"), sources=corpus,
                   validate_first=False, force=True)
    assert len(rendered) == 3


def test_the_cache_keeps_only_what_the_last_build_used(corpus, tmp_path):
    out = tmp_path / "build"
    build(corpus, out)
    edit(corpus[0])
    build(corpus[:2], out)
    for builder in ("html", "index"):
        assert len(list((out / CACHE_DIR / builder).glob("*.zip"))) == 2


def test_a_damaged_cache_entry_is_made_again(corpus, tmp_path, rendered):
    out = tmp_path / "build"
    build(corpus, out)
    before = tree_bytes(out)
    for entry in (out / CACHE_DIR / "html").glob("*.zip"):
        entry.write_bytes(b"not a zip file")
    (out / pipeline.STATE_FILE).unlink()  # so that the builders run again with the same options
    rendered.clear()
    build(corpus, out)
    assert sorted(rendered) == ["alpha.xml", "beta.xml", "gamma.xml"]
    assert tree_bytes(out) == before


def test_an_unchanged_book_is_not_typeset_again(corpus, tmp_path, monkeypatch):
    from toolkit.builders import pdf as pdf_builder

    typeset: list[str] = []
    original = pdf_builder.typeset
    monkeypatch.setattr(pdf_builder, "typeset", lambda html, **kw: typeset.append(kw["source_name"]) or original(html, **kw))
    out = tmp_path / "build"
    pdf_builder.build(corpus[:2], out, options=OPTIONS)
    first = tree_bytes(out / "pdf")
    typeset.clear()
    edit(corpus[0])
    pdf_builder.build(corpus[:2], out, options=OPTIONS)
    assert typeset == ["alpha.xml"]
    second = tree_bytes(out / "pdf")
    assert second["beta.pdf"] == first["beta.pdf"] and second["alpha.pdf"] != first["alpha.pdf"]


def test_a_change_to_any_code_that_writes_outputs_makes_them_again(tmp_path):
    # A copy of the toolkit, run in a child process, whose modules the test edits.
    from tests.conftest import REPOSITORY

    copy = tmp_path / "checkout"
    for folder in ("toolkit", "xslt", "schemas"):
        shutil.copytree(REPOSITORY / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    out = tmp_path / "build"

    def build_in_copy() -> str:
        result = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", "index", str(SAMPLE), "-o", str(out),
                                 "--date", "2026-05-06"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                                env={**os.environ, "PYTHONPATH": str(copy)})
        assert result.returncode == 0, result.stderr
        return result.stdout

    def touch(module: str) -> None:
        path = copy / "toolkit" / module
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")

    assert "built html, index" in build_in_copy()
    assert "unchanged: html, index" in build_in_copy()
    for module in ("collation.py", "xslt.py", "xmlio.py", "builders/html.py"):
        touch(module)
        assert "built html, index" in build_in_copy(), f"a change to {module} kept the cached outputs"
    touch("validation/report.py")  # writes nothing a builder outputs
    assert "unchanged: html, index" in build_in_copy()


def test_another_version_of_a_rendering_library_makes_the_outputs_again(monkeypatch):
    from importlib import metadata

    from toolkit.builders import cache

    before = cache.code_digest("html", OPTIONS)
    real_version = metadata.version
    for library in ("saxonche", "lxml", "weasyprint"):
        monkeypatch.setattr(metadata, "version", lambda name, library=library: "0.0-other" if name == library else real_version(name))
        cache._installation_digest.cache_clear()
        assert cache.code_digest("html", OPTIONS) != before, library
    monkeypatch.setattr(metadata, "version", real_version)
    cache._installation_digest.cache_clear()
    assert cache.code_digest("html", OPTIONS) == before


def test_a_document_changed_to_its_old_size_and_time_is_made_again(corpus, tmp_path, rendered, monkeypatch):
    # Digests are kept with each file's stat; at once here, not only for files older than a moment.
    monkeypatch.setattr(fingerprints, "SETTLING_NS", 0)
    out = tmp_path / "build"
    build(corpus, out)
    (out / pipeline.STATE_FILE).unlink()  # so that the builders run again with the same options
    hashed: list[str] = []
    original = documents.included_bytes
    monkeypatch.setattr(documents, "included_bytes", lambda source, data: hashed.append(source.name) or original(source, data))
    rendered.clear()
    build(corpus, out)
    assert rendered == [] and hashed == []  # nothing changed: no document read again, none rendered

    # The same number of bytes, the old modification time put back: the change is still seen.
    text, status = corpus[1].read_text(encoding="utf-8"), corpus[1].stat()
    assert "<body>" in text
    corpus[1].write_text(text.replace("<body>", "<body >", 1)[:-1], encoding="utf-8")
    assert corpus[1].stat().st_size == status.st_size
    os.utime(corpus[1], ns=(status.st_atime_ns, status.st_mtime_ns))
    build(corpus, out)
    assert "beta.xml" in rendered and "beta.xml" in hashed
    build(corpus, tmp_path / "fresh")
    assert tree_bytes(tmp_path / "fresh") == tree_bytes(out)
