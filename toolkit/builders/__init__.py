"""Builders: name -> build function, in the order ``teikit build --all`` runs them.

A builder is ``build(sources, build_dir, *, options) -> list[Path]``: it writes under its
own folder of ``build_dir`` (html/, index/, pdf/...) and returns the files written.
Builders whose dependencies are missing are left out rather than failing the import.

``BACKGROUND`` names the builders worth a process of their own, long and independent of
the other outputs: ``render(sources, options=...)`` makes the files without writing
anything (so it may start before validation has passed), ``publish(rendered, build_dir)``
writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolkit.builders import html as _html
from toolkit.builders import index_data as _index_data
from toolkit.builders.options import BuildOptions

BUILDERS: dict[str, Callable[..., list[Path]]] = {
    "html": _html.build,
    "index": _index_data.build,
}

try:  # the print edition needs WeasyPrint and its system libraries
    from toolkit.builders import pdf as _pdf
except ImportError:  # pragma: no cover - depends on the installation
    _pdf = None
else:
    BUILDERS["pdf"] = _pdf.build

BACKGROUND: dict[str, tuple[Callable, Callable]] = {"pdf": (_pdf.render, _pdf.publish_rendered)} if _pdf else {}

__all__ = ["BACKGROUND", "BUILDERS", "BuildOptions"]
