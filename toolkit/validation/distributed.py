"""Validation beyond one machine: batches of documents sent to a Dask distributed cluster.

Dask does the scheduling, retries and data transfer; each task is an ordinary
local ``validate`` of a batch on one worker, so a worker compiles the run's
schemas once per batch and findings are exactly those of a local run. Workers
must see the documents and schemas at the same absolute paths (a shared or
replicated file system), as with any Dask deployment.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from toolkit import resources
from toolkit.errors import Finding, TeikitError
from toolkit.executors import dask_client
from toolkit.validation.engine import _relative as shown_name
from toolkit.validation.files import collect
from toolkit.validation.report import Report
from toolkit.validation.selection import ProjectScope

BATCHES_PER_WORKER = 4


def validate_on_cluster(paths: list[Path] | None, scheduler: str, *, strict: bool = False,
                        project: ProjectScope | None = None, **options) -> Report:
    """Validate like ``toolkit.validation.validate``, with the work done by the Dask cluster at
    ``scheduler``; ``project`` (its files, schemas, catalog and root) applies to every batch."""
    if project is not None and not paths:
        files = [shown_name(path) for path in project.files]  # as a local run names them
    else:
        targets = [Path(p) for p in paths] if paths else [resources.edition_dir()]
        files = collect(targets)
    if not files:
        raise TeikitError("no XML files found in " + ", ".join(str(p) for p in (paths or [resources.edition_dir()])))
    options = {**options, "project": project}
    shown = {str(path.resolve()): str(path) for path in files}
    with dask_client(scheduler) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        batches = _batches([path.resolve() for path in files], workers * BATCHES_PER_WORKER)
        futures = client.map(_validate_batch, batches, options=options, pure=False)
        findings = [finding for found in client.gather(futures) for finding in found]
    return Report(findings=[_shown_as_given(finding, shown) for finding in findings], files=files, strict=strict)


def _validate_batch(batch: list[Path], options: dict) -> list[Finding]:
    from toolkit.validation.engine import validate

    return validate(batch, jobs=1, **options).findings


def _batches(files: list[Path], count: int) -> list[list[Path]]:
    size = max(1, math.ceil(len(files) / count))
    return [files[start:start + size] for start in range(0, len(files), size)]


def _shown_as_given(finding: Finding, shown: dict[str, str]) -> Finding:
    # Workers report absolute paths; the report names files as the user gave them.
    name = shown.get(finding.file) or shown.get(str(Path(finding.file).resolve()))
    return finding if name is None else replace(finding, file=name)
