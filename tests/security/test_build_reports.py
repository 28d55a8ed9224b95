"""Reports and outputs with hostile file names and cell values (repro F15): JUnit and JSON are
always well-formed UTF-8, no control character of a name reaches a terminal, and no CSV cell
of the index data is a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.html.html_site import SAMPLE
from tests.security.repro_lab import Lab, tei
from toolkit.builders import index_data
from toolkit.builders.options import BuildOptions
from toolkit.errors import Finding, Severity
from toolkit.spreadsheet import spreadsheet_safe
from toolkit.validation.report import Report

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_NAMES = {
    "ctrl\x01name.xml": "ctrl\\x01name.xml",
    "ansi-\x1b[32mvalid\x1b[0m.xml": "ansi-\\x1b[32mvalid\\x1b[0m.xml",
    "new\nline: valid.xml": "new\\x0aline: valid.xml",
    "bidi-\u202egnp.xml": "bidi-\\u202egnp.xml",
    os.fsdecode(b"bad\xffname.xml"): "bad\\xffname.xml",
}


def hostile_registers() -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    for name, value in (("Engels", '=HYPERLINK("http://127.0.0.1/x","click")'), ("Marx", "+1+2"),
                        ("Eliot", "@SUM(A1)"), ("Abidor", "-2+3")):
        text = text.replace(f"<surname>{name}</surname></persName>", f"<surname>{value}</surname></persName>", 1)
    return text.replace("<note>Philosopher.</note>", "<note>=1+1</note>")


def csv_cells(path) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row]


def test_the_reproduction_gets_a_report_and_no_formula(tmp_path):
    lab = Lab(tmp_path)
    source = lab.case("csv/hostile.xml", hostile_registers())
    index_data.build([source], lab.cases / "csv" / "out", options=BuildOptions(fixed_date="2024-01-01"))
    result = lab.run("F15-report-robustness.sh")
    report = tmp_path / "scratch-repro" / "F15" / "r.xml"
    assert "Traceback" not in result.stdout
    suites = etree.fromstring(report.read_bytes())
    assert "ctrl\\x01name.xml" in [case.get("name") for case in suites.iter("testcase")]
    cells = csv_cells(lab.cases / "csv" / "out" / "index" / "persons.csv")
    assert any("HYPERLINK" in cell for cell in cells)  # the name is kept, as text
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_index_csv_cells_are_never_formulas_but_keep_their_text(tmp_path):
    source = tmp_path / "hostile.xml"
    source.write_text(hostile_registers(), encoding="utf-8")
    index_data.build([source], tmp_path / "out", options=BuildOptions(fixed_date="2024-01-01"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out/index/persons.csv").read_text(encoding="utf-8"))))
    names = {row["id"]: row["name"] for row in rows}
    assert names["pers-engels"].startswith("'=HYPERLINK(") and names["pers-marx"] == "'+1+2, Karl"
    assert not [value for row in rows for value in row.values() if value.startswith(FORMULA_STARTS)]
    data = json.loads((tmp_path / "out/index/persons.json").read_text(encoding="utf-8"))
    assert any(entry["note"] == "=1+1" for entry in data["entries"])  # the JSON keeps the text as it is
    assert [row["birth"] for row in rows if row["id"] == "pers-engels"] == ["1820-11-28"]


@pytest.mark.parametrize("cell, expected", [("-0044", "-0044"), ("-12.5", "-12.5"), ("-x", "'-x"), ("=A1", "'=A1"),
                                            ("@x", "'@x"), ("\t=1", "'\t=1"), ("plain", "plain"), ("", "")])
def test_spreadsheet_safe(cell, expected):
    assert spreadsheet_safe(cell) == expected


@pytest.mark.parametrize("name", sorted(HOSTILE_NAMES))
def test_validate_reports_with_hostile_file_names(tmp_path, name):
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), os.fsencode(name)), "w", encoding="utf-8") as handle:
        handle.write(tei())
    shown = HOSTILE_NAMES[name]
    for form in ("text", "json", "junit"):
        run = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--format", form, "-j", "1", str(folder)],
                             capture_output=True, check=False, timeout=120)
        out = run.stdout.decode("utf-8")  # raises if not UTF-8
        assert run.returncode in (0, 1), run.stderr
        assert b"Traceback" not in run.stderr
        if form == "text":
            assert shown in out and not any(c in out for c in "\x01\x1b\u202e")
            assert all(line.startswith((str(folder), "    hint", "valid", "INVALID")) for line in out.splitlines() if line)
        elif form == "json":
            files = json.loads(out)["files"]
            assert len(files) == 1
        else:
            [case] = etree.fromstring(run.stdout).iter("testcase")
            assert case.get("name").endswith(shown)


names = st.binary(min_size=1, max_size=40).map(lambda raw: os.fsdecode(raw.replace(b"/", b"_").replace(b"\0", b"_")))


@given(names, st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_any_name_and_message_give_well_formed_reports(name, message):
    report = Report(findings=[Finding(file=name, line=1, severity=Severity.ERROR, code="x", message=message,
                                      hint=message)], files=[name])
    text = report.to_text()
    text.encode("utf-8")
    assert not any(c in text for c in "\x1b\x00\r\x7f\x9b") and text.count("\n") == (4 if message else 3)
    json.loads(report.to_json().encode("utf-8"))
    suites = etree.fromstring(report.to_junit().encode("utf-8"))
    assert len(list(suites.iter("testcase"))) == 1
