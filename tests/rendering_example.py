"""The README's example of a changed rendering (tests/cases/rendering/), and what a reader sees of
it on a web page: computed here from the example's TEI."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

CASE = Path(__file__).resolve().parent / "cases" / "rendering"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def assert_rendered_as_the_example_says(page, source: Path = CASE / "letter.xml") -> None:
    """The page (open in the browser) shows ``source`` as rendering.toml asks: verse segments as
    lines in the project's CSS, no running head, its word for the notes, its XSLT's signature."""
    root = etree.parse(str(source)).getroot()
    verses = [" ".join(seg.text.split()) for seg in root.iterfind(".//t:seg[@type='verse']", TEI)]
    header = " ".join(root.find(".//t:fw", TEI).text.split())
    lines = page.locator("main .l.verse")
    assert [" ".join(lines.nth(k).inner_text().split()) for k in range(lines.count())] == verses
    assert lines.first.evaluate("e => getComputedStyle(e).fontStyle") == "italic"  # the project's CSS
    assert header not in page.evaluate("document.body.innerText")  # fw: omit
    assert page.locator("#notes-title").inner_text() == "Endnotes"  # the project's word
    signature = page.locator("main p.signature")  # the project's XSLT
    assert signature.inner_text() == root.find(".//t:signed", TEI).text
    assert signature.evaluate("e => getComputedStyle(e).textAlign") == "right"
