"""The essay's timeline and map in Chromium, from file://, checked against the TEI read here."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from tests.accessibility import violations
from tests.explore.explore_pages import (TEI, XML_ID, date_start, in_register, map_state, page,
                                         page_without_script, places_of, projected, timeline_items)
from tests.html.html_site import EDITION, edition_site

FIXTURES = (page, page_without_script, edition_site)
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def essay():
    return etree.parse(str(EDITION))


def expected_dates(tree) -> list[tuple[str, str]]:
    """(first day, link to its paragraph) of every date in the essay's text (registers aside)."""
    found = []
    for date in tree.find(f"{TEI}text").iter(f"{TEI}date"):
        start = date_start(date)
        if start is None or in_register(date):
            continue
        anchor = next(ancestor.get(XML_ID) for ancestor in date.iterancestors() if ancestor.get(XML_ID))
        found.append((start, f"index.html#{anchor}"))
    return found


def test_the_timeline_lists_every_date_of_the_text_once_in_order(page, edition_site, essay):
    page.goto((edition_site / "html" / "timeline.html").as_uri())
    items = timeline_items(page)
    expected = expected_dates(essay)
    assert len(expected) > 50
    assert Counter((item["start"], item["href"]) for item in items) == Counter(expected)
    starts = [item["start"] for item in items]
    assert starts == sorted(starts)
    assert all(item["visible"] for item in items)

    # Dates known only between two bounds are shown as such and marked uncertain; durations as ranges.
    bounded = [date for date in essay.iter(f"{TEI}date") if date.get("notBefore") and date.get("notAfter")]
    ranges = [date for date in essay.iter(f"{TEI}date") if date.get("from") and date.get("to")]
    assert bounded and ranges
    shown_bounded = [item for item in items if item["when"].startswith("between")]
    assert len(shown_bounded) == len(bounded) and all(item["unsure"] for item in shown_bounded)
    assert sum(1 for item in items if item["range"] and "–" in item["when"]) == len(ranges)
    for date in bounded:
        assert any(item["start"] == date.get("notBefore") and item["end"] == date.get("notAfter") for item in items)

    # Following an item lands on the paragraph that holds the date.
    first = page.locator(".timeline-item a").first
    target = first.get_attribute("href").split("#")[1]
    first.click()
    page.wait_for_url(f"**/index.html#{target}")
    assert page.locator(f"[id='{target}']").is_visible()
    assert page.problems == []


def test_zooming_to_a_decade_and_a_year(page, edition_site, essay):
    page.goto((edition_site / "html" / "timeline.html").as_uri())
    starts = [start for start, _href in expected_dates(essay)]
    page.select_option("#timeline-period", "d1920")
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'd1920'")
    visible = [item["start"] for item in timeline_items(page) if item["visible"]]
    assert sorted(visible) == sorted(s for s in starts if "1920" <= s[:4] <= "1929")
    assert page.locator("#timeline-density .bin").count() == 10  # one bar a year
    assert f"{len(visible)} dates" in page.locator("#timeline-status").inner_text()

    page.select_option("#timeline-period", "y1921")
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'y1921'")
    visible = [item["start"] for item in timeline_items(page) if item["visible"]]
    assert sorted(visible) == sorted(s for s in starts if s.startswith("1921"))
    assert page.locator("#timeline-density .bin").count() == 12  # one bar a month
    march = page.locator("#timeline-density .bin title").nth(2).text_content()
    assert march.startswith(f"Mar: {sum(1 for s in starts if s.startswith('1921-03'))} dates")

    page.get_by_role("button", name="Zoom out").click()
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'd1920'")
    page.get_by_role("button", name="Zoom out").click()
    page.wait_for_function("document.querySelector('.timeline').dataset.zoom === 'all'")
    assert all(item["visible"] for item in timeline_items(page))
    assert page.problems == []


