"""Which schemas apply to a document: the command line's, the project's, the edition's, or its own declarations.

A document names its schemas with ``<?xml-model?>`` processing instructions; a declaration
that cannot be used (no href, an unknown language, a URL with no local copy in the catalog,
a file that is not a schema) is a warning for that document, never a file opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from toolkit import resources
from toolkit.errors import SCHEMA_UNUSABLE, Finding, Severity
from toolkit.namespaces import RELAXNG, SCHEMATRON, XSD
from toolkit.validation.catalog import Catalog
from toolkit.validation.xmlmodel import ModelDeclaration, declarations, schema_locations

KIND_ORDER = {"rng": 0, "xsd": 1, "sch": 2}
SCHEMA_SUFFIXES = (".rng", ".xsd", ".sch", ".isosch")
KIND_NAMES = {"rng": "RELAX NG schema", "xsd": "XML Schema", "sch": "Schematron schema"}


@dataclass(frozen=True)
class SchemaRef:
    kind: str  # "rng", "xsd" or "sch"
    path: Path
    phase: str | None = None
    line: int | None = None  # the xml-model PI that declared it, for findings about the schema itself

    @property
    def key(self) -> tuple:
        return (self.kind, self.path, self.phase)


def schema_kind(path: Path) -> str:
    """rng, xsd or sch, from a schema file's name."""
    suffix = path.suffix.lower()
    return "xsd" if suffix == ".xsd" else "sch" if suffix in (".sch", ".isosch") else "rng"


@dataclass(frozen=True)
class ProjectScope:
    """What a run needs to know of a project (its ``teikit.toml``): its files, the schemas that
    replace their declarations (none: each file's own), the catalog, its root folder, and the
    folder where each document's findings are kept between runs (``kept``; none: not kept)."""

    root: Path
    files: tuple[Path, ...]
    schemas: tuple[Path, ...] = ()
    catalog: Catalog | None = None
    kept: Path | None = None


