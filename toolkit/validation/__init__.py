"""Validation of TEI documents: well-formedness, RELAX NG, XML Schema and Schematron.

``validate(paths, ...)`` runs everything and returns a ``Report``.
"""

from toolkit.validation.engine import check_document, validate
from toolkit.validation.report import Report

__all__ = ["Report", "check_document", "validate"]
