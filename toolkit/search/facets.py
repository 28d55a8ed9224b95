"""Facets made from the register model (``toolkit.project.registers.Entry``): the persons, places,
organisations and works a text mentions, as the registers name them."""

from __future__ import annotations

from toolkit.interface_words import Words
from toolkit.search.index import Facet

MENTIONED = ("person", "place", "org", "work")  # each facet's word is KIND-mentioned


def mention_facets(entries, words: Words | None = None) -> list[Facet]:
    """One facet per kind of register entry (persons, places...), its values the ``entries``' ids."""
    words, facets = words or Words(), []
    for kind in MENTIONED:
        values = {entry.id: entry.name or entry.id for entry in entries if entry.kind == kind}
        facets.append(Facet(kind, words(f"{kind}-mentioned"), values))
    return facets


def by_kind(entries) -> dict[str, list[str]]:
    """The ids of ``entries`` grouped under their facet's key."""
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(entry.kind, []).append(entry.id)
    return grouped
