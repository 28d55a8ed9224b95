"""Validation of a project: its documents and registers with the project's schemas and catalog,
and the pointers from every document to the registers.

A pointer meant to designate something in the project (``#id``, ``file.xml#id``, a declared
``prefix:value``) that resolves nowhere is an error (``project.unresolved-ref``); a prefix
no ``prefixDef`` declares is an error too (``project.undeclared-prefix``). A full URI that
no register entry carries as ``idno`` points outside the project: a note
(``project.external-ref``), since linking to an authority file is legitimate.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import Finding, Severity
from toolkit.project.config import Project
from toolkit.project.mentions import unresolved_pointers
from toolkit.project.registers import Registers, _scheme
from toolkit.validation.catalog import Catalog
from toolkit.validation.report import Report
from toolkit.validation.selection import ProjectScope
from toolkit.xmlio import UnreadableDocument, read_document

# The addresses at which the TEI publishes tei_all.rng; `tei_all` in teikit.toml maps them to a local copy.
TEI_ALL_URLS = tuple(
    f"{scheme}://{host}/{path}/tei_all.rng"
    for scheme in ("http", "https")
    for host in ("www.tei-c.org", "tei-c.org")
    for path in ("release/xml/tei/custom/schema/relaxng", "Vault/P5/current/xml/tei/custom/schema/relaxng")
)
# Schemes that make a pointer a URI rather than a prefix that needs a prefixDef.
URI_SCHEMES = {"http", "https", "urn", "doi", "info", "mailto", "ftp", "tag", "file", "data", "ark", "hdl"}


def scope(project: Project, catalog: Path | None = None) -> ProjectScope:
    """What the validator needs: the project's documents and registers, its schemas, and its catalog
    (the project's, then ``catalog`` from the command line, then the built-in tei_all mapping)."""
    return ProjectScope(root=project.root, files=tuple(project.documents() + project.register_files()),
                        schemas=project.schemas, catalog=project_catalog(project, catalog))


def project_catalog(project: Project, extra: Path | None = None) -> Catalog | None:
    files = [path for path in (extra, project.catalog) if path is not None]
    if not files and project.tei_all is None:
        return None
    catalog = Catalog(files)
    if project.tei_all is not None:
        for url in TEI_ALL_URLS:
            catalog.exact.setdefault(url, project.tei_all.resolve().as_uri())
    return catalog


def validate_project(project: Project, paths: list[Path] | None = None, *, catalog: Path | None = None,
                     strict: bool = False, run=None, **options) -> Report:
    """Schemas on every document and register (or on ``paths``), then the pointers of the
    project's documents among them. ``run`` checks the schemas (default: here,
    ``toolkit.validation.validate``; ``validate_on_cluster`` on a Dask cluster)."""
    if run is None:
        from toolkit.validation import validate as run

    report = run(paths or None, catalog=None, strict=strict, project=scope(project, catalog), **options)
    checked = {Path(file).resolve() for file in report.files}
    documents = [path for path in project.documents() if path.resolve() in checked]
    if not documents:
        return report
    registers = Registers.load(project)
    findings = list(report.findings) + reference_findings(documents, registers, names=_names(report.files))
    return Report(findings=findings, files=report.files, strict=strict)


def _names(files: list[Path]) -> dict[Path, str]:
    """How the report names each file (as the validator did: relative to the working folder)."""
    return {Path(file).resolve(): str(file) for file in files}


def reference_findings(documents: list[Path], registers: Registers, *,
                       names: dict[Path, str] | None = None) -> list[Finding]:
    """Every pointer of the documents' names that resolves nowhere, with file and line."""
    names = names or {}
    findings = []
    for document in documents:
        real = document.resolve()
        shown = names.get(real, str(document))
        try:
            tree = read_document(document).tree
        except UnreadableDocument:
            continue  # the schema check has reported it
        findings += tree_reference_findings(tree, real, registers, shown)
    return findings


def tree_reference_findings(tree, document: Path, registers: Registers, shown: str | None = None) -> list[Finding]:
    """Every pointer of one parsed document (``document``, resolved) that resolves nowhere."""
    return [_unresolved(found, shown or str(document), registers, document)
            for found in unresolved_pointers(tree, document, registers)]


def _unresolved(mention, shown: str, registers: Registers, document: Path) -> Finding:
    pointer = mention.pointer
    scheme = _scheme(pointer)
    where = dict(file=shown, line=mention.line, xpath=None,
                 extra={"pointer": pointer, "element": mention.element})
    if scheme and scheme not in URI_SCHEMES and registers.expand(pointer, document) is None:
        declared = registers.prefixes(document)
        return Finding(**where, severity=Severity.ERROR, code="project.undeclared-prefix",
                       message=f"<{mention.element} ref=\"{pointer}\">: the prefix {scheme!r} is not declared",
                       hint="declare it with a prefixDef in the header's listPrefixDef"
                            + (f" (declared: {', '.join(declared)})" if declared else ""))
    if scheme in URI_SCHEMES and scheme != "file":
        return Finding(**where, severity=Severity.INFO, code="project.external-ref",
                       message=f"<{mention.element} ref=\"{pointer}\"> points outside the project: "
                               "no register entry has this idno",
                       hint="add the URI as an idno of the register entry it identifies, to link the name to it")
    expanded = registers.expand(pointer, document)
    return Finding(**where, severity=Severity.ERROR, code="project.unresolved-ref",
                   message=f"<{mention.element} ref=\"{pointer}\">" + (f" (that is, {expanded})" if expanded else "")
                           + " resolves to no register entry",
                   hint="correct the pointer, or add the entry to a register (the document's standOff or back, "
                        "or a file listed in [registers] of teikit.toml)")
