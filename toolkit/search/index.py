"""The search index of a site, as files its search page loads with ``<script>`` (``file://`` allows
no other way to read a local file): ``search/index.js`` and the parts it names.

What the page loads to open is ``index.js`` alone: counts, the facets' most frequent values, the
list of term shards and the case-folding table. Everything else is loaded when a query needs it:

- ``terms/N.js``: the postings of a range of terms (in the order of their UTF-16 code units, as
  JavaScript compares strings): for each unit holding the term, the unit and how often the term
  stands in it, separately for the words both readings share (``b``), those of the corrected
  reading only (``c``) and of the diplomatic only (``d``); ``terms/N-p.js``: the same terms'
  positions in each unit, loaded for phrases only. Both are numbers written compactly in strings
  (``numbers.py``), which a browser reads far faster than as JSON arrays and decodes when needed;
- ``lengths/N.js``: the length of each unit of a block of documents (``blocks.py``), for the
  weights: the browser ranks by BM25 from the counts, the lengths and the index's totals, so that
  an edit changes the postings of the words it touches, not every weight of the index;
- ``docs/N.js``: titles, addresses and dates of ``DOCS_PER_FILE`` documents;
- ``text/N.js``: document N's title, address and date, then its units (anchor, label, text in each
  reading), for the snippets: a result in a passage needs this one file;
- ``dates.js``: each target's dates, when a date range is first asked for;
- ``facets/KEY.js`` (every value with its count) and ``facets/KEY-N.js`` (which targets have
  values of chunk N).

A target is what facets and dates apply to: a document (``scope="document"``, a project's letters)
or a unit (``scope="unit"``, the paragraphs of a single essay).

Each document's postings are made once (``postings.text_postings``) and joined by blocks
(``blocks.py``); given a ``BlockStore``, the blocks of a previous build whose documents have not
changed are taken as they were, so a rebuild after one edit reads and joins that block alone.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterator

from toolkit.search.blocks import BlockStore, blocks_of
from toolkit.search.postings import joined, term_strings, text_postings
from toolkit.search.text import casefold_table
from toolkit.search.units import Unit

FOLDER = "search"
SHARD_BYTES = 48_000  # postings per term file, before the term that passes it
DOCS_PER_FILE = 200
VALUES_PER_CHUNK = 256
TOP_VALUES = 8  # a facet's values the page shows before the reader asks for more
K1, B = 1.2, 0.75  # BM25, as search.js computes it (written in the manifest)


@dataclass
class SearchDocument:
    title: str
    href: str  # its page, relative to the site's root
    units: list[Unit] | Callable[[], list[Unit]]  # or what reads them, called only when they are needed
    date: str = ""  # ISO date, or "from/to"
    date_label: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet key -> the keys of its values
    unit_facets: list[dict[str, list[str]]] = field(default_factory=list)  # the same for each unit
    postings: dict | Callable[[], dict] | None = None  # its text_postings, or what reads them; else made here
    unit_count: int | None = None  # how many units, when they are read only when needed
    key: str | None = None  # a digest of its text (and of the code making it): equal keys, equal postings

    def text_units(self) -> list[Unit]:
        # Read each time they are asked for, not kept: a build of thousands of texts holds one at a time.
        return self.units() if callable(self.units) else self.units

    def text_postings(self) -> dict:
        if callable(self.postings):
            return self.postings()
        return self.postings if self.postings is not None else text_postings(self.text_units())

    def count(self) -> int:
        return self.unit_count if self.unit_count is not None else len(self.text_units())


@dataclass
class Facet:
    key: str  # in file names and in the page's addresses: person, place, sender...
    label: str  # "Persons mentioned"
    values: dict[str, str]  # value key -> what the reader sees


@dataclass
class Filters:
    """What the index's manifest says of its facet and date files (``filter_files``)."""

    facets: list[dict]  # each facet's key, label, number of values and most frequent values
    dated: int  # how many targets have a date
    date_range: list[str] | None  # the first and last date of any target

    def to_json(self) -> dict:
        # Each facet's summary as a list: its keys' order is the manifest's, whatever keeps it.
        return {"facets": [[facet[key] for key in _SUMMARY] for facet in self.facets], "dated": self.dated,
                "date_range": self.date_range}

    @classmethod
    def from_json(cls, data: dict) -> "Filters":
        return cls([dict(zip(_SUMMARY, facet, strict=True)) for facet in data["facets"]], int(data["dated"]),
                   data["date_range"])


