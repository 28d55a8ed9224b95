"""A broken installation stops with a clear error: nothing unchecked is published.

Each test runs teikit in a child process whose import of one of its parts fails, as after a
partial install (``tests.process_hooks``, ``TEIKIT_TEST_BREAK``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import EDITION
from tests.process_hooks import REPOSITORY, Events, start
from tests.robustness.cli_support import assert_no_traceback


def run_broken(tmp_path, broken: str, *args: str, env: dict | None = None) -> tuple[int, str]:
    process = start(args, Events(tmp_path / "events"), broken=broken, env=env)
    _, err = process.communicate(timeout=300)
    return process.returncode, err


def edition_copy(tmp_path):
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copy(EDITION, folder / EDITION.name)
    return folder


def test_without_its_validation_a_build_stops_and_publishes_nothing(tmp_path):
    build = tmp_path / "build"
    code, err = run_broken(tmp_path, "toolkit.validation", "build", "html", "index", "-o", build,
                           env={"TEIKIT_EDITION": str(edition_copy(tmp_path))})
    assert code == 2, err
    assert_no_traceback(err)
    assert "toolkit.validation" in err and "incomplete" in err, err
    assert not (build / "html").exists() and not (build / "index").exists()


def test_the_pipeline_without_its_validation_raises_rather_than_publishing(tmp_path):
    # The library entry point, without the command line: the same refusal.
    build = tmp_path / "build"
    script = ("import sys; sys.meta_path.insert(0, __import__('tests.process_hooks', fromlist=['x'])._Hooks('', {'toolkit.validation'}));"
              "from toolkit import pipeline;"
              f"pipeline.build(['html'], {str(build)!r})")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPOSITORY, capture_output=True, text=True,
                            env={**__import__("os").environ, "TEIKIT_EDITION": str(edition_copy(tmp_path))}, timeout=300)
    assert result.returncode != 0
    assert "ModuleNotFoundError: No module named 'toolkit.validation'" in result.stderr, result.stderr
    assert not (build / "html").exists()


def test_without_its_schematron_validate_fails_instead_of_warning(tmp_path):
    code, err = run_broken(tmp_path, "toolkit.validation.schematron", "validate", EDITION)
    assert code == 2, err  # before: status 0, the rules skipped with a warning
    assert_no_traceback(err)
    assert "toolkit.validation.schematron" in err, err


def test_without_its_pdf_builder_a_full_build_fails_instead_of_leaving_the_book_out(tmp_path):
    build = tmp_path / "build"
    code, err = run_broken(tmp_path, "toolkit.builders.pdf", "build", "--all", "-o", build,
                           env={"TEIKIT_EDITION": str(edition_copy(tmp_path))})
    assert code == 2, err  # before: status 0, the web edition built and no PDF
    assert "toolkit.builders" in err and "pdf" in err, err
    assert not (build / "html").exists()


def test_without_weasyprint_the_pdf_build_says_so(tmp_path):
    build = tmp_path / "build"
    code, err = run_broken(tmp_path, "weasyprint", "build", "pdf", EDITION, "-o", build, "--date", "2020-02-02")
    assert code == 2, err
    assert_no_traceback(err)
    assert "weasyprint" in err, err
    assert not (build / "pdf").exists()
