"""The search index of a site, as files its search page loads with ``<script>`` (``file://`` allows
no other way to read a local file): ``search/index.js`` and the parts it names.

What the page loads to open is ``index.js`` alone: counts, the facets' most frequent values, the
list of term shards and the case-folding table. Everything else is loaded when a query needs it:

- ``terms/N.js``: the postings of a range of terms (in the order of their UTF-16 code units, as
  JavaScript compares strings): for each unit holding the term, the unit and its weight (BM25,
  computed here), separately for the words both readings share (``b``), those of the corrected
  reading only (``c``) and of the diplomatic only (``d``); ``terms/N-p.js``: the same terms'
  positions in each unit, loaded for phrases only. Both are numbers written compactly in strings
  (``numbers.py``), which a browser reads far faster than as JSON arrays and decodes when needed;
- ``docs/N.js``: titles, addresses and dates of ``DOCS_PER_FILE`` documents;
- ``text/N.js``: document N's title, address and date, then its units (anchor, label, text in each
  reading), for the snippets: a result in a passage needs this one file;
- ``dates.js``: each target's dates, when a date range is first asked for;
- ``facets/KEY.js`` (every value with its count) and ``facets/KEY-N.js`` (which targets have
  values of chunk N).

A target is what facets and dates apply to: a document (``scope="document"``, a project's letters)
or a unit (``scope="unit"``, the paragraphs of a single essay).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field

from toolkit.search.numbers import encode
from toolkit.search.text import casefold_table, positioned_words
from toolkit.search.units import Unit

FOLDER = "search"
SHARD_BYTES = 48_000  # postings per term file, before the term that passes it
DOCS_PER_FILE = 200
VALUES_PER_CHUNK = 256
TOP_VALUES = 8  # a facet's values the page shows before the reader asks for more
K1, B = 1.2, 0.75  # BM25


@dataclass
class SearchDocument:
    title: str
    href: str  # its page, relative to the site's root
    units: list[Unit]
    date: str = ""  # ISO date, or "from/to"
    date_label: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet key -> the keys of its values
    unit_facets: list[dict[str, list[str]]] = field(default_factory=list)  # the same for each unit


@dataclass
class Facet:
    key: str  # in file names and in the page's addresses: person, place, sender...
    label: str  # "Persons mentioned"
    values: dict[str, str]  # value key -> what the reader sees


def index_files(documents: list[SearchDocument], facets: list[Facet], *, scope: str = "document") -> dict[str, bytes]:
    """The files of the index (path under the site's root -> bytes)."""
    files: dict[str, bytes] = {}
    unit_counts = [len(document.units) for document in documents]
    units = [unit for document in documents for unit in document.units]
    term_shards = _term_shards(units)
    for number, (_first, postings, positions) in enumerate(term_shards):
        files[f"{FOLDER}/terms/{number}.js"] = _script(f"terms/{number}", postings)
        files[f"{FOLDER}/terms/{number}-p.js"] = _script(f"terms/{number}-p", positions)
    about = [[document.title, document.href, document.date_label or document.date] for document in documents]
    for start in range(0, len(documents), DOCS_PER_FILE):
        files[f"{FOLDER}/docs/{start // DOCS_PER_FILE}.js"] = _script(f"docs/{start // DOCS_PER_FILE}",
                                                                      about[start:start + DOCS_PER_FILE])
    for number, document in enumerate(documents):
        texts = [[unit.anchor, unit.label, unit.text, *([unit.diplomatic] if unit.diplomatic is not None else [])]
                 for unit in document.units]
        files[f"{FOLDER}/text/{number}.js"] = _script(f"text/{number}", [about[number], *texts])
    targets = _targets(documents, scope)
    dates = [date for date, _values in targets]
    files[f"{FOLDER}/dates.js"] = _script("dates", dates)
    facet_summaries = []
    for facet in facets:
        summary = _facet_files(facet, [values.get(facet.key, []) for _date, values in targets], files)
        if summary is not None:
            facet_summaries.append(summary)
    ends = sorted(end for date in dates for part in date.split() for end in part.split("/") if end)
    manifest = {
        "version": 2,
        "scope": scope,
        "documents": len(documents),
        "units": len(units),
        "counts": unit_counts,
        "shards": [first for first, _postings, _positions in term_shards],
        "docsPerFile": DOCS_PER_FILE,
        "valuesPerChunk": VALUES_PER_CHUNK,
        "readings": any(unit.diplomatic is not None for unit in units),
        "facets": facet_summaries,
        "dated": sum(1 for date in dates if date),
        "dateRange": [ends[0], ends[-1]] if ends else None,
        "fold": {character: folded for character, folded in sorted(casefold_table().items())},
    }
    files[f"{FOLDER}/index.js"] = _script("index", manifest)
    return files


def _script(name: str, data) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'tkSearch.receive("{name}",{payload});\n'.encode("utf-8")


def _targets(documents: list[SearchDocument], scope: str) -> list[tuple[str, dict[str, list[str]]]]:
    """(dates, facet values) of each target, in order; dates are ISO dates or ranges ("1848/1860"),
    separated by spaces (a paragraph may give several)."""
    if scope == "document":
        return [(document.date, document.facets) for document in documents]
    targets = []
    for document in documents:
        for position, unit in enumerate(document.units):
            values = document.unit_facets[position] if position < len(document.unit_facets) else {}
            targets.append((" ".join(dict.fromkeys(unit.dates)), values))
    return targets


def _term_shards(units: list[Unit]) -> list[tuple[str, dict, dict]]:
    """The postings of every term, cut into shards of about ``SHARD_BYTES`` of units and weights:
    (first term, units and weights by term, positions by term)."""
    readings: list[tuple[int, str, list[tuple[int, str]]]] = []  # (unit, b/c/d, positioned words)
    for number, unit in enumerate(units):
        corrected = positioned_words(unit.text)
        if unit.diplomatic is None:
            readings.append((number, "b", corrected))
        else:
            readings.append((number, "c", corrected))
            readings.append((number, "d", positioned_words(unit.diplomatic)))
    average = max(1.0, sum(len(tokens) for _n, _k, tokens in readings) / max(1, len(readings)))
    # term -> kind -> [(unit, length of the reading, positions)]
    postings: dict[str, dict[str, list[tuple[int, int, list[int]]]]] = defaultdict(lambda: defaultdict(list))
    for number, kind, tokens in readings:
        found: dict[str, list[int]] = defaultdict(list)
        for position, token in tokens:
            found[token].append(position)
        for token, places in found.items():
            postings[token][kind].append((number, len(tokens), places))
    total = max(1, len(units))
    shards: list[tuple[str, dict, dict]] = []
    current: dict = {}
    current_positions: dict = {}
    first, size = "", 0
    for term in sorted(postings, key=lambda term: term.encode("utf-16-be")):
        holders = len({number for kinds in postings[term].values() for number, _length, _places in kinds})
        idf = math.log(1 + (total - holders + 0.5) / (holders + 0.5))
        weights = {kind: _weighted(found, idf, average) for kind, found in postings[term].items()}
        places = {kind: _positions(found) for kind, found in postings[term].items()}
        if current and size > SHARD_BYTES:
            shards.append((first, current, current_positions))
            current, current_positions, size = {}, {}, 0
        if not current:
            first = term
        current[term] = weights["b"] if set(weights) == {"b"} else weights
        current_positions[term] = places["b"] if set(places) == {"b"} else places
        size += len(term) + sum(len(value) for value in weights.values())
    if current:
        shards.append((first, current, current_positions))
    return shards


def _weighted(postings: list[tuple[int, int, list[int]]], idf: float, average: float) -> str:
    """(unit delta, weight) for each unit holding the term; the weight is BM25's, x100."""
    numbers: list[int] = []
    previous = 0
    for number, length, places in postings:
        frequency = len(places)
        weight = idf * frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / average))
        numbers += [number - previous, max(1, round(weight * 100))]
        previous = number
    return encode(numbers)


