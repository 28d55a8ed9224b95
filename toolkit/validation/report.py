"""The result of a validation run and its three renderings: text, JSON and JUnit XML."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click
from lxml import etree

from toolkit import exitcodes
from toolkit.errors import SCHEMA_UNUSABLE, Finding, Severity
from toolkit.printable import printable

_SURROGATE = re.compile("[\ud800-\udfff]")
COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    strict: bool = False
    # Files whose findings are those of the last run: nothing they are checked with has changed
    # (not in the report, which is the same whether they were read again or not).
    unchanged: int = 0

    def failing(self, finding: Finding) -> bool:
        return finding.severity == Severity.ERROR or (self.strict and finding.severity == Severity.WARNING)

    @property
    def valid(self) -> bool:
        return not any(self.failing(finding) for finding in self.findings)

    @property
    def exit_code(self) -> int:
        return exitcodes.OK if self.valid else exitcodes.INVALID

    def by_file(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {str(path): [] for path in self.files}
        for finding in self.findings:  # a finding in an included file counts for the document
            grouped.setdefault(finding.extra.get("document", finding.file), []).append(finding)
        return grouped

    def counts(self) -> Counter:
        return Counter(finding.severity for finding in self.findings)

    def invalid_files(self) -> list[str]:
        return [name for name, found in self.by_file().items() if any(self.failing(f) for f in found)]

    def unvalidated_files(self) -> list[str]:
        """Files with a declared schema that could not be applied (missing, unresolved, refused)."""
        return [name for name, found in self.by_file().items() if any(f.extra.get(SCHEMA_UNUSABLE) for f in found)]

    def summary(self) -> str:
        counts = self.counts()
        invalid = len(self.invalid_files())
        total = len(self.files)
        parts = [_plural(counts[Severity.ERROR], "error"), _plural(counts[Severity.WARNING], "warning")]
        if counts[Severity.INFO]:
            parts.append(_plural(counts[Severity.INFO], "note"))
        verdict = "valid" if self.valid else "INVALID"
        text = f"{verdict}: {_plural(total, 'file')} checked, {total - invalid} valid, {invalid} invalid; " + ", ".join(parts)
        if self.strict:
            text += " (strict: warnings count as errors)"
        unvalidated = len(self.unvalidated_files())
        if unvalidated and unvalidated == total:
            text += ("\nnothing could be validated: no file's declared schema could be used "
                     "(see the model.* errors for the catalog entry to write, or pass --schema)")
        elif unvalidated:
            text += (f"\n{unvalidated} of them could not be validated against a schema they declare "
                     "(see their model.* errors)")
        return text

    # --- renderings ---------------------------------------------------------------------

    def to_text(self, *, color: bool = False) -> str:
        lines = []
        for name, found in self.by_file().items():
            if not found:
                continue
            for finding in found:
                severity = finding.severity.value
                if color:
                    severity = click.style(severity, fg=COLOURS[finding.severity], bold=finding.severity == Severity.ERROR)
                position = ":".join(str(part) for part in (printable(finding.file), finding.line, finding.column)
                                    if part is not None)
                lines.append(f"{position}: {severity} [{printable(finding.code)}] {printable(finding.message)}")
                if finding.hint:
                    lines.append(f"    hint: {printable(finding.hint)}")
            lines.append("")
        summary = self.summary()
        if color:
            summary = click.style(summary, fg="green" if self.valid else "red", bold=True)
        lines.append(summary)
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        counts = self.counts()
        return {
            "valid": self.valid,
            "strict": self.strict,
            "summary": {
                "files": len(self.files),
                "invalid_files": len(self.invalid_files()),
                "unvalidated_files": len(self.unvalidated_files()),
                "errors": counts[Severity.ERROR],
                "warnings": counts[Severity.WARNING],
                "infos": counts[Severity.INFO],
            },
            "files": [
                {"file": _utf8(name), "valid": not any(self.failing(f) for f in found),
                 "findings": [_public(finding) for finding in found]}
                for name, found in self.by_file().items()
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_junit(self) -> str:
        """One test case per file; errors (and warnings under --strict) are failures."""
        grouped = self.by_file()
        failures = sum(1 for found in grouped.values() if any(self.failing(f) for f in found))
        suites = etree.Element("testsuites", name="teikit validate", tests=str(len(grouped)), failures=str(failures))
        suite = etree.SubElement(suites, "testsuite", name="teikit validate", tests=str(len(grouped)),
                                 failures=str(failures), errors="0", skipped="0")
        for name, found in grouped.items():
            case = etree.SubElement(suite, "testcase", classname="teikit.validate", name=printable(name),
                                    file=printable(name))
            failing = [f for f in found if self.failing(f)]
            if failing:
                failure = etree.SubElement(case, "failure", message=_clean(str(failing[0])), type=printable(failing[0].code))
                failure.text = _clean("\n".join(_line(f) for f in failing))
            others = [f for f in found if not self.failing(f)]
            if others:
                etree.SubElement(case, "system-out").text = _clean("\n".join(_line(f) for f in others))
        return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def _line(finding: Finding) -> str:
    text = str(finding)
    if finding.xpath:
        text += f" (at {printable(finding.xpath)})"
    if finding.hint:
        text += f"\n    hint: {printable(finding.hint)}"
    return text


def _public(finding: Finding) -> dict:
    data = finding.to_dict()
    data.pop("extra", None)
    # Valid UTF-8 whatever a file name holds: its bytes that are not UTF-8 are shown escaped.
    # (JSON escapes control characters itself.)
    return {key: _utf8(value) if isinstance(value, str) else value for key, value in data.items()}


def _utf8(text: str) -> str:
    return printable(text) if _SURROGATE.search(text) else text


def _clean(text: str) -> str:
    # Characters XML 1.0 cannot carry (a finding may quote binary junk).
    return "".join(c if c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff" else "\ufffd"
                   for c in text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
