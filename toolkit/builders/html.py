"""The web edition: build/html/ from TEI by xslt/html.xsl and xslt/index.xsl.

One source gives one site (index.html, about.html, persons.html, places.html,
organisations.html, assets/, tei/). Several sources give one site per document in
build/html/<name>/ and a list of them in build/html/index.html. A document that cannot
be read or transformed is reported as a finding; the others are still built.
"""

from __future__ import annotations

import html
import re
import sys
from html import entities as html_entities
from functools import cache
from pathlib import Path

from lxml import etree

from toolkit import resources
from toolkit.builders import project_site
from toolkit.builders.options import BuildOptions
from toolkit.builders.cache import DocumentCache
from toolkit.builders.output import STEM_BYTES, Written, output_stems, publish, short_stem
from toolkit.builders.source_copy import active_content, download_path
from toolkit.collation import collation_order
from toolkit.printable import printable
from toolkit.errors import Finding, Severity, TeikitError
from toolkit.executors import map_in_order
from toolkit.namespaces import TEI as TEI_NS, TK
from toolkit.xmlio import UnreadableDocument, read_document, replace_entity_reference
from toolkit.xslt import SealedSaxon, TransformError

REGISTERS = ("persons", "places", "organisations")
ASSETS = ("edition.css", "phrases.css", "edition.js")


class BuildFailed(TeikitError):
    """Some documents could not be built; ``findings`` say which and why."""

    def __init__(self, findings: list[Finding]):
        super().__init__(
            f"{len(findings)} document(s) could not be built",
            hint="see the findings above; the other documents were built",
        )
        self.findings = findings


@cache
def _saxon() -> SealedSaxon:
    # Compiled once per process (each pytest-xdist worker has its own).
    return SealedSaxon({"html": resources.stylesheet("html.xsl"), "index": resources.stylesheet("index.xsl")})


def stylesheet_files() -> list[Path]:
    """Every file the web edition is made from, for the incremental build's fingerprint."""
    root = resources.data_dir("xslt")
    files = [root / "html.xsl", root / "index.xsl", *sorted((root / "common").rglob("*.xsl"))]
    files += [root / "assets" / name for name in ASSETS]
    return files


def build(sources: list[Path], build_dir: Path, *, options: BuildOptions) -> list[Path]:
    """Write the web edition of ``sources`` to ``build_dir/html`` (replacing the previous one whole)."""
    if options.extra.get(project_site.PROJECT):  # a project's documents: one site for all of them
        return project_site.build(sources, build_dir, options=options)
    sources = [Path(source) for source in sources]
    if not sources:
        raise TeikitError("no TEI documents to build", hint="give TEI files, or run in a folder with tei/")
    files: dict[str, bytes] = {}
    findings: list[Finding] = []
    warnings: list[Finding] = []
    single = len(sources) == 1
    names = _site_names(sources)
    built: list[tuple[str, Path, str]] = []
    # Documents unchanged since the last build come from the cache; only the others are rendered.
    cache = DocumentCache(build_dir, "html", options)
    keys = [cache.key(source) for source in sources]
    kept = [cache.get(key) for key in keys]
    missing = [source for source, hit in zip(sources, kept) if hit is None]
    rendered = iter(map_in_order(_render_or_finding, missing, scheduler=options.scheduler, options=options))
    for source, name, key, hit in zip(sources, names, keys, kept):
        prefix = "" if single else f"{name}/"
        if hit is not None:
            site, title = hit[0], hit[1].get("title") or source.stem
            document_warnings = [_finding_from(data) for data in hit[1].get("warnings", [])]
        else:
            outcome = next(rendered)
            if isinstance(outcome, Finding):
                findings.append(outcome)
                continue
            site, title, document_warnings = outcome
            cache.put(key, source, site, {"title": title, "warnings": [w.to_dict() for w in document_warnings]})
        warnings.extend(document_warnings)
        files.update({prefix + relative: data for relative, data in site.items()})
        built.append((name, source, title))
    if not single and built:
        files["index.html"] = _site_list(built, options).encode("utf-8")
    written = publish(Path(build_dir) / "html", files) if files else []
    cache.prune()
    if findings:
        failed = BuildFailed(findings)
        failed.findings = [*warnings, *findings]
        raise failed
    return Written(written, warnings)


def _finding_from(data: dict) -> Finding:
    return Finding(**{**data, "severity": Severity(data["severity"])})


class _DocumentProblem(Exception):
    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


def _render_or_finding(source: Path, options: BuildOptions) -> tuple[dict[str, bytes], str, list[Finding]] | Finding:
    # What travels back from a cluster worker: the site, or why the document could not be built.
    try:
        return render_site(source, options)
    except _DocumentProblem as problem:
        return problem.finding


