"""XSD 1.1 schemas are read as 1.1: the edition's XSD refuses what only its 1.1 rules catch."""

from __future__ import annotations

from toolkit.cli import main
from tests.conftest import EDITION, REPOSITORY

EDITION_XSD = REPOSITORY / "schemas" / "edition.xsd"


def test_date_with_two_kinds_of_value_is_refused_by_the_xsd_1_1_rules(tmp_path, capsys):
    # Only an XSD 1.1 assertion says a date takes @when or @from/@to, not both.
    text = EDITION.read_text(encoding="utf-8")
    both = tmp_path / "date-when-and-from.xml"
    header, body = text.split("<body>", 1)
    both.write_text(header + "<body>" + body.replace('<date when="', '<date from="1917" when="', 1), encoding="utf-8")
    assert main(["validate", "--schema", str(EDITION_XSD), str(both)]) == 1
    assert "[xsd." in capsys.readouterr().out


def test_the_edition_is_valid_against_its_xsd(capsys):
    assert main(["validate", "--schema", str(EDITION_XSD), str(EDITION)]) == 0
