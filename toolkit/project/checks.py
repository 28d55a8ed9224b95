"""Validation of a project: its documents and registers with the project's schemas and catalog,
and the pointers from every document to the registers.

A pointer meant to designate something in the project (``#id``, ``file.xml#id``, a declared
``prefix:value``) that resolves nowhere is an error (``project.unresolved-ref``); a prefix
no ``prefixDef`` declares is an error too (``project.undeclared-prefix``). A full URI that
no register entry carries as ``idno`` points outside the project: a note
(``project.external-ref``), since linking to an authority file is legitimate.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import partial
from pathlib import Path

from toolkit import resources
from toolkit.errors import Finding, Severity
from toolkit.project.config import Project
from toolkit.project.kept_checks import KeptChecks
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


def scope(project: Project, catalog: Path | None = None, kept: Path | None = None, *,
          documents: list[Path] | None = None) -> ProjectScope:
    """What the validator needs: the project's documents and registers, its schemas, its catalog
    (the project's, then ``catalog`` from the command line, then the built-in tei_all mapping), and
    where each document's findings are kept between runs (``kept``, a build folder: the project's
    own by default). ``documents``: the project's documents, when the caller has listed them."""
    documents = project.documents() if documents is None else documents
    return ProjectScope(root=project.root, files=tuple(documents + project.register_files()),
                        schemas=project.schemas, catalog=project_catalog(project, catalog),
                        kept=(kept or project.output_dir) / resources.BUILD_CACHE)


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
                     strict: bool = False, run=None, build_dir: Path | None = None, fresh: bool = False,
                     **options) -> Report:
    """Schemas on every document and register (or on ``paths``), then the pointers of the
    project's documents among them. ``run`` checks the schemas (default: here,
    ``toolkit.validation.validate``; ``validate_on_cluster`` on a Dask cluster). ``build_dir``:
    the build folder whose cache keeps findings between runs (default: the project's); ``fresh``:
    check everything again, taking nothing from earlier runs."""
    if run is None:
        from toolkit.validation import validate as run

    every = project.documents()
    validated = scope(project, catalog, build_dir, documents=every)
    if fresh:
        validated = replace(validated, kept=None)
    report = run(paths or None, catalog=None, strict=strict, project=validated, **options)
    if paths:
        checked = {Path(file).resolve() for file in report.files}
        documents = [path for path in every if path.resolve() in checked]
    else:
        documents = every
    if not documents:
        return report
    kept = KeptChecks(validated.kept) if validated.kept is not None else None
    registers = kept.registers(project.register_files(), every) if kept is not None else Registers.load(project)
    findings = list(report.findings) + reference_findings(documents, registers, files=report.files, kept=kept)
    if kept is not None:
        kept.save(whole=not paths)
    return Report(findings=findings, files=report.files, strict=strict, unchanged=report.unchanged)


def reference_findings(documents: list[Path], registers: Registers, *, files: list[Path] = (),
                       kept: KeptChecks | None = None) -> list[Finding]:
    """Every pointer of the documents' names that resolves nowhere, with file and line, the file
    named as in ``files`` (the validator's report) where it is there; taken from ``kept`` for the
    documents it holds."""
    named: dict[str, str] = {}  # how the report names each file, by absolute path, then by real path
    resolved: dict[Path, str] = {}

    def shown(document: Path, real: Path) -> str:
        if files and not named:  # made when first needed: after an edit, most documents are kept
            named.update((os.path.abspath(file), str(file)) for file in files)
        if os.path.abspath(document) in named:
            return named[os.path.abspath(document)]
        if files and not resolved:
            resolved.update((Path(file).resolve(), str(file)) for file in files)
        return resolved.get(real, str(document))

    def find(document: Path) -> list[Finding]:
        real = document.resolve()
        try:
            tree = read_document(document).tree
        except UnreadableDocument:
            return []  # the schema check has reported it
        return tree_reference_findings(tree, real, registers, shown(document, real))

    findings = []
    for document in documents:
        findings += kept.references(document, registers, partial(find, document)) if kept is not None else find(document)
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
