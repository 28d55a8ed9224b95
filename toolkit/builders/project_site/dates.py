"""ISO dates as readers see them ("20 February 1812", "March 1812"), as the stylesheets write them,
in the words of the interface language (``toolkit.interface_words``; English when none is given)."""

from __future__ import annotations

from toolkit.interface_words import Words

_ENGLISH = Words()


def format_iso(iso: str, words: Words | None = None) -> str:
    """1812-02-20 as "20 February 1812", 1812-02 as "February 1812"; anything else unchanged."""
    return (words or _ENGLISH).date(iso)
