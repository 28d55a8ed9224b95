"""Which project a command works on: ``--project DIR``, else ``TEIKIT_EDITION``, else the nearest
``teikit.toml`` from the current folder up; none of these, and commands work as they did before
projects (the edition in ./tei)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.project.config import PROJECT_FILE, Project, find_project_file, load_project


@dataclass
class ProjectChoice:
    explicit: Path | None = None
    _loaded: list = field(default_factory=list, repr=False)

    def project(self) -> Project | None:
        """The project, read once; None when no project file applies and none was named."""
        if not self._loaded:
            project = self._load()
            self._loaded.append(project.listed_once() if project is not None else None)  # one command's
        return self._loaded[0]

    def _load(self) -> Project | None:
        if self.explicit is not None:
            return load_project(self.explicit, search_parents=False)
        if edition := os.environ.get("TEIKIT_EDITION"):
            # The edition folder, or the project that holds it, when that has a project file.
            folder = Path(edition)
            for candidate in (folder, folder.parent):
                if (candidate / PROJECT_FILE).is_file():
                    return load_project(candidate, search_parents=False)
            return None
        file = find_project_file(Path.cwd())
        return load_project(file.parent, search_parents=False) if file else None


def current_project() -> Project | None:
    """The project of the command being run (through click's context), else the one found from here."""
    import click

    context = click.get_current_context(silent=True)
    choice = context.find_object(ProjectChoice) if context is not None else None
    return (choice or ProjectChoice()).project()


def project_of_paths(paths) -> Project | None:
    """The project that holds every one of ``paths`` (the nearest teikit.toml above the first), if any."""
    if not paths:
        return None
    first = Path(paths[0])
    file = find_project_file(first if first.is_dir() else first.parent)
    if file is None:
        return None
    root = file.parent.resolve()
    if all(root == Path(path).resolve() or root in Path(path).resolve().parents for path in paths):
        return load_project(root, search_parents=False)
    return None