def _positions(postings: list[tuple[int, int, list[int]]]) -> str:
    """(count, position deltas...) for each unit holding the term, in the order of ``_weighted``."""
    numbers: list[int] = []
    for _number, _length, places in postings:
        numbers.append(len(places))
        last = 0
        for place in places:
            numbers.append(place - last)
            last = place
    return encode(numbers)


def _facet_files(facet: Facet, target_values: list[list[str]], files: dict[str, bytes]) -> dict | None:
    """Write a facet's files; its summary for the manifest, or None when no target has a value."""
    holders: dict[str, list[int]] = defaultdict(list)
    for target, values in enumerate(target_values):
        for value in dict.fromkeys(values):
            if value in facet.values:
                holders[value].append(target)
    if not holders:
        return None
    ordered = sorted(holders, key=lambda value: (-len(holders[value]), facet.values[value].casefold(), value))
    listing = [[facet.values[value], len(holders[value])] for value in ordered]
    files[f"{FOLDER}/facets/{facet.key}.js"] = _script(f"facets/{facet.key}", listing)
    for start in range(0, len(ordered), VALUES_PER_CHUNK):
        chunk = []
        for value in ordered[start:start + VALUES_PER_CHUNK]:
            previous, deltas = 0, []
            for target in holders[value]:
                deltas.append(target - previous)
                previous = target
            chunk.append(deltas)
        number = start // VALUES_PER_CHUNK
        files[f"{FOLDER}/facets/{facet.key}-{number}.js"] = _script(f"facets/{facet.key}-{number}", chunk)
    return {"key": facet.key, "label": facet.label, "values": len(ordered), "top": listing[:TOP_VALUES]}
