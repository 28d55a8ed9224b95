"""The subcommands of ``teikit``, one module each.

A command's module registers its command in ``COMMANDS`` when imported; it is imported
only when that command runs (or when help lists them all), so that ``teikit validate``
does not load the builders.
"""

from __future__ import annotations

import importlib

COMMANDS: list = []
NAMES = ("build", "deposit", "init", "lsp", "validate")  # each the name of its module here


def command(name: str):
    """The click command ``name`` (its module imported now), or None when there is none."""
    if name not in NAMES:
        return None
    importlib.import_module(f"toolkit.commands.{name}")
    return next(found for found in COMMANDS if found.name == name)
