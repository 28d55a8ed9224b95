"""What one document, schema or archive may cost: every limit in one place.

Each limit has a default, an environment variable that replaces it for every
command, and may be replaced again per run (``Limits.current().replace(...)``,
which is what command-line options do). The document budget of teikit's commands
may also be set by a project's ``teikit.toml`` (``[validation]``), between the
defaults and the variables (``Limits.for_commands``). Sizes are bytes and accept the suffixes
K, M, G (powers of 1024); durations are seconds and accept s, m, h; ``0`` or
``none`` means unlimited.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass

from toolkit.errors import TeikitError

KIB, MIB, GIB = 1024, 1024**2, 1024**3
UNLIMITED = 0


@dataclass(frozen=True)
class Limit:
    name: str
    variable: str
    kind: str  # "bytes", "seconds" or "count"
    default: float
    meaning: str


LIMITS = (
    Limit("document_seconds", "TEIKIT_DOCUMENT_SECONDS", "seconds", 120,
          "CPU time one document's schema checks (RELAX NG, XSD, Schematron) may take"),
    Limit("document_memory", "TEIKIT_DOCUMENT_MEMORY", "bytes", 4 * GIB,
          "memory the process checking one document against its schemas may use"),
    Limit("xml_bytes", "TEIKIT_XML_BYTES", "bytes", 512 * MIB,
          "size of one XML file that is read at all"),
    Limit("include_depth", "TEIKIT_INCLUDE_DEPTH", "count", 32,
          "nesting of schema includes (Schematron include/extends, RELAX NG include/externalRef)"),
    Limit("next_catalogs", "TEIKIT_NEXT_CATALOGS", "count", 20,
          "catalog files one catalog chain may consult (nextCatalog, delegate entries)"),
    Limit("verify_bytes", "TEIKIT_VERIFY_BYTES", "bytes", 4 * GIB,
          "bytes `deposit --verify` reads from one bag, counted from the sizes its files declare"),
    Limit("verify_files", "TEIKIT_VERIFY_FILES", "count", 100_000,
          "files and folders one bag, zip or tar may hold for `deposit --verify`"),
    Limit("verify_ratio", "TEIKIT_VERIFY_RATIO", "count", 100,
          "how many times its own size a zip or tar may declare its contents to be"),
    Limit("tag_file_bytes", "TEIKIT_TAG_FILE_BYTES", "bytes", 64 * MIB,
          "size of one tag file of a bag (bagit.txt, bag-info.txt, a manifest)"),
)

_UNITS = {
    "bytes": {"": 1, "b": 1, "k": KIB, "kb": KIB, "kib": KIB, "m": MIB, "mb": MIB, "mib": MIB,
              "g": GIB, "gb": GIB, "gib": GIB},
    "seconds": {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600},
    "count": {"": 1},
}
_VALUE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")


@dataclass(frozen=True)
class Limits:
    """One set of limits; ``0`` means unlimited."""

    # The document budget applies to teikit's commands (``for_commands``); called as a library,
    # validation runs without one unless it is asked for (these, or the variables).
    document_seconds: float = 0
    document_memory: int = 0
    xml_bytes: int = LIMITS[2].default
    include_depth: int = LIMITS[3].default
    next_catalogs: int = LIMITS[4].default
    verify_bytes: int = LIMITS[5].default
    verify_files: int = LIMITS[6].default
    verify_ratio: int = LIMITS[7].default
    tag_file_bytes: int = LIMITS[8].default

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults, with every ``TEIKIT_*`` variable that is set applied (bad values are usage errors)."""
        environ = os.environ if environ is None else environ
        values = {}
        for limit in LIMITS:
            text = environ.get(limit.variable)
            if text is not None and text.strip():
                values[limit.name] = parse(limit, text, source=limit.variable)
        return cls(**values)

    @classmethod
    def for_commands(cls, environ: dict[str, str] | None = None, configured: dict[str, float] | None = None) -> Limits:
        """The limits of a ``teikit`` command: every default (the document budget too), then the
        ``configured`` values (a project's teikit.toml), then the variables."""
        environ = os.environ if environ is None else environ
        budget = {name: _BY_NAME[name].default for name in COMMAND_BUDGET}
        budget.update(configured or {})
        unset = {name: value for name, value in budget.items() if not environ.get(_BY_NAME[name].variable, "").strip()}
        return dataclasses.replace(cls.from_environment(environ), **unset)

    @classmethod
    def current(cls) -> Limits:
        """The limits in force: those set by ``use`` in this process, else the environment's."""
        return _CURRENT if _CURRENT is not None else cls.from_environment()

    def replace(self, **values) -> Limits:
        """These limits with some replaced; values may be numbers or text such as ``"2G"``, ``"30s"``."""
        parsed = {}
        for name, value in values.items():
            if value is None:
                continue
            limit = _BY_NAME[name]
            parsed[name] = parse(limit, value, source=name) if isinstance(value, str) else value
        return dataclasses.replace(self, **parsed)

    def describe(self) -> list[str]:
        """One line per limit: what it bounds, its value and how to change it (for help texts)."""
        return [f"{limit.variable}={_shown(limit, getattr(self, limit.name))}: {limit.meaning}" for limit in LIMITS]


_BY_NAME = {limit.name: limit for limit in LIMITS}
# The limits teikit's commands apply by default, and a project's teikit.toml may set ([validation]).
COMMAND_BUDGET = ("document_seconds", "document_memory")
_CURRENT: Limits | None = None


def use(limits: Limits | None) -> None:
    """Make ``limits`` those of this process (and of the workers it forks); None returns to the environment's."""
    global _CURRENT
    _CURRENT = limits


def shown_default(name: str) -> str:
    """The default of the limit called ``name`` as help texts show it ("4G", "120s")."""
    limit = _BY_NAME[name]
    return _shown(limit, limit.default)


def parse_named(name: str, text: str, *, source: str) -> float | int:
    """``parse`` for the limit called ``name`` (``document_seconds``...)."""
    return parse(_BY_NAME[name], text, source=source)


def parse(limit: Limit, text: str, *, source: str) -> float | int:
    """The value of ``text`` for ``limit``; a TeikitError (usage) naming ``source`` when it is not one."""
    if text.strip().lower() in ("none", "unlimited"):
        return UNLIMITED
    found = _VALUE.match(text)
    factor = _UNITS[limit.kind].get(found.group(2).lower()) if found else None
    if factor is None:
        units = ", ".join(sorted(unit for unit in _UNITS[limit.kind] if unit)) or "none"
        raise TeikitError(f"{source}={text!r} is not a valid {limit.kind} value",
                          hint=f"give a number (units: {units}), or 0 for no limit")
    value = float(found.group(1)) * factor
    return value if limit.kind == "seconds" else int(value)


def _shown(limit: Limit, value: float) -> str:
    if not value:
        return "0 (no limit)"
    if limit.kind == "bytes":
        for unit, size in (("G", GIB), ("M", MIB), ("K", KIB)):
            if value >= size and value % size == 0:
                return f"{int(value // size)}{unit}"
        return str(int(value))
    if limit.kind == "seconds":
        return f"{value:g}s"
    return str(int(value))

