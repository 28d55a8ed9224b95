"""OASIS XML Catalogs (1.1): map the public URLs of schemas to local copies.

Schemas are never fetched from the network; a URL the catalog cannot map is
reported to the user instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from toolkit.errors import TeikitError
from toolkit.limits import Limits
from toolkit.namespaces import CATALOG, XML
from toolkit.xmlio import UnreadableDocument, read_document

CATALOG_NS = CATALOG
XML_BASE = "{" + XML + "}base"


class Catalog:
    """Exact, prefix-rewrite and suffix entries for URIs and system identifiers, plus nextCatalog."""

    def __init__(self, files: list[Path]):
        self.files = files
        self.exact: dict[str, str] = {}
        self.rewrites: list[tuple[str, str]] = []
        self.suffixes: list[tuple[str, str]] = []
        pending = list(files)
        loaded: set[Path] = set()
        while pending and len(loaded) < (Limits.current().next_catalogs or float("inf")):
            path = pending.pop(0).resolve()
            if path in loaded:
                continue
            loaded.add(path)
            pending += self._load(path)

    def _load(self, path: Path) -> list[Path]:
        if not path.is_file():
            raise TeikitError(f"catalog not found: {path}", hint="give an existing OASIS XML catalog file")
        try:
            document = read_document(path)
        except UnreadableDocument as error:
            raise TeikitError(f"catalog {path} cannot be read: {error.finding}") from None
        root = document.root
        if root.tag != f"{{{CATALOG_NS}}}catalog":
            raise TeikitError(f"{path} is not an OASIS XML catalog (root {root.tag})",
                              hint=f"the root must be <catalog xmlns=\"{CATALOG_NS}\">")
        more = []
        for element in root.iter(f"{{{CATALOG_NS}}}*"):
            base = _base(element, path)
            name = etree.QName(element).localname
            if name in ("uri", "system"):
                key = element.get("name" if name == "uri" else "systemId")
                if key and element.get("uri"):
                    self.exact.setdefault(key, urljoin(base, element.get("uri")))
            elif name in ("rewriteURI", "rewriteSystem"):
                start = element.get("uriStartString" if name == "rewriteURI" else "systemIdStartString")
                if start and element.get("rewritePrefix") is not None:
                    self.rewrites.append((start, urljoin(base, element.get("rewritePrefix"))))
            elif name in ("uriSuffix", "systemSuffix"):
                suffix = element.get(name)
                if suffix and element.get("uri"):
                    self.suffixes.append((suffix, urljoin(base, element.get("uri"))))
            elif name == "nextCatalog" and element.get("catalog"):
                target = urljoin(base, element.get("catalog"))
                if urlsplit(target).scheme == "file":
                    more.append(Path(unquote(urlsplit(target).path)))
        return more

    def lookup(self, uri: str) -> Path | None:
        """The local file the catalog maps ``uri`` to, or None."""
        mapped = self.exact.get(uri)
        if mapped is None:
            prefixes = [(start, prefix) for start, prefix in self.rewrites if uri.startswith(start)]
            if prefixes:
                start, prefix = max(prefixes, key=lambda pair: len(pair[0]))
                mapped = prefix + uri[len(start):]
        if mapped is None:
            suffixes = [(suffix, target) for suffix, target in self.suffixes if uri.endswith(suffix)]
            if suffixes:
                mapped = max(suffixes, key=lambda pair: len(pair[0]))[1]
        if mapped is None:
            return None
        parts = urlsplit(mapped)
        if parts.scheme not in ("", "file"):
            return None  # mapped onto another URL: still nothing we may fetch
        return Path(unquote(parts.path))


def _base(element: etree._Element, path: Path) -> str:
    base = path.resolve().as_uri()
    chain = [ancestor.get(XML_BASE) for ancestor in reversed(list(element.iterancestors()))]
    for value in chain + [element.get(XML_BASE)]:
        if value:
            base = urljoin(base, value)
    return base


def load_catalog(explicit: Path | None) -> Catalog | None:
    """The catalog from --catalog, else from $TEIKIT_CATALOG (several joined by os.pathsep), else none."""
    if explicit is not None:
        return Catalog([Path(explicit)])
    env = os.environ.get("TEIKIT_CATALOG")
    if env:
        return Catalog([Path(part) for part in env.split(os.pathsep) if part])
    return None
