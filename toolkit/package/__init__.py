"""Deposit packages: a BagIt bag of the edition, its outputs and metadata, and its later verification.

Modules: ``records`` (metadata from the teiHeader), ``payload`` (what goes where),
``bag`` (bagit-python, declared BagIt 1.0), ``serialise`` (zip/tar), ``verify``, ``pack``.
"""

from toolkit.errors import EditionInvalid
from toolkit.package.pack import Deposit, deposit
from toolkit.package.records import MissingHeaderFields
from toolkit.package.verify import Problem, Verification, verify

__all__ = ["Deposit", "EditionInvalid", "MissingHeaderFields", "Problem", "Verification", "deposit", "verify"]
