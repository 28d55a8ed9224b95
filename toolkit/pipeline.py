"""Read, validate, then build: ``teikit build`` and ``make edition`` run this.

The whole build holds the output directory's lock. Each builder publishes its folder
whole, so an interrupted build leaves the previous outputs as they were. A builder
whose inputs (source bytes, stylesheets and assets, its own code, the options) have not
changed since its last successful run is skipped; ``build/.teikit-state.json`` records
what each builder last built from. Within a builder that runs, documents unchanged since
the last build are taken from ``build/.teikit-cache`` (``builders.cache``), so a corpus
build redoes only the documents that changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from toolkit import resources
from toolkit.atomic import output_lock, write_text
from toolkit.builders import BACKGROUND, BUILDERS, documents
from toolkit.builders.cache import CACHE_DIR, code_digest
from toolkit.fingerprints import Fingerprints
from toolkit.builders.options import BuildOptions
from toolkit.builders.html import BuildFailed
from toolkit.builders.output import Written, output_stems, published_together, same_name_findings
from toolkit.errors import EditionInvalid, Finding, TeikitError
from toolkit.executors import beside, forked_worker

STATE_FILE = ".teikit-state.json"
SOURCES = "sources.json"  # each source's digest with its stat, in the build cache (fingerprints.py)


@dataclass
class BuildResult:
    built: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def edition_sources() -> list[Path]:
    """The edition's TEI files: every *.xml in the edition folder."""
    folder = resources.edition_dir()
    sources = sorted(path for path in folder.glob("*.xml") if path.is_file())
    if not sources:
        raise TeikitError(f"no TEI files in {folder}", hint="run inside the edition, or set TEIKIT_EDITION")
    return sources


def build(
    targets: list[str] | None,
    build_dir: Path,
    *,
    options: BuildOptions | None = None,
    validate_first: bool = True,
    sources: list[Path] | None = None,
    force: bool = False,
    progress=None,
    project=None,
    limits=None,
    validate_beside: bool = False,
) -> BuildResult:
    """Validate the edition (or ``sources``), then run the ``targets`` builders (all when None) in order.

    An invalid edition is refused unless ``force``; ``force`` also rebuilds unchanged outputs.
    ``project`` (a ``Project``) validates with its schemas, catalog and pointer checks;
    ``limits`` bound each document's schema checks (``toolkit.limits``), as in ``validate``.
    ``progress`` is called with a line of text per step. On a machine with more than one
    core, a long builder (``BACKGROUND``: the PDF) is typeset in a worker process forked at
    the start, while this process validates and builds the rest; nothing the worker makes
    is published before validation has passed. ``validate_beside``: the validation itself runs in
    a process forked at the start while this one builds (a project's site after an edit: the
    two take about as long), once a validation has kept its findings in ``build_dir``, and the
    outputs are published only once it has passed.
    """
    options = options or BuildOptions()
    say = progress or (lambda _line: None)
    names = list(BUILDERS) if not targets else _check_targets(targets)
    explicit = sources is not None
    sources = [Path(source) for source in sources] if explicit else edition_sources()
    result = BuildResult()
    # Two sources named alike (a/x.xml, b/x.xml) get outputs x and x-2, and the user is told.
    result.findings.extend(same_name_findings(sources, output_stems(sources)))
    build_dir = Path(build_dir)
    with output_lock(build_dir), documents.one_build():  # each document read and collated once
        state = _read_state(build_dir)
        if force:  # made again from scratch: no document's outputs are taken from the cache
            shutil.rmtree(build_dir / CACHE_DIR, ignore_errors=True)
        # Each source hashed once for every builder, and only when its stat has changed since the last build.
        known = Fingerprints(build_dir / CACHE_DIR / SOURCES, included=documents.included_bytes)
        fingerprints = {name: _fingerprint(name, sources, options, known) for name in names}
        known.save()
        todo = [name for name in names if force or not _up_to_date(state.get(name), fingerprints[name], build_dir)]
        aside = [name for name in todo if name in BACKGROUND] if _worth_a_worker(todo, validate_first) else []
        at_once = validate_first and validate_beside and bool(todo) and (os.cpu_count() or 1) > 1
        # Forked first, before this process starts Saxon.
        with _validating(at_once, sources if explicit else [], project, limits, build_dir) as validating, \
                _worker(aside) as worker:
            # Saxon runs here while the worker loads the typesetter; then the worker typesets.
            composed = {name: BACKGROUND[name].compose(sources, build_dir, options=options) for name in aside}
            rendering = {name: worker.submit(_render, name, composed[name].job) for name in aside}
            validated_at = len(result.findings)  # the validation's findings come before the builders'
            if validate_first and validating is None:
                _refuse_invalid(result, _validate(sources if explicit else [], project, limits, build_dir), force)

            told: list[str] = []  # said once the validation beside has passed: until then nothing is written

            def record(name: str, written: list[Path]) -> None:
                result.built[name] = written
                result.findings.extend(getattr(written, "findings", []))
                names = written.names_under(build_dir) if isinstance(written, Written) else None
                if names is None:
                    names = [_relative(path, build_dir) for path in written]
                state[name] = {"inputs": fingerprints[name], "outputs": sorted(names)}
                (told.append if validating is not None else say)(f"{name}: {len(written)} file(s) written")

            # A document one builder cannot make is a finding; the other builders still run,
            # and everything is published together at the end (or nothing, if the build stops).
            failures: list[Finding] = []
            with published_together():
                for name in names:
                    if name not in todo:
                        say(f"{name}: unchanged, skipped")
                        result.skipped.append(name)
                    elif name in rendering:
                        say(f"{name}: building (in a worker process)")
                    else:
                        say(f"{name}: building")
                        with _collecting(failures, state, name):
                            record(name, BUILDERS[name](sources, build_dir, options=options))
                for name, ticket in rendering.items():
                    with _collecting(failures, state, name):
                        record(name, BACKGROUND[name].publish(composed[name], worker.result(ticket), build_dir))
                if validating is not None:  # before anything is published
                    _refuse_invalid(result, validating.result(), force, at=validated_at)
                    for line in told:
                        say(line)
            # Without indentation: json's C encoder, not its Python one (a project site lists 35,000 outputs).
            write_text(build_dir / STATE_FILE, json.dumps(state, sort_keys=True) + "\n")
            if failures:
                failed = BuildFailed(failures)
                failed.findings = [*(f for f in result.findings if f.code.startswith("build.")), *failures]
                raise failed
    return result


