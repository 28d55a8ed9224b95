"""The rendering options a project may set: one schema for the ``[rendering]`` table of its
``teikit.toml`` and for a file given to ``teikit build --rendering FILE.toml``.

    language       the interface language: "en", "de" or "fr", the languages of xslt/common/words.json
                   (default: the document's; a project site's frame: [outputs.html] language)
    words          interface words: {"notes": {"en": "Endnotes"}}
    behaviours     TEI elements mapped to behaviours: {"said": "block", "fw": "omit",
                   "seg[@type=verse]": {"behaviour": "line", "class": "verse"}}
                   (xslt/common/behaviour-map.xsl lists the behaviours)
    gaps           what a <gap> says, by its @reason, on the web and in print:
                   {"illegible": "[illegible]"} (default: "[…]", the reason in a tooltip)
    print_preface  a note printed before the text of the book and listed in its contents:
                   {heading = "…", paragraphs = ["…", "…"]} (default: none)
    abbreviations  what the book prints for an abbr/expan choice: "expan" (the default),
                   "abbr", or "both" (the abbreviation, then its expansion in brackets);
                   the web edition always offers both
    stylesheet     a project XSLT imported over the toolkit's (higher import precedence)
    css            CSS added after the web edition's stylesheet (assets/project.css)
    print_css      CSS added after the book's stylesheet

Paths are relative to the file that names them. This module only reads and checks the
options; ``toolkit.builders.rendering`` hands them to the stylesheets.
"""

from __future__ import annotations

import hashlib
import string
from pathlib import Path

from toolkit.interface_words import languages, word_table

KEYS = {"language": str, "words": dict, "behaviours": dict, "gaps": dict, "print_preface": dict,
        "abbreviations": str, "stylesheet": str, "css": str, "print_css": str}
ABBREVIATIONS = ("expan", "abbr", "both")
FILES = ("stylesheet", "css", "print_css")
PREFACE_KEYS = {"heading": str, "paragraphs": list}
_TYPE_NAMES = {str: "a string", dict: "a table", list: "a list of strings"}


class RenderingOptionError(ValueError):
    """A rendering option that cannot be used: ``key`` (dotted, inside the rendering table) and why."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def check_rendering(table: dict, base: Path) -> dict:
    """The rendering options of ``table``, checked, with file paths made absolute from ``base``
    and the digests of those files (so that editing one remakes the outputs)."""
    data = dict(table)
    for key, value in data.items():
        if key not in KEYS:
            raise RenderingOptionError(key, f"unknown rendering key {key!r} (known: {', '.join(KEYS)})")
        if not isinstance(value, KEYS[key]):
            raise RenderingOptionError(key, f"rendering.{key} must be {_TYPE_NAMES[KEYS[key]]}")
    if data.get("language", "en") not in languages():
        raise RenderingOptionError("language", f"language {data['language']!r} is not one of " + ", ".join(languages()))
    if data.get("abbreviations", "expan") not in ABBREVIATIONS:
        raise RenderingOptionError("abbreviations", f"abbreviations {data['abbreviations']!r} is not one of "
                                   + ", ".join(ABBREVIATIONS))
    for reason, text in data.get("gaps", {}).items():
        if not isinstance(text, str):
            raise RenderingOptionError(f"gaps.{reason}", f"rendering.gaps.{reason} must be a string")
    for key, words in data.get("words", {}).items():
        _check_word(key, words)
    if "print_preface" in data:
        _check_preface(data["print_preface"])
    for key in FILES:
        if key in data:
            file = (Path(base) / data[key]).resolve()
            if not file.is_file():
                raise RenderingOptionError(key, f"{key} {data[key]!r} is not a file")
            data[key] = str(file)
    data["digests"] = {key: hashlib.sha256(Path(data[key]).read_bytes()).hexdigest() for key in FILES if key in data}
    return data


def _check_word(key: str, words) -> None:
    """A project's word: a table of language -> text. Where teikit fills {placeholders} into the
    key's word, the project's may use those only (any other would fail when the page is written)."""
    if not isinstance(words, dict):
        raise RenderingOptionError(f"words.{key}", f'rendering.words.{key} must be a table of languages, '
                                   f'such as {{ en = "{words}" }}')
    given = {name for text in word_table().get(key, {}).values() for name in _placeholders(text)}
    for language, text in words.items():
        if not isinstance(text, str):
            raise RenderingOptionError(f"words.{key}.{language}", f"rendering.words.{key}.{language} must be a string")
        if not given:
            continue  # written as it stands
        try:
            unknown = _placeholders(text) - given
        except ValueError:
            unknown = {"{"}
        if unknown:
            allowed = ", ".join("{" + name + "}" for name in sorted(given))
            raise RenderingOptionError(f"words.{key}.{language}",
                                       f"rendering.words.{key}.{language} {text!r} has a placeholder teikit does not "
                                       f"fill in (it fills in: {allowed}; write {{{{ and }}}} for a brace)")


def _placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def _check_preface(preface: dict) -> None:
    for key, value in preface.items():
        if key not in PREFACE_KEYS:
            raise RenderingOptionError(f"print_preface.{key}", f"unknown key print_preface.{key} "
                                       f"(known: {', '.join(PREFACE_KEYS)})")
        if not isinstance(value, PREFACE_KEYS[key]) or (
                isinstance(value, list) and not all(isinstance(item, str) for item in value)):
            raise RenderingOptionError(f"print_preface.{key}",
                                       f"print_preface.{key} must be {_TYPE_NAMES[PREFACE_KEYS[key]]}")
    if not str(preface.get("heading", "")).strip():
        raise RenderingOptionError("print_preface", "print_preface needs a heading")
