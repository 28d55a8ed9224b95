"""The map page's content: the places with coordinates drawn at build time as an inline SVG
over the land outlines, each a marker sized by its mentions and linked to its index entry;
the same places as a list (what a screen reader and a browser without SVG read), and the
places without coordinates beside them.

The projection is equirectangular, fitted to the places: x grows with longitude times the
cosine of the middle latitude, y with latitude downwards, one scale for both. It is stated on
the SVG (``data-west``, ``data-north``, ``data-parallel``, ``data-scale``), so that anyone can
place a point on it again.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape

from toolkit.interface_words import Words

WIDTH = 1000  # SVG units
MIN_HEIGHT, MAX_HEIGHT = 420, 760
MARGIN = 0.12  # of the places' extent, on every side
MIN_EXTENT = 4.0  # degrees: a map of one town still shows its country
SIMPLIFY = 0.6  # SVG units: points closer than this to the last one kept are left out


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    href: str | None  # its index entry
    mentions: int
    documents: int = 0  # how many documents name it (0: not counted, a single document)
    geo: tuple[float, float] | None = None  # (latitude, longitude)
    note: str = ""


@dataclass(frozen=True)
class Projection:
    west: float
    north: float
    parallel: float  # the latitude whose scale is true (the middle of the places)
    scale: float  # SVG units per degree of latitude
    width: float
    height: float

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = (longitude - self.west) * math.cos(math.radians(self.parallel)) * self.scale
        return x, (self.north - latitude) * self.scale

    @property
    def south(self) -> float:
        return self.north - self.height / self.scale

    @property
    def east(self) -> float:
        return self.west + self.width / (self.scale * math.cos(math.radians(self.parallel)))


def fitted(points: list[tuple[float, float]]) -> Projection:
    """The projection that shows every (latitude, longitude) of ``points`` with a margin."""
    latitudes, longitudes = [p[0] for p in points], [p[1] for p in points]
    south, north, west, east = min(latitudes), max(latitudes), min(longitudes), max(longitudes)
    grow_lat = max(MIN_EXTENT - (north - south), 0) / 2 + (north - south) * MARGIN
    grow_lon = max(MIN_EXTENT - (east - west), 0) / 2 + (east - west) * MARGIN
    south, north = max(south - grow_lat, -85.0), min(north + grow_lat, 85.0)
    west, east = max(west - grow_lon, -180.0), min(east + grow_lon, 180.0)
    parallel = max(min((south + north) / 2, 70.0), -70.0)
    shrink = math.cos(math.radians(parallel))
    scale = WIDTH / ((east - west) * shrink)
    height = (north - south) * scale
    if height > MAX_HEIGHT:  # a tall extent: keep the height, widen the view around the places
        scale = MAX_HEIGHT / (north - south)
        middle = (west + east) / 2
        half = WIDTH / (scale * shrink) / 2
        west, height = middle - half, MAX_HEIGHT
    elif height < MIN_HEIGHT:  # a wide extent: show more latitude around the places
        middle = (north + south) / 2
        north, height = middle + MIN_HEIGHT / scale / 2, MIN_HEIGHT
    return Projection(west=west, north=north, parallel=parallel, scale=scale, width=WIDTH, height=height)


def e(value) -> str:
    return escape(str(value or ""), quote=True)


COARSE_OVER = 60.0  # degrees of longitude: a wider map is drawn on the coarser outlines


def fragment(places: list[Place], land, *, words: Words, intro: str = "") -> str:
    """The page's content in the language of ``words``: heading, the map (if any place has
    coordinates) and both lists. ``land(coarse=...)`` gives the land's rings, finer or coarser
    for the map's extent."""
    located = sorted((p for p in places if p.geo), key=lambda p: (-p.mentions, p.name.casefold(), p.id))
    unlocated = sorted((p for p in places if not p.geo), key=lambda p: (p.name.casefold(), p.id))
    listed = f'<a href="#unlocated">{escape(words.count("listed-below", len(unlocated)))}</a>'
    summary = (escape(words.count("map-located", len(located), total=len(places))) + words("list-separator")
               + escape(words.count("map-unlocated", len(unlocated), listed="\0")).replace("\0", listed))
    parts = [f'<h1>{escape(words("map"))}</h1>{intro}<p class="map-summary">{summary}.</p>']
    if located:
        projection = fitted([p.geo for p in located])
        parts.append(_svg(located, land(coarse=projection.east - projection.west > COARSE_OVER), projection, words))
    parts.append('<div class="map-lists">')
    parts.append(_list("located", words("on-the-map"), located, words))
    parts.append(_list("unlocated", words("without-coordinates"), unlocated, words))
    parts.append("</div>")
    return f'<div class="map">{"".join(parts)}</div>'


