"""teikit deposit of a project of many documents: every document, register, schema and the project
file in the bag, the records made from teikit.toml and all the documents' headers (checked
against what the test reads from the TEI itself), and the bag verified by teikit deposit --verify."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SHARED, TEI_ALL_RNG
from tests.project.mixed_project import PERSONS

MELP = SHARED / "projects" / "melp"
FIXED_DATE = "2026-01-02"
TEI = "{http://www.tei-c.org/ns/1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
DATACITE = "{http://datacite.org/schema/kernel-4}"
METS = "{http://www.loc.gov/METS/}"
XLINK = "{http://www.w3.org/1999/xlink}"
IDENTIFIER = "https://example.org/test-letters"


def teikit(*arguments, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, arguments)], cwd=cwd, capture_output=True,
                          text=True)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


# --- MELP ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def melp_bag(tmp_path_factory):
    root = tmp_path_factory.mktemp("melp") / "melp"
    shutil.copytree(MELP, root)
    found = teikit("init", cwd=root)
    assert found.returncode == 0, found.stderr
    settings = (root / "teikit.toml").read_text(encoding="utf-8")
    # What a user adds for an archive: the local tei_all, the language (the letters declare none)
    # and the project's identifier (never derived).
    settings = settings.replace('# tei_all = "path/to/tei_all.rng"', f'tei_all = "{TEI_ALL_RNG}"')
    settings = settings.replace('# language = "en"\n', 'language = "en"\n', 1)
    settings = settings.replace('# identifier = "https://doi.org/10.xxxx/yyyy"', f'identifier = "{IDENTIFIER}"')
    (root / "teikit.toml").write_text(settings, encoding="utf-8")
    # MELP's own Schematron finds problems in its letters: packed with them recorded.
    packed = teikit("deposit", "--force", "--date", FIXED_DATE, cwd=root)
    assert packed.returncode == 0, packed.stderr[-3000:]
    return root, root / "build" / "deposit" / "melp", packed


def melp_letters(root: Path) -> list[Path]:
    return sorted([*(root / "Encoded Letters").glob("*.xml"), *(root / "Letters for Testing").glob("*.xml")])


def test_the_bag_holds_every_letter_register_schema_and_the_project_file(melp_bag):
    root, bag, packed = melp_bag
    tei = bag / "data" / "tei"
    letters = melp_letters(root)
    assert len(letters) == 337
    registers = sorted((root / "People_Places_Works").glob("*.xml"))
    for path in [*letters, *registers, root / "teikit.toml", root / "teikit-catalog.xml", root / "melp.sch"]:
        copy = tei / path.relative_to(root)
        assert copy.read_bytes() == path.read_bytes(), path
    assert not list(tei.rglob("*.bak"))  # backups are not documents
    assert (bag / "data" / "schemas" / "tei_all.rng").read_bytes() == TEI_ALL_RNG.read_bytes()
    assert (bag / "data" / "html" / "index.html").is_file()
    assert "(verified)" in packed.stdout
    verified = teikit("deposit", "--verify", bag, cwd=root)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_the_records_describe_the_whole_project_from_its_headers(melp_bag):
    root, bag, _ = melp_bag
    metadata = bag / "data" / "metadata"
    dc = etree.parse(str(metadata / "dc.xml")).getroot()
    assert dc.findtext(f"{DC}title") == "Maria Edgeworth Letters Project"  # as teikit init found it
    assert dc.findtext(f"{DC}identifier") == IDENTIFIER
    assert [element.text for element in dc.iter(f"{DC}language")] == ["en"]

    senders, licences, years, spellings = set(), Counter(), set(), {}
    for letter in melp_letters(root):
        header = etree.parse(str(letter)).getroot().find(f"{TEI}teiHeader")
        for action in header.iter(f"{TEI}correspAction"):
            if action.get("type") == "sent":
                for name in action.iter(f"{TEI}persName"):
                    pointer = (name.get("ref") or "").rpartition("#")[2]
                    if pointer and text(name):
                        senders.add(pointer)
                        spellings.setdefault(text(name), set()).add(pointer)
        licence = header.find(f"{TEI}fileDesc/{TEI}publicationStmt/{TEI}availability/{TEI}licence")
        if licence is not None:
            licences[text(licence)] += 1
        date = header.find(f"{TEI}fileDesc/{TEI}publicationStmt/{TEI}date")
        if date is not None and re.search(r"\d{4}", text(date)):
            years.add(re.search(r"\d{4}", text(date)).group())
    # Every person who sent a letter is among the creators, under one of the names the letters give.
    creators = [element.text for element in dc.iter(f"{DC}creator")]
    assert len(creators) == len(set(creators))
    named = set().union(*(spellings.get(name, set()) for name in creators))
    assert senders <= named, senders - named
    # The letters' licences, each with the number of letters under it.
    rights = dc.findtext(f"{DC}rights")
    assert len(licences) > 1
    for licence, count in licences.items():
        assert f"{licence} ({count} document{'s' if count != 1 else ''})" in rights
    datacite = etree.parse(str(metadata / "datacite.xml")).getroot()
    assert datacite.findtext(f"{DATACITE}publicationYear") == max(years)
    assert datacite.find(f"{DATACITE}identifier").get("identifierType") == "URL"


def test_metadata_csv_gives_each_letter_its_own_title(melp_bag):
    root, bag, _ = melp_bag
    with open(bag / "data" / "metadata" / "metadata.csv", encoding="utf-8", newline="") as handle:
        rows = {row["filename"]: row for row in csv.DictReader(handle)}
    for letter in melp_letters(root):
        row = rows[f"objects/tei/{letter.relative_to(root).as_posix()}"]
        titles = etree.parse(str(letter)).getroot().findall(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
        assert row["dc.title"] == text(titles[0])
    assert not [name for name in rows if name.endswith((".toml", "catalog.xml"))]


def test_mets_names_each_file_by_its_role(melp_bag):
    _root, bag, _ = melp_bag
    mets = etree.parse(str(bag / "data" / "metadata" / "mets.xml")).getroot()
    uses = {}
    for group in mets.iter(f"{METS}fileGrp"):
        for file in group.iter(f"{METS}file"):
            href = file.find(f"{METS}FLocat").get(f"{XLINK}href")
            uses[href.removeprefix("../").replace("%20", " ")] = (group.get("USE"), file.get("MIMETYPE"))
    assert uses["tei/teikit.toml"] == ("configuration", "application/toml")
    assert uses["tei/teikit-catalog.xml"] == ("configuration", "application/xml")
    assert uses["tei/melp.sch"] == ("schema", "application/xml")
    assert uses["schemas/tei_all.rng"] == ("schema", "application/xml")
    assert uses["tei/People_Places_Works/Personography.xml"] == ("source", "application/tei+xml")


def test_the_unpacked_project_validates_as_the_report_says(melp_bag):
    """The bag's tei/ is the project again: validating it finds what the packed report recorded."""
    _root, bag, _ = melp_bag
    report = json.loads((bag / "data" / "metadata" / "validation-report.json").read_text(encoding="utf-8"))
    assert report["deposit"] == {"packed_although_invalid": True, "valid": False}

    def findings(files, base: str) -> tuple[Counter, set]:
        # RELAX NG's message (and code) for an invalid document can depend on the documents
        # validated beside it (a known limit of the reduced grammars): for RELAX NG, the verdict
        # per file; for the Schematron and the project's pointer checks, every finding.
        exact = Counter((entry["file"].removeprefix(base), finding["line"], finding["code"])
                        for entry in files for finding in entry["findings"] if not finding["code"].startswith("rng."))
        rejected = {entry["file"].removeprefix(base) for entry in files
                    if any(finding["code"].startswith("rng.") for finding in entry["findings"])}
        return exact, rejected

    again = teikit("--project", bag / "data" / "tei", "validate", "--format", "json", "--no-progress", cwd=bag)
    assert again.returncode == 1, again.stderr[-2000:]
    recorded = findings(report["files"], "tei/")
    assert recorded[0] and recorded[1]
    assert findings(json.loads(again.stdout)["files"], "data/tei/") == recorded


