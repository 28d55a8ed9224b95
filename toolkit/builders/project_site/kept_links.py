"""Each document's card and links to the registers, kept between builds.

What a document's names point at depends on the document (its key in the build cache: its
bytes, path, the code and options) and on the registers (their key). While both are unchanged
the links are read back from here instead of every name being read from the cache and resolved
again: a project of 5,000 letters has 476,000 names, and an edit changes one letter's.

Kept in an SQLite file beside the build cache (``cache_facts.Facts``): a build writes the rows
of the documents it linked anew and reads one row per document. Data only, like the cache; a
row that does not read as links the registers can hold is a miss. A row's names are kept as
text within it, read only for the documents whose names a build needs (``Links.kept``).
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.cache_facts import Facts
from toolkit.builders.project_site.catalogue import Links

FILE = "project-site-links.sqlite"


class KeptLinks:
    """The card and links of each document of the last build, with the key of the registers its
    links were made with, in the SQLite file ``FILE`` of ``cache_dir``."""

    def __init__(self, cache_dir: Path):
        self._facts = Facts(Path(cache_dir) / FILE)
        self._used: set[str] = set()
        self._rows: dict[str, str] | None = None  # every row, read at the first ``get``

    def get(self, document_key: str | None) -> tuple[dict, dict, Links, str] | None:
        """(card, search facts, links, registers key) of the document under ``document_key``, or None."""
        if document_key is None:
            return None
        if self._rows is None:
            self._rows = self._facts.texts()
        try:
            row = json.loads(self._rows.pop(document_key))  # asked once: not held after
            card, search, registers = row["card"], row["search"], row["registers"]
            links = Links.kept(row["names"], row["pointers"], row["kinds"], row["digest"])
        except (TypeError, KeyError, ValueError, IndexError):
            return None
        if not (isinstance(card, dict) and isinstance(search, dict) and isinstance(registers, str)
                and isinstance(row["names"], str) and isinstance(links.pointers, dict)
                and isinstance(links.kinds, list) and all(isinstance(kind, str) for kind in links.kinds)
                and isinstance(links.digest, str)):
            return None
        self._used.add(document_key)
        return card, search, links, registers

    def put(self, document_key: str | None, card: dict, search: dict | None, links: Links, registers: str | None) -> None:
        """Keep what the document under ``document_key`` links to, as resolved in ``registers``
        (their key; None: they are not kept, so neither are the links)."""
        if document_key is None or registers is None:
            return
        self._used.add(document_key)
        # The names as text within the row: a build reads them back only for the documents it needs them of.
        self._facts.put(document_key, json.dumps({"card": card, "search": search or {}, "registers": registers,
                                                  "names": links.names_text(), "kinds": links.kinds,
                                                  "pointers": links.pointers, "digest": links.digest},
                                                 ensure_ascii=False))

    def save(self) -> None:
        """Keep the rows of this build's documents, and only those."""
        self._facts.keep_only(self._used)


def usable(links: Links, known) -> bool:
    """Whether kept ``links`` can stand with the registers (``known``: their ids): every entry its
    card's pointers name is one they hold. (Its names are checked against the digest when read.)"""
    return known.keys() >= set(links.pointers.values()) - {None}