_SUMMARY = ("key", "label", "values", "top")  # a facet's summary in the manifest, in order


def is_filter_file(path: str) -> bool:
    """Whether ``path`` (as ``index_files`` yields it) is one of the files ``filter_files`` makes."""
    return path == f"{FOLDER}/dates.js" or path.startswith(f"{FOLDER}/facets/")


def index_files(documents: list[SearchDocument], facets: list[Facet], *, scope: str = "document",
                store: BlockStore | None = None, kept: Callable[[str, str], bool] | None = None,
                filters: Filters | None = None) -> Iterator[tuple[str, bytes]]:
    """The files of the index (path under the site's root, bytes), one at a time.

    ``store`` keeps the joined postings of blocks of documents between builds; ``kept(path,
    inputs)`` says whether the file a previous build made from the same ``inputs`` (a digest) is
    kept as it is, in which case it is not made again (a document's ``text/N.js``). ``filters``:
    the facet and date files of a previous build, kept as they are (the documents' facets and
    ``facets`` are then not read); else they are made, and the index returns their ``Filters``."""
    unit_counts = [document.count() for document in documents]
    blocks = [_block_postings([documents[i] for i in block], store) for block in blocks_of(documents)]
    whole = joined(blocks)
    starts, total = [], 0
    for number, block in enumerate(blocks):
        starts.append(total)
        total += block["units"]
        yield f"{FOLDER}/lengths/{number}.js", _script(f"lengths/{number}", block["lengths"])
    term_shards = _term_shards(whole["terms"])
    for number, (_first, postings, positions) in enumerate(term_shards):
        yield f"{FOLDER}/terms/{number}.js", _script(f"terms/{number}", postings)
        yield f"{FOLDER}/terms/{number}-p.js", _script(f"terms/{number}-p", positions)
    about = [[document.title, document.href, document.date_label or document.date] for document in documents]
    for start in range(0, len(documents), DOCS_PER_FILE):
        yield (f"{FOLDER}/docs/{start // DOCS_PER_FILE}.js",
               _script(f"docs/{start // DOCS_PER_FILE}", about[start:start + DOCS_PER_FILE]))
    for number, document in enumerate(documents):
        path = f"{FOLDER}/text/{number}.js"
        inputs = hashlib.sha256(json.dumps([document.key, about[number]]).encode()).hexdigest() if document.key else None
        if kept is not None and inputs is not None and kept(path, inputs):
            continue
        texts = [[unit.anchor, unit.label, unit.text, *([unit.diplomatic] if unit.diplomatic is not None else [])]
                 for unit in document.text_units()]
        yield path, _script(f"text/{number}", [about[number], *texts])
    if filters is None:
        filters = yield from filter_files(documents, facets, scope)
    manifest = {
        "version": 3,
        "scope": scope,
        "documents": len(documents),
        "units": whole["units"],
        "counts": unit_counts,
        "blocks": starts,
        "words": whole["words"],
        "readings": whole["readings"],
        "bm25": [K1, B],
        "shards": [first for first, _postings, _positions in term_shards],
        "docsPerFile": DOCS_PER_FILE,
        "valuesPerChunk": VALUES_PER_CHUNK,
        "diplomatic": whole["readings"] > whole["units"],
        "facets": filters.facets,
        "dated": filters.dated,
        "dateRange": filters.date_range,
        "fold": {character: folded for character, folded in sorted(casefold_table().items())},
    }
    yield f"{FOLDER}/index.js", _script("index", manifest)
    return filters


