"""What the timeline and map tests share: Chromium, and what the TEI says, read here with lxml
(never through teikit) so that the pages are checked against an independent reading."""

from __future__ import annotations

import calendar
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.chromium import watched


TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LISTS = {TEI + name for name in ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent")}


@pytest.fixture
def page(chromium):
    """A page that records every script error and failed request (none is expected)."""
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    yield watched(context.new_page())
    context.close()


@pytest.fixture
def page_without_script(chromium):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def first_day(iso: str) -> str:
    """The first day an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) means."""
    parts = iso.split("-")
    return "-".join([parts[0], *(parts[1:] + ["01", "01"])[:2]])


def last_day(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3:
        return iso
    if len(parts) == 2:
        return f"{iso}-{calendar.monthrange(int(parts[0]), int(parts[1]))[1]:02d}"
    return f"{iso}-12-31"


def date_start(date: etree._Element) -> str | None:
    """Where a date element's span begins: @when, else @from or @notBefore, else @to or @notAfter."""
    for name in ("when", "from", "notBefore", "to", "notAfter"):
        value = (date.get(name) or "").strip()
        if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value):
            return first_day(value)
    return None


def in_register(element: etree._Element) -> bool:
    return any(ancestor.tag in LISTS for ancestor in element.iterancestors())


def places_of(tree) -> dict[str, tuple[str, tuple[float, float] | None]]:
    """xml:id -> (first placeName, (latitude, longitude) or None) for every place of the file."""
    found = {}
    for place in tree.iter(TEI + "place"):
        if not place.get(XML_ID):
            continue
        name = place.find(TEI + "placeName")
        geo = place.find(f"{TEI}location/{TEI}geo")
        coordinates = None
        if geo is not None and geo.text:
            numbers = [float(n) for n in re.findall(r"[-+]?\d+(?:\.\d+)?", geo.text)]
            coordinates = (numbers[0], numbers[1]) if len(numbers) == 2 else None
        found[place.get(XML_ID)] = (" ".join("".join(name.itertext()).split()) if name is not None else "", coordinates)
    return found


def projected(svg: dict, latitude: float, longitude: float) -> tuple[float, float]:
    """Equirectangular, as the map states it: x from the west edge times cos(standard parallel), y from the north edge."""
    x = (longitude - svg["west"]) * math.cos(math.radians(svg["parallel"])) * svg["scale"]
    return x, (svg["north"] - latitude) * svg["scale"]


def map_state(page) -> dict:
    """The map's stated projection and every marker: id, centre in SVG units and on the screen, mentions, link."""
    return page.evaluate("""() => {
      const svg = document.querySelector('svg.map-svg');
      const ctm = svg.getScreenCTM();
      const state = {west: +svg.dataset.west, north: +svg.dataset.north, parallel: +svg.dataset.parallel,
                     scale: +svg.dataset.scale, projection: svg.dataset.projection, markers: {}};
      for (const circle of svg.querySelectorAll('circle.marker')) {
        const box = circle.getBoundingClientRect();
        const point = svg.createSVGPoint(); point.x = +circle.getAttribute('cx'); point.y = +circle.getAttribute('cy');
        const onScreen = point.matrixTransform(ctm);
        const link = circle.closest('a');
        state.markers[circle.dataset.id] = {cx: point.x, cy: point.y, screen: [onScreen.x, onScreen.y],
          centre: [box.left + box.width / 2, box.top + box.height / 2], mentions: +circle.dataset.mentions,
          href: link ? link.getAttribute('href') : null,
          onLand: document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)
                    .some(e => e.classList && e.classList.contains('land'))};
      }
      return state;
    }""")


def timeline_items(page) -> list[dict]:
    return page.eval_on_selector_all(".timeline-item", """items => items.map(li => ({
      start: li.dataset.start, end: li.dataset.end, href: li.querySelector('a') && li.querySelector('a').getAttribute('href'),
      when: li.querySelector('.when').innerText, unsure: !!li.querySelector('.uncertain'),
      range: !!li.querySelector('.date-range'), visible: li.offsetParent !== null}))""")


def built_project(project: Path, files: dict[str, str], settings: str) -> Path:
    """The web edition of a project made of ``files`` (relative path -> text) and ``settings``
    (teikit.toml), built by the command line; its folder."""
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / "teikit.toml").write_text(settings, encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "toolkit", "build", "html", "--force", "--date", "2026-01-02"],
                           cwd=project, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return project / "build" / "html"
