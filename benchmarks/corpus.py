"""Deterministic synthetic TEI for benchmarks: a corpus of many documents and one large document.

The documents look like the edition (sections, paragraphs, names, dates, notes,
quotations) and are valid against tei_all, so validators do real work on them.
The same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "revolution anarchist comrade council soviet press bulletin letter memoir sailor worker "
    "peasant prison committee congress freedom party state militant group article journal "
    "critique history tendency repression delegate union federation argument position"
).split()
FORENAMES = ["Victor", "Emma", "Alexander", "Nestor", "Peter", "Voline", "Armando", "Lev", "Marcel", "Émile"]
SURNAMES = ["Serge", "Goldman", "Berkman", "Makhno", "Kropotkin", "Borghi", "Trotsky", "Martinet", "Armand"]
PLACES = ["Petrograd", "Moscow", "Kronstadt", "Paris", "Barcelona", "Kharkov", "Berlin", "Odessa"]

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Synthetic document {number}</title></titleStmt>
      <publicationStmt><p>Generated for benchmarks.</p></publicationStmt>
      <sourceDesc><p>No source: synthetic text.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
"""
FOOTER = """    </body>
  </text>
</TEI>
"""


def _sentence(rng: random.Random, notes: list[int]) -> str:
    parts = []
    for _ in range(rng.randint(8, 18)):
        roll = rng.random()
        if roll < 0.06:
            parts.append(
                f'<persName ref="#p{rng.randint(1, 400)}"><forename>{rng.choice(FORENAMES)}</forename> '
                f"<surname>{rng.choice(SURNAMES)}</surname></persName>"
            )
        elif roll < 0.09:
            parts.append(f'<placeName ref="#l{rng.randint(1, 80)}">{rng.choice(PLACES)}</placeName>')
        elif roll < 0.11:
            year = rng.randint(1900, 1947)
            parts.append(f'<date when="{year}">{year}</date>')
        elif roll < 0.12:
            parts.append(f"<quote>“{rng.choice(WORDS)} {rng.choice(WORDS)}”</quote>")
        else:
            parts.append(rng.choice(WORDS))
    if rng.random() < 0.15:
        notes[0] += 1
        parts.append(f'<note n="{notes[0]}" place="foot"><gap reason="synthetic"/></note>')
    text = " ".join(parts)
    return (text[0].upper() + text[1:] if text[0].isalpha() else text) + "."


def document(number: int, target_bytes: int, seed: int) -> str:
    """A TEI document of roughly ``target_bytes`` bytes."""
    rng = random.Random(seed * 100_003 + number)
    notes = [0]
    chunks = [HEADER.format(number=number)]
    size = len(chunks[0]) + len(FOOTER)
    section = 0
    while size < target_bytes:
        section += 1
        lines = [f'      <div type="section" n="{section}">\n        <head>Section {section}</head>\n']
        for _ in range(rng.randint(3, 12)):
            text = " ".join(_sentence(rng, notes) for _ in range(rng.randint(2, 6)))
            lines.append(f"        <p>{text}</p>\n")
        lines.append("      </div>\n")
        chunk = "".join(lines)
        chunks.append(chunk)
        size += len(chunk.encode("utf-8"))
    chunks.append(FOOTER)
    return "".join(chunks)


def write_corpus(directory: Path, count: int = 2000, seed: int = 1) -> list[Path]:
    """``count`` documents of 1–200 KB (skewed towards small ones, as real corpora are)."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(1, count + 1):
        target = int(1_000 + 199_000 * rng.random() ** 4.6)
        path = directory / f"doc{number:05d}.xml"
        if not path.exists():
            path.write_text(document(number, target, seed), encoding="utf-8")
        paths.append(path)
    return paths


def register(persons: int, places: int) -> str:
    """A standOff with long registers: the shape that makes libxml2's RELAX NG slow."""
    entries = ["  <standOff>\n    <listPerson>\n"]
    for number in range(1, persons + 1):
        forename, surname = FORENAMES[number % len(FORENAMES)], SURNAMES[number % len(SURNAMES)]
        entries.append(
            f'      <person xml:id="p{number}"><persName type="preferred"><forename>{forename}</forename> '
            f"<surname>{surname}</surname></persName><birth when=\"{1850 + number % 60}\"/>"
            f"<note>A militant of the {WORDS[number % len(WORDS)]} movement.</note></person>\n"
        )
    entries.append("    </listPerson>\n    <listPlace>\n")
    for number in range(1, places + 1):
        entries.append(
            f'      <place xml:id="l{number}"><placeName>{PLACES[number % len(PLACES)]} {number}</placeName>'
            f"<location><geo>{number % 90}.5 {number % 180}.25</geo></location></place>\n"
        )
    entries.append("    </listPlace>\n  </standOff>\n")
    return "".join(entries)


def write_large(path: Path, size: int = 20_000_000, seed: int = 1) -> Path:
    """About ``size`` bytes: registers of 20,000 persons and 5,000 places, then the text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        standoff = register(20_000, 5_000)
        body = document(0, size - len(standoff.encode("utf-8")), seed)
        path.write_text(body.replace("  <text>", standoff + "  <text>", 1), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path, nargs="?", default=Path("benchmarks/data"))
    parser.add_argument("--count", type=int, default=2000)
    arguments = parser.parse_args()
    paths = write_corpus(arguments.directory / "corpus", arguments.count)
    large = write_large(arguments.directory / "large" / "large-20mb.xml")
    total = sum(p.stat().st_size for p in paths)
    print(f"corpus: {len(paths)} documents, {total / 1e6:.1f} MB; large document: {large.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