def test_the_timeline_reads_without_javascript(page_without_script, edition_site, essay):
    page = page_without_script
    page.goto((edition_site / "html" / "timeline.html").as_uri())
    assert page.locator(".timeline-zoom").is_hidden()
    items = timeline_items(page)
    assert len(items) == len(expected_dates(essay)) and all(item["visible"] for item in items)
    years = sorted({start[:4] for start, _href in expected_dates(essay)})
    assert page.eval_on_selector_all(".timeline-year h2", "hs => hs.map(h => h.firstChild.textContent.trim())") == years
    assert page.locator("#timeline-density .bin").count() > 0  # the histogram is drawn at build time


def test_the_map_places_every_located_place_where_its_coordinates_say(page, edition_site, essay):
    page.goto((edition_site / "html" / "map.html").as_uri())
    places = places_of(essay)
    located = {place_id: geo for place_id, (_name, geo) in places.items() if geo}
    state = map_state(page)
    assert state["projection"] == "equirectangular"
    assert set(state["markers"]) == set(located)
    for place_id, (latitude, longitude) in located.items():
        marker = state["markers"][place_id]
        x, y = projected(state, latitude, longitude)
        assert marker["cx"] == pytest.approx(x, abs=0.05) and marker["cy"] == pytest.approx(y, abs=0.05), place_id
        # Drawn where the SVG's own transform puts that point on the screen.
        assert marker["centre"] == pytest.approx(marker["screen"], abs=1.0)
    # Known cities: Paris west of Berlin, Moscow east of both; each on the land outline, not at sea.
    markers = state["markers"]
    assert markers["place-paris"]["screen"][0] < markers["place-berlin"]["screen"][0] < markers["place-moscow"]["screen"][0]
    assert markers["place-petrograd"]["screen"][1] < markers["place-moscow"]["screen"][1]  # north is up
    for city in ("place-paris", "place-berlin", "place-moscow", "place-brussels"):
        assert markers[city]["onLand"], city

    # Mentions: every name in the essay that points at the place.
    refs = Counter(token for element in essay.iter() if isinstance(element.tag, str) and not in_register(element)
                   and etree.QName(element).localname in ("placeName", "rs", "name")
                   for token in (element.get("ref") or "").split())
    for place_id, marker in markers.items():
        assert marker["mentions"] == refs[f"#{place_id}"], place_id
        assert marker["href"] == f"places.html#{place_id}"

    # Places without coordinates are listed beside the map, each linked to its entry.
    unlocated = page.eval_on_selector_all("#unlocated li", "lis => lis.map(li => li.dataset.id)")
    assert sorted(unlocated) == sorted(place_id for place_id, (_name, geo) in places.items() if not geo)

    page.locator(f"a[href='places.html#place-paris']").first.click()
    page.wait_for_url("**/places.html#place-paris")
    assert page.locator("#place-paris").is_visible()
    assert page.problems == []


def test_the_map_zooms_and_reads_without_javascript(page, page_without_script, edition_site):
    page.goto((edition_site / "html" / "map.html").as_uri())
    before = page.get_attribute("#map", "viewBox")
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_function(f"document.querySelector('#map').getAttribute('viewBox') !== {before!r}")
    width = float(page.get_attribute("#map", "viewBox").split()[2])
    assert width == pytest.approx(float(before.split()[2]) / 2)
    page.get_by_role("button", name="Show the whole map").click()
    page.wait_for_function(f"document.querySelector('#map').getAttribute('viewBox').split(' ').map(Number)[2] === {float(before.split()[2])}")

    bare = page_without_script
    bare.goto((edition_site / "html" / "map.html").as_uri())
    assert bare.locator("circle.marker").count() == bare.locator("#located li").count() > 0
    assert bare.locator(".map-controls").count() == 0


@pytest.mark.parametrize("name", ["timeline.html", "map.html"])
def test_no_serious_accessibility_violation(page, edition_site, name):
    page.goto((edition_site / "html" / name).as_uri())
    page.wait_for_load_state("load")
    assert violations(page) == []
