"""OASIS XML Catalogs (1.1): map the public URLs of schemas to local copies.

Schemas are never fetched from the network; a URL the catalog cannot map is
reported to the user instead.

Resolution follows the standard's order. Within one catalog file: an exact ``uri``
(or ``system``) entry, else the longest matching ``rewriteURI`` prefix, else the
longest ``uriSuffix``; else, when ``delegateURI`` entries match, only the catalogs
they name are consulted (longest prefix first) and nothing else; else the file's
``nextCatalog`` entries, in order. Several catalog files (``TEIKIT_CATALOG`` joined
by ``os.pathsep``) are consulted in order, the next only when nothing matched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from toolkit.errors import TeikitError
from toolkit.limits import Limits
from toolkit.namespaces import CATALOG, XML
from toolkit.xmlio import UnreadableDocument, read_document

CATALOG_NS = CATALOG
XML_BASE = "{" + XML + "}base"


@dataclass
class CatalogFile:
    """The entries of one catalog file, in the forms resolution needs."""

    path: Path
    exact: dict[str, str] = field(default_factory=dict)
    rewrites: list[tuple[str, str]] = field(default_factory=list)
    suffixes: list[tuple[str, str]] = field(default_factory=list)
    delegates: list[tuple[str, Path]] = field(default_factory=list)
    nexts: list[Path] = field(default_factory=list)

    def match(self, uri: str) -> str | None:
        """What this file's own entries map ``uri`` to (delegation and next catalogs aside)."""
        if uri in self.exact:
            return self.exact[uri]
        prefixes = [(start, prefix) for start, prefix in self.rewrites if uri.startswith(start)]
        if prefixes:
            start, prefix = max(prefixes, key=lambda pair: len(pair[0]))
            return prefix + uri[len(start):]
        suffixes = [(suffix, target) for suffix, target in self.suffixes if uri.endswith(suffix)]
        if suffixes:
            return max(suffixes, key=lambda pair: len(pair[0]))[1]
        return None

    def delegated(self, uri: str) -> list[Path]:
        matching = sorted((pair for pair in self.delegates if uri.startswith(pair[0])), key=lambda pair: -len(pair[0]))
        return [path for _, path in matching]


class Catalog:
    """A chain of catalog files; ``lookup`` maps a URL to a local file, or None."""

    def __init__(self, files: list[Path]):
        self.files = [Path(path).resolve() for path in files]
        # Exact mappings the program adds (a project's local tei_all), consulted after the files.
        self.exact: dict[str, str] = {}
        self._loaded: dict[Path, CatalogFile] = {}
        for path in self.files:
            if not path.is_file():
                raise TeikitError(f"catalog not found: {path}", hint="give an existing OASIS XML catalog file")
        # Every catalog the chain can reach is read now, so that a broken one is reported at once.
        pending = list(self.files)
        while pending:
            path = pending.pop(0)
            if path in self._loaded:
                continue
            self._check_count()
            entry = self._loaded[path] = _load(path)
            pending += entry.nexts + [target for _, target in entry.delegates]

    def _check_count(self) -> None:
        limit = Limits.current().next_catalogs
        if limit and len(self._loaded) >= limit:
            raise TeikitError(f"the catalogs refer to more than {limit} catalog files",
                              hint="raise TEIKIT_NEXT_CATALOGS if the chain is really this long")

    def catalog_files(self) -> list[Path]:
        """Every catalog file of the chain (next and delegated catalogs too), in the order read."""
        return list(self._loaded)

    def local_files(self) -> list[Path]:
        """The existing local files that the chain's exact entries (and the program's) map URLs to."""
        targets = [uri for entry in self._loaded.values() for uri in entry.exact.values()] + list(self.exact.values())
        found = (_local(uri) for uri in dict.fromkeys(targets))
        return [path for path in found if path is not None and path.is_file()]

    def lookup(self, uri: str) -> Path | None:
        """The local file the catalog maps ``uri`` to, or None."""
        mapped = self._resolve(self.files, uri, set())
        if mapped is None:
            mapped = self.exact.get(uri)
        if mapped is None:
            return None
        parts = urlsplit(mapped)
        if parts.scheme not in ("", "file"):
            return None  # mapped onto another URL: still nothing we may fetch
        return Path(unquote(parts.path))

    def _resolve(self, files: list[Path], uri: str, visiting: set[Path]) -> str | None:
        for path in files:
            entry = self._loaded.get(path)
            if entry is None or path in visiting:  # unreadable, or a loop of next catalogs
                continue
            mapped = entry.match(uri)
            if mapped is not None:
                return mapped
            delegated = entry.delegated(uri)
            if delegated:
                return self._resolve(delegated, uri, visiting | {path})  # only there, whatever it finds
            mapped = self._resolve(entry.nexts, uri, visiting | {path})
            if mapped is not None:
                return mapped
        return None


def _load(path: Path) -> CatalogFile:
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
    entry = CatalogFile(path)
    for element in root.iter(f"{{{CATALOG_NS}}}*"):
        base = _base(element, path)
        name = etree.QName(element).localname
        if name in ("uri", "system"):
            key = element.get("name" if name == "uri" else "systemId")
            if key and element.get("uri"):
                entry.exact.setdefault(key, urljoin(base, element.get("uri")))
        elif name in ("rewriteURI", "rewriteSystem"):
            start = element.get("uriStartString" if name == "rewriteURI" else "systemIdStartString")
            if start and element.get("rewritePrefix") is not None:
                entry.rewrites.append((start, urljoin(base, element.get("rewritePrefix"))))
        elif name in ("uriSuffix", "systemSuffix"):
            suffix = element.get(name)
            if suffix and element.get("uri"):
                entry.suffixes.append((suffix, urljoin(base, element.get("uri"))))
        elif name in ("delegateURI", "delegateSystem"):
            start = element.get("uriStartString" if name == "delegateURI" else "systemIdStartString")
            target = _local(urljoin(base, element.get("catalog") or ""))
            if start and target is not None:
                entry.delegates.append((start, target))
        elif name == "nextCatalog" and element.get("catalog"):
            target = _local(urljoin(base, element.get("catalog")))
            if target is not None:
                entry.nexts.append(target)
    return entry


def _local(uri: str) -> Path | None:
    parts = urlsplit(uri)
    return Path(unquote(parts.path)).resolve() if parts.scheme == "file" and parts.path else None


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
