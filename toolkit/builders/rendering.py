"""A project's changes to the generic rendering, as data (``BuildOptions.extra["rendering"]``),
handed to the stylesheets. The options and their schema are ``toolkit.project.rendering_options``;
they come from the ``[rendering]`` table of ``teikit.toml`` or from ``teikit build --rendering
FILE.toml`` (whose keys replace the project's).
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

from toolkit import resources
from toolkit.collation import INDEX_DATA
from toolkit.errors import TeikitError
from toolkit.namespaces import TK, XSLT
from toolkit.project.rendering_options import RenderingOptionError, check_rendering
from toolkit.xslt import SealedSaxon


def read_rendering_file(path: Path) -> dict:
    """The rendering table of a TOML file, checked; paths made absolute from the file's folder."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise TeikitError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise TeikitError(f"{path}: not TOML: {error}", hint="see https://toml.io") from None
    try:
        return check_rendering(data.get("rendering", data), Path(path).parent)
    except RenderingOptionError as error:
        raise TeikitError(f"{path}: {error}", hint="see the README's section on changing the rendering") from None


def combined(project_rendering: dict | None, given: dict | None) -> dict:
    """The project's rendering options with those of a ``--rendering`` file on top."""
    merged = dict(project_rendering or {})
    merged.update(given or {})
    merged["digests"] = {**(project_rendering or {}).get("digests", {}), **(given or {}).get("digests", {})}
    return merged


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
    for key, param in (("behaviours", "behaviours-json"), ("gaps", "gap-texts-json"),
                       ("print_preface", "print-preface-json")):
        if rendering.get(key):
            params[f"{TK}{param}"] = json.dumps(rendering[key], ensure_ascii=False)
    if rendering.get("abbreviations"):
        params[f"{TK}abbreviations"] = rendering["abbreviations"]
    return params


# Every stylesheet the builders run on a document (the web edition, its index data, the print
# edition), compiled together in one Saxon: a document is parsed once for all of them
# (``documents.prepare``), since a parsed document serves only the Saxon that parsed it.
BUILDER_STYLESHEETS = ("html.xsl", "index.xsl", "print.xsl")


def stylesheets(options, *names: str) -> tuple[SealedSaxon, dict[str, str]]:
    """The toolkit's stylesheets ``names`` (``BUILDER_STYLESHEETS`` when none are named) as the
    rendering options want them: compiled with the project's XSLT imported over each
    (``saxon_for``), and the parameters the options set. Every builder that runs the toolkit's
    stylesheets on documents takes them from here."""
    return saxon_for(tuple(names or BUILDER_STYLESHEETS), rendering_of(options).get("stylesheet")), \
        stylesheet_params(options)


def css(options, key: str) -> bytes | None:
    path = rendering_of(options).get(key)
    return Path(path).read_bytes() if path else None


@cache
def saxon_for(names: tuple[str, ...], project_stylesheet: str | None) -> SealedSaxon:
    """The toolkit's stylesheets ``names`` (e.g. "html.xsl"), each with the project's XSLT imported
    over it when one is given, compiled and sealed once per process. With index.xsl comes index.xsl
    as it is, named ``collation.INDEX_DATA``: the index data and the collation order are the
    toolkit's own (without a project's XSLT, the same stylesheet, compiled once)."""
    stylesheets: dict[str, Path | str] = {}
    for name in names:
        own = resources.stylesheet(name)
        key = Path(name).stem
        if project_stylesheet:
            stylesheets[key] = (
                f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSLT}">'
                f'<xsl:import href="{own.resolve().as_uri()}"/>'
                f'<xsl:import href="{Path(project_stylesheet).resolve().as_uri()}"/>'
                "</xsl:stylesheet>"
            )
        else:
            stylesheets[key] = own
    if "index.xsl" in names:
        stylesheets[INDEX_DATA] = resources.stylesheet("index.xsl")
    return SealedSaxon(stylesheets)
