"""``teikit deposit``: pack the edition as a BagIt bag for an archive, or verify one."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

from toolkit import exitcodes


@click.command("deposit")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build/deposit"),
              show_default=True, help="Folder to write the bag into (as OUTPUT/<edition name>).")
@click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Where the web, print and index outputs are (built if missing).")
@click.option("--date", "fixed_date", metavar="YYYY-MM-DD",
              help="Date the outputs, the METS header and the bag's Bagging-Date carry (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--force", is_flag=True, help="Pack an invalid edition; its findings go into the validation report.")
@click.option("--overwrite", is_flag=True, help="Replace an existing bag (and zip/tar) of the same name.")
@click.option("--zip", "form", flag_value="zip", help="Also write the bag as one .zip with a .sha256 beside it.")
@click.option("--tar", "form", flag_value="tar", help="Also write the bag as one .tar with a .sha256 beside it.")
@click.option("--verify", "verify_path", type=click.Path(path_type=Path), metavar="PATH",
              help="Verify a bag (folder, .zip or .tar) instead of packing: completeness and every checksum, "
                   "within the TEIKIT_VERIFY_* limits (exit 1 damaged or refused, 2 unreadable).")
def deposit(sources, output, build_dir, fixed_date, force, overwrite, form, verify_path) -> int:
    """Validate the edition, build what is missing, and pack it as a BagIt bag with
    Dublin Core, DataCite and METS records derived from the teiHeader.

    Without SOURCES, packs the project (teikit.toml): a project of many documents goes whole
    (documents, registers, its schemas, catalog and project file, its outputs) into
    OUTPUT (default: its output folder's deposit/), described by records made from teikit.toml
    and all its documents' headers; else the edition in ./tei (or TEIKIT_EDITION). Exit status: 0 done
    (or bag verified), 1 edition invalid, header incomplete, or bag damaged, 2 usage error.
    """
    if verify_path is not None:
        return _verify(verify_path)

    from toolkit.builders.options import BuildOptions
    from toolkit.package import EditionInvalid, MissingHeaderFields
    from toolkit.package import deposit as pack

    from toolkit.builders.project_site import is_collection
    from toolkit.project.choice import current_project

    options = BuildOptions(fixed_date=fixed_date)
    project = None if sources else current_project()
    if project is not None and project.rendering:
        # The edition's outputs as its teikit.toml renders them, as `teikit build` makes them.
        options.extra["rendering"] = project.rendering
    try:
        if project is not None and is_collection(project):
            # A project of many documents: all of them, its registers and schemas, its own records.
            from toolkit.package.project import deposit_project

            given = click.get_current_context().get_parameter_source
            result = deposit_project(
                project, None if given("output") is ParameterSource.DEFAULT else output,
                build_dir=None if given("build_dir") is ParameterSource.DEFAULT else build_dir,
                options=options, force=force, overwrite=overwrite, serialise_as=form)
        else:
            result = pack(list(sources) or None, output, build_dir=build_dir, options=options,
                          force=force, overwrite=overwrite, serialise_as=form)
    except EditionInvalid as refused:
        for finding in refused.findings:
            _finding(finding)
        click.secho(f"teikit: {refused}", fg="red", err=True)
        click.echo(f"  hint: {refused.hint}", err=True)
        return exitcodes.INVALID
    except MissingHeaderFields as missing:
        for finding in missing.findings:
            _finding(finding)
        click.secho(f"teikit: {missing}; no deposit was made", fg="red", err=True)
        return exitcodes.INVALID

    if result.built:
        click.echo(f"built: {', '.join(result.built)}")
    for name in result.left_out:
        click.echo(f"left out (hidden file): {name}")
    if not result.valid:
        click.secho("packed although the edition is not valid (--force); see data/metadata/validation-report.json",
                    fg="yellow", err=True)
    if result.fields.identifier_type != "DOI":
        click.echo(f"note: the header's identifier is of type {result.fields.identifier_type}, not a DOI; "
                   "DataCite records are keyed by DOI, so the repository that mints one completes the record")
    click.echo(f"bag: {result.bag} (verified)")
    if result.archive:
        click.echo(f"{result.archive.suffix[1:]}: {result.archive}  checksum: {result.checksum}")
    return exitcodes.OK


def _verify(path: Path) -> int:
    from toolkit.package import verify
    from toolkit.package.verify import printable

    result = verify(path)
    for problem in result.problems:
        click.echo(str(problem))
    if result.ok:
        click.echo(f"{printable(result.bag)}: valid bag, {result.files} files complete and checksums correct")
        return exitcodes.OK
    click.secho(f"{printable(result.bag)}: {len(result.problems)} problem(s)", fg="red", err=True)
    return exitcodes.INVALID


def _finding(finding) -> None:
    click.echo(str(finding), err=True)
    if finding.hint:
        click.echo(f"  hint: {finding.hint}", err=True)
