"""What an index says about a register entry: a one-line summary for the list, and its data
(other names, dates, occupations, location, identifiers, note) for its own page."""

from __future__ import annotations

from html import escape

from toolkit.interface_words import Words


def summary(entry, words: Words) -> str:
    """Life dates and first occupation, or where a place (or an object) is: a few words beside the name."""
    parts = [_dates(entry, words)] + list(entry.occupations or [])[:1]
    if not parts[0] and entry.location:
        parts.append(entry.location)
    return ", ".join(part for part in parts if part)


def facts(entry, words: Words) -> list[tuple[str, str]]:
    """(label, HTML) pairs for the entry's page; values escaped."""
    found: list[tuple[str, str]] = []
    others = [name for name in entry.names or [] if name and name != entry.name]
    if others:
        found.append((words("other-names"), "; ".join(escape(name) for name in others)))
    if dates := _dates(entry, words):
        found.append((words("dates"), escape(dates)))
    if entry.occupations:
        found.append((words("occupation"), "; ".join(escape(item) for item in entry.occupations)))
    if entry.location:
        found.append((words("location"), escape(entry.location)))
    if entry.geo:
        latitude, longitude = entry.geo
        found.append((words("geo"), f"{latitude:g}, {longitude:g}"))
    links = [_identifier(kind, value) for kind, value in entry.idnos or []]
    if links:
        found.append((words("identifiers"), ", ".join(links)))
    if entry.note:
        found.append((words("note"), escape(entry.note)))
    return found


def _dates(entry, words: Words) -> str:
    birth, death = entry.date("birth"), entry.date("death")
    if birth or death:
        if birth and death:
            return f"{words.date(birth)} – {words.date(death)}"
        return words.phrase("born-on", date=birth) if birth else words.phrase("died-on", date=death)
    if floruit := entry.date("floruit"):
        return words.phrase("active-in", date=floruit)
    when = entry.date("when") or entry.date("origin")  # an object's: when it was made
    return words.date(when) if when else ""


def _identifier(kind: str | None, value: str) -> str:
    label = escape(f"{kind}: {value}" if kind else value)
    if value.startswith(("https://", "http://")) and '"' not in value and " " not in value:
        return f'<a href="{escape(value)}">{label}</a>'
    return label
