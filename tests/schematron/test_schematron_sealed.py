"""A Schematron schema sees the document and nothing of the machine: no environment variable,
no system property, however the function is reached, in no report format."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.validation import validate
from toolkit.validation.report import Report

SECRET_NAME = "TEIKIT_TEST_CANARY"
SECRET = "canary-7f3a9c21-never-in-a-report"
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>x</p></body></text></TEI>'
SCH = "http://purl.oclc.org/dsdl/schematron"
FN = "http://www.w3.org/2005/xpath-functions"

# Every way of reaching the environment the attack tried, and more: each expression, if it
# worked, would put the secret (or the machine's paths) into the report.
READERS = {
    "by-name": f"environment-variable('{SECRET_NAME}')",
    "function-reference": f"let $f := environment-variable#1 return $f('{SECRET_NAME}')",
    "function-lookup": f"function-lookup(QName('{FN}', 'environment-variable'), 1)('{SECRET_NAME}')",
    "lookup-built-from-parts": f"function-lookup(QName('{FN}', concat('environment', '-', 'variable')), 1)('{SECRET_NAME}')",
    "prefixed": f"fn:environment-variable('{SECRET_NAME}')",
    "eqname": f"Q{{{FN}}}environment-variable('{SECRET_NAME}')",
    "partial-application": f"environment-variable(?)('{SECRET_NAME}')",
    "higher-order": f"string-join(for-each(('{SECRET_NAME}'), environment-variable#1))",
    "every-variable": "string-join(for $n in available-environment-variables() return $n || '=' || environment-variable($n), ';')",
    "system-properties": "string-join(for $p in ('user.dir', 'user.home', 'user.name', 'java.home', 'os.name') return system-property($p), ';')",
}


def _schema(expression: str, where: str = "report") -> str:
    body = {
        "report": f'<sch:rule context="/*"><sch:report test="true()">[<sch:value-of select="{expression}"/>]</sch:report></sch:rule>',
        "diagnostic": '<sch:rule context="/*"><sch:report test="true()" diagnostics="d">x</sch:report></sch:rule>',
        "let": f'<sch:rule context="/*"><sch:let name="v" value="{expression}"/><sch:report test="true()">[<sch:value-of select="$v"/>]</sch:report></sch:rule>',
        "test": f'<sch:rule context="/*"><sch:report test="string-length({expression}) gt 0">leaked</sch:report></sch:rule>',
    }[where]
    diagnostics = (f'<sch:diagnostics><sch:diagnostic id="d">[<sch:value-of select="{expression}"/>]</sch:diagnostic></sch:diagnostics>'
                   if where == "diagnostic" else "")
    return (f'<sch:schema xmlns:sch="{SCH}" xmlns:fn="{FN}" queryBinding="xslt3">'
            f"<sch:pattern>{body}</sch:pattern>{diagnostics}</sch:schema>")


def _reports(tmp_path, schema_text: str) -> tuple[Report, str]:
    schema = tmp_path / "rules.sch"
    schema.write_text(schema_text, encoding="utf-8")
    document = tmp_path / "letter.xml"
    document.write_text(f'<?xml version="1.0"?>\n<?xml-model href="rules.sch" schematypens="{SCH}"?>\n{TEI}\n',
                        encoding="utf-8")
    report = validate([document], jobs=1)
    return report, report.to_text() + report.to_json() + report.to_junit()


@pytest.fixture
def secret_environment(monkeypatch):
    monkeypatch.setenv(SECRET_NAME, SECRET)
    return os.getcwd(), os.path.expanduser("~")


@pytest.mark.parametrize("reader", sorted(READERS))
def test_no_way_of_reading_the_environment_reaches_a_report(tmp_path, secret_environment, reader):
    report, text = _reports(tmp_path, _schema(READERS[reader]))
    assert SECRET not in text and SECRET_NAME + "=" not in text
    working_directory, home = secret_environment
    messages = [finding.message for finding in report.findings]
    assert messages, "the rule ran and reported"
    for message in messages:
        assert working_directory not in message and home not in message
        assert message == "[]" or message.startswith("[;") or set(message) <= set("[];"), message


@pytest.mark.parametrize("where", ["diagnostic", "let", "test"])
def test_the_environment_is_empty_wherever_the_expression_stands(tmp_path, secret_environment, where):
    report, text = _reports(tmp_path, _schema(READERS["function-lookup"], where))
    assert SECRET not in text
    assert "leaked" not in text


def test_an_embedded_function_with_a_text_value_template_reads_nothing(tmp_path, secret_environment):
    schema = (f'<sch:schema xmlns:sch="{SCH}" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:ev="urn:ev" queryBinding="xslt3">'
              f'<xsl:function name="ev:tvt" expand-text="yes"><xsl:text>{{environment-variable("{SECRET_NAME}")}}</xsl:text></xsl:function>'
              '<sch:pattern><sch:rule context="/*"><sch:report test="true()">[<sch:value-of select="ev:tvt()"/>]</sch:report></sch:rule></sch:pattern>'
              "</sch:schema>")
    report, text = _reports(tmp_path, schema)
    assert SECRET not in text
    assert [finding.message for finding in report.findings] == ["[]"]  # once: the root element is checked once


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.from_regex(r"[A-Z][A-Z0-9_]{2,20}", fullmatch=True),
       value=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=8, max_size=40))
def test_any_variable_stays_unread(tmp_path_factory, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    tmp_path = tmp_path_factory.mktemp("env")
    report, text = _reports(tmp_path, _schema(f"function-lookup(QName('{FN}', 'environment-variable'), 1)('{name}')"))
    assert value not in text
    assert json.loads(report.to_json())  # the report is whole
