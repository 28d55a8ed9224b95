"""Which schemas apply to a document, compiling them once, and running them.

A run compiles every schema it needs in the parent process before any worker is
forked, so the expensive compile (tei_all.rng: seconds) is paid once per run and
shared by all workers through copy-on-write memory.
"""

from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from toolkit import resources
from toolkit.atomic import write_text
from toolkit.errors import Finding, Severity, TeikitError
from toolkit.limits import Limits
from toolkit.namespaces import RELAXNG, SCHEMATRON
from toolkit.validation import budget, hints
from toolkit.validation.catalog import Catalog
from toolkit.validation.positions import element_at, readable_xpath
from toolkit.validation.reads import ReadPolicy
from toolkit.validation.xmlmodel import ModelDeclaration, declarations, schema_locations
from toolkit.xmlio import Document, UnreadableDocument, parse_bytes, read_bytes

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
    replace their declarations (none: each file's own), the catalog, and its root folder."""

    root: Path
    files: tuple[Path, ...]
    schemas: tuple[Path, ...] = ()
    catalog: Catalog | None = None


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
        if self.edition_dir and _inside(path, self.edition_dir) and not _declares_other_schemas(data):
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
                hint="declare a schema with <?xml-model href=\"…\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?> "
                     "or pass --schema",
            ))
        refs.sort(key=lambda ref: KIND_ORDER[ref.kind])
        return refs, findings

    def resolve(self, declaration: ModelDeclaration, path: Path) -> SchemaRef | Finding:
        def warn(code: str, message: str, hint: str) -> Finding:
            return Finding(file=str(path), line=declaration.line, column=1, severity=Severity.WARNING,
                           code=code, message=message, hint=hint)

        href = declaration.href
        if not href:
            return warn("model.malformed", f"xml-model declaration without href: {declaration.raw}",
                        "give the schema's location in href=\"…\"")
        if declaration.kind is None:
            return warn("model.unknown-type", f"cannot tell which schema language {href} is in",
                        "add schematypens=\"http://relaxng.org/ns/structure/1.0\" (RELAX NG), "
                        "\"http://purl.oclc.org/dsdl/schematron\" (Schematron) or "
                        "\"http://www.w3.org/2001/XMLSchema\" (XSD)")
        if declaration.kind == "rnc":
            return warn("model.unsupported", f"RELAX NG compact syntax is not supported: {href}",
                        "use the XML syntax (.rng) of the schema, e.g. converted with trang")
        parts = urlsplit(href)
        phase = self.phase or declaration.phase
        if not parts.path.lower().endswith(SCHEMA_SUFFIXES):
            # A document may name its schema but not make us open arbitrary files (/etc/passwd).
            return warn("model.refused", f"{href} does not look like a schema file and is not read",
                        "schema files end in " + ", ".join(SCHEMA_SUFFIXES))
        if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file":
            local = self.catalog.lookup(href) if self.catalog else None
            if local is None:
                return warn("model.unresolved",
                            f"{KIND_NAMES[declaration.kind]} {href} is not fetched from the network",
                            "map the URL to a local copy in an OASIS XML catalog and pass it with --catalog FILE "
                            "(or set TEIKIT_CATALOG), or pass --schema FILE")
            if not local.is_file():
                return warn("model.missing", f"the catalog maps {href} to {local}, which does not exist",
                            "fix the catalog entry")
            return SchemaRef(declaration.kind, local.resolve(), phase, declaration.line)
        # The file part only, decoded: "x.rng#/../../file" names x.rng, whatever folders exist.
        target = Path(unquote(parts.path))
        if not target.is_absolute():
            target = path.parent / target
        if not target.is_file():
            return warn("model.missing", f"{KIND_NAMES[declaration.kind]} {href} not found (looked at {os.path.normpath(target)})",
                        "correct the href of the xml-model declaration, or pass --schema FILE")
        if not target.resolve().name.lower().endswith(SCHEMA_SUFFIXES):  # a link named x.rng to another file
            return warn("model.refused", f"{href} leads to {target.resolve()}, which is not a schema file, and is not read",
                        "schema files end in " + ", ".join(SCHEMA_SUFFIXES))
        return SchemaRef(declaration.kind, target.resolve(), phase, declaration.line)


def _declares_other_schemas(data: bytes) -> bool:
    """A document in the edition's folder that declares schemas other than the edition's is
    another project's (TEIKIT_EDITION pointed at it): it is checked against its own."""
    edition_names = {"edition.rng", "edition.sch", "edition.xsd"}
    return any(Path(urlsplit(declaration.href).path).name not in edition_names
               for declaration in declarations(data) if declaration.href)


