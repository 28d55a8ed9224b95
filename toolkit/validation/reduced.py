"""RELAX NG validation through lxml (libxml2)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree


class RelaxNG:
    """A compiled RELAX NG grammar; ``errors(tree)`` gives libxml2's error entries."""

    def __init__(self, tree: etree._ElementTree, path: Path):
        self.path = path
        self.validator = etree.RelaxNG(tree)

    def errors(self, tree: etree._ElementTree) -> list:
        if self.validator.validate(tree):
            return []
        return list(self.validator.error_log)
