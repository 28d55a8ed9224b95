"""What a build may be asked to vary: the date it carries, and print settings."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone

from toolkit.errors import TeikitError


@dataclass
class BuildOptions:
    """Options shared by every builder; a builder reads the fields it knows.

    ``fixed_date`` (ISO date) makes outputs repeatable; without it the date comes from
    ``SOURCE_DATE_EPOCH`` when set, else today.
    """

    fixed_date: str | None = None
    paper: str = "A5"
    fonts: tuple[str, ...] = ()
    font_size: str | None = None
    leading: float | None = None
    scheduler: str | None = None  # a Dask scheduler's address: render documents on that cluster
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.fixed_date is not None:
            try:
                date.fromisoformat(self.fixed_date)
            except ValueError:
                raise TeikitError(
                    f"--date {self.fixed_date!r} is not a date", hint="give it as YYYY-MM-DD, e.g. 2026-01-31"
                ) from None

    def build_date(self) -> str:
        """The date the outputs carry, as YYYY-MM-DD."""
        if self.fixed_date:
            return self.fixed_date
        if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
            try:
                return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
            except ValueError:
                raise TeikitError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
        return datetime.now(timezone.utc).date().isoformat()

    def fingerprint(self) -> str:
        """A stable text of every option and the effective date, for the incremental build."""
        data = asdict(self)
        del data["scheduler"]  # where the work runs does not change what it writes
        data["fonts"] = list(self.fonts)
        data["build_date"] = self.build_date()
        return json.dumps(data, sort_keys=True, default=str)
