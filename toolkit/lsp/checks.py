"""teikit's validation of the text an editor holds, with schemas compiled once per server.

A run of ``teikit validate`` compiles what it needs and exits; the server keeps
every compiled schema (full RELAX NG grammars, XSD, Schematron as XSLT on Saxon)
for its lifetime, so each check after the first costs only the validation itself.
Checks run one at a time (``check`` is called from a single worker thread): the
compiled validators are not meant to be shared by concurrent runs.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import Finding
from toolkit.lsp.grammar import Grammar
from toolkit.validation.catalog import load_catalog
from toolkit.validation.engine import check_parsed
from toolkit.validation.schemas import Schemas, Selection, edition_selection
from toolkit.xmlio import UnreadableDocument, declared_encoding, document_from_bytes

UNICODE_FAMILY = ("utf-8", "utf8", "utf-16", "utf16", "utf-32", "ucs-2", "ucs-4")


class Checker:
    """The schemas of one editing session, and the checks run with them."""

    def __init__(self, *, schema: Path | None = None, schematron: Path | None = None,
                 catalog: Path | None = None):
        options = dict(schema=schema, schematron=schematron, phase=None, catalog=load_catalog(catalog))
        try:
            self.selection = edition_selection(**options)
        except FileNotFoundError:  # an installation without the edition's schemas
            self.selection = Selection(**options)
        # No element names: grammars are compiled whole, once, and serve every later check.
        self.schemas = Schemas()
        self.grammars: dict[Path, Grammar | None] = {}

    def check(self, path: Path, text: str) -> list[Finding]:
        """Every finding ``teikit validate`` would report for ``path`` if it held ``text``."""
        try:
            document = document_from_bytes(path, encode(text))
        except UnreadableDocument as error:
            return [error.finding]
        return check_parsed(document, self.selection, self.schemas)

    def grammar(self, path: Path, text: str) -> Grammar | None:
        """The RELAX NG grammar that applies to the document, read once (None when there is none)."""
        refs, _ = self.selection.plan(path, encode(text)[:256 * 1024])
        for ref in refs:
            if ref.kind != "rng":
                continue
            if ref.path not in self.grammars:
                try:
                    self.grammars[ref.path] = Grammar.load(ref.path)
                except (OSError, ValueError, UnreadableDocument):
                    self.grammars[ref.path] = None
            if self.grammars[ref.path] is not None:
                return self.grammars[ref.path]
        return None


def encode(text: str) -> bytes:
    """The editor's text as the bytes the file will hold: in the encoding its declaration names."""
    data = text.encode("utf-8")
    declared = declared_encoding(data)
    if declared and not declared.lower().startswith(UNICODE_FAMILY):
        try:
            return text.encode(declared)
        except (LookupError, UnicodeEncodeError):
            return data  # the check of the encoding then says what is wrong
    return data