def _inside(path: Path, directory: Path) -> bool:
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


class SchemaFailed(Exception):
    """A schema could not be read or compiled; ``message`` says why."""


@dataclass
class Schemas:
    """Compiled validators keyed by (kind, path, phase); failures remembered as messages."""

    compiled: dict = field(default_factory=dict)
    # Element names of every document of the run: RELAX NG grammars are reduced to them.
    names: frozenset[str] | None = None
    # What a Schematron schema may read while it runs (doc()): by default nothing.
    reads: ReadPolicy = field(default_factory=ReadPolicy)
    # Compiling a schema that is not the toolkit's own is first tried within these limits.
    limits: Limits | None = None

    def prepare(self, ref: SchemaRef) -> None:
        if ref.key in self.compiled:
            return
        try:
            self._within_budget(ref, "compile", self._compile, ref)
            self.compiled[ref.key] = self._compile(ref)
        except ImportError:
            raise  # a broken installation stops the run: a check it cannot make is never skipped
        except SchemaFailed as failure:
            self.compiled[ref.key] = failure
        except Exception as error:  # a third-party compiler failing on a user's schema
            self.compiled[ref.key] = SchemaFailed(f"{type(error).__name__}: {error}")

    def _compile(self, ref: SchemaRef):
        if ref.kind == "rng":
            return _compile_rng(ref, self.names, self.reads.catalog)
        if ref.kind == "sch":
            return _compile_sch(ref, self.reads)
        return _COMPILERS[ref.kind](ref)

    @staticmethod
    def trusted(ref: SchemaRef) -> bool:
        """The toolkit's own schemas (the edition's) run without a budget."""
        return _inside(ref.path, resources.data_dir("schemas"))

    def _within_budget(self, ref: SchemaRef, stage: str, function, *args) -> None:
        """Run ``function(*args)`` once in a child within the limits before this process does it:
        a grammar that compiles for hours or fills the memory fails there, not here. A success
        is remembered on disk, so an unchanged schema is tried once."""
        if self.limits is None or not budget.enabled(self.limits) or self.trusted(ref):
            return
        marker = _trial_marker(ref, stage, self.names)
        if marker is None or marker.exists():
            return
        try:
            budget.bounded_call(_discard, function, *args, limits=self.limits)
        except budget.OverBudget as error:
            raise SchemaFailed(f"compiling it {error.overrun.describe()}") from None
        except Exception:  # noqa: BLE001 - the same error comes again, here, with its message
            return
        try:
            write_text(marker, "")
        except OSError:
            pass

    def failure(self, ref: SchemaRef) -> str | None:
        self.prepare(ref)
        value = self.compiled[ref.key]
        return str(value) if isinstance(value, SchemaFailed) else None

    def check(self, ref: SchemaRef, document: Document) -> list[Finding]:
        self.prepare(ref)
        validator = self.compiled[ref.key]
        if isinstance(validator, SchemaFailed):
            return [Finding(file=str(document.path), line=ref.line, code="schema.invalid",
                            message=f"{KIND_NAMES[ref.kind]} {ref.path} cannot be used: {validator}",
                            hint="fix the schema, or point the document at a working one")]
        if ref.kind == "rng":
            return _run_rng(validator, document, ref)
        return _RUNNERS[ref.kind](validator, document)

    def check_streamed(self, ref: SchemaRef, path: Path) -> tuple[list[Finding], etree._ElementTree] | None:
        """RELAX NG findings of a large document read as a stream, with its skeleton tree;
        None when this schema cannot check it that way (the document is then read whole)."""
        from toolkit.validation.chunked import NotStreamable

        self.prepare(ref)
        validator = self.compiled[ref.key]
        if ref.kind != "rng" or isinstance(validator, SchemaFailed):
            return None
        try:
            errors, skeleton = validator.errors_streamed(path, self.names)
        except (etree.XMLSyntaxError, NotStreamable, ValueError, RecursionError):
            return None
        return _rng_findings(errors, Document(path, b"", skeleton, [])), skeleton

    def diagnose(self, ref: SchemaRef, document: Document) -> list[Finding]:
        """RELAX NG findings of a document the reduced grammar rejected, from the full grammar: by
        the derivative validator (it reads only what the document reaches), else by libxml2."""
        from toolkit.validation import derivatives

        found = derivatives.findings(ref.path, document)
        if found:
            return found
        return rng_findings(self.compiled[ref.key], document)  # compiles the full grammar if needed

    def compile_full(self, ref: SchemaRef) -> None:
        """Read the full grammar before workers fork (the derivative validator's; libxml2 compiles its
        own only for a document the derivative validator cannot diagnose)."""
        from toolkit.validation import derivatives

        try:
            derivatives.load(ref.path)
        except Exception:  # noqa: BLE001 - libxml2 diagnoses what the derivative validator cannot read
            self.compiled[ref.key].compile_full()


