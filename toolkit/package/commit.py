"""Putting a finished deposit in place: the bag, its zip or tar and their checksum, whole or not at all.

Everything new is written first beside its final name (the bag in a staging folder, the
archive and checksum as ``.<name>.new``). Then a note of the renames still to do is written
(``.<bag>.commit``), the renames are done, and the note is removed. A run killed before the
note leaves the previous deposit untouched and its unfinished files are removed by the next
run; a run killed after it is completed by the next run, which does the renames the note
lists. Nothing is ever deleted before its replacement exists.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.atomic import write_text

RETIRED = ".{}.replaced-"


@dataclass
class Plan:
    target: Path  # the bag's final folder
    staging: Path  # the finished bag
    files: list[tuple[Path, Path]] = field(default_factory=list)  # (finished file, final name)
    stale: list[Path] = field(default_factory=list)  # files made from the bag being replaced

    def note(self) -> Path:
        return self.target.with_name(f".{self.target.name}.commit")


def publish(plan: Plan) -> None:
    """Write the note, then move everything into place."""
    data = {"staging": plan.staging.name, "files": [[new.name, final.name] for new, final in plan.files],
            "stale": [path.name for path in plan.stale]}
    write_text(plan.note(), json.dumps(data, indent=1) + "\n")
    _carry_out(plan)


def recover(target: Path) -> None:
    """Finish what a killed run began (its note lists the renames), or clear what it left unfinished."""
    folder = target.parent
    note = target.with_name(f".{target.name}.commit")
    if note.is_file():
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            plan = Plan(target, folder / data["staging"],
                        [(folder / new, folder / final) for new, final in data["files"]],
                        [folder / name for name in data["stale"]])
        except (ValueError, KeyError, TypeError):
            plan = None  # a note cut short: it was being written, so nothing had been moved yet
        if plan is not None:
            _carry_out(plan)
        note.unlink(missing_ok=True)
    for retired in sorted(folder.glob(f"{RETIRED.format(target.name)}*")):
        if not target.exists():
            os.rename(retired, target)  # only an older teikit leaves this: the old bag is the whole one
        else:
            shutil.rmtree(retired, ignore_errors=True)
    for leftover in folder.glob(f".{target.name}.staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for pattern in (f".{target.name}.*.new", f".{target.name}.*.part", f"..{target.name}.*.part"):
        for leftover in folder.glob(pattern):
            leftover.unlink(missing_ok=True)


def _carry_out(plan: Plan) -> None:
    # Each step is done only if its source is still there, so doing the plan twice is doing it once.
    retired = plan.target.with_name(f"{RETIRED.format(plan.target.name)}{os.getpid()}")
    if plan.staging.is_dir():
        if plan.target.exists():
            os.rename(plan.target, retired)  # never rmtree first: a whole bag is always at one of the names
        os.rename(plan.staging, plan.target)
    for new, final in plan.files:
        if new.exists():
            os.replace(new, final)
    for path in plan.stale:
        path.unlink(missing_ok=True)
    for path in plan.target.parent.glob(f"{RETIRED.format(plan.target.name)}*"):
        shutil.rmtree(path, ignore_errors=True)
    plan.note().unlink(missing_ok=True)
