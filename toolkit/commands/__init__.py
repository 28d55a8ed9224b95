"""The subcommands of ``teikit``, one module each.

A command's module is imported only when that command runs (or when help lists them all),
so that ``teikit validate`` does not load the builders.
"""

from __future__ import annotations

import importlib

# Each command: its module here, and the name of the click command in it.
NAMES = {"build": "build_command", "deposit": "deposit", "init": "init", "lsp": "lsp", "validate": "validate"}


def command(name: str):
    """The click command ``name`` (its module imported now), or None when there is none."""
    if name not in NAMES:
        return None
    return getattr(importlib.import_module(f"toolkit.commands.{name}"), NAMES[name])