def project_targets(project, names: list[str] | None) -> list[str]:
    """What a project of many documents builds: ``names``, else its teikit.toml's
    ``[outputs] build``, else its web edition."""
    configured = list(project.outputs.targets) if project.outputs else []
    return list(names or configured or ["html"])


def build_project(project, names: list[str], build_dir: Path, *, options: BuildOptions, validate_first: bool = True,
                  force: bool = False, progress=None, limits=None) -> BuildResult:
    """The outputs ``names`` of a project of many documents (``project_site.is_collection``):
    its web edition and index data from its documents, its print edition as one book of them
    all (``toolkit.project.book``). Validated first, as ``build``, with the project's checks."""
    from toolkit.builders import project_site

    sources = project.documents()
    if not sources:
        raise TeikitError(f"the project in {project.root} has no TEI documents",
                          hint="check the include globs of [documents] in its teikit.toml")
    options = project_site.project_options(project, options)
    book, names = "pdf" in names, [name for name in names if name != "pdf"]
    result = BuildResult()
    if names:
        result = build(names, build_dir, options=options, sources=sources, validate_first=validate_first,
                       force=force, progress=progress, project=project, limits=limits, validate_beside=True)
    if book:
        from toolkit.builders.pdf import INDEXES
        from toolkit.project.book import BOOK_INDEXES, write_book

        book_options = replace(options, extra={**options.extra, INDEXES: BOOK_INDEXES})
        printed = build(["pdf"], build_dir, options=book_options, sources=[write_book(project, build_dir)],
                        validate_first=validate_first and not names, force=force, progress=progress, project=project,
                        limits=limits)
        result.built.update(printed.built)
        result.skipped += printed.skipped
        result.findings += printed.findings
    return result


