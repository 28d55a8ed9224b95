"""CSV files a spreadsheet opens without running anything: the index tables and a deposit's
metadata.csv both hold text from the TEI, which may begin like a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER_OR_DATE = re.compile(r"-?\d+(\.\d+)?(-\d\d(-\d\d)?)?")


def spreadsheet_safe(cell):
    """A cell a spreadsheet shows as text: one that would start a formula (``=HYPERLINK(...)``,
    ``+``, ``-``, ``@``, a tab or line break) gets a leading apostrophe, the usual mark for
    literal text. Numbers and dates (a year BCE such as -0044) are left as they are."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START) and not _NUMBER_OR_DATE.fullmatch(cell):
        return "'" + cell
    return cell


def csv_text(columns: list[str], rows: Iterable[Iterable]) -> str:
    """The CSV of a header and rows, every cell made safe (``spreadsheet_safe``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(spreadsheet_safe(cell) for cell in row)
    return out.getvalue()
