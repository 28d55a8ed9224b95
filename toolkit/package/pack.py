"""``deposit``: validate the edition, build what is missing, and pack it as a verified bag."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import bagit

from toolkit import __version__, dates, resources
from toolkit.atomic import output_lock
from toolkit.errors import EditionInvalid, TeikitError
from toolkit.package import bag as bagging
from toolkit.package import commit, payload, records, serialise
from toolkit.xmlio import TEI_NS, UnreadableDocument, read_document

METADATA = "metadata"


@dataclass
class Deposit:
    bag: Path
    fields: records.HeaderFields
    valid: bool
    built: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    archive: Path | None = None
    checksum: Path | None = None


def deposit(
    sources: list[Path] | None = None,
    output: Path = Path("build/deposit"),
    *,
    build_dir: Path = Path("build"),
    options=None,
    force: bool = False,
    overwrite: bool = False,
    serialise_as: str | None = None,
    schemas: list[Path] | None = None,
    validate: Callable | None = None,
    builders: dict[str, Callable] | None = None,
    name: str | None = None,
) -> Deposit:
    """Pack the edition (``sources``, default: the edition's TEI files) as a bag under ``output``.

    ``validate`` (default ``toolkit.validation.validate``) and ``builders`` (default: the
    toolkit's builders, run through ``toolkit.pipeline.build`` so unchanged outputs are
    reused) can be given to pack with other validators or builders; ``builders={}`` packs
    the sources, schemas and metadata alone.
    Raises ``EditionInvalid`` (unless ``force``), ``records.MissingHeaderFields``, or
    ``TeikitError`` for a bag that exists already (unless ``overwrite``).
    """
    sources = sorted(Path(s).resolve() for s in (sources or _edition_sources()))
    if not sources:
        raise TeikitError(f"no TEI files found in {resources.edition_dir()}", hint="give the edition's files as arguments")
    schemas = sorted(schemas if schemas is not None else resources.data_dir("schemas").glob("edition.*"))
    options = options if options is not None else _default_options()
    bagging_date = dates.output_day(getattr(options, "fixed_date", None))  # a bad date stops us before any work

    # Validate against exactly the schemas that go into the package.
    report = (validate or _default_validate())(
        sources, schema=_first(schemas, ".rng"), schematron=_first(schemas, ".sch"))
    refuse_invalid(report, force)

    document = _main_document(sources)
    edition = sources[0].parent
    parts = [payload.Part(source, f"tei/{_relative(source, edition)}") for source in sources]
    readme = edition / "README.md"
    if readme.is_file():
        parts.append(payload.Part(readme, "tei/README.md"))
    parts += [payload.Part(schema, f"schemas/{schema.name}") for schema in schemas]
    contents = Contents(document, records.header_fields(document), report, parts, edition)
    return pack(contents, Path(output), name or sources[0].stem,
                lambda: _build_missing(builders, sources, Path(build_dir), options), Path(build_dir),
                options=options, force=force, overwrite=overwrite, serialise_as=serialise_as,
                bagging_date=bagging_date)


@dataclass
class Contents:
    """What a deposit holds besides the built outputs, and what describes it."""

    document: object  # the TEI document whose header the records are made from
    fields: records.HeaderFields
    report: object  # the validation report
    parts: list[payload.Part]  # the sources, schemas and other files, with their places in the payload
    root: Path  # the folder the sources' paths in the report are made relative to (as tei/)
    roles: dict[str, str] = field(default_factory=dict)  # payload path -> METS use, where not its top folder's
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # payload path -> its own metadata.csv fields


def refuse_invalid(report, force: bool) -> None:
    if not report.valid and not force:
        raise EditionInvalid(report.findings, outcome="no deposit was made",
                             hint="fix the findings, or pass --force to pack it anyway with the findings recorded")


def pack(contents: Contents, output: Path, name: str, build_outputs: Callable[[], tuple[list[str], list[str]]],
         build_dir: Path, *, options, force: bool, overwrite: bool, serialise_as: str | None,
         bagging_date: str) -> Deposit:
    """Bring the outputs up to date (``build_outputs`` gives the names built and the folders of
    ``build_dir`` to pack), then pack ``contents`` and those folders as the bag ``output/name``."""
    target = output / name
    if not overwrite:
        for existing in [target, *(serialise.paths(target, serialise_as) if serialise_as else ())]:
            if existing.exists():
                raise TeikitError(f"a deposit already exists at {existing}", hint="pass --overwrite to replace it")

    built, folders = build_outputs()

    try:
        output.mkdir(parents=True, exist_ok=True)
        with output_lock(output):
            commit.recover(target)  # what a killed packer left: finished, or cleared away; we hold the lock
            plan = commit.Plan(target, Path(tempfile.mkdtemp(dir=output, prefix=f".{name}.staging-")))
            try:
                left_out = _assemble(plan.staging, contents.parts, folders, build_dir)
                _write_metadata(plan.staging, contents, force, options)
                bagging.make(plan.staging, _bag_info(contents.fields, valid=contents.report.valid,
                                                     bagging_date=bagging_date))
                os.chmod(plan.staging, 0o755)  # mkdtemp made it private; the bag is for others to read
                if serialise_as:
                    plan.files = serialise.write_staged(plan.staging, target, serialise_as, timestamp=_epoch(options))
            except BaseException:
                commit.recover(target)  # nothing was moved yet: clears the staging folder and staged files
                raise
            # Any other zip or tar beside the bag was made from the bag being replaced.
            plan.stale = [path for path in serialise.all_paths(target) if path not in [f for _, f in plan.files]]
            commit.publish(plan)  # once begun, finished here or by the next run
            result = Deposit(target, contents.fields, contents.report.valid, built, left_out)
            if serialise_as:
                result.archive, result.checksum = serialise.paths(target, serialise_as)
    except OSError as error:  # a full disk, a folder we may not write: the previous deposit is as it was
        where = error.filename or output
        raise TeikitError(f"cannot write the deposit: {where}: {error.strerror or error}",
                          hint="free space or choose another --output, then deposit again; "
                               "what is in place is a whole deposit, the previous one until a new one is complete") from None
    return result


def _first(paths: list[Path], suffix: str) -> Path | None:
    return next((path for path in paths if path.suffix == suffix), None)


def _edition_sources() -> list[Path]:
    # As the build's edition_sources: only files (a dangling or looping link is none).
    return sorted(path for path in resources.edition_dir().glob("*.xml")
                  if not path.name.startswith(".") and path.is_file())


def _main_document(sources: list[Path]):
    """The first source with a teiHeader: the records describe the edition from it."""
    first_error = None
    for source in sources:
        try:
            document = read_document(source)
        except UnreadableDocument as error:
            first_error = first_error or error
            continue
        if document.root.tag == f"{{{TEI_NS}}}TEI" and document.root.find(f"{{{TEI_NS}}}teiHeader") is not None:
            return document
    if first_error is not None:
        raise TeikitError(str(first_error.finding), hint=first_error.finding.hint)
    raise TeikitError("none of the sources is a TEI document with a teiHeader",
                      hint="the deposit metadata is derived from the edition's teiHeader")


def _build_missing(builders, sources, build_dir: Path, options) -> tuple[list[str], list[str]]:
    """Bring the derived outputs up to date; return (names built, folders to pack).

    With the toolkit's own builders the pipeline decides what is missing or stale (it keeps
    a fingerprint of each builder's inputs); builders given explicitly are simply run.
    """
    if builders is None:
        from toolkit.builders import BUILDERS
        from toolkit.pipeline import build

        names = [name for name in BUILDERS if name != "deposit"]
        result = build(names, build_dir, options=options, validate_first=False,
                       sources=list(sources))
        return list(result.built), names
    for build in builders.values():
        build(list(sources), build_dir, options=options)
    return list(builders), list(builders)


def _assemble(staging: Path, parts: list[payload.Part], folders: list[str], build_dir: Path) -> list[str]:
    parts = list(parts)
    left_out = []
    for name in folders:
        folder = build_dir / name
        if not folder.is_dir():
            raise TeikitError(f"the {name} builder wrote nothing to {folder}")
        found, hidden = payload.tree(folder, name)
        parts += found
        left_out += hidden
    payload.check_names([part.target for part in parts])
    payload.copy(parts, staging)
    return left_out


def _relative(source: Path, edition: Path) -> str:
    try:
        return source.relative_to(edition).as_posix()
    except ValueError:
        return source.name


def _write_metadata(staging: Path, contents: Contents, forced: bool, options) -> None:
    folder = staging / METADATA
    folder.mkdir(parents=True, exist_ok=True)
    document = contents.document
    (folder / "dc.xml").write_text(records.dublin_core(document), encoding="utf-8")
    (folder / "datacite.xml").write_text(records.datacite(document), encoding="utf-8")
    (folder / "validation-report.json").write_text(_report_json(contents.report, forced, contents.root),
                                                   encoding="utf-8")
    tei_paths = sorted(p.relative_to(staging).as_posix() for p in (staging / "tei").rglob("*.xml")
                       if contents.roles.get(p.relative_to(staging).as_posix(), "source") == "source")
    (folder / "metadata.csv").write_text(records.archivematica_csv(contents.fields, tei_paths, contents.rows),
                                         encoding="utf-8")
    # METS lists every other payload file with its checksum, so it is written last.
    files = payload.describe(staging, exclude={f"{METADATA}/mets.xml"}, roles=contents.roles)
    mets = records.mets(document, files, fixed_date=_fixed_date(options))
    (folder / "mets.xml").write_text(mets, encoding="utf-8")


def _report_json(report, forced: bool, root: Path) -> str:
    """The validation report as the validator writes it, with paths made relative to the payload's tei/."""
    text = report.to_json()
    try:
        data = json.loads(text)
    except ValueError:
        return text
    data = _relativise(data, str(root))
    if isinstance(data, dict):
        data["deposit"] = {"packed_although_invalid": bool(forced and not report.valid), "valid": bool(report.valid)}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _relativise(value, edition: str):
    # Absolute paths of the packer's machine mean nothing in the archive and differ between runs.
    if isinstance(value, str) and value.startswith(edition + os.sep):
        return "tei/" + value[len(edition) + 1:].replace(os.sep, "/")
    if isinstance(value, list):
        return [_relativise(item, edition) for item in value]
    if isinstance(value, dict):
        return {key: _relativise(_absolute(item) if key == "file" else item, edition) for key, item in value.items()}
    return value


def _absolute(value):
    # The validator names files as it was given them: relative to the folder the packer ran in.
    return os.path.abspath(value) if isinstance(value, str) and value and not os.path.isabs(value) else value


def _bag_info(fields: records.HeaderFields, *, valid: bool, bagging_date: str) -> dict[str, str]:
    info = {
        "Source-Organization": fields.publisher,
        "External-Description": fields.description or fields.title,
        "External-Identifier": fields.identifier,
        "Bagging-Date": bagging_date,
        "Bag-Software-Agent": f"teikit {__version__} (bagit-python {bagit.VERSION})",
    }
    if fields.contact_name:
        info["Contact-Name"] = fields.contact_name
    if fields.contact_email:
        info["Contact-Email"] = fields.contact_email
    if not valid:
        info["Internal-Sender-Description"] = (
            "Packed although validation found errors; see data/metadata/validation-report.json")
    return info


def _fixed_date(options) -> str | None:
    return dates.fixed_day(getattr(options, "fixed_date", None))


def _epoch(options) -> int | None:
    day = _fixed_date(options)
    return dates.midnight_timestamp(day) if day else None


def _default_validate():
    from toolkit.validation import validate

    return validate


def _default_options():
    from toolkit.builders.options import BuildOptions

    return BuildOptions()
