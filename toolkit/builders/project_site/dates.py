"""ISO dates as readers see them ("20 February 1812", "March 1812"), as the stylesheets write them."""

from __future__ import annotations

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_ISO = re.compile(r"^(-?\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")


def format_iso(iso: str) -> str:
    """1812-02-20 as "20 February 1812", 1812-02 as "February 1812"; anything else unchanged."""
    match = _ISO.match(iso or "")
    if not match:
        return iso or ""
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return iso
    if day:
        return f"{int(day)} {MONTHS[int(month) - 1]} {int(year)}"
    if month:
        return f"{MONTHS[int(month) - 1]} {int(year)}"
    return str(int(year))
