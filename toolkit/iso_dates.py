"""ISO dates as TEI writes them in ``@when``, ``@from``, ``@notBefore`` … (the XML Schema types
date, gYearMonth and gYear): ``1812-02-20``, ``1812-02``, ``1812``, and before the common era
with a leading minus, ``-0044-03-15``.

Negative years are read as XML Schema 1.0 reads them, the datatypes TEI's schemas name and the
validator checks: ``-0001`` is 1 BCE, ``-0044`` is 44 BCE, and there is no year ``0000``. (XML
Schema 1.1 and ISO 8601:2004 shift them by one, ``0000`` being 1 BCE; a project that encodes so
is read one year off before the common era.)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_ISO = re.compile(r"(-?)(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


@dataclass(frozen=True)
class IsoDate:
    year: int  # negative before the common era: -44 is 44 BCE
    month: int | None
    day: int | None

    @property
    def before_common_era(self) -> bool:
        return self.year < 0

    def last_day_of_month(self) -> int:
        # Leap years on the year as written (-0044 is one), as the validator (libxml2) and Saxon
        # count them: a date the schema accepted is a date here.
        return calendar.monthrange(self.year, self.month)[1]


def parse(text: str | None) -> IsoDate | None:
    """The date ``text`` writes (YYYY, YYYY-MM or YYYY-MM-DD, with a leading ``-`` before the
    common era; spaces around it ignored), or None when it is not one or names no real day."""
    match = _ISO.fullmatch((text or "").strip())
    if not match:
        return None
    minus, year, month, day = match.groups()
    found = IsoDate(-int(year) if minus else int(year), int(month) if month else None, int(day) if day else None)
    if found.year == 0 or found.month is not None and not 1 <= found.month <= 12:
        return None
    if found.day is not None and not 1 <= found.day <= found.last_day_of_month():
        return None
    return found


def chronological_key(text: str) -> str:
    """A key whose plain text order is the order in time of ISO dates, before the common era
    included (as written, ``-0100`` would sort after ``-0044``); text that is no date keeps its own."""
    date = parse(text)
    if date is None or not date.before_common_era:
        return (text or "").strip()
    # Earlier years have larger numbers: count them down from 9999, after a '-' that sorts before digits.
    return f"-{9999 + date.year:04d}" + text.strip()[5:]
