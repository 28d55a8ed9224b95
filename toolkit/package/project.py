"""``deposit`` of a project of many documents: every document and register, the schemas, catalog
and project file it declares, its outputs, and records describing the whole project.

The project goes into the payload's ``tei/`` as it lies in its folder (``teikit.toml``,
documents, registers, schemas and catalog at their own relative paths), so that the unpacked
bag is the project again: ``teikit --project data/tei validate`` checks it as the editors did.
A schema the project names outside its folder (a local tei_all) goes into ``schemas/``.
The records (Dublin Core, DataCite, METS) are made from ``project_header``: teikit.toml first,
then what the documents' headers say of the whole.
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit import dates
from toolkit.errors import Finding
from toolkit.package import payload, project_header, records
from toolkit.package.pack import Contents, Deposit, pack, refuse_invalid

SCHEMA_SUFFIXES = (".rng", ".rnc", ".sch", ".xsd", ".dtd", ".odd", ".isosch")


def deposit_project(project, output: Path | None = None, *, build_dir: Path | None = None, options=None,
                    force: bool = False, overwrite: bool = False, serialise_as: str | None = None,
                    name: str | None = None) -> Deposit:
    """Validate ``project`` with its own schemas and checks, build its outputs (those ``teikit
    build`` makes for it), and pack it under ``output`` (default: its output folder's
    ``deposit/``). Raises as ``pack.deposit`` does; a missing record field names the teikit.toml
    key that gives it."""
    from toolkit.builders.options import BuildOptions
    from toolkit.project.checks import project_catalog, validate_project
    from toolkit.project.registers import Registers

    options = options if options is not None else BuildOptions()
    bagging_date = dates.output_day(getattr(options, "fixed_date", None))  # a bad date stops us before any work
    build_dir = Path(build_dir) if build_dir is not None else project.output_dir
    output = Path(output) if output is not None else build_dir / "deposit"

    report = validate_project(project)
    refuse_invalid(report, force)
    documents = project.documents()
    found = project_header.gather(documents, Registers.load(project))
    header = project_header.project_header(project, found)
    try:
        fields = records.header_fields(header)
    except records.MissingHeaderFields as missing:
        raise records.MissingHeaderFields([_in_project_file(finding, project) for finding in missing.findings],
                                         "the project (its teikit.toml and its documents' headers)") from None

    parts, roles = _project_parts(project, documents, project_catalog(project))
    contents = Contents(header, fields, report, parts, project.root, roles, _rows(project, found))
    return pack(contents, output, name or _bag_name(project.root.name),
                lambda: _build_outputs(project, build_dir, options), build_dir, options=options, force=force,
                overwrite=overwrite, serialise_as=serialise_as, bagging_date=bagging_date)


def _project_parts(project, documents: list[Path], catalog) -> tuple[list[payload.Part], dict[str, str]]:
    """Every file the project declares, with its place in the payload, and the role of those
    that are not sources (schemas, the catalog, the project file)."""
    parts: dict[str, payload.Part] = {}
    roles: dict[str, str] = {}

    def add(path: Path, role: str) -> None:
        path = Path(path)
        inside = _inside(path, project.root)
        target = f"tei/{inside}" if inside is not None else f"schemas/{path.name}"
        if target not in parts:
            parts[target] = payload.Part(path, target)
            if role != "source":
                roles[target] = role
    for path in [*documents, *project.register_files()]:
        add(path, "source")
    if project.file is not None:
        add(project.file, "configuration")
    readme = project.root / "README.md"
    if readme.is_file():
        add(readme, "source")
    for schema in [*project.schemas, *([project.tei_all] if project.tei_all else [])]:
        add(schema, "schema")
    if catalog is not None:
        for file in catalog.catalog_files():
            add(file, "configuration")
        # What the catalog maps the documents' declared schemas to: the files validation read.
        for local in catalog.local_files():
            if local.suffix.lower() in SCHEMA_SUFFIXES:
                add(local, "schema")
    return list(parts.values()), roles


def _inside(path: Path, root: Path) -> str | None:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _rows(project, found: project_header.Gathered) -> dict[str, dict[str, str]]:
    """Each document's own title and date for metadata.csv."""
    rows = {}
    for path, card in found.cards.items():
        inside = _inside(path, project.root)
        own = {"dc.title": card["title"]} if card["title"] else {}
        if card["date"]:
            own["dc.date"] = card["date"]
        senders = [person["name"] for person in card["senders"] if person["name"]]
        if senders:
            own["dc.creator"] = "; ".join(senders)
        if inside is not None:
            rows[f"tei/{inside}"] = own
    return rows


def _build_outputs(project, build_dir: Path, options) -> tuple[list[str], list[str]]:
    """The project's outputs as ``teikit build`` makes them (already validated here)."""
    from toolkit.pipeline import build_project, project_targets

    names = project_targets(project, None)
    result = build_project(project, names, build_dir, options=options, validate_first=False)
    return list(result.built), names


def _in_project_file(finding: Finding, project) -> Finding:
    key = project_header.PROJECT_KEYS.get(finding.extra["field"], finding.extra["field"])
    return Finding(file=str(project.file or project.root / "teikit.toml"), line=1, severity=finding.severity,
                   code=finding.code, extra=finding.extra,
                   message=f"neither teikit.toml nor the documents' headers give the project's {finding.extra['field']}, "
                           "which the deposit metadata requires",
                   hint=f"set {key} in teikit.toml")


def _bag_name(folder: str) -> str:
    return re.sub(r"[^\w.-]+", "-", folder).strip("-.") or "project"
