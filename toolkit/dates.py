"""The one date policy of build and deposit: ``--date``, else ``SOURCE_DATE_EPOCH``, else today (UTC).

A fixed date makes outputs repeatable; ``SOURCE_DATE_EPOCH`` follows the reproducible-builds
convention (an integer number of seconds since 1970, as ``date +%s`` prints it). A value that
is not one of these is a usage error, whichever command reads it.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone

from toolkit.errors import TeikitError

ENVIRONMENT = "SOURCE_DATE_EPOCH"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, *, option: str = "--date") -> str:
    """``text`` checked as a calendar day written YYYY-MM-DD (the form every output carries)."""
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise TeikitError(f"{option} {text!r} is not a date", hint="give it as YYYY-MM-DD, e.g. 2026-01-31") from None


def epoch_day() -> str | None:
    """The day ``SOURCE_DATE_EPOCH`` names (UTC), or None when it is unset or empty."""
    value = os.environ.get(ENVIRONMENT, "")
    if not value:
        return None
    try:
        if not re.fullmatch(r"[0-9]+", value):
            raise ValueError
        return datetime.fromtimestamp(int(value), tz=timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise TeikitError(f"{ENVIRONMENT}={value!r} is not a number of seconds since 1970-01-01",
                          hint=f"set it as `date +%s` prints it, e.g. {ENVIRONMENT}=1714521600, or unset it") from None


def fixed_day(fixed: str | None) -> str | None:
    """The date asked for, by ``--date`` or the environment; None when neither fixes one."""
    return parse_day(fixed) if fixed else epoch_day()


def output_day(fixed: str | None) -> str:
    """The date an output carries: the fixed one, else today (UTC)."""
    return fixed_day(fixed) or datetime.now(timezone.utc).date().isoformat()


def midnight_timestamp(day: str) -> int:
    """Seconds since 1970 at 00:00 UTC of ``day`` (YYYY-MM-DD)."""
    return int(datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=timezone.utc).timestamp())
