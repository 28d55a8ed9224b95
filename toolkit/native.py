"""Native libraries, found without starting compilers.

``ctypes.util.find_library`` runs ``ldconfig -p`` for every name it is asked, then gcc and ld for a
name the loader's cache lacks; WeasyPrint asks it for a dozen names that are not there before the
one that is, so loading it started some 200 processes. Here the C library is the one this process
already runs on, and other names are looked up in one reading of the loader's cache.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache


def libc() -> ctypes.CDLL:
    """The C library's functions, from this process's own symbols (no search: it is loaded)."""
    return ctypes.CDLL(None, use_errno=True)


@contextmanager
def libraries_found_once() -> Iterator[None]:
    """``ctypes.util.find_library`` answered from one reading of the loader's cache for the block
    (on Linux; elsewhere it is left as it is)."""
    cache = _loader_cache()
    if cache is None:
        yield
        return
    real = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        pattern = re.compile(rf"lib{re.escape(name)}\.\S+")
        found = next((soname for soname in cache if pattern.fullmatch(soname)), None)
        if found is None and os.environ.get("LD_LIBRARY_PATH"):
            return real(name)  # a library outside the cache, where ctypes also looks
        return found

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = real


@lru_cache(maxsize=1)
def _loader_cache() -> list[str] | None:
    """The sonames ``ldconfig -p`` lists for this process's kind of binary, in its order (None
    when there is no ldconfig to ask)."""
    if not sys.platform.startswith("linux"):
        return None
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        if os.path.isfile(ldconfig):
            break
    else:
        return None
    try:
        listed = subprocess.run([ldconfig, "-p"], capture_output=True, check=True,
                                env={**os.environ, "LC_ALL": "C", "LANG": "C"}).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return None
    # As ctypes tells a 64-bit library from a 32-bit one of the same name.
    bits = "64" if sys.maxsize > 2**32 else "32"
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(f"{os.uname().machine}-{bits}", "libc6")
    return re.findall(rf"^\s+(\S+)\s+\({re.escape(abi)}", listed, re.MULTILINE)
