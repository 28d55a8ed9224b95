"""Facets made from the register model (``toolkit.project.registers.Entry``): the persons, places,
organisations and works a text mentions, as the registers name them."""

from __future__ import annotations

from toolkit.search.index import Facet

MENTIONED = (("person", "Persons mentioned"), ("place", "Places mentioned"), ("org", "Organisations mentioned"),
             ("work", "Works mentioned"))


def mention_facets(entries) -> list[Facet]:
    """One facet per kind of register entry (persons, places...), its values the ``entries``' ids."""
    facets = []
    for kind, label in MENTIONED:
        values = {entry.id: entry.name or entry.id for entry in entries if entry.kind == kind}
        facets.append(Facet(kind, label, values))
    return facets


def by_kind(entries) -> dict[str, list[str]]:
    """The ids of ``entries`` grouped under their facet's key."""
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(entry.kind, []).append(entry.id)
    return grouped
