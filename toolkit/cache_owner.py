"""What makes a build folder's cache this user's own: a secret kept in the user's cache folder,
part of every key under which a build keeps findings and outputs for the next one.

A build folder that comes from elsewhere (committed to a repository, sent with a pull request,
unpacked from an archive) holds no key this user's runs make. Its kept findings are never taken
for a check that passed, nor its kept pages for ones made here: everything in it is a miss, and
is checked and made again.
"""

from __future__ import annotations

import os
import secrets
from functools import cache

from toolkit import resources

SECRET_FILE = "build-cache-secret"
_LENGTH = 64  # hexadecimal digits


@cache
def owner_secret() -> str:
    """The user's secret, made on first use; where it cannot be kept, one for this process alone
    (its builds then reuse nothing from earlier runs)."""
    try:
        path = resources.cache_dir() / SECRET_FILE
    except OSError:
        return _new_secret()
    for _attempt in range(2):
        try:
            kept = path.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            kept = ""
        if _valid(kept):
            return kept
        if not _make(path):
            break
    return _new_secret()


def _make(path) -> bool:
    """Write a new secret in a file of the user's alone, made whole beside it and then linked in
    place (a command started at the same moment keeps the one linked first)."""
    made = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        descriptor = os.open(made, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(_new_secret())
        try:
            os.link(made, path)
        except FileExistsError:  # another command's, or a damaged one: a damaged one is replaced
            if not _valid(path.read_bytes().decode("ascii", "replace")):
                os.replace(made, path)
        return True
    except OSError:
        return False
    finally:
        try:
            os.unlink(made)
        except OSError:
            pass


def _new_secret() -> str:
    return secrets.token_hex(_LENGTH // 2)


def _valid(text: str) -> bool:
    return len(text) == _LENGTH and all(digit in "0123456789abcdef" for digit in text)
