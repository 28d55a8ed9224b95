"""Register entries in the editor: pointer completion, hover text, and where an entry stands."""

from __future__ import annotations

import os
import re
from pathlib import Path

from lsprotocol import types

from toolkit.project import Entry, Registers
from toolkit.project.mentions import NAME_KIND, TYPE_KIND

POINTER_ATTRIBUTES = ("ref", "corresp")
_DATE_LABELS = {"birth": "born", "death": "died", "floruit": "active", "when": "date", "origin": "made"}


_FILE_POINTER = re.compile(r"""\b(?:ref|corresp)\s*=\s*["'](?:[^"'#]*\s)?([^"'#\s]+)#""")


def file_forms(text: str, document: Path) -> dict[Path, str]:
    """How the document already points into other files: each file, and the path written for it."""
    forms: dict[Path, str] = {}
    for written in _FILE_POINTER.findall(text):
        if ":" not in written:  # not a URI or a prefix
            forms.setdefault((Path(document).resolve().parent / written).resolve(), written)
    return forms


def pointer_to(entry: Entry, registers: Registers, document: Path, forms: dict[Path, str]) -> str:
    """A pointer to ``entry`` from ``document`` that resolves back to it: in the form the document
    already uses for the entry's file, else the shortest."""
    written = forms.get(entry.file.resolve())
    if written is not None and registers.resolve(f"{written}#{entry.local_id}", document) == entry:
        return f"{written}#{entry.local_id}"
    local = f"#{entry.local_id}"
    if registers.resolve(local, document) == entry:
        return local
    relative = os.path.relpath(entry.file, Path(document).resolve().parent)
    return f"{Path(relative).as_posix()}#{entry.local_id}"


def kind_named_by(element: str, type_value: str | None = None) -> str | None:
    """The kind of entry an element names (persName: person), if it says."""
    local = element.rpartition(":")[2]
    if local in NAME_KIND:
        return NAME_KIND[local]
    if local in ("rs", "name") and type_value:
        return TYPE_KIND.get(type_value)
    return {"title": "work", "date": "event", "objectName": "object"}.get(local)


def dates(entry: Entry) -> str:
    """``born 1890-12-30, died 1947-11-17`` from the entry's recorded dates."""
    parts = []
    for key, value in entry.dates:
        name, _, qualifier = key.partition(".")
        label = _DATE_LABELS.get(name, name)
        parts.append(f"{label} {qualifier + ' ' if qualifier else ''}{value}")
    return ", ".join(parts)


def summary(entry: Entry) -> str:
    """One line: name and dates."""
    when = dates(entry)
    return f"{entry.name} ({when})" if when else entry.name


def describe(entry: Entry, pointer: str | None = None) -> str:
    """The entry in Markdown, for hover and completion documentation."""
    # Text from the TEI is escaped: a `*` or `<` in a name is shown, not rendered.
    lines = [f"**{plain(entry.name)}** — {plain(entry.kind)}" + (f" {code(pointer)}" if pointer else "")]
    if entry.names:
        lines.append("also: " + "; ".join(plain(name) for name in entry.names))
    if when := dates(entry):
        lines.append(plain(when))
    if entry.occupations:
        lines.append(", ".join(plain(occupation) for occupation in entry.occupations))
    if entry.location:
        lines.append(plain(entry.location))
    if entry.note:
        lines.append(plain(entry.note))
    if entry.idnos:
        lines.append(" ".join(plain(value) for _type, value in entry.idnos))
    where = f"{entry.file.name}, line {entry.line}" if entry.line else entry.file.name
    lines.append(plain(where))
    return "\n\n".join(lines)


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character may be escaped


def plain(text: str) -> str:
    """``text`` as Markdown that renders as written: punctuation escaped, blank runs as one space
    (a line break or leading blanks could start a block)."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def code(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than it holds in a row."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def completions(registers: Registers, document: Path, text: str, kind: str | None,
                replace: types.Range) -> list[types.CompletionItem]:
    """Every entry as a pointer from ``document`` (holding ``text``); entries of ``kind`` first."""
    items, forms = [], file_forms(text, document)
    for entry in registers:
        pointer = pointer_to(entry, registers, document, forms)
        rank = "0" if kind is None or entry.kind == kind else "1"
        items.append(types.CompletionItem(
            label=pointer, kind=types.CompletionItemKind.Reference, detail=summary(entry),
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=describe(entry)),
            filter_text=f"{pointer} {entry.name} {' '.join(entry.names)}",
            sort_text=f"{rank}{entry.name.casefold()}",
            text_edit=types.TextEdit(range=replace, new_text=pointer)))
    return items


def location(entry: Entry) -> types.Location:
    line = max((entry.line or 1) - 1, 0)
    return types.Location(uri=entry.file.resolve().as_uri(),
                          range=types.Range(start=types.Position(line=line, character=0),
                                            end=types.Position(line=line, character=0)))
