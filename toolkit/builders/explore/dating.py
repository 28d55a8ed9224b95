"""TEI dates as spans of days: ``when``, ``from``/``to`` (a duration), ``notBefore``/``notAfter``
(a date known only to lie between two bounds) and ``cert`` (how sure the encoder was).

A span keeps how it was given, so that a page can say "between March and May 1918" or "1812
(uncertain)" rather than show one guessed day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from toolkit.interface_words import Words

_ISO = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")
ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter", "cert")
UNSURE = ("low", "medium", "unknown")  # values of @cert that a reader should be told of
# The words (interface_words) that say a span of each kind: both ends known, only the first, only the last.
PHRASES = {"range": ("date-range", "date-from", "date-until"),
           "bounded": ("date-between", "date-not-before", "date-not-after")}


@dataclass(frozen=True)
class Span:
    start: str  # the first day the date may mean, YYYY-MM-DD
    end: str  # the last day
    kind: str  # "point" (when), "range" (from/to: lasting), "bounded" (notBefore/notAfter: somewhere between)
    label: str  # as a reader reads it: "20 February 1812", "between 1 March and 31 May 1918"
    unsure: bool  # marked uncertain by @cert, or known only by its bounds

    @property
    def year(self) -> int:
        return int(self.start[:4])

    @property
    def end_year(self) -> int:
        return int(self.end[:4])


def bounds(iso: str) -> tuple[str, str] | None:
    """The first and last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) covers; None if it is not one."""
    match = _ISO.match((iso or "").strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            calendar.weekday(int(year), int(month), int(day))  # a day that exists
            return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
        if month:
            if not 1 <= int(month) <= 12:
                return None
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    except ValueError:
        return None
    return f"{year}-01-01", f"{year}-12-31"


def span(attributes: dict, words: Words | None = None) -> Span | None:
    """The span a date element's attributes give (``when``, ``from``/``to``, ``notBefore``/``notAfter``,
    ``cert``), or None when none of them is an ISO date teikit reads (YYYY, YYYY-MM, YYYY-MM-DD);
    its label in the interface language of ``words`` (English when none is given)."""
    words = words or Words()
    get = lambda name: (attributes.get(name) or "").strip()  # noqa: E731
    unsure = get("cert").lower() in UNSURE
    if bounds(get("when")):
        start, end = bounds(get("when"))
        return Span(start, end, "point", words.date(get("when")), unsure)
    for first, last, kind in (("from", "to", "range"), ("notBefore", "notAfter", "bounded")):
        low, high = bounds(get(first)), bounds(get(last))
        if not (low or high):
            continue
        start, end = (low or high)[0], (high or low)[1]
        if start > end:
            start, end = end, start
        both, only_low, only_high = PHRASES[kind]
        label = (words.phrase(both, start=get(first), end=get(last)) if low and high
                 else words.phrase(only_low, date=get(first)) if low else words.phrase(only_high, date=get(last)))
        return Span(start, end, kind, label, unsure or kind == "bounded")
    return None
