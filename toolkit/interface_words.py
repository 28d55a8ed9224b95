"""The interface words (headings, labels, menus) in every language teikit speaks, for the pages
Python writes (a project site's frame). The words are data in ``xslt/common/words.json``, the
file the stylesheets read too (``xslt/common/words.xsl``): one list for every output. A word
may hold ``{placeholders}`` (``"{n} documents"``); a count has a word for one (``KEY-one``); a
phrase about a date may have a form for a day (``KEY-day``: "geboren am {date}", "né le {date}")
where the language says a day otherwise than a month or a year.
A project's own words (rendering option ``words``) replace or add to them.
"""

from __future__ import annotations

import json
from functools import cache

from toolkit import iso_dates, resources

DEFAULT_LANGUAGE = "en"


@cache
def word_table() -> dict[str, dict[str, str]]:
    """key -> language -> word, as ``words.json`` gives them."""
    path = resources.data_dir("xslt") / "common" / "words.json"
    return json.loads(path.read_text(encoding="utf-8"))


def languages() -> tuple[str, ...]:
    """Every language some word is given in (as ``tk:interface-languages`` says in words.xsl)."""
    found: dict[str, None] = {}
    for words in word_table().values():
        found.update(dict.fromkeys(words))
    return tuple(found)


class Words:
    """The words of one language: ``words("notes")``, ``words("earlier", title=…)``,
    ``words.count("document-count", 3)``. A key without a word reads as the key."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, own: dict | None = None):
        self.language = language if language in languages() else DEFAULT_LANGUAGE
        self._own = own or {}
        self._dates: dict[str, str] = {}  # a project's pages show the same dates thousands of times

    def __call__(self, key: str, **fields) -> str:
        word = next((words[language] for words in (self._own.get(key), word_table().get(key))
                     if isinstance(words, dict)
                     for language in (self.language, DEFAULT_LANGUAGE) if isinstance(words.get(language), str)),
                    key)
        return word.format(**fields) if fields else word

    def fingerprint(self) -> str:
        """What these words depend on besides the built-in table: the language and the project's own words."""
        return repr((self.language, self._own))

    def has(self, key: str) -> bool:
        """Whether ``key`` has a word in this very language (no English stands in)."""
        return any(isinstance(words, dict) and isinstance(words.get(self.language), str)
                   for words in (self._own.get(key), word_table().get(key)))

    def count(self, key: str, n: int, **fields) -> str:
        """The word for ``n`` things: ``KEY-one`` for one, else ``KEY``."""
        return self(f"{key}-one" if n == 1 else key, n=n, **fields)

    def date(self, iso: str) -> str:
        """1812-02-20 as "20 February 1812" ("20. Februar 1812"), 1812-02 as "February 1812",
        -0044-03-15 as "15 March 44 BCE"; anything else unchanged."""
        shown = self._dates.get(iso)
        if shown is None:
            shown = self._dates[iso] = self._date(iso)
        return shown

    def _date(self, iso: str) -> str:
        date = iso_dates.parse(iso)
        if date is None:
            return iso or ""
        year = self("year-bce", year=-date.year) if date.before_common_era else str(date.year)
        if date.month is None:
            return year
        named = self(f"month-{date.month}")
        if date.day is not None:
            first = date.day == 1 and self.has("date-day-first")  # "1er mai 1820"
            return self("date-day-first" if first else "date-day", day=date.day, month=named, year=year)
        return self("date-month", month=named, year=year)

    def phrase(self, key: str, **dates: str) -> str:
        """A phrase about ISO dates (``date=``, or ``start=`` and ``end=``), each said as ``date``
        says it: "between 1 March and 31 May 1918", "zwischen dem 1. März und dem 31. Mai 1918"
        (the ``KEY-day`` form when every date is a day and the language has one)."""
        days = all((date := iso_dates.parse(iso)) and date.day for iso in dates.values()) and self.has(f"{key}-day")
        return self(f"{key}-day" if days else key, **{name: self.date(iso) for name, iso in dates.items()})

    def number(self, value: float, digits: int = 1) -> str:
        """A decimal number as the language writes it (47.5, 47,5)."""
        return f"{value:.{digits}f}".replace(".", self("decimal-separator"))