# --- a small project: what is derived, and what must be given ---------------------------------


def letter(title: str, sender: str, recipient: str, when: str, licence: str, language: str, words: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{language}">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>{title}</title><author>{sender}</author><editor>A. Transcriber</editor></titleStmt>
      <publicationStmt><publisher>Test Letters Project</publisher><date>2024</date>
        <availability><licence target="https://example.org/{licence}">{licence}</licence></availability>
      </publicationStmt>
      <seriesStmt><title>Test Letters</title></seriesStmt>
      <sourceDesc><p>Written for this test.</p></sourceDesc>
    </fileDesc>
    <profileDesc>
      <correspDesc>
        <correspAction type="sent"><persName ref="registers/persons.xml#{sender}">{sender}</persName>
          <date when="{when}"/></correspAction>
        <correspAction type="received"><persName>{recipient}</persName></correspAction>
      </correspDesc>
    </profileDesc>
  </teiHeader>
  <text><body><p>{words}</p></body></text>
</TEI>
"""


LETTERS = {
    "letters/a.xml": ("First letter", "EdgeR1", "Someone", "1801-03-04", "CC-BY", "en", "One."),
    "letters/b.xml": ("Second letter", "AdamA1", "Someone", "1799-12-31", "CC-BY", "fr", "Deux."),
    "letters/c.xml": ("Third letter", "EdgeR1", "Another", "1803-01-02", "CC0", "en", "Three."),
}


@pytest.fixture
def small_project(tmp_path) -> Path:
    root = tmp_path / "letters project"
    (root / "registers").mkdir(parents=True)
    (root / "letters").mkdir()
    (root / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    for name, values in LETTERS.items():
        (root / name).write_text(letter(*values), encoding="utf-8")
    (root / "teikit.toml").write_text(
        'title = "Test letters"\ndescription = "Three letters."\n\n[documents]\ninclude = ["letters/*.xml"]\n\n'
        '[registers]\ninclude = ["registers/*.xml"]\n', encoding="utf-8")
    return root


def test_a_project_without_an_identifier_is_not_deposited_and_the_project_file_is_named(small_project):
    packed = teikit("deposit", "--force", cwd=small_project)
    assert packed.returncode == 1
    assert f"{small_project / 'teikit.toml'}:1: error [deposit.header-field]" in packed.stderr
    assert "set identifier in [deposit] in teikit.toml" in packed.stderr
    assert not (small_project / "build" / "deposit").exists() or not any((small_project / "build" / "deposit").iterdir())


def test_dates_languages_and_licences_are_summed_over_the_documents(small_project):
    with open(small_project / "teikit.toml", "a", encoding="utf-8") as settings:
        settings.write(f'\n[deposit]\nidentifier = "{IDENTIFIER}"\n')
    packed = teikit("deposit", "--force", "--date", FIXED_DATE, "--zip", cwd=small_project)
    assert packed.returncode == 0, packed.stderr[-3000:]
    bag = small_project / "build" / "deposit" / "letters-project"
    dc = etree.parse(str(bag / "data" / "metadata" / "dc.xml")).getroot()
    dates = sorted(values[3] for values in LETTERS.values())
    assert dc.findtext(f"{DC}coverage") == f"{dates[0]}/{dates[-1]}"
    languages = Counter(values[5] for values in LETTERS.values())
    assert [element.text for element in dc.iter(f"{DC}language")] == [language for language, _ in languages.most_common()]
    assert dc.findtext(f"{DC}title") == "Test letters"
    assert dc.findtext(f"{DC}description") == "Three letters."
    assert dc.findtext(f"{DC}publisher") == "Test Letters Project"
    senders = Counter(values[1] for values in LETTERS.values())
    assert [element.text for element in dc.iter(f"{DC}creator")] == [name for name, _ in senders.most_common()]
    assert [element.text for element in dc.iter(f"{DC}contributor")] == ["A. Transcriber"]
    licences = Counter(values[4] for values in LETTERS.values())
    assert dc.findtext(f"{DC}rights") == ("The documents are distributed under these licences: " + "; ".join(
        f"{name} ({count} document{'s' if count != 1 else ''})" for name, count in licences.most_common()) + ".")
    datacite = etree.parse(str(bag / "data" / "metadata" / "datacite.xml")).getroot()
    created = [date.text for date in datacite.iter(f"{DATACITE}date") if date.get("dateType") == "Created"]
    assert created == [f"{dates[0]}/{dates[-1]}"]
    for name in [*LETTERS, "registers/persons.xml", "teikit.toml"]:
        assert (bag / "data" / "tei" / name).read_bytes() == (small_project / name).read_bytes()
    verified = teikit("deposit", "--verify", bag.with_name(bag.name + ".zip"), cwd=small_project)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_teikit_toml_overrides_what_the_headers_say(small_project):
    with open(small_project / "teikit.toml", "a", encoding="utf-8") as settings:
        settings.write(f'\n[deposit]\nidentifier = "https://doi.org/10.1234/abcd"\ncreators = ["Editor, An"]\n'
                       'publisher = "A Press"\nlicence = "CC BY 4.0"\n'
                       'licence_url = "https://creativecommons.org/licenses/by/4.0/"\n')
    packed = teikit("deposit", "--force", "--date", FIXED_DATE, cwd=small_project)
    assert packed.returncode == 0, packed.stderr[-3000:]
    datacite = etree.parse(str(small_project / "build" / "deposit" / "letters-project" / "data" / "metadata"
                               / "datacite.xml")).getroot()
    assert datacite.find(f"{DATACITE}identifier").get("identifierType") == "DOI"
    assert [name.text for name in datacite.iter(f"{DATACITE}creatorName")] == ["Editor, An"]
    assert datacite.findtext(f"{DATACITE}publisher") == "A Press"
    rights = datacite.find(f"{DATACITE}rightsList/{DATACITE}rights")
    assert (rights.text, rights.get("rightsURI")) == ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
