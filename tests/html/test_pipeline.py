"""teikit build: validation first, whole outputs or none, a lock, incremental rebuilds, repeatable bytes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.html.html_site import EDITION, SAMPLE
from tests.process_hooks import Events
from tests.process_hooks import start as start_hooked
from toolkit import pipeline
from toolkit.atomic import output_lock
from toolkit.builders import BUILDERS
from toolkit.builders import html as html_builder
from toolkit.builders.options import BuildOptions
from toolkit.errors import TeikitError

REPOSITORY = Path(__file__).resolve().parents[2]


def teikit(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=REPOSITORY,
        env={**os.environ, **(env or {})}, timeout=300, **kwargs,
    )


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def edition_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    monkeypatch.setenv("TEIKIT_EDITION", str(folder))
    return folder


def test_builders_are_registered_in_build_order():
    # Every output, the PDF included: a builder never drops out of the registry quietly.
    assert list(BUILDERS) == ["html", "index", "pdf"]


def test_same_input_and_date_give_identical_bytes(tmp_path):
    source = EDITION if EDITION.is_file() else SAMPLE
    for run in ("first", "second"):
        result = teikit("build", "html", "index", str(source), "-o", str(tmp_path / run), "--date", "2026-03-04")
        assert result.returncode == 0, result.stderr
    first, second = tree_bytes(tmp_path / "first" / "html"), tree_bytes(tmp_path / "second" / "html")
    assert first == second and "index.html" in first
    assert tree_bytes(tmp_path / "first" / "index") == tree_bytes(tmp_path / "second" / "index")
    assert b"4 March 2026" in first["index.html"]


def test_an_invalid_edition_is_refused_unless_forced(tmp_path, edition_dir):
    text = SAMPLE.read_text(encoding="utf-8").replace('ref="#pers-engels"', 'ref="#pers-nobody"')
    (edition_dir / SAMPLE.name).write_text(text, encoding="utf-8")
    with pytest.raises(pipeline.EditionInvalid) as refused:
        pipeline.build(["html"], tmp_path / "build", options=BuildOptions(fixed_date="2026-01-01"))
    assert any("pers-nobody" in finding.message for finding in refused.value.findings)
    assert not (tmp_path / "build" / "html").exists()
    result = teikit("build", "html", "-o", str(tmp_path / "cli"), env={"TEIKIT_EDITION": str(edition_dir)})
    assert result.returncode == 1 and "pers-nobody" in result.stderr and "Traceback" not in result.stderr
    pipeline.build(["html"], tmp_path / "build", options=BuildOptions(fixed_date="2026-01-01"), force=True)
    assert (tmp_path / "build" / "html" / "index.html").is_file()


def test_edition_build_validates_then_builds_and_skips_what_is_unchanged(tmp_path, edition_dir):
    build = tmp_path / "build"
    options = BuildOptions(fixed_date="2026-01-01")
    first = pipeline.build(["html", "index"], build, options=options)
    assert set(first.built) == {"html", "index"} and not first.skipped
    state = json.loads((build / pipeline.STATE_FILE).read_text())
    for name in ("html", "index"):  # every file of each output, by its name in the build folder
        assert state[name]["outputs"] == sorted(path.relative_to(build).as_posix()
                                                for path in (build / name).rglob("*") if path.is_file())
    second = pipeline.build(["html", "index"], build, options=options)
    assert second.skipped == ["html", "index"] and not second.built
    changed = pipeline.build(["html", "index"], build, options=BuildOptions(fixed_date="2026-01-02"))
    assert set(changed.built) == {"html", "index"}
    source = edition_dir / SAMPLE.name
    source.write_text(source.read_text(encoding="utf-8").replace("I thank the readers.", "I thank every reader."), encoding="utf-8")
    after_edit = pipeline.build(["html", "index"], build, options=BuildOptions(fixed_date="2026-01-02"))
    assert set(after_edit.built) == {"html", "index"}
    assert "I thank every reader." in (build / "html" / "index.html").read_text(encoding="utf-8")
    (build / "html" / "persons.html").unlink()
    repaired = pipeline.build(["html"], build, options=BuildOptions(fixed_date="2026-01-02"))
    assert "html" in repaired.built and (build / "html" / "persons.html").is_file()
    forced = pipeline.build(["html"], build, options=BuildOptions(fixed_date="2026-01-02"), force=True)
    assert "html" in forced.built


def test_a_second_build_on_the_same_directory_is_told_to_wait(tmp_path, edition_dir):
    build = tmp_path / "build"
    with output_lock(build):
        with pytest.raises(TeikitError, match="another teikit build"):
            pipeline.build(["html"], build, options=BuildOptions())
        result = teikit("build", "html", "-o", str(build), env={"TEIKIT_EDITION": str(edition_dir)})
    assert result.returncode == 2 and "another teikit build" in result.stderr


# Where the build is killed: while the pages are made, while the new web edition is written
# beside the old one (after its first page), and just before the two are exchanged.
KILLED_IN = ("toolkit.xslt:SealedSaxon.transform#2", "toolkit.builders.output:write_bytes#2",
             "toolkit.builders.output:_replace")


def test_a_killed_build_leaves_the_previous_build_whole(tmp_path):
    source = EDITION if EDITION.is_file() else SAMPLE
    build = tmp_path / "build"
    assert teikit("build", "html", str(source), "-o", str(build), "--date", "2001-01-01").returncode == 0
    previous = tree_bytes(build / "html")
    for attempt, phase in enumerate(KILLED_IN):
        events = Events(tmp_path / f"events-{attempt}")
        process = start_hooked(["build", "html", source, "-o", build, "--date", "2002-02-02"], events, hold=phase)
        events.wait_for(f"entered {phase}", process)
        if "write_bytes" in phase:  # killed with the new edition half-written beside the old one
            assert [path for path in build.glob(".html.staging-*/**/*") if path.is_file()]
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert tree_bytes(build / "html") == previous
    # the next build cleans up whatever a killed one left beside the output
    assert teikit("build", "html", str(source), "-o", str(build), "--date", "2003-03-03").returncode == 0
    assert not list(build.glob(".html.*"))
    assert b"3 March 2003" in (build / "html" / "index.html").read_bytes()


def test_each_document_is_read_and_collated_once_per_build(tmp_path, monkeypatch):
    from toolkit.builders import documents

    corpus = []
    for name in ("alpha", "beta"):
        corpus.append(tmp_path / f"{name}.xml")
        shutil.copy(SAMPLE, corpus[-1])
    prepared, collated = [], []
    real_prepare, real_order = documents._prepare, documents.collation_order
    monkeypatch.setattr(documents, "_prepare",
                        lambda source, data, saxon: prepared.append(source.name) or real_prepare(source, data, saxon))
    monkeypatch.setattr(documents, "collation_order", lambda node, saxon: collated.append(node) or real_order(node, saxon))
    pipeline.build(["html", "index"], tmp_path / "build", options=BuildOptions(fixed_date="2026-01-01"),
                   sources=corpus, validate_first=False)
    assert sorted(prepared) == ["alpha.xml", "beta.xml"]  # both builders used them
    assert len(collated) == 2
    assert (tmp_path / "build" / "index" / "alpha" / "persons.json").is_file()
    assert (tmp_path / "build" / "html" / "beta" / "index.html").is_file()


def test_saxon_parses_each_document_once_for_the_web_edition_its_index_data_and_the_book(tmp_path, monkeypatch):
    from toolkit.xslt import SealedSaxon

    sources = [tmp_path / "sample.xml", tmp_path / "small.xml"]
    shutil.copy(SAMPLE, sources[0])
    shutil.copy(REPOSITORY / "tests" / "cases" / "pdf" / "small-edition.xml", sources[1])
    # Every parse, in this process and in any forked from it (the book is typeset in a worker):
    # which process, and which document (its text as Saxon is handed it).
    parses = tmp_path / "parses.txt"
    real_parse = SealedSaxon.parse

    def counted(self, xml_text):
        with parses.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {hashlib.sha256(xml_text.encode('utf-8')).hexdigest()}\n")
        return real_parse(self, xml_text)

    monkeypatch.setattr(SealedSaxon, "parse", counted)
    pipeline.build(["html", "index", "pdf"], tmp_path / "build", options=BuildOptions(fixed_date="2026-01-01"),
                   sources=sources, validate_first=False)
    texts = {hashlib.sha256(source.read_bytes()).hexdigest(): source.name for source in sources}  # UTF-8, no DOCTYPE
    counts = Counter((pid, texts.get(digest, "something else")) for pid, digest in
                     (line.split() for line in parses.read_text(encoding="utf-8").splitlines()))
    assert counts == {(str(os.getpid()), "sample.xml"): 1, (str(os.getpid()), "small.xml"): 1}
    for name in ("sample", "small"):  # and every builder made its outputs of both
        assert (tmp_path / "build" / "html" / name / "index.html").is_file()
        assert (tmp_path / "build" / "index" / name / "persons.json").is_file()
        assert (tmp_path / "build" / "pdf" / f"{name}.pdf").read_bytes().startswith(b"%PDF-")


def test_unknown_targets_and_missing_files_get_a_clear_message(tmp_path):
    result = teikit("build", "nonsense", "-o", str(tmp_path))
    assert result.returncode == 2 and "not a build target nor a file" in result.stderr
    assert "Traceback" not in result.stderr
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", encoding="utf-8")
    result = teikit("build", "html", str(bad), str(SAMPLE), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "bad.xml:1" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "out" / "html" / "sample-edition" / "index.html").is_file()


def test_names_and_links_from_the_document_stay_inside_the_output(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "I thank the readers.",
        'I thank <ref target="javascript:alert(1)">the readers</ref> and <ref target="../../../etc/passwd">others</ref>.',
    ).replace('<idno type="wikidata">Q9061</idno>', '<idno type="wikidata">javascript:alert(1)</idno>')
    source = tmp_path / "Mémoire des ../ lecteurs.xml".replace("/", "")
    source.write_text(text, encoding="utf-8")
    build = tmp_path / "build"
    written = html_builder.build([source], build, options=BuildOptions(fixed_date="2026-01-01"))
    assert all(build / "html" in path.parents for path in written)
    [copy] = (build / "html" / "tei").iterdir()
    assert copy.name == "Mémoire-des-..-lecteurs.xml.txt" and copy.read_bytes() == source.read_bytes()
    pages = (build / "html" / "index.html").read_text(encoding="utf-8") + (build / "html" / "persons.html").read_text(encoding="utf-8")
    assert "javascript:" not in pages and "etc/passwd" not in pages
    assert "the readers" in pages


def test_the_build_date_comes_from_the_option_then_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert BuildOptions().build_date() == "2023-11-14"
    assert BuildOptions(fixed_date="2026-05-06").build_date() == "2026-05-06"
    with pytest.raises(TeikitError, match="not a date"):
        BuildOptions(fixed_date="6 May 2026")
