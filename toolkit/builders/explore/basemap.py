"""The land outlines a map is drawn on: Natural Earth's 1:50m land, as the npm package
``world-atlas`` ships it (TopoJSON), installed with teikit (``make install``) and read from disk:
nothing is fetched while building or viewing.

Where it is looked for: ``$TEIKIT_BASEMAP`` (a TopoJSON file with a ``land`` object), else
``share/teikit/node_modules/world-atlas/land-50m.json`` under the Python environment's prefix
(where ``make install`` puts it), else under the checkout's ``.venv`` (a checkout run by another
Python), else ``node_modules/world-atlas/`` beside the checkout.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path

from toolkit.errors import TeikitError
from toolkit.resources import REPOSITORY_DIR

PACKAGE = "world-atlas"
FILE = "land-50m.json"
COARSE = "land-110m.json"  # for maps of a continent or more: the same shapes with fewer points
INSTALL_HINT = ("install it with `make install` (it runs `npm install --prefix .venv/share/teikit world-atlas@2`), "
                "or set TEIKIT_BASEMAP to a TopoJSON file with a `land` object")

Ring = list[tuple[float, float]]  # (longitude, latitude), closed


def location() -> Path | None:
    """The base map file this installation uses, or None when there is none."""
    if explicit := os.environ.get("TEIKIT_BASEMAP"):
        return Path(explicit)
    for root in (Path(sys.prefix) / "share" / "teikit", REPOSITORY_DIR / ".venv" / "share" / "teikit", REPOSITORY_DIR):
        candidate = root / "node_modules" / PACKAGE / FILE
        if candidate.is_file():
            return candidate
    return None


def land(*, coarse: bool = False) -> list[Ring]:
    """Every land polygon's rings (outer and holes alike: drawn with the even-odd rule), in
    Natural Earth's 1:50m detail, or 1:110m when ``coarse`` (where the package has it)."""
    path = location()
    if path is None:
        raise TeikitError(f"the base map ({PACKAGE}, Natural Earth land outlines) is not installed", hint=INSTALL_HINT)
    if coarse and path.name == FILE and (path.parent / COARSE).is_file():
        path = path.parent / COARSE
    return _rings(str(path))


@cache
def _rings(path: str) -> list[Ring]:
    try:
        topology = json.loads(Path(path).read_text(encoding="utf-8"))
        scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
        arcs = [_decoded(arc, scale, translate) for arc in topology["arcs"]]
        geometries = topology["objects"]["land"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise TeikitError(f"{path}: not a TopoJSON file with a `land` object ({error})", hint=INSTALL_HINT) from None
    rings: list[Ring] = []
    for geometry in geometries.get("geometries", [geometries]):
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                rings.extend(_unwrapped(_stitched(ring, arcs)))
    return rings


def _decoded(arc: list[list[int]], scale, translate) -> Ring:
    # Quantised TopoJSON: each position is the difference from the previous one.
    x = y = 0
    points = []
    for dx, dy, *_ in arc:
        x, y = x + dx, y + dy
        points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
    return points


def _stitched(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)  # arcs share their end points
    return ring


def _unwrapped(ring: Ring) -> list[Ring]:
    """A ring that crosses the 180th meridian (Chukotka, Fiji) made continuous, as it is and
    shifted by a turn, so that neither copy draws a line across the world."""
    points, shift = [ring[0]], 0.0
    for (lon0, _lat0), (lon, lat) in zip(ring, ring[1:]):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        points.append((lon + shift, lat))
    if shift:  # goes round the pole (Antarctica): as it was
        return [ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    copies = [points]
    if east > 180:
        copies.append([(lon - 360, lat) for lon, lat in points])
    if west < -180:
        copies.append([(lon + 360, lat) for lon, lat in points])
    return copies
