"""Searching the MELP letters' web edition in Chromium, from file://: each query's letters and
paragraphs are worked out from the TEI here; every result's link lands on a passage holding the words."""

from __future__ import annotations

import pytest

from tests.html.test_browser import browser_page
from tests.project_site.melp_site import MELP, TEI, letters, melp_site, page_of, parsed, register_id
from tests.search.browser import STATUS_DONE, open_search, refresh, search
from tests.search.expected import contains, outside_notes, plain, reading

FIXTURES = (browser_page, melp_site)
pytestmark = pytest.mark.browser
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def letter_passages(letter) -> tuple[list[str], dict[str, list[str]]]:
    """A letter's words (its text, notes included), and each paragraph's words by its anchor on the page."""
    tree = parsed(letter)
    text = tree.find(f"{TEI}text")
    words = plain(reading(text, notes=True))
    for standoff in tree.getroot().iter(f"{TEI}standOff"):
        words += plain(reading(standoff, notes=True))
    paragraphs = [p for p in text.iter(f"{TEI}p") if not any(a.tag == f"{TEI}note" for a in p.iterancestors())]
    anchors = {p.get(XML_ID) or f"p{number}": plain(reading(p)) for number, p in enumerate(paragraphs, 1)}
    return words, anchors


def letter_date(tree) -> str:
    """The sending date of correspDesc, else any of its dates, else the creation date, else the date in
    the manuscript description's head, else the opener's."""
    places = (f".//{TEI}correspAction[@type='sent']//{TEI}date", f".//{TEI}correspAction//{TEI}date",
              f".//{TEI}creation//{TEI}date", f".//{TEI}sourceDesc//{TEI}msDesc/{TEI}head//{TEI}date",
              f".//{TEI}opener//{TEI}date", f".//{TEI}dateline//{TEI}date")
    for path in places:
        for date in tree.iterfind(path):
            for name in ("when", "notBefore", "from", "notAfter", "to"):
                if date.get(name):
                    return date.get(name).strip()
    return ""


def expected(query: list[str], *, prefix: bool = False, keep=lambda letter: True) -> tuple[set[str], set[str], set[str]]:
    """(letters' pages holding the words, paragraphs holding them, every paragraph of those letters)."""
    pages, paragraphs, every = set(), set(), set()
    for letter in letters(melp_project()):
        words, anchors = letter_passages(letter)
        if not contains(words, query, prefix) or not keep(letter):
            continue
        page = f"documents/{page_of(letter)}.html"
        pages.add(page)
        every |= {f"{page}#{anchor}" for anchor in anchors}
        paragraphs |= {f"{page}#{anchor}" for anchor, found in anchors.items() if contains(found, query, prefix)}
    return pages, paragraphs, every


_PROJECT = []


def melp_project():
    return _PROJECT[0]


@pytest.fixture
def melp_search(browser_page, melp_site):
    _PROJECT[:] = [melp_site]
    open_search(browser_page, melp_site / "build" / "html")
    return browser_page


def check(page, found: list[str], query: list[str], prefix: bool, wanted: tuple[set[str], set[str], set[str]]) -> None:
    pages, paragraphs, every = wanted
    assert pages, "the query is meant to find letters"
    assert len(found) == len(set(found))
    assert {href.split("#")[0] for href in found} == pages
    assert set(found) & every == paragraphs  # results at paragraphs: exactly those holding the words
    addresses = page.evaluate("hrefs => hrefs.map(href => new URL(href, location.href).href)", found[:8])
    for href, address in zip(found, addresses):
        page.goto(address)
        anchor = href.split("#", 1)[1]
        assert contains(plain(page.locator(f"[id='{anchor}']").text_content()), query, prefix), href
    assert not page.problems


@pytest.mark.parametrize("query, words, prefix", [
    ('"dear madam"', ["dear", "madam"], False),  # a phrase
    ("educat*", ["educat"], True),  # a prefix
    ("Recamier", ["recamier"], False),  # Récamier in most letters
])
def test_queries_find_exactly_the_letters_and_paragraphs(melp_search, query, words, prefix):
    found = search(melp_search, query)
    check(melp_search, found, words, prefix, expected(words, prefix=prefix))


