"""An installed wheel finds its schemas and stylesheets without the source checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import EDITION

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_validates_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    # --no-isolation: build with the hatchling already installed here instead of downloading it.
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPOSITORY)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = dist.glob("teikit-*.whl")

    venv = tmp_path / "venv"
    # Without a pip of its own (putting one in took two thirds of the test's time): this
    # environment's pip installs into it.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--quiet",
                    str(wheel)], check=True, timeout=300)
    # The dependencies (lxml, saxonche, ...) come from this environment through a .pth line; the
    # editable install of the checkout does not come along (.pth files are not read recursively).
    site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    (work / "tei").mkdir(parents=True)
    shutil.copy(EDITION, work / "tei" / EDITION.name)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TEIKIT_EDITION", "PYTHONPATH"))}
    env["TEIKIT_CACHE"] = str(tmp_path / "cache")

    where = subprocess.run([str(python), "-c", "import toolkit, toolkit.resources as r; "
                            "print(toolkit.__file__); print(r.data_dir('schemas')); print(r.data_dir('xslt'))"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    package, schemas, xslt = where.stdout.split()
    assert Path(package).is_relative_to(venv) and not Path(package).is_relative_to(REPOSITORY)
    assert Path(schemas) == Path(package).parent / "_data" / "schemas"
    assert (Path(schemas) / "edition.rng").is_file() and (Path(xslt) / "schematron").is_dir()

    installed = subprocess.run([str(venv / "bin" / "teikit"), "validate", "--no-progress", "--format", "json"],
                               cwd=work, env=env, capture_output=True, text=True, timeout=300)
    checkout = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--no-progress", "--format", "json"],
                              cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert installed.returncode in (0, 1), installed.stderr
    assert installed.stdout == checkout.stdout
    assert '"sch.unavailable"' not in installed.stdout and "tei/" + EDITION.name in installed.stdout