def render_site(source: Path, options: BuildOptions) -> tuple[dict[str, bytes], str, list[Finding]]:
    """The pages, assets and TEI copy of one document (relative path -> bytes), its title, and
    the warnings it gives (markup a browser would run)."""
    document = read_for_rendering(source)
    root = document.root
    local = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if local not in ("TEI", "TEI.2", "teiCorpus", "teiCorpus.2"):
        raise _DocumentProblem(
            Finding(
                file=str(source), line=root.sourceline, code="build.not-tei",
                message=f"the root element is <{root.tag}>, not a TEI document",
                hint=f"the HTML edition is made from TEI (root <TEI> in the namespace {TEI_NS})",
            )
        )
    saxon = _saxon()
    text = saxon_text(document)
    try:
        node = saxon.parse(text)
        order = collation_order(text, saxon=saxon)
        common = {f"{TK}fixed-date": options.build_date(), f"{TK}source-name": _download_name(source)}
        if order:
            common[f"{TK}collation-order"] = order
        pages = {
            "index.html": saxon.transform("html", node, common, template=f"{TK}essay-page").principal,
            "about.html": saxon.transform("html", node, common, template=f"{TK}about-page").principal,
        }
        for register in REGISTERS:
            params = {**common, f"{TK}register": register}
            pages[f"{register}.html"] = saxon.transform("index", node, params, template=f"{TK}register-page").principal
    except TransformError as error:
        raise _DocumentProblem(
            Finding(file=str(source), code="build.transform", message=str(error),
                    hint="the document could not be transformed; check it with `teikit validate`")
        ) from None
    site = {name: _finish(page) for name, page in pages.items()}
    assets = resources.data_dir("xslt") / "assets"
    for name in ASSETS:
        site[f"assets/{name}"] = (assets / name).read_bytes()
    site[download_path(_download_name(source))] = document.data  # as text: never run by a browser
    title = _title_of(pages["index.html"]) or source.stem
    return site, title, active_content(document.root, str(source))


def read_for_rendering(source: Path):
    """The document, read as the outputs read it: what had to be worked around (an xml:id that
    is not an NCName) is reported on stderr as a warning with file and line."""
    try:
        document = read_document(source, tolerate_ids=True)
    except UnreadableDocument as error:
        raise _DocumentProblem(error.finding) from None
    for finding in document.findings:
        if finding.code == "xml.id-not-ncname":
            print(f"{finding}\n  hint: {finding.hint}", file=sys.stderr)
    return document


def saxon_text(document) -> str:
    """The document as text for Saxon, which reads no DTD.

    lxml keeps references to entities declared only in an external DTD (never read); those
    named in the standard HTML/ISO entity sets become their characters, any other is refused.
    """
    root = document.root
    for entity in list(root.iter(etree.Entity)):
        value = html_entities.html5.get(f"{entity.name};")
        if value is None:
            raise _DocumentProblem(
                Finding(
                    file=str(document.path), line=entity.sourceline, code="build.entity",
                    message=f"the entity &{entity.name}; is declared only in a DTD that is not read",
                    hint="replace it with the character itself or a numeric reference",
                )
            )
        replace_entity_reference(entity, value)
    return etree.tostring(root, encoding="unicode")


def _finish(page: str) -> bytes:
    # Saxon writes the doctype in capitals; HTML5 spells it in lower case.
    if page.startswith("<!DOCTYPE HTML>"):
        page = "<!DOCTYPE html>" + page[len("<!DOCTYPE HTML>"):]
    return (page.rstrip("\n") + "\n").encode("utf-8")


def _download_name(source: Path) -> str:
    name = re.sub(r"[^\w.-]+", "-", source.name).strip("-.") or "source.xml"
    name = name if name.endswith(".xml") else name + ".xml"
    # A long name is cut (with a digest of the whole) to leave room for a file name's suffixes.
    return name if len(name.encode("utf-8")) <= STEM_BYTES + 4 else short_stem(source) + ".xml"


def _site_names(sources: list[Path]) -> list[str]:
    """A folder name per source, unique, safe in a URL and inside build/html."""
    return output_stems(sources, reserved=("assets", "tei"))


def _title_of(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    return html.unescape(match.group(1)).strip() if match else ""


def _site_list(built: list[tuple[str, Path, str]], options: BuildOptions) -> str:
    items = "\n".join(
        f'<li><a href="{name}/index.html">{html.escape(title)}</a> <span class="file">({html.escape(printable(source.name))})</span></li>'
        for name, source, title in built
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>TEI documents</title><link rel="stylesheet" href="{built[0][0]}/assets/edition.css"></head>'
        '<body><main id="main"><h1>TEI documents</h1>'
        f'<ul class="documents">\n{items}\n</ul></main>'
        f'<footer class="site-footer"><p>Built <time datetime="{options.build_date()}">{options.build_date()}</time> with teikit.</p></footer>'
        "</body></html>\n"
    )