def filter_files(documents: list[SearchDocument], facets: list[Facet], scope: str):
    """Yield the files that filter by facet and date (``is_filter_file``); return their ``Filters``."""
    targets = _targets(documents, scope)
    dates = [date for date, _values in targets]
    yield f"{FOLDER}/dates.js", _script("dates", dates)
    summaries = []
    for facet in facets:
        summary = yield from _facet_files(facet, [values.get(facet.key, []) for _date, values in targets])
        if summary is not None:
            summaries.append(summary)
    ends = sorted(end for date in dates for part in date.split() for end in part.split("/") if end)
    return Filters(summaries, sum(1 for date in dates if date), [ends[0], ends[-1]] if ends else None)


def _block_postings(documents: list[SearchDocument], store: BlockStore | None) -> dict:
    """The joined postings of consecutive ``documents``: from the store when it holds those of the
    same documents (by their keys), else made now (and kept there)."""
    keys = [document.key for document in documents]
    digest = hashlib.sha256("\0".join(keys).encode()).hexdigest() if store is not None and all(keys) else None
    if digest is not None:
        kept = store.get(digest)
        if kept is not None:
            return kept
    postings = joined([document.text_postings() for document in documents])
    if digest is not None:
        store.put(digest, postings)
    return postings


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
        for position, unit in enumerate(document.text_units()):
            values = document.unit_facets[position] if position < len(document.unit_facets) else {}
            targets.append((" ".join(dict.fromkeys(unit.dates)), values))
    return targets


def _term_shards(terms: dict[str, dict[str, list]]) -> list[tuple[str, dict, dict]]:
    """The postings of every term, cut into shards of about ``SHARD_BYTES`` of postings:
    (first term, postings by term, positions by term)."""
    shards: list[tuple[str, dict, dict]] = []
    current: dict = {}
    current_positions: dict = {}
    first, size = "", 0
    for term in sorted(terms, key=lambda term: term.encode("utf-16-be")):
        strings = {kind: term_strings(segment) for kind, segment in terms[term].items()}
        if current and size > SHARD_BYTES:
            shards.append((first, current, current_positions))
            current, current_positions, size = {}, {}, 0
        if not current:
            first = term
        only_both = set(strings) == {"b"}
        current[term] = strings["b"][0] if only_both else {kind: pair[0] for kind, pair in sorted(strings.items())}
        current_positions[term] = strings["b"][1] if only_both else {kind: pair[1] for kind, pair in sorted(strings.items())}
        size += len(term) + sum(len(postings) for postings, _positions in strings.values())
    if current:
        shards.append((first, current, current_positions))
    return shards


def _facet_files(facet: Facet, target_values: list[list[str]]):
    """Yield a facet's files; return its summary for the manifest, or None when no target has a value."""
    holders: dict[str, list[int]] = defaultdict(list)
    for target, values in enumerate(target_values):
        for value in dict.fromkeys(values):
            if value in facet.values:
                holders[value].append(target)
    if not holders:
        return None
    ordered = sorted(holders, key=lambda value: (-len(holders[value]), facet.values[value].casefold(), value))
    listing = [[facet.values[value], len(holders[value])] for value in ordered]
    yield f"{FOLDER}/facets/{facet.key}.js", _script(f"facets/{facet.key}", listing)
    for start in range(0, len(ordered), VALUES_PER_CHUNK):
        chunk = []
        for value in ordered[start:start + VALUES_PER_CHUNK]:
            previous, deltas = 0, []
            for target in holders[value]:
                deltas.append(target - previous)
                previous = target
            chunk.append(deltas)
        number = start // VALUES_PER_CHUNK
        yield f"{FOLDER}/facets/{facet.key}-{number}.js", _script(f"facets/{facet.key}-{number}", chunk)
    return dict(zip(_SUMMARY, (facet.key, facet.label, len(ordered), listing[:TOP_VALUES])))
