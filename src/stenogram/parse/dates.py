"""Dates as the site prints them ("December 2, 2020", "December 2, 2020, 16:40")."""

from __future__ import annotations

import re
from types import MappingProxyType

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = MappingProxyType({name: number for number, name in enumerate(_MONTH_NAMES, start=1)})
DATE_LINE = re.compile(
    r"^(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})(?:,\s*(?P<time>\d{1,2}:\d{2}))?$"
)
TIME_LINE = re.compile(r"^(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)$")


def parse_date(text: str) -> tuple[str, str | None] | None:
    """``("YYYY-MM-DD", "HH:MM" or None)`` for a printed date, else None."""
    m = DATE_LINE.match(text.strip())
    if not m:
        return None
    month = MONTHS.get(m["month"].lower())
    day = int(m["day"])
    if not month or not 1 <= day <= 31:
        return None
    time = m["time"]
    if time and len(time) == 4:
        time = "0" + time
    return f"{m['year']}-{month:02d}-{day:02d}", time


def parse_time(text: str) -> str | None:
    m = TIME_LINE.match(text.strip())
    return f"{int(m['h']):02d}:{m['m']}" if m else None