# --- RELAX NG ------------------------------------------------------------------------


def _compile_rng(ref: SchemaRef, names: frozenset[str] | None = None, catalog: Catalog | None = None):
    data, tree = _read_schema(ref.path)
    _confined(ref, catalog)
    for element in tree.iter(f"{{{RELAXNG}}}include", f"{{{RELAXNG}}}externalRef"):
        href = element.get("href", "")
        scheme = urlsplit(href).scheme
        if scheme and len(scheme) > 1 and scheme != "file":
            # libxml2 reads included files itself: it is handed the local copy the catalog names.
            element.set("href", catalog.lookup(href).resolve().as_uri())
    from toolkit.validation.relaxng import RelaxNG

    try:
        return RelaxNG(tree, ref.path, names, data)
    except etree.RelaxNGParseError as error:
        raise SchemaFailed(_first_error(error.error_log) or str(error)) from None


PENDING = "rng.pending"


def _run_rng(validator, document: Document, ref: SchemaRef | None = None, full: bool = False) -> list[Finding]:
    if not full and validator.large(document.tree):
        return _rng_findings(validator.errors_in_parts(document.tree), document)
    if not full and validator.full is None:
        if validator.quick(document.tree):
            return []
        # Rejected by the reduced grammar: the run diagnoses it later with the full grammar.
        return [Finding(file=str(document.path), code=PENDING, message="awaiting diagnosis with the full grammar",
                        extra={"ref": ref})]
    return rng_findings(validator, document)


def rng_findings(validator, document: Document) -> list[Finding]:
    return _rng_findings(validator.errors(document.tree), document)


def _rng_findings(errors: list, document: Document) -> list[Finding]:
    findings, seen = [], set()
    for entry in errors:
        key = (entry.line, entry.type_name, entry.message)
        if key in seen:
            continue
        seen.add(key)
        element = element_at(document.tree, getattr(entry, "path", None))
        findings.append(Finding(
            file=str(document.path), line=entry.line or (element.sourceline if element is not None else None),
            column=entry.column or None, code=f"rng.{entry.type_name}", message=entry.message.strip(),
            xpath=readable_xpath(element) if element is not None else getattr(entry, "path", None),
            hint=hints.relaxng(entry.type_name),
        ))
    return findings


# --- XML Schema ------------------------------------------------------------------------


XSD_VERSIONING_NS = b"http://www.w3.org/2007/XMLSchema-versioning"


def _confined(ref: SchemaRef, catalog: Catalog | None = None) -> None:
    from toolkit.validation.confine import SchemaOutside, check_confined

    try:
        check_confined(ref.path, ref.kind, catalog)
    except SchemaOutside as error:
        raise SchemaFailed(f"refused: {error}") from None


def _compile_xsd(ref: SchemaRef):
    import xmlschema

    _confined(ref)  # xmlschema's sandbox compares paths as text and would follow a symlink out

    # A schema that declares XSD 1.1 features through the versioning namespace (vc:minVersion)
    # gets the 1.1 processor; read as 1.0 its assertions and alternatives would be skipped.
    try:
        version_11 = XSD_VERSIONING_NS in ref.path.read_bytes()
    except OSError:
        version_11 = False
    schema_class = xmlschema.XMLSchema11 if version_11 else xmlschema.XMLSchema10
    try:
        return schema_class(str(ref.path), allow="sandbox", defuse="always")
    except (xmlschema.XMLSchemaException, etree.XMLSyntaxError, OSError, ValueError) as error:
        raise SchemaFailed(str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__) from None


def _run_xsd(schema, document: Document) -> list[Finding]:
    import xmlschema

    # The document is already parsed; the resource must not open anything (no xsi:schemaLocation loads).
    resource = xmlschema.XMLResource(document.tree, base_url=str(document.path.resolve().parent),
                                     allow="none", defuse="always")
    findings = []
    for error in schema.iter_errors(resource, use_location_hints=False):
        element = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
        line = getattr(error, "sourceline", None) or (element.sourceline if element is not None else None)
        findings.append(Finding(
            file=str(document.path), line=line, code=f"xsd.{_xsd_code(error)}",
            message=(error.reason or error.message or "").strip(),
            xpath=readable_xpath(element) if element is not None else getattr(error, "path", None),
            hint=hints.xsd(_xsd_code(error)),
        ))
    return findings


