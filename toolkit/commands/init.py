"""``teikit init``: look at a folder of TEI files and write a commented ``teikit.toml`` for it."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit import exitcodes
from toolkit.atomic import write_text
from toolkit.project.choice import ProjectChoice


@click.command("init")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace an existing teikit.toml (and teikit-catalog.xml).")
def init(folder: Path | None, overwrite: bool) -> int:
    """Write FOLDER/teikit.toml (default: --project DIR, else the current folder) for the TEI files found there.

    Documents, registers (files whose text is mostly listPerson, listPlace, listOrg,
    listBibl, listEvent or listObject) and the schemas the documents declare are reported; public
    URLs of files the project holds itself (a Schematron, registers read with doc())
    are mapped to them in teikit-catalog.xml. Backups (*.bak), templates and ODD
    files are left out. An existing teikit.toml is kept unless --overwrite is given.
    """
    from toolkit.project.config import PROJECT_FILE
    from toolkit.project.discover import CATALOG_FILE, catalog_text, discover, project_file_text

    choice = click.get_current_context().find_object(ProjectChoice)
    root = (folder or (choice.explicit if choice else None) or Path.cwd()).resolve()
    target, catalog = root / PROJECT_FILE, root / CATALOG_FILE
    if target.exists() and not overwrite:
        click.secho(f"teikit: {target} exists and was left as it is", fg="red", err=True)
        click.echo("  hint: edit it, or write a new one with --overwrite", err=True)
        return exitcodes.INVALID
    found = discover(root)
    click.echo(f"{len(found.documents)} document(s) in {root}")
    for glob in found.document_globs():
        count = sum(1 for path in found.documents if path.relative_to(root).match(glob))
        click.echo(f"  {glob} ({count})")
    click.echo(f"{len(found.registers)} register file(s)")
    for path, counts in found.registers.items():
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
        click.echo(f"  {found.relative(path)}: {summary}")
    if found.declared:
        click.echo("schemas declared")
        for (kind, href), count in sorted(found.declared.items()):
            click.echo(f"  {kind} {href} ({count})")
    for url, local in found.mapped.items():
        click.echo(f"mapped {url} -> {found.relative(local)}")
    for path, why in found.left_out:
        click.echo(f"left out: {found.relative(path)} ({why})")
    for url in found.tei_all_urls():
        click.echo(f"note: {url} is never fetched; set tei_all in [validation] to a local copy")
    write_catalog = bool(found.mapped) and (overwrite or not catalog.exists())
    if write_catalog:
        write_text(catalog, catalog_text(found, catalog))
    write_text(target, project_file_text(found, catalog=write_catalog or catalog.exists()))
    click.echo(f"wrote {target}" + (f" and {catalog.name}" if write_catalog else ""))
    return exitcodes.OK
