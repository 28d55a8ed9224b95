"""The interface words (headings, labels, menus) in every language teikit speaks, for the pages
Python writes (a project site's frame). The words are data in ``xslt/common/words.json``, the
file the stylesheets read too (``xslt/common/words.xsl``): one list for every output. A word
may hold ``{placeholders}`` (``"{n} documents"``); a count has a word for one (``KEY-one``).
A project's own words (rendering option ``words``) replace or add to them.
"""

from __future__ import annotations

import json
import re
from functools import cache

from toolkit import resources

DEFAULT_LANGUAGE = "en"
_ISO = re.compile(r"^(-?\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")


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

    def __call__(self, key: str, **fields) -> str:
        word = next((words[language] for words in (self._own.get(key), word_table().get(key))
                     if isinstance(words, dict)
                     for language in (self.language, DEFAULT_LANGUAGE) if isinstance(words.get(language), str)),
                    key)
        return word.format(**fields) if fields else word

    def count(self, key: str, n: int, **fields) -> str:
        """The word for ``n`` things: ``KEY-one`` for one, else ``KEY``."""
        return self(f"{key}-one" if n == 1 else key, n=n, **fields)

    def date(self, iso: str) -> str:
        """1812-02-20 as "20 February 1812" ("20. Februar 1812"), 1812-02 as "February 1812";
        anything else unchanged."""
        match = _ISO.match(iso or "")
        if not match:
            return iso or ""
        year, month, day = match.groups()
        if month and not 1 <= int(month) <= 12:
            return iso
        if not month:
            return str(int(year))
        named = self(f"month-{int(month)}")
        if day:
            return self("date-day", day=int(day), month=named, year=int(year))
        return self("date-month", month=named, year=int(year))
