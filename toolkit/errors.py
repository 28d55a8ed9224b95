"""One finding record for every validator and builder."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum

from toolkit.printable import printable


# Marks, in ``Finding.extra``, a finding about a declared schema that could not be applied: the
# document was not validated against it, and a report says so apart from its other errors.
SCHEMA_UNUSABLE = "schema_unusable"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Finding:
    """A problem found in a document.

    ``code`` is the Schematron rule id, or ``rng``/``xsd``/``xml`` followed by the
    library's own code (``rng.RNG_ERR_ELEMNAME``); ``hint`` says how to fix it.
    """

    file: str
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    code: str = ""
    message: str = ""
    xpath: str | None = None
    hint: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        # File names and messages may quote anything: shown escaped, never as terminal codes.
        position = printable(self.file)
        if self.line is not None:
            position += f":{self.line}"
            if self.column is not None:
                position += f":{self.column}"
        return f"{position}: {self.severity.value} [{printable(self.code)}] {printable(self.message)}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class TeikitError(Exception):
    """A usage or I/O problem the user can fix; the CLI prints it and exits 2."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint

    def __reduce__(self):
        # Rebuilt field by field, whatever a subclass's __init__ takes: errors raised in a
        # worker process reach the parent whole (message, hint, findings).
        return _rebuild_error, (type(self), self.args, self.__dict__)


def _rebuild_error(kind: type, args: tuple, fields: dict) -> TeikitError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(fields)
    return error


class EditionInvalid(TeikitError):
    """Validation found errors and the command was not forced; ``findings`` holds them all.

    Build and deposit raise this one error; ``outcome`` says what was not done.
    """

    def __init__(self, findings: list[Finding], *, outcome: str = "nothing was built",
                 hint: str = "fix the findings (see `teikit validate`), or build anyway with --force"):
        errors = sum(1 for finding in findings if finding.severity == Severity.ERROR)
        super().__init__(f"the edition is not valid ({errors} error(s)); {outcome}", hint=hint)
        self.findings = list(findings)
