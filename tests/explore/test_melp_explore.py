"""MELP's timeline and map in Chromium: every dated letter once and in date order, the undated
ones listed; a marker for each of the register's 302 places with coordinates, where they project."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from tests.accessibility import violations
from tests.explore.explore_pages import TEI, date_start, map_state, page, places_of, projected, timeline_items
from tests.project_site.melp_site import letters, melp_site, page_of

FIXTURES = (page, melp_site)
pytestmark = pytest.mark.browser

# Where a letter's date is read, first found first: as the project site sorts its documents.
DATE_PLACES = (
    f"{TEI}teiHeader//{TEI}correspAction[@type='sent']//{TEI}date",
    f"{TEI}teiHeader//{TEI}correspAction//{TEI}date",
    f"{TEI}teiHeader//{TEI}creation//{TEI}date",
    f"{TEI}teiHeader/{TEI}fileDesc/{TEI}sourceDesc//{TEI}msDesc/{TEI}head//{TEI}date",
    f"{TEI}text//{TEI}opener//{TEI}date",
    f"{TEI}text//{TEI}dateline//{TEI}date",
    f"{TEI}text//{TEI}closer//{TEI}date",
)


def letter_date(path) -> str | None:
    root = etree.parse(str(path)).getroot()
    for where in DATE_PLACES:
        for date in root.iterfind(where):
            if start := date_start(date):
                return start
    return None


def test_every_dated_letter_once_in_order_and_the_undated_listed(page, melp_site):
    dates = {f"documents/{page_of(letter)}.html": letter_date(letter) for letter in letters(melp_site)}
    page.goto((melp_site / "build" / "html" / "timeline.html").as_uri())
    items = timeline_items(page)
    shown = Counter(item["href"] for item in items)
    assert shown == Counter(href for href, start in dates.items() if start), "each dated letter once"
    assert all(item["start"] == dates[item["href"]] for item in items)
    starts = [item["start"] for item in items]
    assert starts == sorted(starts)
    undated = page.eval_on_selector_all("#undated li a", "links => links.map(a => a.getAttribute('href'))")
    assert sorted(undated) == sorted(href for href, start in dates.items() if not start)
    assert len(undated) > 0
    # The histogram counts every dated letter.
    titles = page.eval_on_selector_all("#timeline-density .bin title", "ts => ts.map(t => t.textContent)")
    assert sum(int(title.split(": ")[1].split()[0]) for title in titles) == len(items)
    assert page.problems == []


def test_a_marker_for_every_place_with_coordinates(page, melp_site):
    places = places_of(etree.parse(str(melp_site / "People_Places_Works" / "Placeography.xml")))
    located = {place_id: geo for place_id, (_name, geo) in places.items() if geo}
    assert len(located) == 302
    page.goto((melp_site / "build" / "html" / "map.html").as_uri())
    state = map_state(page)
    assert set(state["markers"]) == set(located)
    by_name = {name: place_id for place_id, (name, _geo) in places.items()}
    for name in ("London", "Dublin", "Edgeworthstown", "Paris", "Edinburgh"):
        place_id = by_name[name]
        x, y = projected(state, *located[place_id])
        marker = state["markers"][place_id]
        assert (marker["cx"], marker["cy"]) == pytest.approx((x, y), abs=0.05), name
        assert marker["centre"] == pytest.approx(marker["screen"], abs=1.0), name
        assert marker["mentions"] > 0 and marker["href"].startswith("places/"), name
    markers = state["markers"]
    assert markers[by_name["Dublin"]]["screen"][0] < markers[by_name["London"]]["screen"][0] < markers[by_name["Paris"]]["screen"][0] + 5
    assert markers[by_name["Edinburgh"]]["screen"][1] < markers[by_name["London"]]["screen"][1]
    unlocated = page.eval_on_selector_all("#unlocated li", "lis => lis.map(li => li.dataset.id)")
    assert sorted(unlocated) == sorted(place_id for place_id, (_name, geo) in places.items() if not geo)
    assert page.problems == []


@pytest.mark.parametrize("name", ["timeline.html", "map.html"])
def test_no_serious_accessibility_violation(page, melp_site, name):
    page.goto((melp_site / "build" / "html" / name).as_uri())
    page.wait_for_load_state("load")
    assert violations(page) == []
