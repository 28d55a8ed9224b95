"""A project's changes to the generic rendering, as data (``BuildOptions.extra["rendering"]``).

    language     the interface language: "en", "de" or "fr" (default: the document's)
    words        interface words: {"notes": {"en": "Endnotes"}}
    behaviours   TEI elements mapped to behaviours: {"said": "block", "fw": "omit",
                 "seg[@type=verse]": {"behaviour": "line", "class": "verse"}}
                 (xslt/common/behaviour-map.xsl lists the behaviours)
    stylesheet   a project XSLT imported over the toolkit's (higher import precedence)
    css          CSS added after the web edition's stylesheet (assets/project.css)
    print_css    CSS added after the book's stylesheet

``teikit build --rendering FILE.toml`` reads these keys from a TOML file.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from functools import cache
from pathlib import Path

from toolkit import resources
from toolkit.errors import TeikitError
from toolkit.xslt import SealedSaxon

TK = "{urn:teikit}"
KEYS = {"language": str, "words": dict, "behaviours": dict, "stylesheet": str, "css": str, "print_css": str}
LANGUAGES = ("en", "de", "fr")


def read_rendering_file(path: Path) -> dict:
    """The rendering table of a TOML file, checked; paths made absolute from the file's folder."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise TeikitError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise TeikitError(f"{path}: not TOML: {error}", hint="see https://toml.io") from None
    data = data.get("rendering", data)
    for key, value in data.items():
        if key not in KEYS:
            raise TeikitError(f"{path}: unknown rendering key {key!r}", hint="known keys: " + ", ".join(KEYS))
        if not isinstance(value, KEYS[key]):
            raise TeikitError(f"{path}: {key} must be a {KEYS[key].__name__}")
    if data.get("language", "en") not in LANGUAGES:
        raise TeikitError(f"{path}: language {data['language']!r} is not one of " + ", ".join(LANGUAGES))
    for key in ("stylesheet", "css", "print_css"):
        if key in data:
            file = (Path(path).parent / data[key]).resolve()
            if not file.is_file():
                raise TeikitError(f"{path}: {key} {data[key]!r} is not a file")
            data[key] = str(file)
    # The files' contents take part in the build's fingerprint: editing one remakes the outputs.
    data["digests"] = {key: hashlib.sha256(Path(data[key]).read_bytes()).hexdigest()
                       for key in ("stylesheet", "css", "print_css") if key in data}
    return data


def rendering_of(options) -> dict:
    return dict((getattr(options, "extra", None) or {}).get("rendering") or {})


def stylesheet_params(options) -> dict[str, str]:
    """The stylesheet parameters the rendering options set."""
    rendering = rendering_of(options)
    params = {}
    if rendering.get("language"):
        params[f"{TK}interface-language"] = rendering["language"]
    if rendering.get("words"):
        params[f"{TK}interface-words-json"] = json.dumps(rendering["words"], ensure_ascii=False)
    if rendering.get("behaviours"):
        params[f"{TK}behaviours-json"] = json.dumps(rendering["behaviours"], ensure_ascii=False)
    return params


def css(options, key: str) -> bytes | None:
    path = rendering_of(options).get(key)
    return Path(path).read_bytes() if path else None


@cache
def saxon_for(names: tuple[str, ...], project_stylesheet: str | None) -> SealedSaxon:
    """The toolkit's stylesheets ``names`` (e.g. "html.xsl"), each with the project's XSLT imported
    over it when one is given, compiled and sealed once per process."""
    stylesheets: dict[str, Path | str] = {}
    for name in names:
        own = resources.stylesheet(name)
        key = Path(name).stem
        if project_stylesheet:
            stylesheets[key] = (
                '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                f'<xsl:import href="{own.resolve().as_uri()}"/>'
                f'<xsl:import href="{Path(project_stylesheet).resolve().as_uri()}"/>'
                "</xsl:stylesheet>"
            )
        else:
            stylesheets[key] = own
    return SealedSaxon(stylesheets)
