"""Findings in the protocol's terms: zero-based lines, a range on the line, a severity."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lsprotocol import types

from toolkit.errors import Finding, Severity

SOURCE = "teikit"
# Where str.splitlines breaks and neither XML nor the protocol does (U+2028 and U+0085 may stand in XML text).
_OTHER_BREAKS = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
               Severity.INFO: types.DiagnosticSeverity.Information}


def diagnostic(finding: Finding, lines: list[str]) -> types.Diagnostic:
    """The finding at its line (the first when it has none), from its column (or the line's first
    character that is not a space) to the end of the line.  A finding in a file the document
    includes stands on the line of its include, saying where it is."""
    if finding.extra.get("included_at"):
        where = f"{Path(finding.file).name}" + (f" line {finding.line}" if finding.line else "")
        finding = replace(finding, line=finding.extra["included_at"], column=None, message=f"in {where}: {finding.message}")
    line = min(max((finding.line or 1) - 1, 0), max(len(lines) - 1, 0))
    content = lines[line].rstrip("\r\n") if lines else ""
    start = len(content) - len(content.lstrip())
    if finding.column:
        start = min(finding.column - 1, len(content))
    end = max(len(content), start + 1)
    message = finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=line, character=_utf16(content, start)),
                          end=types.Position(line=line, character=_utf16(content, end))),
        message=message, severity=_SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Error),
        code=finding.code, source=SOURCE,
        # Where a Schematron finding stands, for its quick fixes (code actions).
        data={"location": finding.xpath} if finding.extra.get("kind") in ("assert", "report") else None)


def lines_of(text: str) -> list[str]:
    """The lines of ``text`` as the editor and the parser count them, each with its line break."""
    if not _OTHER_BREAKS.search(text):
        return text.splitlines(keepends=True)  # the same lines, found faster
    return _LINE.findall(text)


def _utf16(text: str, index: int) -> int:
    """A character index as the protocol counts by default: UTF-16 code units."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def position(text: str, offset: int) -> types.Position:
    """The protocol's position of a character offset in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=text.count("\n", 0, offset), character=_utf16(text[line_start:offset], offset - line_start))


def span(text: str, start: int, end: int) -> types.Range:
    return types.Range(start=position(text, start), end=position(text, end))
