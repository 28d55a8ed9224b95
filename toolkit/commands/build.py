"""``teikit build``: validate the edition, then write the web edition, index data and PDF."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

from toolkit import exitcodes
from toolkit.builders import BUILDERS, project_site
from toolkit.builders.options import BuildOptions
from toolkit.builders.pdf import default_book_faces, stylesheet_defaults
from toolkit.commands.document_budget import command_limits, document_budget_options
from toolkit.errors import Severity, TeikitError
from toolkit.project.choice import current_project
from toolkit.project.config import DEFAULT_PAPER
from toolkit.printable import printable


@click.command("build")
@click.argument("targets", nargs=-1)
@click.option("--all", "build_all", is_flag=True, help="Build every output (the default when no target is named).")
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Output directory.")
@click.option("--date", "fixed_date", metavar="YYYY-MM-DD",
              help="Date the outputs carry, for repeatable builds (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--force", is_flag=True, help="Make every output again (no reuse), and build even if validation fails.")
@click.option("--paper", default=DEFAULT_PAPER, show_default=True, help="PDF page size: A5, A4, B5 or letter.")
@click.option("--font", "fonts", multiple=True, metavar="FAMILY",
              help=f"PDF font family (repeat for fallbacks; default {', then '.join(default_book_faces())}).")
@click.option("--font-size", metavar="SIZE", help="PDF body text size, a CSS length such as 10.5pt.")
@click.option("--leading", type=float, metavar="RATIO",
              help=f"PDF line height as a ratio of the font size ({stylesheet_defaults().get('--tk-leading', '').strip()}).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Render the web pages and typeset the books of TEI files on the Dask cluster at ADDRESS "
                   "(tcp://host:8786); workers must see the files at the same paths.")
@click.option("--rendering", "rendering_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A TOML file changing the rendering: interface language and words, element behaviours, "
                   "a project XSLT and CSS (see the README).")
@document_budget_options
def build_command(targets: tuple[str, ...], build_all: bool, output: Path, fixed_date: str | None, force: bool,
                  paper: str, fonts: tuple[str, ...], font_size: str | None, leading: float | None,
                  scheduler: str | None, rendering_file: Path | None, document_seconds: str | None,
                  document_memory: str | None) -> int:
    """Build the edition's outputs into OUTPUT (html/, index/, pdf/).

    TARGETS are builder names (html, index, pdf) and/or TEI files. Without files the
    project (teikit.toml, from --project or the current folder up; else the edition in
    ./tei) is validated (each document within its time and memory budget: a document over
    it is invalid) and its outputs are refused if it is invalid; a project of many
    documents is validated while its outputs are made, and they are published only once
    it has passed. TEI files named here are built as they are (read safely, not validated
    against the edition's schemas).

    Builds are incremental: an output whose inputs have not changed is skipped, and each
    document unchanged since the last build is reused (OUTPUT/.teikit-cache), so editing
    one file of a corpus remakes that file only. --force makes everything again.
    """
    from toolkit import pipeline
    from toolkit.builders.html import BuildFailed

    names = [target for target in targets if target in BUILDERS]
    files = [Path(target) for target in targets if target not in BUILDERS]
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise click.UsageError(
            f"not a build target nor a file: {', '.join(missing)} (targets: {', '.join(BUILDERS)}, --all)"
        )
    if build_all or not names:
        names = [] if not files else (names or ["html", "index"])
    options = BuildOptions(fixed_date=fixed_date, paper=paper, fonts=fonts, font_size=font_size, leading=leading,
                           scheduler=scheduler)
    given_rendering = None
    if rendering_file is not None:
        from toolkit.builders.rendering import read_rendering_file

        given_rendering = read_rendering_file(rendering_file)
    project = None if files else current_project()
    if given_rendering is not None or (project is not None and project.rendering):
        from toolkit.builders.rendering import combined

        options.extra["rendering"] = combined(project.rendering if project else None, given_rendering)
    if project is not None:
        # Its documents, validated first as `teikit validate` does; the output folder and print
        # options of its teikit.toml where the command line gave none.
        files = project.documents()
        if not files:
            raise TeikitError(f"the project in {project.root} has no TEI documents",
                              hint="check the include globs of [documents] in its teikit.toml")
        options = _project_print_options(project, options)
        if click.get_current_context().get_parameter_source("output") is ParameterSource.DEFAULT:
            output = project.output_dir
    say = lambda line: click.echo(line, err=True)  # noqa: E731
    limits = command_limits(project, document_seconds, document_memory)
    try:
        if project is not None and project_site.is_collection(project):
            # A project of many documents (one document with its registers inside is built as
            # the edition is): its web edition by default, its print edition one book.
            result = pipeline.build_project(project, pipeline.project_targets(project, names or
                                                                              (list(BUILDERS) if build_all else [])),
                                            output, options=options, force=force, progress=say, limits=limits)
        else:
            result = pipeline.build(
                names or None, output, options=options, sources=files or None,
                validate_first=not files or project is not None, force=force, progress=say, project=project,
                limits=limits,
            )
    except pipeline.EditionInvalid as error:
        _show([finding for finding in error.findings if finding.severity == Severity.ERROR][:50])
        click.secho(f"teikit: {error}", fg="red", err=True)
        click.echo(f"  hint: {error.hint}", err=True)
        return exitcodes.INVALID
    except BuildFailed as error:
        _show(error.findings)
        click.secho(f"teikit: {error}", fg="red", err=True)
        return exitcodes.INVALID
    warnings = [finding for finding in result.findings if finding.severity != Severity.ERROR]
    _show(warnings[:20])
    total = sum(len(paths) for paths in result.built.values())
    click.echo(f"built {', '.join(result.built) or 'nothing'} ({total} files) in {output}"
               + (f"; unchanged: {', '.join(result.skipped)}" if result.skipped else ""))
    return exitcodes.OK


def _project_print_options(project, options: BuildOptions) -> BuildOptions:
    """The print options of the project's teikit.toml, where the command line gave none."""
    from dataclasses import replace

    pdf = project.outputs.pdf if project.outputs else None
    if pdf is None:
        return options
    context = click.get_current_context()
    given = {name: context.get_parameter_source(name) is not ParameterSource.DEFAULT
             for name in ("paper", "fonts", "font_size", "leading")}
    return replace(options,
                   paper=options.paper if given["paper"] else pdf.paper,
                   fonts=options.fonts if given["fonts"] else pdf.fonts,
                   font_size=options.font_size if given["font_size"] else pdf.font_size,
                   leading=options.leading if given["leading"] else pdf.leading)


def _show(findings) -> None:
    for finding in findings:
        click.echo(str(finding), err=True)
        if finding.hint:
            click.echo(f"  hint: {printable(finding.hint)}", err=True)