def _svg(located: list[Place], land, projection: Projection, words: Words) -> str:
    outline = _land_path(land, projection)
    most = max(p.mentions for p in located) or 1
    markers = []
    for place in sorted(located, key=lambda p: -p.mentions):  # the smaller markers on top
        x, y = projection.point(*place.geo)
        radius = 3 + 9 * math.sqrt(place.mentions / most)
        label = words("label-value", label=place.name, value=_mentions(place, words))
        circle = (f'<circle class="marker" cx="{x:.2f}" cy="{y:.2f}" r="{radius:.1f}" data-id="{e(place.id)}" '
                  f'data-lat="{place.geo[0]:g}" data-lon="{place.geo[1]:g}" data-mentions="{place.mentions}"><title>{e(label)}</title></circle>')
        if place.href:
            markers.append(f'<a href="{e(place.href)}" aria-label="{e(label)}">{circle}</a>')
        else:
            markers.append(circle)
    p = projection
    degrees = {side: words.number(getattr(p, side)) for side in ("south", "north", "west", "east")}
    buttons = json.dumps({key: words(key) for key in ("zoom-in", "zoom-out", "whole-map", "show-whole-map")},
                         ensure_ascii=False)  # what explore.js writes on the buttons it adds
    return (f'<figure class="map-figure"><div class="map-frame"><svg id="map" class="map-svg" viewBox="0 0 {p.width:.0f} {p.height:.0f}" '
            f'role="group" aria-label="{e(words("map-label"))}" data-projection="equirectangular" data-words="{e(buttons)}" '
            f'data-west="{p.west:.6f}" data-north="{p.north:.6f}" data-parallel="{p.parallel:.6f}" data-scale="{p.scale:.6f}">'
            f'<rect class="sea" x="0" y="0" width="{p.width:.0f}" height="{p.height:.0f}"/>'
            f'<path class="land" fill-rule="evenodd" d="{outline}"/>'
            f'<g class="markers">{"".join(markers)}</g></svg></div>'
            f'<figcaption>{e(words("map-caption", **degrees))}</figcaption></figure>')


def _mentions(place: Place, words: Words) -> str:
    said = words.count("mention-count", place.mentions)
    return words.count("in-documents", place.documents, mentions=said) if place.documents else said


def _list(key: str, heading: str, places: list[Place], words: Words) -> str:
    rows = []
    for place in places:
        name = f'<a href="{e(place.href)}">{e(place.name)}</a>' if place.href else e(place.name)
        where = f' <span class="coordinates">{place.geo[0]:g}, {place.geo[1]:g}</span>' if place.geo else ""
        rows.append(f'<li data-id="{e(place.id)}">{name} <span class="mentions">{e(_mentions(place, words))}</span>{where}</li>')
    return (f'<section class="map-list" id="{key}" aria-labelledby="{key}-heading"><h2 id="{key}-heading">{e(heading)} '
            f'({len(places)})</h2><ul>{"".join(rows)}</ul></section>')


def _land_path(land, projection: Projection) -> str:
    """The land rings that reach into the view, clipped to it (a little beyond) and simplified."""
    pad = 20.0
    box = (-pad, -pad, projection.width + pad, projection.height + pad)
    commands = []
    for ring in land:
        points = [projection.point(lat, lon) for lon, lat in ring]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if max(xs) < box[0] or min(xs) > box[2] or max(ys) < box[1] or min(ys) > box[3]:
            continue
        clipped = _clip(points, box)
        kept = _simplified(clipped)
        if len(kept) >= 3:
            commands.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z")
    return "".join(commands)


def _clip(points, box):
    """Sutherland–Hodgman: the polygon cut to the rectangle ``box`` (fill stays right inside it)."""
    left, top, right, bottom = box
    edges = ((lambda p: p[0] >= left, lambda a, b: _at_x(a, b, left)),
             (lambda p: p[0] <= right, lambda a, b: _at_x(a, b, right)),
             (lambda p: p[1] >= top, lambda a, b: _at_y(a, b, top)),
             (lambda p: p[1] <= bottom, lambda a, b: _at_y(a, b, bottom)))
    for inside, cut in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cut(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cut(previous, point))
            previous = point
        points = result
    return points


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _simplified(points):
    kept = []
    for point in points:
        if not kept or abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= SIMPLIFY:
            kept.append(point)
    return kept