@contextmanager
def _collecting(failures: list[Finding], state: dict, name: str):
    try:
        yield
    except BuildFailed as error:  # published without the failed documents, to be made again next time
        failures.extend(error.findings)
        state.pop(name, None)


def _up_to_date(previous: dict | None, fingerprint: str, build_dir: Path) -> bool:
    """Built before from the same inputs, and every output still there."""
    if not previous or previous.get("inputs") != fingerprint:
        return False
    outputs = [build_dir / relative for relative in previous.get("outputs", [])]
    return bool(outputs) and all(path.exists() for path in outputs)


def _refuse_invalid(result: BuildResult, report, force: bool, at: int | None = None) -> None:
    """Add the validation's findings to ``result`` (at ``at``); refuse an invalid edition unless ``force``."""
    position = len(result.findings) if at is None else at
    result.findings[position:position] = report.findings
    if not report.valid and not force:
        raise EditionInvalid(report.findings)


@contextmanager
def _validating(at_once: bool, paths: list[Path], project, limits, build_dir: Path):
    """The validation running in a process of its own (``executors.beside``), or None: also
    when nothing was validated in ``build_dir`` before, so that a project's first build, which
    checks every document, refuses an invalid one before its outputs are made."""
    from toolkit.validation.kept import any_kept

    if not at_once or not any_kept(build_dir / resources.BUILD_CACHE):
        yield None
        return
    with beside(_validate, paths, project, limits, build_dir) as validating:
        yield validating


def _worth_a_worker(todo: list[str], validate_first: bool) -> bool:
    """A worker pays when it has a long builder and something runs beside it, on a second core."""
    return (os.cpu_count() or 1) > 1 and any(name in BACKGROUND for name in todo) and (validate_first or len(todo) > 1)


@contextmanager
def _worker(names: list[str]):
    """A forked worker process that has begun preparing the ``names`` builders (None if none)."""
    if not names:
        yield None
        return
    with forked_worker() as worker:
        for name in names:
            worker.submit(_prepare, name)
        yield worker


# Run in the worker, which looks the steps up in its own (forked) copy of BACKGROUND.
def _prepare(name: str) -> None:
    BACKGROUND[name].prepare()


def _render(name: str, job):
    return BACKGROUND[name].render(job)


def _check_targets(targets: list[str]) -> list[str]:
    unknown = [target for target in targets if target not in BUILDERS]
    if unknown:
        raise TeikitError(f"unknown build target(s): {', '.join(unknown)}", hint="choose from " + ", ".join(BUILDERS))
    return [name for name in BUILDERS if name in targets]  # always in build order


def _validate(paths: list[Path], project=None, limits=None, build_dir: Path | None = None):
    # Imported here, not skipped when missing: an installation that cannot validate builds nothing.
    if project is not None:  # a project's schemas, catalog and cross-document pointers
        from toolkit.project.checks import validate_project

        return validate_project(project, limits=limits, build_dir=build_dir)  # its documents and its registers
    from toolkit.validation import validate

    return validate(paths, limits=limits)


def _fingerprint(name: str, sources: list[Path], options: BuildOptions, known: Fingerprints) -> str:
    """The builder's code, stylesheets and options (``cache.code_digest``) and every source (by
    its name and bytes: a project moved elsewhere is still up to date)."""
    digest = hashlib.sha256(code_digest(name, options).encode())
    for source in sources:
        found = known.digest(source)
        if found is None:
            source.read_bytes()  # says why it cannot be read
        digest.update(b"source:" + os.fsencode(source.name) + f"\0{found[1]}\0".encode())
    return digest.hexdigest()


def _read_state(build_dir: Path) -> dict:
    try:
        data = json.loads((build_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _relative(path: Path, root: Path) -> str:
    text, base = os.fspath(path), os.fspath(root).rstrip(os.sep)
    if text.startswith(base + os.sep) and "/.." not in text and "/./" not in text:
        return text[len(base) + 1:].replace(os.sep, "/")  # the usual case, without pathlib (a site has 30,000 pages)
    try:  # as written first: resolving asks the file system, once per folder of each path
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
