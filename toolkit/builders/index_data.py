"""The indexes as data for reuse: build/index/{persons,places,organisations}.{json,csv}.

The content comes from xslt/index.xsl (``tk:index-data``), the same as the web index
pages, in the same Unicode collation order.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.builders.cache import DocumentCache
from toolkit.builders.documents import BuildFailed, DocumentProblem, prepare, transform_problem
from toolkit.builders import rendering
from toolkit.builders.html import REGISTERS, _site_names
from toolkit.builders.options import BuildOptions
from toolkit.builders.output import publish
from toolkit.collation import index_data
from toolkit.errors import Finding
from toolkit.printable import printable
from toolkit.spreadsheet import csv_text
from toolkit.xslt import TransformError

CSV_COLUMNS = ("id", "type", "name", "variants", "birth", "death", "note", "authorities",
               "occurrence_count", "occurrences")


def build(sources: list[Path], build_dir: Path, *, options: BuildOptions) -> list[Path]:
    """Write the index data of ``sources`` to ``build_dir/index`` (one folder per source when several)."""
    sources = [Path(source) for source in sources]
    files: dict[str, bytes] = {}
    findings: list[Finding] = []
    cache = DocumentCache(build_dir, "index", options)  # unchanged documents are not read again
    for source, name in zip(sources, _site_names(sources)):
        prefix = "" if len(sources) == 1 else f"{name}/"
        key = cache.key(source)
        hit = cache.get(key)
        if hit is not None:
            document_files = hit[0]
        else:
            try:
                document_files = index_files(source, options)
            except DocumentProblem as problem:
                findings.append(problem.finding)
                continue
            cache.put(key, source, document_files)
        files.update({prefix + relative: data for relative, data in document_files.items()})
    written = publish(Path(build_dir) / "index", files) if files else []
    cache.prune()
    if findings:
        raise BuildFailed(findings)
    return written


def index_files(source: Path, options: BuildOptions) -> dict[str, bytes]:
    """The JSON and CSV files of one document's registers."""
    data = document_index(source, options)
    files = {}
    for register in REGISTERS:
        entries = data[register]
        payload = {"source": printable(source.name), "register": register, "entries": entries}
        files[f"{register}.json"] = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        files[f"{register}.csv"] = to_csv(entries).encode("utf-8")
    return files


def document_index(source: Path, options: BuildOptions) -> dict:
    """The three registers of one TEI document, each a list of entries in index order."""
    saxon, _ = rendering.stylesheets(options)  # the other builders' Saxon: the document is parsed once for all
    prepared = prepare(source, saxon)
    try:
        return index_data(prepared.node, saxon, order=prepared.order)
    except TransformError as error:
        raise transform_problem(source, error) from None


def to_csv(entries: list[dict]) -> str:
    """One row per entry; lists joined with "; ", occurrences as paragraph anchors."""
    return csv_text(CSV_COLUMNS, ([
        entry["id"], entry["type"], entry["name"],
        "; ".join(variant["name"] for variant in entry["variants"]),
        entry["birth"], entry["death"], entry["note"],
        "; ".join(authority["url"] or f'{authority["type"]}:{authority["value"]}' for authority in entry["authorities"]),
        len(entry["occurrences"]),
        "; ".join(occurrence["anchor"] for occurrence in entry["occurrences"]),
    ] for entry in entries))
