"""``teikit validate``: check TEI documents and report every problem found."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.commands.document_budget import command_limits, document_budget_options
from toolkit.errors import TeikitError
from toolkit.project.choice import current_project, project_of_paths
from toolkit.validation import validate as run_validation


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", type=click.Path(path_type=Path, dir_okay=False),
              help="Validate against this RELAX NG (.rng) or XML Schema (.xsd) instead of the declared schemas.")
@click.option("--schematron", type=click.Path(path_type=Path, dir_okay=False),
              help="Check these ISO Schematron rules (.sch) instead of the declared ones.")
@click.option("--phase", help="Schematron phase to run (default: the schema's defaultPhase, else all rules).")
@click.option("--catalog", type=click.Path(path_type=Path, dir_okay=False),
              help="OASIS XML catalog mapping schema URLs to local files (also $TEIKIT_CATALOG).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True, help="Report format: readable text, JSON, or JUnit XML for CI systems.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: one per CPU core).")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
@click.option("--fresh", is_flag=True,
              help="Check every file of the project again, even those unchanged since the last run (whose "
                   "findings are otherwise kept in the build folder's .teikit-cache).")
@click.option("--full-grammar", is_flag=True,
              help="Compile RELAX NG grammars whole instead of reduced to the elements the documents use "
                   "(same verdicts, slower; for cross-checking).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the work runs: worker processes on this machine, or a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="The Dask scheduler's address (tcp://host:8786) for --executor dask; workers must see "
                   "the documents and schemas at the same paths.")
@document_budget_options
def validate(paths, schema, schematron, phase, catalog, output_format, strict, jobs, no_progress, fresh,
             full_grammar, executor, scheduler, document_seconds, document_memory) -> int:
    """Validate TEI documents: well-formedness, RELAX NG, XML Schema, Schematron.

    PATHS are files or directories (searched recursively for *.xml); without
    any, the project's documents and registers (teikit.toml) are checked, with
    every pointer to a register entry, else the edition in ./tei against the
    edition's own schemas. A project's file unchanged since the last run, as is
    everything it is checked with (schemas, the files they read, catalog,
    registers), keeps its findings without being read again (--fresh: check all).
    Other documents are checked against the schemas their <?xml-model?>
    declarations name; schema URLs are never fetched, map them to local copies
    with --catalog. --schema and --schematron replace all declarations.

    Every problem is reported as FILE:LINE:COLUMN: SEVERITY [CODE] MESSAGE with
    a hint. A document whose checks take longer or need more memory than its
    budget gets a limits.time or limits.memory finding; the others are checked.
    Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
    """
    project = current_project() or project_of_paths(paths)
    options = dict(schema=schema, schematron=schematron, phase=phase, catalog=catalog, reduce=not full_grammar,
                   limits=command_limits(project, document_seconds, document_memory))  # each document's budget
    if executor == "dask" and not scheduler:
        raise TeikitError("--executor dask needs --scheduler ADDRESS", hint="for example --scheduler tcp://127.0.0.1:8786")
    if project is not None and executor == "local":
        from toolkit.project.checks import validate_project

        report = validate_project(project, list(paths), jobs=jobs or None, strict=strict, fresh=fresh,
                                  progress=not no_progress and sys.stderr.isatty(), **options)
    elif project is not None:  # its schemas, catalog and root on the cluster; its pointers checked here
        from functools import partial

        from toolkit.project.checks import validate_project
        from toolkit.validation.distributed import validate_on_cluster

        report = validate_project(project, list(paths), strict=strict, run=partial(validate_on_cluster, scheduler=scheduler),
                                  fresh=fresh, **options)
    elif executor == "dask":
        from toolkit.validation.distributed import validate_on_cluster

        report = validate_on_cluster(list(paths), scheduler, strict=strict, **options)
    else:
        report = run_validation(list(paths), jobs=jobs or None, strict=strict,
                                progress=not no_progress and sys.stderr.isatty(), **options)
    if output_format == "json":
        click.echo(report.to_json(), nl=False)
    elif output_format == "junit":
        click.echo(report.to_junit(), nl=False)
    else:
        click.echo(report.to_text(color=sys.stdout.isatty()), nl=False)
    return report.exit_code
