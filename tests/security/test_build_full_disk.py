"""A full disk during a build or a deposit (repro F10): exit status 2, the path and "No space
left", no traceback; and a build that fails is published as one unit: every output as it was,
never a new html/ beside an old pdf/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import EDITION
from tests.security.repro_lab import Lab



@contextmanager
def small_disk(folder: Path, size: str):
    """A tmpfs of ``size`` mounted on ``folder`` (needs root, as the reproduction does)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"a small file system cannot be mounted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_the_reproduction_exits_2_and_keeps_the_previous_build(tmp_path):
    lab = Lab(tmp_path).with_project()
    result = lab.run("F10-enospc-traceback.sh")
    out = result.stdout
    if "mount:" in out and "first deposit" not in out:
        pytest.skip(f"a small file system cannot be mounted here: {out.strip()}")
    assert "Traceback" not in out, out
    assert "overwrite exit 2" in out and "rebuild exit 2" in out, out
    # The last line of the failed build's message (the deposit's says what to do as well).
    assert "hint: no space left on the device" in out and "the previous outputs were kept" in out, out
    assert 'html date now: Built <time datetime="2024-01-01"' in out, out


def teikit(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=600, env={**os.environ, "TEIKIT_EDITION": str(EDITION.parent)})


def dates(build: Path) -> set[str]:
    """The build dates the pages of ``build`` carry."""
    found = set()
    for page in (build / "html").rglob("*.html"):
        found.update(re.findall(r'Built <time datetime="(\d{4}-\d\d-\d\d)"', page.read_text(encoding="utf-8")))
    return found


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("first") / "build"
    first = teikit("build", "-o", build, "--date", "2024-01-01", cwd=build.parent)
    assert first.returncode == 0, first.stderr
    return build


@pytest.mark.parametrize("room_kib", [64, 512, 1024, 2600])
def test_a_full_disk_at_any_point_of_a_build_leaves_every_output_old_or_every_output_new(tmp_path, first_build,
                                                                                         room_kib):
    with small_disk(tmp_path / "disk", "24m") as disk:
        build = disk / "build"
        shutil.copytree(first_build, build)
        before = {path.relative_to(build): path.read_bytes() for path in build.rglob("*")
                  if path.is_file() and ".teikit" not in str(path)}
        # Fill the disk to leave ``room_kib`` free: the next build runs out part-way.
        stat = os.statvfs(disk)
        filler = (stat.f_bavail * stat.f_frsize) - room_kib * 1024
        with open(disk / f"filler-{uuid.uuid4().hex}", "wb") as handle:
            handle.truncate(0)
            handle.write(b"\0" * max(filler, 0))
        again = teikit("build", "--force", "-o", build, "--date", "2025-05-05", cwd=tmp_path)
        assert "Traceback" not in again.stderr
        if again.returncode != 0:
            assert again.returncode == 2, again.stderr
            assert "No space left on device" in again.stderr and str(disk) in again.stderr
            after = {path.relative_to(build): path.read_bytes() for path in build.rglob("*")
                     if path.is_file() and ".teikit" not in str(path)}
            assert after == before, "a failed build changed the published outputs"
        else:
            assert dates(build) == {"2025-05-05"}
            book = Path("pdf") / "serge-anarchism-russian-years.pdf"
            assert (build / book).read_bytes() != before[book], "a new web edition beside an old book"
        assert {path.name for path in disk.iterdir()} - {"build"} == {next(disk.glob("filler-*")).name}
        assert not [path for path in build.iterdir() if ".staging-" in path.name or path.name.endswith(".previous")]
