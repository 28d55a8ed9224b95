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
    kept = cache.facts(key)
    if kept is not None and isinstance(kept.get(FACT), dict):
        try:
            registers = Registers.from_data(kept[FACT])
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry is a miss
        else:
            registers.identity = key
            return registers
    registers = Registers.from_files(register_files, documents)
    if not registers.unreadable:  # an unreadable file is read (and reported) again next time
        cache.put(key, sources, {}, {FACT: registers.to_data()})
        registers.identity = key
    return registers
