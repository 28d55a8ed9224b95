"""TEI dates as spans of days: ``when``, ``from``/``to`` (a duration), ``notBefore``/``notAfter``
(a date known only to lie between two bounds) and ``cert`` (how sure the encoder was).

A span keeps how it was given, so that a page can say "between March and May 1918" or "1812
(uncertain)" rather than show one guessed day.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit import iso_dates
from toolkit.interface_words import Words

ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter", "cert")
UNSURE = ("low", "medium", "unknown")  # values of @cert that a reader should be told of
# The words (interface_words) that say a span of each kind: both ends known, only the first, only the last.
PHRASES = {"range": ("date-range", "date-from", "date-until"),
           "bounded": ("date-between", "date-not-before", "date-not-after")}


@dataclass(frozen=True)
class Span:
    start: str  # the first day the date may mean, YYYY-MM-DD (-YYYY-MM-DD before the common era)
    end: str  # the last day
    kind: str  # "point" (when), "range" (from/to: lasting), "bounded" (notBefore/notAfter: somewhere between)
    label: str  # as a reader reads it: "20 February 1812", "between 1 March and 31 May 1918"
    unsure: bool  # marked uncertain by @cert, or known only by its bounds

    @property
    def year(self) -> int:
        return iso_dates.parse(self.start).year

    @property
    def end_year(self) -> int:
        return iso_dates.parse(self.end).year

    @property
    def before_common_era(self) -> bool:
        return self.year < 0


def bounds(iso: str) -> tuple[str, str] | None:
    """The first and last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, -YYYY… before the common
    era) covers; None if it is not one."""
    date = iso_dates.parse(iso)
    if date is None:
        return None
    year = f"-{-date.year:04d}" if date.before_common_era else f"{date.year:04d}"
    if date.day is not None:
        return f"{year}-{date.month:02d}-{date.day:02d}", f"{year}-{date.month:02d}-{date.day:02d}"
    if date.month is not None:
        return f"{year}-{date.month:02d}-01", f"{year}-{date.month:02d}-{date.last_day_of_month():02d}"
    return f"{year}-01-01", f"{year}-12-31"


def span(attributes: dict, words: Words | None = None) -> Span | None:
    """The span a date element's attributes give (``when``, ``from``/``to``, ``notBefore``/``notAfter``,
    ``cert``), or None when none of them is an ISO date teikit reads (``iso_dates``);
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
        if iso_dates.chronological_key(start) > iso_dates.chronological_key(end):
            start, end = end, start
        both, only_low, only_high = PHRASES[kind]
        label = (words.phrase(both, start=get(first), end=get(last)) if low and high
                 else words.phrase(only_low, date=get(first)) if low else words.phrase(only_high, date=get(last)))
        return Span(start, end, kind, label, unsure or kind == "bounded")
    return None
