"""Every page of the MELP site: links that resolve, assets that are there, nothing from outside."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from tests.project_site.melp_site import letters, melp_site

FIXTURES = (melp_site,)


def test_every_internal_link_resolves(melp_site):
    site = melp_site / "build" / "html"
    pages = sorted(site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    trees = {}
    for path in pages:
        trees[path] = lxml_html.parse(str(path))
        ids[path.resolve()] = set(trees[path].xpath("//@id"))
    broken = []
    checked = 0
    for path, tree in trees.items():
        for element, attribute in ((e, a) for a in ("href", "src") for e in tree.xpath(f"//*[@{a}]")):
            value = element.get(attribute)
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto"):
                assert element.tag == "a", f"{path}: <{element.tag}> loads {value} from outside"
                continue
            assert not parts.scheme and not parts.netloc, f"{path}: {value}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {value} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{path.relative_to(site)}: {value} (no such id)")
    assert broken == []
    assert checked > len(pages)


def test_one_page_per_letter_and_shared_parts_once(melp_site):
    site = melp_site / "build" / "html"
    assert len(list((site / "documents").glob("*.html"))) == len(letters(melp_site))
    # Each source as text, which no browser runs (saved under its own name by the page's link).
    assert sorted(path.name for path in (site / "tei").iterdir()) == sorted(f"{letter.name}.txt" for letter in letters(melp_site))
    # The licence is stated on the about page, not repeated on every letter's page.
    licence = "Creative Commons Attribution 4.0"
    assert licence in (site / "about.html").read_text(encoding="utf-8")
    repeated = [path.name for path in (site / "documents").glob("*.html") if licence in path.read_text(encoding="utf-8")]
    assert len(repeated) < len(letters(melp_site)) / 10
    assert sorted(path.name for path in (site / "assets").iterdir()) == sorted(
        ["edition.css", "phrases.css", "edition.js", "project.css", "project.js", "explore.css", "explore.js",
         "search.css", "search.js"])


def test_each_letter_page_has_its_own_title(melp_site):
    site = melp_site / "build" / "html"
    titles = []
    for path in sorted((site / "documents").glob("*.html")):
        tree = lxml_html.parse(str(path))
        heading = tree.findtext(".//h1").strip()
        assert tree.findtext(".//title").startswith(heading)
        titles.append(heading)
    assert "Maria Edgeworth Letters Project" not in titles  # the series' title is not a letter's
    assert len(set(titles)) > len(titles) * 0.9