def test_a_person_and_a_date_range_narrow_the_letters(melp_search):
    page = melp_search
    registers = parsed(MELP / "People_Places_Works" / "Personography.xml")
    scott = next(person for person in registers.iter(f"{TEI}person") if person.get(XML_ID) == "ScotW1")
    name = " ".join(scott.findtext(f"{TEI}persName").split())

    def mentions_scott(letter) -> bool:
        text = parsed(letter).find(f"{TEI}text")
        return any(register_id(element.get("ref") or "", "Personography.xml") == "ScotW1"
                   for tag in ("persName", "rs", "name") for element in outside_notes(text, tag)) \
            or any(register_id(element.get("ref") or "", "Personography.xml") == "ScotW1"
                   for element in text.iter(f"{TEI}note") for element in element.iter() if isinstance(element.tag, str))

    def in_1815_1825(letter) -> bool:
        return "1815" <= letter_date(parsed(letter))[:4] <= "1825"

    everywhere = search(page, "novel*")
    check(page, everywhere, ["novel"], True, expected(["novel"], prefix=True))
    page.goto((melp_project() / "build" / "html" / "search.html").as_uri() + "#q=novel*")
    page.wait_for_selector("#search-app:not([hidden])")
    page.fill("#facet-find-person", "Scott Walter")
    narrowed = refresh(page, lambda: page.locator(".facet[data-facet='person'] label", has_text=name).click())
    page.fill("#date-from", "1815")
    both = refresh(page, lambda: page.fill("#date-to", "1825"))
    wanted = expected(["novel"], prefix=True, keep=lambda letter: mentions_scott(letter) and in_1815_1825(letter))
    assert len(wanted[0]) < len({href.split("#")[0] for href in narrowed}) < len({href.split("#")[0] for href in everywhere})
    check(page, both, ["novel"], True, wanted)


def test_a_word_in_verse_leads_to_its_line(melp_search):
    """Each verse line has an anchor of its own: a result in verse links to the line that holds it."""
    page = melp_search
    wanted = set()
    for letter in letters(melp_project()):
        for number, line in enumerate(parsed(letter).iter(f"{TEI}l"), 1):
            if contains(plain(reading(line)), ["sentient"]):
                wanted.add(f"documents/{page_of(letter)}.html#{line.get(XML_ID) or f'l{number}'}")
    assert wanted, "a word of the verse in MELP's letters"
    found = search(page, "sentient")
    assert {href for href in found if "#l" in href} == wanted
    for href in sorted(wanted):
        page.goto(page.evaluate("href => new URL(href, location.href).href", href))
        line = page.locator(f"[id='{href.split('#', 1)[1]}']")
        assert contains(plain(line.text_content()), ["sentient"]), href
        assert page.evaluate("id => document.querySelectorAll(`[id='${id}']`).length", href.split("#", 1)[1]) == 1
    assert not page.problems


# The passages' files of a search are held back until the test releases them, so that a second
# search can start while the first is still loading what it shows.
HOLD_PASSAGES = """() => {
  const head = document.head, append = head.appendChild.bind(head);
  window.heldScripts = [];
  head.appendChild = node => {
    if (node.tagName === 'SCRIPT' && /\\/(text|docs)\\/[^/]*$/.test(node.src)) { window.heldScripts.push(node); return node; }
    return append(node);
  };
  window.releaseScripts = () => window.heldScripts.splice(0).forEach(append);
}"""


def test_a_search_started_while_another_loads_shows_only_its_own_results(melp_search):
    page = melp_search
    first_page = "() => Array.from(document.querySelectorAll('#search-results > li .result-title a'), a => a.href)"
    page.fill("#search-input", "educat*")
    page.wait_for_function(STATUS_DONE, arg="educat*")
    alone = page.evaluate(first_page)
    page.fill("#search-input", "")
    page.wait_for_function(STATUS_DONE, arg="")

    page.evaluate(HOLD_PASSAGES)
    page.fill("#search-input", "Recamier")
    page.wait_for_function("() => window.heldScripts.length > 0")  # the first search waits for its passages
    # The list is emptied just before a search asks for its passages: a marker put in it goes when the
    # second search gets there.
    page.evaluate("() => document.getElementById('search-results').appendChild(document.createElement('li')).id = 'marker'")
    page.fill("#search-input", "educat*")
    page.wait_for_function("() => !document.getElementById('marker')")
    page.evaluate("() => window.releaseScripts()")
    page.wait_for_function(STATUS_DONE, arg="educat*")
    assert alone and page.evaluate(first_page) == alone
