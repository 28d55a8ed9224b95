"""Validation on a Dask cluster (a LocalCluster on loopback) gives the findings of a local run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import required
from toolkit.cli import main
from toolkit.validation.distributed import validate_on_cluster

REPOSITORY = Path(__file__).resolve().parents[1]
CASES = [REPOSITORY / "tests" / "cases" / "edition" / "schematron", REPOSITORY / "tests" / "cases" / "xml" / "wellformedness"]
DASK = "make test installs it (pip install -e '.[test,dask]')"
OPTIONS = dict(schema=REPOSITORY / "schemas" / "edition.rng", schematron=REPOSITORY / "schemas" / "edition.sch")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    distributed = required("distributed", DASK)
    # The workers are started before any test's own settings: they get the tests' cache here,
    # never the user's (where another version of teikit may have left entries).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TEIKIT_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None, silence_logs=50) as local:
            yield local


def comparable(findings):
    return sorted(findings, key=lambda f: (f[0], f[1] or 0, f[2] or 0, f[4], f[5]))


def test_cluster_findings_equal_local_findings(cluster):
    # The local run is a fresh process running the same library call, so nothing earlier
    # tests left in this process can make the two differ.
    script = ("import json, sys; from pathlib import Path; from toolkit.validation import validate; "
              "report = validate([Path(p) for p in sys.argv[3:]], jobs=1, schema=Path(sys.argv[1]), schematron=Path(sys.argv[2])); "
              "print(json.dumps([(f.file, f.line, f.column, f.severity.value, f.code, f.message) for f in report.findings]))")
    run = subprocess.run([sys.executable, "-c", script, OPTIONS["schema"], OPTIONS["schematron"], *CASES],
                         capture_output=True, text=True, check=True, cwd=REPOSITORY, timeout=600)
    local = [tuple(finding) for finding in json.loads(run.stdout)]
    remote = validate_on_cluster(CASES, cluster.scheduler_address, **OPTIONS)
    assert comparable([(f.file, f.line, f.column, f.severity.value, f.code, f.message) for f in remote.findings]) \
        == comparable(local)
    assert len({f[0] for f in local}) > 20  # the comparison covers many failing documents


def test_command_line_runs_on_the_cluster(cluster, capsys):
    code = main(["validate", "--executor", "dask", "--scheduler", cluster.scheduler_address,
                 "--schema", str(OPTIONS["schema"]), "--schematron", str(OPTIONS["schematron"]),
                 "--format", "json", str(CASES[0])])
    assert code == 1
    assert '"code"' in capsys.readouterr().out


def test_unreachable_scheduler_is_a_clear_usage_error(capsys):
    required("distributed", DASK)
    code = main(["validate", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9", str(CASES[1])])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


CORPUS_FILES = ["tei-simple/tests/testsimple2.xml", "gerdracor/tei/leisewitz-die-pfandung.xml",
                "perseus-latin/data/phi0692/phi006/phi0692.phi006.perseus-lat1.xml"]


def test_web_pages_rendered_on_the_cluster_equal_local_ones(cluster, tmp_path, monkeypatch):
    from tests.conftest import CORPUS
    from toolkit.builders import html as html_builder

    sources = [str(CORPUS / name) for name in CORPUS_FILES]
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["build", "html", "--date", "2026-01-31", "-o", str(local), *sources]) == 0

    def not_here(*_args):
        raise AssertionError("a page was rendered in this process, not on the cluster")

    # The cluster's workers are processes of their own: this patch reaches only this process.
    monkeypatch.setattr(html_builder, "render_site", not_here)
    assert main(["build", "html", "--date", "2026-01-31", "-o", str(remote),
                 "--scheduler", cluster.scheduler_address, *sources]) == 0

    def pages(root):
        return {path.relative_to(root): path.read_bytes() for path in (root / "html").rglob("*") if path.is_file()}

    built = pages(local)
    assert len([name for name in built if name.suffix == ".html"]) > 3 * 3
    assert pages(remote) == built


def test_build_with_an_unreachable_scheduler_is_a_clear_usage_error(tmp_path, capsys):
    required("distributed", DASK)
    from tests.conftest import CORPUS

    code = main(["build", "html", "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9",
                 str(CORPUS / CORPUS_FILES[0])])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
    assert not (tmp_path / "html").exists()


def test_books_typeset_on_the_cluster_equal_local_ones(cluster, tmp_path):
    import shutil

    small = REPOSITORY / "tests" / "cases" / "pdf" / "small-edition.xml"
    sources = []
    for name in ("first.xml", "second.xml"):
        shutil.copy(small, tmp_path / name)
        sources.append(str(tmp_path / name))
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["build", "pdf", "--date", "2026-01-31", "-o", str(local), *sources]) == 0
    assert main(["build", "pdf", "--date", "2026-01-31", "-o", str(remote),
                 "--scheduler", cluster.scheduler_address, *sources]) == 0

    def books(root):
        return {path.name: path.read_bytes() for path in (root / "pdf").iterdir()}

    built = books(local)
    assert {"first.pdf", "second.pdf"} <= set(built)
    assert books(remote) == built
    import distributed

    with distributed.Client(cluster.scheduler_address) as client:
        prefixes = client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes))
    assert "typeset_book" in prefixes, "the books were typeset on the cluster"
