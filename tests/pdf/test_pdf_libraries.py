"""The typesetter's native libraries are found as ctypes finds them, without starting compilers:
``ctypes.util.find_library`` runs gcc and ld for every name the loader's cache lacks, and
WeasyPrint asks for many such names before the one that exists."""

from __future__ import annotations

import ctypes.util
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import required_program
from toolkit import native

STRACE = Path("/usr/bin/strace")


def test_libraries_are_found_where_ctypes_finds_them():
    names = ["c", "m", "pango-1.0", "pangoft2-1.0", "fontconfig", "harfbuzz", "gobject-2.0", "no-such-library-here"]
    expected = {name: ctypes.util.find_library(name) for name in names}
    with native.libraries_found_once():
        assert {name: ctypes.util.find_library(name) for name in names} == expected
    assert expected["pango-1.0"] and expected["no-such-library-here"] is None


def test_loading_the_typesetter_starts_no_compiler(tmp_path):
    required_program(STRACE, "make test installs Debian's strace")
    log = tmp_path / "programs.log"
    subprocess.run([str(STRACE), "-f", "-qq", "-e", "trace=execve", "-o", str(log), sys.executable, "-c",
                    "import os\nfrom toolkit.executors import _start_worker\n_start_worker(os.getppid())\n"
                    "from toolkit.builders import pdf\npdf.prepare()"], check=True)
    started = [Path(program).name for program in re.findall(r'execve\("([^"]+)"', log.read_text())]
    assert started[0].startswith("python") and started[1:] in ([], ["ldconfig"]), started
