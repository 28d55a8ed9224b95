"""The postings of a text, made once per document and joined into the postings of the whole
index without being read again: what lets a rebuild after one edit redo that document alone.

A term's postings in one kind of reading (``b`` both readings, ``c`` the corrected only, ``d``
the diplomatic only) are, for each unit holding it, the unit and how often the term stands in it
(the browser weighs them: BM25 needs the whole index's counts, which an edit changes), and the
term's positions in the unit (for phrases). They are kept as a segment,
``[first unit, last unit, count in the first, rest, positions]``: ``rest`` holds (unit delta,
count) for the other units and ``positions`` (count, position deltas...) for all, both written
by ``numbers.encode``. Neither depends on the units before the segment, so segments of
consecutive texts join by writing one number (the delta from the last unit of the one before),
and the index's string for a term is the one number of its first unit and count, then ``rest``.

A text's postings (``text_postings``) and the join of several (``joined``) have one shape:
``{"units": n, "words": n, "readings": n, "lengths": "...", "terms": {term: {kind: segment}}}``,
``words`` and ``readings`` for the average length BM25 needs, ``lengths`` each unit's length
(``2 × corrected + 1`` then the diplomatic length for a unit with two readings, else
``2 × length``).
"""

from __future__ import annotations

from toolkit.search.numbers import encode
from toolkit.search.text import positioned_words
from toolkit.search.units import Unit


def text_postings(units: list[Unit]) -> dict:
    """The postings of one text's ``units`` (numbered from 0)."""
    found: dict[str, dict[str, list[tuple[int, list[int]]]]] = {}
    lengths: list[int] = []
    words = readings = 0
    for number, unit in enumerate(units):
        corrected = positioned_words(unit.text)
        if unit.diplomatic is None:
            kinds = (("b", corrected),)
            lengths.append(2 * len(corrected))
        else:
            diplomatic = positioned_words(unit.diplomatic)
            kinds = (("c", corrected), ("d", diplomatic))
            lengths += [2 * len(corrected) + 1, len(diplomatic)]
        for kind, tokens in kinds:
            words += len(tokens)
            readings += 1
            places: dict[str, list[int]] = {}
            for position, token in tokens:
                places.setdefault(token, []).append(position)
            for token, positions in places.items():
                found.setdefault(token, {}).setdefault(kind, []).append((number, positions))
    terms = {term: {kind: _segment(holders) for kind, holders in kinds.items()} for term, kinds in found.items()}
    return {"units": len(units), "words": words, "readings": readings, "lengths": encode(lengths), "terms": terms}


def _segment(holders: list[tuple[int, list[int]]]) -> list:
    rest: list[int] = []
    previous = holders[0][0]
    for number, places in holders[1:]:
        rest += [number - previous, len(places)]
        previous = number
    positions: list[int] = []
    for _number, places in holders:
        positions.append(len(places))
        last = 0
        for place in places:
            positions.append(place - last)
            last = place
    return [holders[0][0], holders[-1][0], len(holders[0][1]), encode(rest), encode(positions)]


def joined(parts: list[dict]) -> dict:
    """The postings of consecutive texts (or groups of texts) as one: their units numbered on."""
    pieces: dict[str, dict[str, list]] = {}  # term -> kind -> [first, last, head, rest pieces, position pieces]
    offset = words = readings = 0
    for part in parts:
        for term, kinds in part["terms"].items():
            into = pieces.get(term)
            if into is None:
                into = pieces[term] = {}
            for kind, (first, last, head, rest, positions) in kinds.items():
                have = into.get(kind)
                if have is None:
                    into[kind] = [first + offset, last + offset, head, [rest], [positions]]
                    continue
                have[3].append(encode((first + offset - have[1], head)))
                have[3].append(rest)
                have[4].append(positions)
                have[1] = last + offset
        offset += part["units"]
        words += part["words"]
        readings += part["readings"]
    terms = {term: {kind: [first, last, head, "".join(rest), "".join(positions)]
                    for kind, (first, last, head, rest, positions) in kinds.items()}
             for term, kinds in pieces.items()}
    return {"units": offset, "words": words, "readings": readings,
            "lengths": "".join(part["lengths"] for part in parts), "terms": terms}


def term_strings(segment: list) -> tuple[str, str]:
    """A term's postings and positions as the index writes them (its units counted from 0)."""
    first, _last, head, rest, positions = segment
    return encode((first, head)) + rest, positions
