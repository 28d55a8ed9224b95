"""Index order by the Unicode Collation Algorithm (pyuca), for every output's indexes.

Saxon-HE offers only a fallback for the UCA collation URI, which misplaces letters such
as Ø after Z. The sort keys themselves come from the stylesheets (``tk:sort-key`` in
xslt/common); this module only puts them in order, and the stylesheets receive that
order as the parameter ``tk:collation-order``.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache

from toolkit import resources
from toolkit.namespaces import TK
from toolkit.xslt import SealedSaxon


@cache
def _filing_categories() -> tuple[str, ...]:
    """The Unicode general categories (or their first letter) a heading files from: the data
    ``tk:sort-key`` reads too (xslt/common/filing.json)."""
    path = resources.data_dir("xslt") / "common" / "filing.json"
    return tuple(json.loads(path.read_text(encoding="utf-8"))["headings-file-from"])


def from_first_filing_character(heading: str) -> str:
    """``heading`` from its first letter or digit: quotation marks, brackets and other signs
    before it do not file it ("“Chambers”" under C), as ``tk:sort-key`` files the stylesheets'
    indexes; ``heading`` itself when none of its characters files."""
    categories = _filing_categories()
    for position, character in enumerate(heading):
        if unicodedata.category(character).startswith(categories):
            return heading[position:]
    return heading


@cache
def _collator():
    from pyuca import Collator

    return Collator()


INDEX_DATA = "index-data"  # the name index.xsl goes by as the toolkit wrote it (no project's XSLT over it)


@cache
def index_saxon() -> SealedSaxon:
    """index.xsl alone, named ``INDEX_DATA``: for a document's indexes and nothing else."""
    return SealedSaxon({INDEX_DATA: resources.stylesheet("index.xsl")})


def ordered(keys) -> list[str]:
    """``keys`` without duplicates in UCA order (ties broken by code point, so the order is total)."""
    collator = _collator()
    return sorted(set(keys), key=lambda key: (collator.sort_key(key), key))


def index_data(node, saxon: SealedSaxon, *, order: str = "") -> dict:
    """The indexes of a document as data (``tk:index-data`` in xslt/index.xsl); ``node``: the
    document as ``saxon`` (which has index.xsl as ``INDEX_DATA``) loaded it."""
    params = {f"{TK}collation-order": order} if order else {}
    result = saxon.transform(INDEX_DATA, node, params, template=f"{TK}index-data", serialization={"method": "json"})
    return json.loads(result.principal)


def collation_order(node, saxon: SealedSaxon) -> str:
    """Every index heading's sort key of a document, one per line, in UCA order; ``node`` and
    ``saxon`` as for ``index_data``."""
    result = saxon.transform(INDEX_DATA, node, template=f"{TK}sort-keys", serialization={"method": "json"})
    return "\n".join(ordered(json.loads(result.principal)))
