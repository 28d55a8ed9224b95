"""teikit build with the PDF made in a worker process while the rest is validated and built."""

from __future__ import annotations

import multiprocessing
import os
import pickle

import pytest

from tests.html.html_site import SAMPLE
from tests.html.test_pipeline import edition_dir
from tests.process_hooks import note_processes
from toolkit import pipeline
from toolkit.builders import BACKGROUND, BUILDERS
from toolkit.builders.html import BuildFailed
from toolkit.builders.options import BuildOptions
from toolkit.errors import Finding, TeikitError

FIXTURES = (edition_dir,)  # pytest finds fixtures among the module's names


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)  # a worker even on a one-core machine


def test_errors_cross_from_a_worker_whole():
    finding = Finding(file="a.xml", line=3, code="build.transform", message="broken", hint="fix it")
    for error in (BuildFailed([finding]), pipeline.EditionInvalid([finding]), TeikitError("no", hint="yes")):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error) and again.hint == error.hint
        assert getattr(again, "findings", None) == getattr(error, "findings", None)


def test_the_worker_pdf_is_the_pdf_built_in_this_process(tmp_path, edition_dir, monkeypatch):
    from toolkit.builders import pdf

    # Each process that typesets says so (the worker is forked from this one, patch included).
    typesetters = tmp_path / "typesetters"
    typesetters.write_text("")
    note_processes(monkeypatch, pdf, "typeset", typesetters)
    options = BuildOptions(fixed_date="2026-02-03")
    result = pipeline.build(None, tmp_path / "both", options=options)
    assert set(result.built) == set(BUILDERS)
    in_worker = typesetters.read_text().split()
    assert len(in_worker) == 1 and int(in_worker[0]) != os.getpid(), "the book was typeset in the worker"
    BUILDERS["pdf"]([edition_dir / SAMPLE.name], tmp_path / "alone", options=options)
    assert typesetters.read_text().split()[1:] == [str(os.getpid())]
    built = sorted(path.name for path in (tmp_path / "both" / "pdf").iterdir())
    assert built == sorted(path.name for path in (tmp_path / "alone" / "pdf").iterdir())
    for name in built:
        assert (tmp_path / "both" / "pdf" / name).read_bytes() == (tmp_path / "alone" / "pdf" / name).read_bytes(), name
    assert not multiprocessing.active_children()


def test_an_invalid_edition_publishes_no_pdf_and_stops_the_worker(tmp_path, edition_dir):
    text = SAMPLE.read_text(encoding="utf-8").replace('ref="#pers-engels"', 'ref="#pers-nobody"')
    (edition_dir / SAMPLE.name).write_text(text, encoding="utf-8")
    with pytest.raises(pipeline.EditionInvalid):
        pipeline.build(None, tmp_path / "build", options=BuildOptions(fixed_date="2026-01-01"))
    assert not (tmp_path / "build" / "pdf").exists()
    assert not (tmp_path / "build" / "html").exists()
    assert not multiprocessing.active_children()


def test_a_pdf_that_fails_in_the_worker_reports_its_findings_and_the_rest_is_built(tmp_path, edition_dir, monkeypatch):
    finding = Finding(file=str(edition_dir / SAMPLE.name), code="build.transform", message="the typesetter fell over")

    def failing_render(composed):
        raise BuildFailed([finding])

    monkeypatch.setitem(BACKGROUND, "pdf", BACKGROUND["pdf"]._replace(render=failing_render))  # the forked worker inherits it
    with pytest.raises(BuildFailed) as failed:
        pipeline.build(None, tmp_path / "build", options=BuildOptions(fixed_date="2026-01-01"))
    assert failed.value.findings == [finding]
    assert (tmp_path / "build" / "html" / "index.html").is_file()
    assert not (tmp_path / "build" / "pdf").exists()
    assert not multiprocessing.active_children()


def test_a_worker_that_dies_is_reported_instead_of_waited_for(tmp_path, edition_dir, monkeypatch):
    import os
    import signal

    from toolkit.executors import WorkerStopped

    def killed(job):
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setitem(BACKGROUND, "pdf", BACKGROUND["pdf"]._replace(render=killed))
    with pytest.raises(WorkerStopped, match="exit code -9"):
        pipeline.build(None, tmp_path / "build", options=BuildOptions(fixed_date="2026-01-01"))
    assert not (tmp_path / "build" / "pdf").exists()
    assert not multiprocessing.active_children()
