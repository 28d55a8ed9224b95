"""The TEI source published beside the web edition never runs in a browser (repro F02), over
http and from file://, whatever script it holds; the build says where such markup is."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.security.repro_lab import Lab, tei
from toolkit import pipeline
from toolkit.builders.options import BuildOptions
CANARY = "http://127.0.0.1:18080/"
H = 'xmlns:h="http://www.w3.org/1999/xhtml"'
SVG = 'xmlns:svg="http://www.w3.org/2000/svg"'

PAYLOADS = {  # name -> (markup in a paragraph, runs when the file is opened as .xml)
    "xhtml-script": (f'<h:script {H}>alert("xhtml-script"); fetch("{CANARY}xhtml")</h:script>', True),
    "svg-script": (f'<svg:svg {SVG}><svg:script>alert("svg-script")</svg:script></svg:svg>', True),
    "svg-onload": (f'<svg:svg {SVG} onload="alert(\'svg-onload\')"/>', True),
    "xhtml-onerror": (f'<h:img {H} src="x:y" onerror="alert(\'xhtml-onerror\')"/>', True),
    "xhtml-iframe": (f'<h:iframe {H} src="javascript:parent.alert(\'xhtml-iframe\')"/>', False),
}


def what_runs(browser, url: str) -> list[str]:
    """The alerts shown and the canary requests made while ``url`` loads (until its load event)."""
    page = browser.new_page()
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(f"alert {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda request: seen.append(f"request {request.url}") if request.url.startswith(CANARY) else None)
    page.goto(url, wait_until="load")
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")  # let queued tasks run
    page.close()
    return seen


@pytest.fixture
def served(tmp_path):
    servers = []

    def serve(folder: Path) -> str:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *args: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    for server in servers:
        server.shutdown()


def test_the_reproduction_finds_no_script_to_run(tmp_path):
    lab = Lab(tmp_path)
    lab.case("xss-raw/raw.xml", tei(f'<p>x<h:script {H}>fetch("http://127.0.0.1:18080/"+document.domain)</h:script></p>'))
    result = lab.run("F02-raw-tei-xss.sh")
    assert "build exit 0" in result.stdout
    assert "script elements in the published copy" not in result.stdout.replace("published copy: 0", "")
    assert result.stdout.rstrip().endswith("canary:"), result.stdout
    published = tmp_path / "scratch-repro/F02/out/html/tei/raw.xml.txt"
    assert published.read_bytes() == (lab.cases / "xss-raw/raw.xml").read_bytes()  # unchanged, as text


@pytest.mark.browser
def test_no_published_source_runs_in_a_browser_over_http_or_file(tmp_path, chromium, served):
    browser = chromium
    sources = []
    for name, (markup, _) in PAYLOADS.items():
        sources.append(tmp_path / "docs" / f"{name}.xml")
        sources[-1].parent.mkdir(exist_ok=True)
        sources[-1].write_text(tei(f"<p>before</p>\n<p>{markup}</p>"), encoding="utf-8")
    build = tmp_path / "out"
    result = pipeline.build(["html"], build, options=BuildOptions(fixed_date="2024-01-01"), sources=sources,
                            validate_first=False)
    warned = {(Path(finding.file).stem, finding.line) for finding in result.findings if finding.code == "build.active-content"}
    assert {name for name, _ in warned} == set(PAYLOADS) and {line for _, line in warned} == {3}
    base = served(build / "html")
    for source in sources:
        published = build / "html" / source.stem / "tei" / f"{source.name}.txt"
        assert published.read_bytes() == source.read_bytes()
        assert not (build / "html" / source.stem / "tei" / source.name).exists()
        assert what_runs(browser, published.as_uri()) == [], source.name
        assert what_runs(browser, f"{base}{source.stem}/tei/{source.name}.txt") == [], source.name
        # The same bytes opened as .xml do run: what the published form prevents.
        if PAYLOADS[source.stem][1]:
            assert f"alert {source.stem}" in what_runs(browser, source.as_uri())
    # The pages link to the text, saved under the source's own name.
    about = (build / "html" / "xhtml-script" / "about.html").read_text(encoding="utf-8")
    assert 'href="tei/xhtml-script.xml.txt" download="xhtml-script.xml"' in about


def test_a_plain_source_gets_no_warning_and_the_same_bytes(tmp_path):
    source = tmp_path / "plain.xml"
    source.write_text(tei('<p>An <hi rend="italic">ordinary</hi> text, <ref target="https://example.org/">link</ref>.</p>'),
                      encoding="utf-8")
    result = pipeline.build(["html"], tmp_path / "out", options=BuildOptions(fixed_date="2024-01-01"), sources=[source],
                            validate_first=False)
    assert not [finding for finding in result.findings if finding.code == "build.active-content"]
    assert (tmp_path / "out/html/tei/plain.xml.txt").read_bytes() == source.read_bytes()


def test_warnings_are_given_again_when_the_pages_come_from_the_cache(tmp_path):
    source = tmp_path / "s.xml"
    source.write_text(tei(f'<p><h:script {H}>1</h:script></p>', root_attributes=""), encoding="utf-8")
    options = BuildOptions(fixed_date="2024-01-01")
    for force in (False, True):  # --force clears the cache; an unchanged builder is skipped otherwise
        pipeline.build(["html", "index"], tmp_path / "out", options=options, sources=[source], validate_first=False)
    (tmp_path / "other.xml").write_text(tei(), encoding="utf-8")
    result = pipeline.build(["html"], tmp_path / "out", options=options, sources=[source, tmp_path / "other.xml"],
                            validate_first=False)
    assert [Path(f.file).name for f in result.findings if f.code == "build.active-content"] == ["s.xml"]
