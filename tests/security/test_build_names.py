"""Sources with the same file name, names not in UTF-8, very long names, and documents nested
deeper than Saxon reads (repros F03 and F16): every source gets outputs of its own, each
problem is a finding for its document, and no build crashes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.repro_lab import Lab, nested_divs, tei
from toolkit import pipeline
from toolkit.builders.options import BuildOptions
from toolkit.builders.output import STEM_BYTES, output_stems



def teikit(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *map(os.fsencode, map(str, args))], cwd=cwd,
                          capture_output=True, check=False, timeout=300)


def test_the_same_name_reproduction_keeps_both_books(tmp_path):
    result = Lab(tmp_path).run("F03-pdf-same-name.sh")
    assert "exit 0" in result.stdout
    assert "x-2.pdf" in result.stdout.split() and "x.pdf" in result.stdout.split()
    assert result.stdout.rstrip().endswith("title in the PDF's HTML of a/x.xml: Doc A"), result.stdout


def test_same_names_in_three_folders_each_get_their_own_outputs(tmp_path):
    sources = []
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        sources.append(tmp_path / folder / "x.xml")
        sources[-1].write_text(tei(title=f"Doc {folder.upper()}"), encoding="utf-8")
    options = BuildOptions(fixed_date="2024-01-01")
    result = pipeline.build(["html", "pdf"], tmp_path / "out", options=options, sources=sources, validate_first=False)
    warned = [finding for finding in result.findings if finding.code == "build.same-name"]
    assert [finding.file for finding in warned] == [str(sources[1]), str(sources[2])]
    assert "x-2" in warned[0].message and "x-3" in warned[1].message
    for stem, title in (("x", "Doc A"), ("x-2", "Doc B"), ("x-3", "Doc C")):
        assert f"<title>{title}" in (tmp_path / "out/pdf" / f"{stem}.print.html").read_text(encoding="utf-8")
        assert title in (tmp_path / "out/html" / stem / "index.html").read_text(encoding="utf-8")
    # Alone, each document prints its own book, from the cache or not.
    for source, title in zip(sources, ("Doc A", "Doc B", "Doc C")):
        pipeline.build(["pdf"], tmp_path / "out", options=options, sources=[source], validate_first=False)
        assert f"<title>{title}" in (tmp_path / "out/pdf/print.html").read_text(encoding="utf-8")


def test_same_bytes_in_two_folders_are_two_cache_entries(tmp_path):
    from toolkit.builders.cache import DocumentCache

    cache = DocumentCache(tmp_path, "html", BuildOptions())
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.xml").write_text(tei(), encoding="utf-8")
    assert cache.key(tmp_path / "a/x.xml") != cache.key(tmp_path / "b/x.xml")


def test_the_names_and_depth_reproduction(tmp_path):
    lab = Lab(tmp_path).with_project()
    lab.case("big/nested-div-1000.xml", nested_divs(1000))
    result = lab.run("F16-odd-names-and-depth.sh")
    out = result.stdout
    assert "Traceback" not in out and "Error" not in out and "too long" not in out, out
    exits = re.findall(r"^exit (\d)", out, re.M)
    assert exits == ["0", "0", "1"], out  # --force builds the edition anyway; the deep document alone fails
    assert out.rstrip().endswith("pdfs: 1"), out


@pytest.mark.parametrize("depth", [101, 300, 1000])
def test_a_deep_document_is_a_finding_and_the_others_get_their_books(tmp_path, depth):
    (tmp_path / "good.xml").write_text(tei(title="Good"), encoding="utf-8")
    (tmp_path / "deep.xml").write_text(nested_divs(depth), encoding="utf-8")
    run = teikit("build", "html", "index", "pdf", "good.xml", "deep.xml", "-o", "out", cwd=tmp_path)
    err = run.stderr.decode()
    assert run.returncode == 1, err
    assert re.search(r"deep\.xml(:\d+)*: error \[", err) and "Traceback" not in err
    assert "good.xml" not in err.replace("good.xml: warning", "")
    for built in ("out/pdf/good.pdf", "out/html/good/index.html", "out/index/good/persons.json"):
        assert (tmp_path / built).is_file(), built
    assert not list((tmp_path / "out/pdf").glob("deep*"))


def test_validation_reports_a_deep_document_and_checks_the_others(tmp_path):
    (tmp_path / "rules.sch").write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<sch:ns prefix="t" uri="http://www.tei-c.org/ns/1.0"/><sch:pattern><sch:rule context="t:TEI">'
        '<sch:report id="rule-ran" test="true()">the rule ran</sch:report></sch:rule></sch:pattern></sch:schema>',
        encoding="utf-8")
    (tmp_path / "good.xml").write_text(tei(), encoding="utf-8")
    (tmp_path / "deep.xml").write_text(nested_divs(150), encoding="utf-8")
    run = teikit("validate", "--schematron", "rules.sch", "-j", "1", "good.xml", "deep.xml", cwd=tmp_path)
    out = run.stdout.decode()
    assert run.returncode == 1, out
    assert re.search(r"^good\.xml(:\d+)*: \w+ \[rule-ran\]", out, re.M), out
    assert re.search(r"^deep\.xml(:\d+)*: error \[", out, re.M), out


ODD_NAMES = [b"bad\xffname.xml", b"L" * 246 + b".xml", "é".encode() * 120 + b".xml", b"sp ace & 'q'.xml",
             b"\x1b[31mred.xml", b"x.y.z.xml", b"-.xml"]


def test_odd_names_are_built_and_each_gets_its_own_outputs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for index, raw in enumerate(ODD_NAMES):
        with open(os.path.join(os.fsencode(folder), raw), "w", encoding="utf-8") as handle:
            handle.write(tei(title=f"Doc {index}"))
    sources = sorted(os.listdir(os.fsencode(folder)))
    run = teikit("build", "html", "index", "pdf", *[os.fsdecode(folder / os.fsdecode(raw)) for raw in sources],
                 "-o", "out", "--date", "2024-01-01", cwd=tmp_path)
    err = run.stderr.decode()
    assert run.returncode == 0, err
    assert "Traceback" not in err and "\x1b" not in err
    assert len(list((tmp_path / "out/pdf").glob("*.pdf"))) == len(ODD_NAMES)
    sites = [path for path in (tmp_path / "out/html").iterdir() if (path / "index.html").is_file()]
    assert len(sites) == len(ODD_NAMES)
    for path in (tmp_path / "out").rglob("*"):
        assert len(os.fsencode(path.name)) <= STEM_BYTES + 20, path.name
        path.name.encode("utf-8")


file_names = st.binary(min_size=1, max_size=255).filter(lambda raw: b"/" not in raw and b"\0" not in raw
                                                           and raw not in (b".", b".."))


@given(st.lists(file_names, min_size=1, max_size=6))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_output_names_are_unique_short_and_safe(raw_names):
    sources = [Path("/d") / str(index) / os.fsdecode(raw) for index, raw in enumerate(raw_names)]
    stems = output_stems(sources, reserved=("assets", "tei"))
    assert len(set(stems)) == len(stems)
    for stem in stems:
        assert re.fullmatch(r"[\w-]+", stem) and stem not in ("assets", "tei")
        assert len(stem.encode("utf-8")) <= STEM_BYTES + 4
