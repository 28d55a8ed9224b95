"""The time and memory budget of each document, for the commands that check documents.

From lowest to highest precedence: teikit's defaults, the project's ``teikit.toml``
(``[validation] document_seconds``, ``document_memory``), the ``TEIKIT_DOCUMENT_*``
variables, the command-line options.
"""

from __future__ import annotations

import click

from toolkit.limits import Limits, parse_named, shown_default


def document_budget_options(command):
    """``--document-seconds`` and ``--document-memory`` for a command."""
    command = click.option(
        "--document-memory", metavar="SIZE",
        help=f"Memory checking one document against its schemas may use (2G, 512M; 0: no limit). Default "
             f"{shown_default('document_memory')}, or teikit.toml's [validation] document_memory, "
             f"or TEIKIT_DOCUMENT_MEMORY.")(command)
    return click.option(
        "--document-seconds", metavar="SECONDS",
        help=f"CPU time checking one document against its schemas may take (90, 2m; 0: no limit). Default "
             f"{shown_default('document_seconds')}, or teikit.toml's [validation] document_seconds, "
             f"or TEIKIT_DOCUMENT_SECONDS.")(command)


def command_limits(project, seconds: str | None = None, memory: str | None = None) -> Limits:
    """The limits of this command for ``project`` (a ``Project`` or None) and the options given."""
    configured = dict(project.limits) if project is not None else None
    given = {name: parse_named(name, text, source=option)
             for name, option, text in (("document_seconds", "--document-seconds", seconds),
                                        ("document_memory", "--document-memory", memory)) if text is not None}
    return Limits.for_commands(configured=configured).replace(**given)
