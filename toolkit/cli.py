"""The ``teikit`` command line: a thin layer over the pipeline.

Exit status (``toolkit.exitcodes``): 0 success (documents valid), 1 findings (documents
invalid, build failed on content), 2 usage or I/O error, 130 interrupted.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import click

from toolkit import __version__, exitcodes
from toolkit.errors import TeikitError
from toolkit.project.choice import ProjectChoice
from toolkit.printable import printable

class _Commands(click.Group):
    """The subcommands, each imported when it is used (``toolkit.commands``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from toolkit.commands import NAMES

        return list(NAMES)

    def get_command(self, ctx: click.Context, name: str):
        from toolkit.commands import command

        return command(name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teikit")
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="The project folder (its teikit.toml); default: the current folder or the nearest above "
                   "it with a teikit.toml.")
@click.pass_context
def cli(context: click.Context, project_dir: Path | None) -> None:
    """Validate, publish and deposit TEI P5 digital editions.

    Run a command with --help for its options. Without paths, commands work on
    the project (teikit.toml; `teikit init` writes one), else on the edition in
    ./tei (or the TEIKIT_EDITION directory).
    """
    context.obj = ProjectChoice(project_dir)


def main(argv: list[str] | None = None) -> int:
    try:
        # The command's modules are imported in here: a Ctrl-C may well land during the imports.
        result = cli.main(args=argv, prog_name="teikit", standalone_mode=False)
    except TeikitError as error:
        click.secho(f"teikit: error: {printable(str(error))}", fg="red", err=True)
        if error.hint:
            click.echo(f"  hint: {printable(error.hint)}", err=True)
        return exitcodes.USAGE
    except ImportError as error:
        # A broken installation: stop, and never publish what could not be checked.
        click.secho(f"teikit: error: this installation is incomplete ({error}); the command stopped", fg="red", err=True)
        click.echo("  hint: reinstall teikit with its dependencies (pip install teikit, or make install)", err=True)
        return exitcodes.USAGE
    except (click.exceptions.Abort, KeyboardInterrupt):
        # Click turns Ctrl-C inside a command into Abort, after printing an empty line.
        click.echo("teikit: interrupted; finished outputs were kept, unfinished ones discarded", err=True)
        return exitcodes.INTERRUPTED
    except OSError as error:
        # An I/O error nothing else caught (a full disk while packing, say): one line, no traceback.
        where = f"{printable(os.fsdecode(error.filename))}: " if error.filename else ""
        click.secho(f"teikit: error: {where}{error.strerror or error}", fg="red", err=True)
        if error.errno == errno.ENOSPC:
            click.echo("  hint: no space left on the device; free some space or write elsewhere", err=True)
        return exitcodes.USAGE
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return exitcodes.USAGE
    return result if isinstance(result, int) else exitcodes.OK


if __name__ == "__main__":
    sys.exit(main())
