"""Words as the search index sees them, and as ``search.js`` sees a query.

A word is a run of letters and digits; apostrophes, hyphens and other punctuation separate words
("Workers' Opposition" is ``workers opposition``, "anarcho-syndicalist" two words). Words are
folded: lower case, then Unicode case folding (ß is ss), then without diacritics (NFD, combining
marks dropped, NFC), so that Pestana finds Pestaña and PESTAÑA. The browser folds the same way:
it gets the case-folding table from the index (``casefold_table``), made by this Python.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
BREAK = "\u2029"  # between two blocks of one passage: a phrase does not run across it
# No character past the first two planes has a case (tests/search/test_text.py checks it against
# this Python's Unicode): the search index's folding table is looked for below this alone.
CASED_END = 0x20000


@lru_cache(maxsize=1)
def _casefold_translation() -> dict[int, str]:
    return {ord(character): folded for character, folded in casefold_table().items()}


@lru_cache(maxsize=1)
def casefold_table() -> dict[str, str]:
    """Every character (already in lower case) whose case folding differs from it: ß -> ss, ς -> σ..."""
    table = {}
    for start in range(0, CASED_END, 256):
        block = "".join(map(chr, range(start, start + 256)))
        if 0xD800 <= start < 0xE000 or block.casefold() == block:  # folding is per character: none here
            continue
        for character in block:
            if character.lower() != character:
                continue
            folded = character.casefold()
            if folded != character:
                table[character] = folded
    return table


@lru_cache(maxsize=1)
def _marks() -> dict[int, None]:
    """Every combining mark (general category M*), to delete with ``str.translate``."""
    return {code: None for code in range(0x110000) if unicodedata.category(chr(code)).startswith("M")}


def fold(text: str) -> str:
    """``text`` in lower case, case-folded, without diacritics, in NFC."""
    # Not the register pages' sort key (project_site._folded, NFKD): search.js folds a query this way.
    lowered = text.lower()
    if lowered.isascii():  # most text of most editions: nothing to fold, decompose or strip
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered.translate(_casefold_translation()))
    return unicodedata.normalize("NFC", decomposed.translate(_marks()))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (their positions are the list's indexes)."""
    return _WORD.findall(fold(text))


def positioned_words(text: str) -> list[tuple[int, str]]:
    """(position, word) for each word of ``text``: positions count words, and one more at each
    ``BREAK`` between blocks, so that no phrase matches across two blocks."""
    found: list[tuple[int, str]] = []
    position = 0
    for block in text.split(BREAK):
        for word in words(block):
            found.append((position, word))
            position += 1
        position += 1
    return found
