"""A schema of several files stays in its folder: every file it includes is checked here first.

RELAX NG ``include``/``externalRef`` and XML Schema ``include``/``import``/``redefine``/
``override`` are followed with the safe parser before libxml2 or xmlschema opens
anything. Each file must lie, once symlinks are followed, inside the real folder of
the schema that was asked for (or be a local file the run's catalog maps a URL to);
anything else (a path leading out, a symlink pointing out, a URL) is refused with the
file and line of the reference.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from toolkit.limits import Limits
from toolkit.namespaces import RELAXNG, XSD
from toolkit.validation.catalog import Catalog
from toolkit.xmlio import UnreadableDocument, parse_bytes, read_bytes

REFERENCES = {
    "rng": [(f"{{{RELAXNG}}}include", "href"), (f"{{{RELAXNG}}}externalRef", "href")],
    "xsd": [(f"{{{XSD}}}{name}", "schemaLocation") for name in ("include", "import", "redefine", "override")],
}


class SchemaOutside(Exception):
    """A schema refers to a file it may not read; the message says which and where."""


def check_confined(schema: Path, kind: str, catalog: Catalog | None = None) -> list[Path]:
    """Every file of the schema (``kind`` "rng" or "xsd"), the schema first; SchemaOutside when one
    leaves the schema's folder."""
    root = schema.resolve().parent
    seen: list[Path] = []
    pending = [(schema.resolve(), 0)]
    depth_limit = Limits.current().include_depth
    while pending:
        path, depth = pending.pop()
        if path in seen:
            continue
        seen.append(path)
        try:
            tree = parse_bytes(read_bytes(path), path)
        except (UnreadableDocument, OSError):
            continue  # the validator reports the unreadable file itself
        for tag, attribute in REFERENCES[kind]:
            for element in tree.iter(tag):
                href = element.get(attribute)
                if href is None or (kind == "xsd" and not href.strip()):
                    continue
                target = _target(element, href.strip(), path, root, catalog)
                if depth_limit and depth + 1 > depth_limit:
                    raise SchemaOutside(f"{path}:{element.sourceline}: includes are nested more than {depth_limit} deep")
                pending.append((target, depth + 1))
    return seen


def _target(element: etree._Element, href: str, path: Path, root: Path, catalog: Catalog | None) -> Path:
    where = f"{path}:{element.sourceline}"
    absolute = urljoin(element.base or path.as_uri(), href)  # xml:base on the way included
    parts = urlsplit(absolute)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        target = Path(unquote(parts.path))
    else:
        mapped = catalog.lookup(absolute) if catalog else None
        if mapped is None:
            raise SchemaOutside(f"{where}: {href} is not fetched from the network (map it to a local copy in a catalog)")
        return mapped.resolve()
    resolved = target.resolve()  # where the bytes really are, symlinks followed
    if resolved != root and root not in resolved.parents:
        raise SchemaOutside(f"{where}: {href} leads to {resolved}, outside the schema's folder {root}")
    return resolved
