"""Builders: name -> build function, in the order ``teikit build --all`` runs them.

A builder is ``build(sources, build_dir, *, options) -> list[Path]``: it writes under its
own folder of ``build_dir`` (html/, index/, pdf/...) and returns the files written.
Every builder is always registered: one that cannot run (WeasyPrint missing) fails when
it is asked to build, with the reason, instead of quietly leaving its output out.

``BACKGROUND`` holds the builders worth a process of their own, long and independent of
the other outputs, split in steps (``Background``) so that nothing is written before
validation has passed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from toolkit.builders import html as _html
from toolkit.builders import index_data as _index_data
from toolkit.builders import pdf as _pdf
from toolkit.builders.options import BuildOptions

BUILDERS: dict[str, Callable[..., list[Path]]] = {
    "html": _html.build,
    "index": _index_data.build,
    "pdf": _pdf.build,
}


class Background(NamedTuple):
    """A builder in steps: ``prepare()`` in the worker at once (imports); ``compose(sources,
    build_dir, options=...)`` here (quick), whose ``.job`` goes to the worker; ``render(job)``
    in the worker (the long part, in memory); ``publish(composed, rendered, build_dir)``
    here, once validation has passed."""

    prepare: Callable[[], None]
    compose: Callable[..., object]
    render: Callable[[object], object]
    publish: Callable[[object, object, Path], list[Path]]


BACKGROUND: dict[str, Background] = {
    "pdf": Background(_pdf.prepare, _pdf.compose, _pdf.render, _pdf.publish_rendered),
}

__all__ = ["BACKGROUND", "BUILDERS", "Background", "BuildOptions"]
