"""``teikit lsp``: the language server editors start to show teikit's findings as you type."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit import exitcodes
from toolkit.lsp.debounce import DEFAULT_DELAY


@click.command("lsp")
@click.option("--schema", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Validate every document against this RELAX NG (.rng) or XML Schema (.xsd).")
@click.option("--schematron", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Check every document against these ISO Schematron rules (.sch).")
@click.option("--catalog", type=click.Path(path_type=Path, dir_okay=False),
              help="OASIS XML catalog mapping schema URLs to local files (also $TEIKIT_CATALOG).")
@click.option("--delay", type=click.FloatRange(min=0), default=DEFAULT_DELAY, show_default=True,
              help="Seconds without a change before a document is checked again.")
def lsp(schema, schematron, catalog, delay) -> int:
    """Language server for editors, over stdin/stdout (Language Server Protocol).

    Publishes teikit's findings (well-formedness, RELAX NG, XML Schema,
    Schematron) as diagnostics while you type, and completes element and
    attribute names from the document's RELAX NG schema. Editors start it
    themselves: see the README for VS Code, Neovim and Emacs.
    """
    from toolkit.lsp.server import serve

    serve(schema=schema, schematron=schematron, catalog=catalog, delay=delay)
    return exitcodes.OK
