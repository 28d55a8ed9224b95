"""The web edition in a real browser (Debian's Chromium driven by Playwright), opened from file://."""

from __future__ import annotations

import pytest

from tests.chromium import watched
from tests.html.html_site import edition_site, sample_site

FIXTURES = (edition_site, sample_site)  # pytest finds fixtures among the module's names

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(chromium):
    page = watched(chromium.new_page(viewport={"width": 1000, "height": 800}))
    yield page
    page.close()


def test_reading_the_edition(browser_page, sample_site, tmp_path):
    page = browser_page
    html = sample_site / "html"
    page.goto((html / "index.html").as_uri())
    assert page.title() == "A Sample Edition for Testing"

    # Follow a person to the index, and from the index back to the paragraph.
    page.click("#p4 a.mention[href='persons.html#pers-engels']")
    page.wait_for_url("**/persons.html#pers-engels")
    assert page.locator("#pers-engels .entry-name").inner_text() == "Engels, Friedrich"
    page.screenshot(path=str(tmp_path / "1-person-entry.png"))
    page.click("#pers-engels a.occurrence")
    page.wait_for_url("**/index.html#p4")
    assert page.evaluate("location.hash") == "#p4"
    assert page.locator("#p4").is_visible()

    # Open a note from the keyboard: Tab until the first note marker has the focus.
    page.goto((html / "index.html").as_uri())
    popup = page.locator("#pop-note1")
    assert not popup.is_visible()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ref-note1":
            break
    else:
        pytest.fail("the first note marker cannot be reached with Tab")
    assert popup.is_visible()
    assert "[…]" in popup.inner_text()  # the note's text is a gap, and the sample sets no words for it
    page.screenshot(path=str(tmp_path / "2-note-by-keyboard.png"))
    page.keyboard.press("Escape")
    assert not popup.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/index.html#note1")

    # Switch to the diplomatic view: the source's misprint appears, the correction goes.
    sic = page.locator("#p6 .reading-source.sic")
    corr = page.locator("#p6 .reading-preferred.corr")
    assert corr.is_visible() and not sic.is_visible()
    toggle = page.locator("#view-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert sic.is_visible() and sic.inner_text() == "Petrogard" and not corr.is_visible()
    page.locator("#p6").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "3-diplomatic-view.png"))
    toggle.click()
    assert corr.is_visible() and not sic.is_visible()

    # Filter the person index.
    page.goto((html / "persons.html").as_uri())
    entries = page.locator("#register > li")
    total = entries.count()
    page.fill("#register-filter", "emile")
    visible = [entries.nth(i) for i in range(total) if entries.nth(i).is_visible()]
    assert [item.get_attribute("id") for item in visible] == ["pers-emile"]
    assert page.locator("#register-filter-status").inner_text() == f"1 of {total} shown"
    page.fill("#register-filter", "kibal")
    # a variant finds both its cross-reference and the entry it names
    assert page.locator("li.cross-reference").is_visible() and page.locator("#pers-serge").is_visible()
    assert page.locator("#pers-engels").is_hidden()
    page.screenshot(path=str(tmp_path / "4-filtered-index.png"))
    page.fill("#register-filter", "")
    assert all(entries.nth(i).is_visible() for i in range(total))

    assert page.problems == []


def test_the_real_edition_opens_without_errors(browser_page, edition_site, tmp_path):
    page = browser_page
    for name in ("index.html", "persons.html", "places.html", "organisations.html", "about.html"):
        page.goto((edition_site / "html" / name).as_uri())
        page.screenshot(path=str(tmp_path / f"edition-{name}.png"), full_page=name != "index.html")
    page.goto((edition_site / "html" / "index.html").as_uri())
    assert page.locator("sup.noteref-authorial").count() == 84
    page.set_viewport_size({"width": 380, "height": 800})
    page.screenshot(path=str(tmp_path / "edition-phone.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 380 + 1
    assert page.problems == []


CONTRAST = """
(selectors) => {
  function rgb(value) { return value.match(/[\\d.]+/g).slice(0, 3).map(Number); }
  function luminance([r, g, b]) {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function background(element) {
    for (let e = element; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (colour && !colour.startsWith("rgba(0, 0, 0, 0)") && colour !== "transparent") return rgb(colour);
    }
    return [255, 255, 255];
  }
  return selectors.map(selector => {
    const element = document.querySelector(selector);
    if (!element) return [selector, null];
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))];
    return [selector, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}
"""


def test_text_has_sufficient_contrast(browser_page, sample_site):
    page = browser_page
    checks = {
        "index.html": ["main .p", ".pnum", "a.mention", ".view-help", ".site-footer p", ".site-nav a", ".edition-statement dd"],
        "persons.html": [".life-dates", ".occurrence-count", "a.occurrence", ".entry-name", ".form"],
    }
    for name, selectors in checks.items():
        page.goto((sample_site / "html" / name).as_uri())
        for selector, ratio in page.evaluate(CONTRAST, selectors):
            assert ratio is not None, f"{name}: nothing matches {selector}"
            assert ratio >= 4.5, f"{name}: {selector} has contrast {ratio:.2f}:1"


# Every quotation mark a stylesheet adds before or after an element: in a CSS string
# (computed as a quoted string, so its outer quotes are dropped first), or as a keyword.
GENERATED_QUOTES = r"""() => {
  const found = [];
  for (const element of document.querySelectorAll('main *')) {
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(element, pseudo).content;
      const inner = content.startsWith('"') ? content.slice(1, -1) : content;
      if (/["“”‘’«»„]|open-quote|close-quote/.test(inner)) {
        found.push(element.tagName + pseudo + ' ' + content);
      }
    }
  }
  return found;
}"""


def test_quotation_marks_come_only_from_the_text(browser_page, sample_site):
    page = browser_page
    page.goto((sample_site / "html" / "index.html").as_uri())
    assert page.evaluate(GENERATED_QUOTES) == []
    shown = page.locator("#p4 span.quote").first.inner_text()
    assert shown.startswith("“almost all") and shown.endswith("Siberia.”"), shown
    assert shown.count("“") == 1 and shown.count("”") == 1
