"""The language of a project site's frame (menus, headings, labels): the rendering option
``language`` (``[rendering]`` or ``--rendering``), else ``[outputs.html] language``, else the
project's ``language``. One teikit has no words for is reported, and the frame is in English."""

from __future__ import annotations

from toolkit.builders import rendering
from toolkit.errors import Finding, Severity
from toolkit.interface_words import DEFAULT_LANGUAGE, Words, languages


def site_words(project, options) -> tuple[Words, list[Finding]]:
    """The words of the site's frame, and a warning when the language asked for has none."""
    chosen = rendering.rendering_of(options)
    html = project.outputs.html if project.outputs else None
    asked = chosen.get("language") or (html.language if html else None) or project.language or DEFAULT_LANGUAGE
    language = asked.strip().lower().split("-")[0]  # de-AT speaks German
    own = chosen.get("words") or {}
    if language in languages() or any(isinstance(words, dict) and language in words for words in own.values()):
        return Words(language, own), []
    warning = Finding(
        file=str(project.file or project.root), severity=Severity.WARNING, code="build.interface-language",
        message=f"teikit has no interface words in {asked!r}: the site's menus and headings are in English",
        hint=f"set language to one of {', '.join(languages())}, or give the words in [rendering] words",
    )
    return Words(DEFAULT_LANGUAGE, own), [warning]
