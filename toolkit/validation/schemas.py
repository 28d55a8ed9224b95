"""A run's compiled schemas: each compiled once, by its language's validator, and asked about documents.

A run compiles every schema it needs in the parent process before any worker is
forked, so the expensive compile (tei_all.rng: seconds) is paid once per run and
shared by all workers through copy-on-write memory. Which schemas a document gets
is ``selection``'s business; each language's checks are its validator's
(``relaxng``, ``xsd``, ``schematron``: see ``validator.SchemaValidator``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit import resources
from toolkit.atomic import write_text
from toolkit.errors import Finding, TeikitError
from toolkit.limits import Limits
from toolkit.validation import budget
from toolkit.validation.reads import ReadPolicy
from toolkit.validation.relaxng import RelaxNGValidator
from toolkit.validation.schematron import SchematronValidator
from toolkit.validation.selection import KIND_NAMES, SchemaRef, inside
from toolkit.validation.validator import SchemaFailed, SchemaValidator
from toolkit.validation.xsd import XSDValidator
from toolkit.xmlio import Document


def _compile_rng(ref: SchemaRef, schemas: Schemas) -> SchemaValidator:
    return RelaxNGValidator.compile(ref, schemas.names, schemas.reads.catalog)


def _compile_xsd(ref: SchemaRef, schemas: Schemas) -> SchemaValidator:
    return XSDValidator.compile(ref)


def _compile_sch(ref: SchemaRef, schemas: Schemas) -> SchemaValidator:
    return SchematronValidator.compile(ref, schemas.reads)


# Each schema language's compiler, by SchemaRef.kind.
COMPILERS = {"rng": _compile_rng, "xsd": _compile_xsd, "sch": _compile_sch}


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

    def _compile(self, ref: SchemaRef) -> SchemaValidator:
        return COMPILERS[ref.kind](ref, self)

    @staticmethod
    def trusted(ref: SchemaRef) -> bool:
        """The toolkit's own schemas (the edition's) run without a budget."""
        return inside(ref.path, resources.data_dir("schemas"))

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

    def validator(self, ref: SchemaRef) -> SchemaValidator | SchemaFailed:
        self.prepare(ref)
        return self.compiled[ref.key]

    def failure(self, ref: SchemaRef) -> str | None:
        validator = self.validator(ref)
        return str(validator) if isinstance(validator, SchemaFailed) else None

    def check(self, ref: SchemaRef, document: Document) -> list[Finding]:
        validator = self.validator(ref)
        if isinstance(validator, SchemaFailed):
            return [Finding(file=str(document.path), line=ref.line, code="schema.invalid",
                            message=f"{KIND_NAMES[ref.kind]} {ref.path} cannot be used: {validator}",
                            hint="fix the schema, or point the document at a working one")]
        return list(validator.iter_findings(document))

    def quick_verdict(self, ref: SchemaRef, document: Document) -> bool | None:
        """The schema's verdict when it costs much less than its findings (a RELAX NG grammar
        reduced to the run's element names), else None."""
        validator = self.validator(ref)
        return None if isinstance(validator, SchemaFailed) else validator.quick_verdict(document)

    def check_streamed(self, ref: SchemaRef, path: Path,
                       names: frozenset[str] | None = None) -> tuple[list[Finding], etree._ElementTree] | None:
        """RELAX NG findings of a large document read as a stream, with its skeleton tree;
        None when this schema cannot check it that way (the document is then read whole).
        ``names``: the document's own element names, when already known."""
        validator = self.validator(ref)
        if not isinstance(validator, RelaxNGValidator):
            return None
        return validator.streamed(path, names)

    def diagnose(self, ref: SchemaRef, document: Document) -> list[Finding]:
        """The findings of a document whose quick verdict was "invalid", from the full grammar."""
        validator = self.validator(ref)
        if isinstance(validator, SchemaFailed):  # its full grammar could not be compiled within the budget
            return [Finding(file=str(document.path), line=ref.line, code="schema.invalid",
                            message=f"{KIND_NAMES[ref.kind]} {ref.path} cannot say why this document is invalid: "
                                    f"{validator}", hint="fix the schema, or raise the budget")]
        return validator.diagnose(document)

    def compile_full(self, ref: SchemaRef) -> None:
        """Prepare ``diagnose`` for this grammar before workers fork; a full grammar that libxml2
        must compile is first compiled in a child within the budget."""
        def bounded(compile_full) -> None:
            self._within_budget(ref, "compile-full", compile_full)
            compile_full()

        try:
            self.validator(ref).prepare_diagnosis(bounded)
        except SchemaFailed as failure:
            self.compiled[ref.key] = SchemaFailed(f"its full grammar: {failure}")


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


def check_override(ref: SchemaRef, schemas: Schemas) -> None:
    """A schema named on the command line that cannot be used is a usage error, not a finding."""
    if not ref.path.is_file():
        raise TeikitError(f"schema not found: {ref.path}", hint="give the path of a .rng, .xsd or .sch file")
    failure = schemas.failure(ref)
    if failure:
        raise TeikitError(f"{KIND_NAMES[ref.kind]} {ref.path} cannot be used: {failure}")
