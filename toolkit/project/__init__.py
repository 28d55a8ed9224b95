"""Projects: a folder of TEI documents and registers, described by ``teikit.toml``.

``config`` reads the project file, ``registers`` holds the one register model and resolves
pointers, ``mentions`` finds the names in a document, ``discover`` is what ``teikit init`` sees.
"""

from toolkit.project.config import Project, ProjectFileError, load_project
from toolkit.project.mentions import Mention, document_title, mentions
from toolkit.project.registers import Entry, Registers

__all__ = ["Entry", "Mention", "Project", "ProjectFileError", "Registers", "document_title", "load_project", "mentions"]
