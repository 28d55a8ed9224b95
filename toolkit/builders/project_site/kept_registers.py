"""A project's registers kept in the build cache: read from their files once, then taken from
the cache while neither the register files nor the documents that keep entries of their own
have changed (a letters edition's registers of 20,000 entries take seconds to parse, and
milliseconds to read back)."""

from __future__ import annotations

from pathlib import Path

from toolkit.builders.cache import DocumentCache
from toolkit.project.registers import Registers

FACT = "registers"


def load(register_files: list[Path], documents: list[Path], cache: DocumentCache) -> Registers:
    """The registers of ``register_files`` and of the standOff/back of ``documents``."""
    sources = [Path(path) for path in [*register_files, *documents]]
    key = cache.key_of(sources)
    kept = cache.facts(key) or {}
    return Registers.kept_or_read(kept.get(FACT), key, register_files, documents,
                                  lambda data: cache.put(key, sources, {}, {FACT: data}))
