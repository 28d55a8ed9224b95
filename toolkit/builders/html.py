"""The web edition: build/html/ from TEI by xslt/html.xsl and xslt/index.xsl.

One source gives one site (index.html, about.html, persons.html, places.html,
organisations.html, assets/, tei/). Several sources give one site per document in
build/html/<name>/ and a list of them in build/html/index.html. A document that cannot
be read or transformed is reported as a finding; the others are still built.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from toolkit import resources
from toolkit.builders import rendering
from toolkit.builders import project_site
from toolkit.builders.cache import DocumentCache
from toolkit.builders.edition_search import search_files
from toolkit.builders.explore import essay as explore
from toolkit.builders.documents import (NOT_TEI_HINT, BuildFailed, DocumentProblem, prepare,
                                        transform_problem)
from toolkit.builders.options import BuildOptions
from toolkit.project.registers import Registers
from toolkit.builders.output import STEM_BYTES, Written, output_stems, publish, short_stem
from toolkit.builders.source_copy import active_content, download_path
from toolkit.printable import printable
from toolkit.errors import Finding, Severity, TeikitError
from toolkit.executors import map_in_order
from toolkit.interface_words import Words
from toolkit.namespaces import TEI_ROOTS, TK
from toolkit.xslt import TransformError

REGISTERS = ("persons", "places", "organisations")
ASSETS = ("edition.css", "phrases.css", "edition.js", "search.js", "search.css")
EXPLORE_ASSETS = ("explore.css", "explore.js")
EXPLORE_PLACEHOLDER = "<!--tk:explore-content-->"


def stylesheet_files() -> list[Path]:
    """Every file the web edition is made from, for the incremental build's fingerprint."""
    root = resources.data_dir("xslt")
    files = [root / "html.xsl", root / "index.xsl", *sorted((root / "common").rglob("*.xsl"))]
    files += [root / "assets" / name for name in (*ASSETS, *EXPLORE_ASSETS)]
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


def _render_or_finding(source: Path, options: BuildOptions) -> tuple[dict[str, bytes], str, list[Finding]] | Finding:
    # What travels back from a cluster worker: the site, or why the document could not be built.
    try:
        return render_site(source, options)
    except DocumentProblem as problem:
        return problem.finding


def render_site(source: Path, options: BuildOptions) -> tuple[dict[str, bytes], str, list[Finding]]:
    """The pages, assets and TEI copy of one document (relative path -> bytes), its title, and
    the warnings it gives (markup a browser would run)."""
    saxon, rendering_params = rendering.stylesheets(options)
    prepared = prepare(source, saxon)
    prepared.require(TEI_ROOTS, NOT_TEI_HINT)
    project_css = rendering.css(options, "css")
    registers = Registers.from_files([], [source])  # read once, for the timeline, the map and the search facets
    try:
        node = prepared.node
        common = {f"{TK}fixed-date": options.build_date(), f"{TK}source-name": _download_name(source)}
        if prepared.order:
            common[f"{TK}collation-order"] = prepared.order
        common.update(rendering_params)
        # The timeline and the map, when it has something to show, in the language of the other pages.
        language = saxon.transform("html", node, common, template=f"{TK}interface-language").principal.strip()
        words = Words(language, rendering.rendering_of(options).get("words"))
        explored = explore.pages(prepared.tree, source, registers, words)
        common[f"{TK}explore-pages"] = " ".join(explored)
        if project_css is not None:
            common[f"{TK}project-css"] = "assets/project.css"
        pages = {
            "index.html": saxon.transform("html", node, common, template=f"{TK}essay-page").principal,
            "about.html": saxon.transform("html", node, common, template=f"{TK}about-page").principal,
            "search.html": saxon.transform("html", node, common, template=f"{TK}search-page").principal,
        }
        for register in REGISTERS:
            params = {**common, f"{TK}register": register}
            pages[f"{register}.html"] = saxon.transform("index", node, params, template=f"{TK}register-page").principal
        for key, content in explored.items():
            shell = saxon.transform("html", node, {**common, f"{TK}explore-current": key},
                                    template=f"{TK}explore-page").principal
            pages[f"{key}.html"] = shell.replace(EXPLORE_PLACEHOLDER, content, 1)
        title = saxon.transform("html", node, common, template=f"{TK}document-title").principal.strip()
    except TransformError as error:
        raise transform_problem(source, error) from None
    search = search_files(source, pages, title or source.stem, registers, words)
    site = {name: _finish(page) for name, page in pages.items() if name != "search.html"}
    site.update((name, _finish(data.decode("utf-8")) if name == "search.html" else data) for name, data in search.items())
    assets = resources.data_dir("xslt") / "assets"
    for name in (*ASSETS, *(EXPLORE_ASSETS if explored else ())):
        site[f"assets/{name}"] = (assets / name).read_bytes()
    if project_css is not None:
        site["assets/project.css"] = project_css
    site[download_path(_download_name(source))] = prepared.data  # as text: never run by a browser
    return site, title or source.stem, active_content(prepared.tree.getroot(), str(source))


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


def _site_list(built: list[tuple[str, Path, str]], options: BuildOptions) -> str:
    # The documents may each have their own language: the list speaks the one the rendering asks for.
    chosen = rendering.rendering_of(options)
    words = Words(str(chosen.get("language") or "en").lower().split("-")[0], chosen.get("words"))
    e = html.escape
    items = "\n".join(
        f'<li><a href="{name}/index.html">{e(title)}</a> <span class="file">({e(printable(source.name))})</span></li>'
        for name, source, title in built
    )
    date = options.build_date()
    return (
        f'<!DOCTYPE html>\n<html lang="{words.language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{e(words("tei-documents"))}</title><link rel="stylesheet" href="{built[0][0]}/assets/edition.css"></head>'
        f'<body><main id="main"><h1>{e(words("tei-documents"))}</h1>'
        f'<ul class="documents">\n{items}\n</ul></main>'
        f'<footer class="site-footer"><p>{e(words("built"))} <time datetime="{date}">{e(words.date(date))}</time>'
        f' {e(words("with-teikit"))}</p></footer>'
        "</body></html>\n"
    )