def _xsd_code(error) -> str:
    name = type(error).__name__
    return {"XMLSchemaChildrenValidationError": "children", "XMLSchemaDecodeError": "datatype",
            "XMLSchemaValidationError": "validation"}.get(name, name.removeprefix("XMLSchema").removesuffix("Error"))


# --- Schematron ------------------------------------------------------------------------


def _discard(function, *args) -> None:
    function(*args)


def _trial_marker(ref: SchemaRef, stage: str, names: frozenset[str] | None) -> Path | None:
    try:
        status = ref.path.stat()
    except OSError:
        return None
    digest = hashlib.sha256("\0".join((stage, str(ref.path), str(status.st_mtime_ns), str(status.st_size),
                                        str(ref.phase), "\n".join(sorted(names or ())))).encode("utf-8"))
    return resources.cache_dir() / "schema-trials" / digest.hexdigest()


def _compile_sch(ref: SchemaRef, reads: ReadPolicy | None = None):
    from toolkit.validation.schematron import SchematronValidator

    path = ref.path
    if path.suffix.lower() == ".rng":
        path = embedded_schematron(ref.path)
        if path is None:
            return _NoRules()
    return SchematronValidator(path, phase=ref.phase, reads=reads)


class _NoRules:
    """A RELAX NG schema declared for its Schematron rules that has none."""

    def validate(self, document: Document) -> list[Finding]:
        return []


_SCH_ORDER = ("title", "ns", "p", "let", "phase", "pattern", "diagnostics", "properties")


def embedded_schematron(path: Path) -> Path | None:
    """The Schematron rules embedded in a RELAX NG schema (as TEI ODDs produce) as a schema file of their own.

    Written to the cache, keyed by the grammar's bytes; None when the grammar embeds no pattern.
    """
    import hashlib

    data, tree = _read_schema(path)
    target = resources.cache_dir() / "schematron-embedded" / f"{hashlib.sha256(data).hexdigest()}.sch"
    if target.is_file():
        return target
    sch = SCHEMATRON
    outermost = [element for element in tree.iter(f"{{{sch}}}*")
                 if not any(isinstance(a.tag, str) and a.tag.startswith(f"{{{sch}}}") for a in element.iterancestors())]
    if not any(etree.QName(element).localname == "pattern" for element in outermost):
        return None
    schema = etree.Element(f"{{{sch}}}schema", queryBinding="xslt2", nsmap={"sch": sch})
    diagnostics = None
    for kind in _SCH_ORDER:
        for element in outermost:
            if etree.QName(element).localname != kind:
                continue
            if kind == "diagnostics":
                if diagnostics is None:
                    diagnostics = etree.SubElement(schema, f"{{{sch}}}diagnostics")
                diagnostics.extend(copy.deepcopy(child) for child in element)
            elif kind != "title" or schema.find(f"{{{sch}}}title") is None:
                schema.append(copy.deepcopy(element))
    from toolkit.atomic import write_bytes

    write_bytes(target, etree.tostring(schema, xml_declaration=True, encoding="UTF-8"))
    return target


def _run_sch(validator, document: Document) -> list[Finding]:
    return list(validator.validate(document))


_COMPILERS = {"rng": _compile_rng, "xsd": _compile_xsd, "sch": _compile_sch}
_RUNNERS = {"rng": _run_rng, "xsd": _run_xsd, "sch": _run_sch}


def _read_schema(path: Path) -> tuple[bytes, etree._ElementTree]:
    try:
        data = read_bytes(path)
        return data, parse_bytes(data, path.resolve())
    except UnreadableDocument as error:
        finding = error.finding
        raise SchemaFailed(f"line {finding.line}: {finding.message}" if finding.line else finding.message) from None
    except OSError as error:
        raise SchemaFailed(f"cannot read it: {error.strerror or error}") from None


def _first_error(log) -> str | None:
    for entry in log:
        return f"line {entry.line}: {entry.message}" if entry.line else entry.message
    return None


def check_override(ref: SchemaRef, schemas: Schemas) -> None:
    """A schema named on the command line that cannot be used is a usage error, not a finding."""
    if not ref.path.is_file():
        raise TeikitError(f"schema not found: {ref.path}", hint="give the path of a .rng, .xsd or .sch file")
    failure = schemas.failure(ref)
    if failure:
        raise TeikitError(f"{KIND_NAMES[ref.kind]} {ref.path} cannot be used: {failure}")
