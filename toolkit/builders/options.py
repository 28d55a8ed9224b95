"""What a build may be asked to vary: the date it carries, and print settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from toolkit import dates
from toolkit.project.config import DEFAULT_PAPER


@dataclass
class BuildOptions:
    """Options shared by every builder; a builder reads the fields it knows.

    ``fixed_date`` (ISO date) makes outputs repeatable; without it the date comes from
    ``SOURCE_DATE_EPOCH`` when set, else today.
    """

    fixed_date: str | None = None
    paper: str = DEFAULT_PAPER
    fonts: tuple[str, ...] = ()
    font_size: str | None = None
    leading: float | None = None
    scheduler: str | None = None  # a Dask scheduler's address: render documents on that cluster
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.fixed_date is not None:
            self.fixed_date = dates.parse_day(self.fixed_date)

    def build_date(self) -> str:
        """The date the outputs carry, as YYYY-MM-DD (``toolkit.dates``: fixed, SOURCE_DATE_EPOCH or today)."""
        return dates.output_day(self.fixed_date)

    def fingerprint(self) -> str:
        """A stable text of every option and the effective date, for the incremental build."""
        data = asdict(self)
        del data["scheduler"]  # where the work runs does not change what it writes
        data["fonts"] = list(self.fonts)
        data["build_date"] = self.build_date()
        return json.dumps(data, sort_keys=True, default=str)
