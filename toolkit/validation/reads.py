"""Which files a schema may read while it runs (Schematron's ``doc()``): the reading policy.

By default none. A run given an allowed root (a project's folder) lets a schema read
the XML files inside it, named directly or by a URL that the run's catalog maps to
one; everything else (other files, the network, a symlink leading out) stays
refused. A refusal concerns the document being checked, which gets a finding; it
never stops the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from toolkit.validation.catalog import Catalog


# Every file inside the allowed root that a schema of this process asked to read (whether it
# exists or not): a document's findings may depend on them (``kept``).
LOOKED_AT: dict[Path, None] = {}


class ReadRefused(Exception):
    """A read the policy does not allow; the message says why, for the finding."""


@dataclass(frozen=True)
class ReadPolicy:
    allowed_root: Path | None = None
    catalog: Catalog | None = None

    def resolve(self, uri: str) -> Path:
        """The local file an absolute ``uri`` may be read from; ReadRefused when it may not."""
        if self.allowed_root is None:
            raise ReadRefused("a schema may only look at the document it validates")
        parts = urlsplit(uri)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            target = Path(unquote(parts.path))
        else:
            mapped = self.catalog.lookup(uri) if self.catalog else None
            if mapped is None:
                raise ReadRefused("it is not fetched from the network; map it to a file of the project in the catalog")
            target = mapped
        root = self.allowed_root.resolve()
        resolved = target.resolve()  # symlinks followed: where the bytes really are
        if resolved != root and root not in resolved.parents:
            raise ReadRefused(f"{resolved} lies outside {root}, the only folder schemas may read")
        LOOKED_AT[resolved] = None
        if not resolved.is_file():
            raise ReadRefused(f"{resolved} does not exist")
        return resolved