@dataclass
class Selection:
    """How schemas are chosen for the documents of one run."""

    schema: Path | None = None
    schematron: Path | None = None
    phase: str | None = None
    catalog: Catalog | None = None
    edition_dir: Path | None = None
    edition_schemas: tuple[SchemaRef, ...] = ()
    # A project's files (resolved) and the schemas its teikit.toml names for them, if any.
    project_files: frozenset[Path] = frozenset()
    project_schemas: tuple[SchemaRef, ...] = ()
    allowed_root: Path | None = None  # the folder whose files schemas may read (a project's root)

    def overrides(self) -> list[SchemaRef]:
        """The schemas named on the command line; they replace every declaration."""
        refs = []
        if self.schema:
            refs.append(SchemaRef("xsd" if self.schema.suffix.lower() == ".xsd" else "rng", self.schema.resolve()))
        if self.schematron:
            refs.append(SchemaRef("sch", self.schematron.resolve(), self.phase))
        return refs

    def plan(self, path: Path, data: bytes) -> tuple[list[SchemaRef], list[Finding]]:
        """The schemas for one document, and findings about declarations that cannot be used."""
        if self.schema or self.schematron:
            return self.overrides(), []
        if self.project_schemas and path.resolve() in self.project_files:
            return list(self.project_schemas), []
        if self.edition_dir and inside(path, self.edition_dir) and not _declares_other_schemas(data):
            return list(self.edition_schemas), []
        refs, findings = [], []
        declared = declarations(data)
        if not any(declaration.kind == "xsd" for declaration in declared):
            declared += schema_locations(data)  # XML Schema's own way of naming one, followed likewise
        for declaration in declared:
            resolved = self.resolve(declaration, path)
            if isinstance(resolved, Finding):
                findings.append(resolved)
            elif resolved.key not in {ref.key for ref in refs}:
                refs.append(resolved)
                if declaration.raw.startswith("<?"):
                    continue
                findings.append(Finding(file=str(path), line=declaration.line, severity=Severity.INFO,
                                        code="model.schema-location", message=f"XML Schema {resolved.path} applied, "
                                        f"as {declaration.raw} names it"))
        if not refs and not findings:
            findings.append(Finding(
                file=str(path), severity=Severity.INFO, code="model.none",
                message="no schema declared: only well-formedness and the TEI root were checked",
                hint=f"declare a schema with <?xml-model href=\"…\" schematypens=\"{RELAXNG}\"?> "
                     "or pass --schema",
            ))
        refs.sort(key=lambda ref: KIND_ORDER[ref.kind])
        return refs, findings

    def resolve(self, declaration: ModelDeclaration, path: Path) -> SchemaRef | Finding:
        def finding(severity: Severity, code: str, message: str, hint: str) -> Finding:
            return Finding(file=str(path), line=declaration.line, column=1, severity=severity,
                           code=code, message=message, hint=hint)

        def warn(code: str, message: str, hint: str) -> Finding:
            return finding(Severity.WARNING, code, message, hint)

        def unusable(code: str, message: str, hint: str) -> Finding:
            # A schema the document names but that cannot be applied: the document was not
            # validated against it, so it must not be counted valid.
            unused = finding(Severity.ERROR, code, message + ": the document is not validated against it", hint)
            unused.extra[SCHEMA_UNUSABLE] = True
            return unused

        href = declaration.href
        if not href:
            return warn("model.malformed", f"xml-model declaration without href: {declaration.raw}",
                        "give the schema's location in href=\"…\"")
        if declaration.kind is None:
            return warn("model.unknown-type", f"cannot tell which schema language {href} is in",
                        f"add schematypens=\"{RELAXNG}\" (RELAX NG), \"{SCHEMATRON}\" (Schematron) or \"{XSD}\" (XSD)")
        if declaration.kind == "rnc":
            return unusable("model.unsupported", f"RELAX NG compact syntax is not supported: {href}",
                            "use the XML syntax (.rng) of the schema, e.g. converted with trang")
        parts = urlsplit(href)
        phase = self.phase or declaration.phase
        if not parts.path.lower().endswith(SCHEMA_SUFFIXES):
            # A document may name its schema but not make us open arbitrary files (/etc/passwd).
            return unusable("model.refused", f"{href} does not look like a schema file and is not read",
                            "schema files end in " + ", ".join(SCHEMA_SUFFIXES))
        if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file":
            local = self.catalog.lookup(href) if self.catalog else None
            if local is None:
                return unusable("model.unresolved",
                                f"{KIND_NAMES[declaration.kind]} {href} is not fetched from the network",
                                f"map the URL to a local copy in an OASIS XML catalog, with the entry "
                                f"<uri name=\"{href}\" uri=\"file:///path/to/your/copy\"/>, and pass the "
                                "catalog with --catalog FILE (or set TEIKIT_CATALOG); or pass --schema FILE")
            if not local.is_file():
                return unusable("model.missing", f"the catalog maps {href} to {local}, which does not exist",
                                "fix the catalog entry")
            return SchemaRef(declaration.kind, local.resolve(), phase, declaration.line)
        # The file part only, decoded: "x.rng#/../../file" names x.rng, whatever folders exist.
        target = Path(unquote(parts.path))
        if not target.is_absolute():
            target = path.parent / target
        if not target.is_file():
            return unusable("model.missing",
                            f"{KIND_NAMES[declaration.kind]} {href} not found (looked at {os.path.normpath(target)})",
                            "correct the href of the xml-model declaration, or pass --schema FILE")
        if not target.resolve().name.lower().endswith(SCHEMA_SUFFIXES):  # a link named x.rng to another file
            return unusable("model.refused",
                            f"{href} leads to {target.resolve()}, which is not a schema file, and is not read",
                            "schema files end in " + ", ".join(SCHEMA_SUFFIXES))
        return SchemaRef(declaration.kind, target.resolve(), phase, declaration.line)


def _declares_other_schemas(data: bytes) -> bool:
    """A document in the edition's folder that declares schemas other than the edition's is
    another project's (TEIKIT_EDITION pointed at it): it is checked against its own."""
    edition_names = {"edition.rng", "edition.sch", "edition.xsd"}
    return any(Path(urlsplit(declaration.href).path).name not in edition_names
               for declaration in declarations(data) if declaration.href)


def inside(path: Path, directory: Path) -> bool:
    """Whether ``path``, symlinks followed, lies in ``directory``."""
    try:
        path.resolve().relative_to(directory)
    except ValueError:
        return False
    return True


def edition_selection(**kwargs) -> Selection:
    """Selection with the edition's own schemas for the files of the edition directory."""
    rng, sch = resources.schema("edition.rng"), resources.schema("edition.sch")
    return Selection(edition_dir=resources.edition_dir().resolve(),
                     edition_schemas=(SchemaRef("rng", rng), SchemaRef("sch", sch, kwargs.get("phase"))),
                     **kwargs)
