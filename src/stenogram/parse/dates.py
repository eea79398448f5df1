"""Dates as the site prints them ("December 2, 2020", "December 2, 2020, 16:40"), and the
date lines of news articles ("Published March 17, 2020", "17 March 2020 10:05 GMT")."""

from __future__ import annotations

import datetime as dt
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


# A line of an article that is only its date: a label or weekday before it, a time and a
# zone after it ("Published: Tuesday, March 17, 2020 10:05 GMT", "17 March 2020", "2020-03-17").
_NEWS_DATE = re.compile(
    r"^(?:(?:published|updated|posted|first published)\s*:?\s*(?:on\s+)?)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[a-z]+)\.?,?\s+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?\s*$",
    re.I,
)


def parse_news_date(line: str) -> str | None:
    """``YYYY-MM-DD`` when ``line`` is only a date (as news pages print it), else None."""
    m = _NEWS_DATE.match(line.strip())
    if m is None:
        return None
    if m["iso"]:
        text = m["iso"]
    else:
        month_name = (m["month"] or m["month2"]).casefold()
        # a full name or an abbreviation of one ("Sept.", "Mar")
        month = next((n for name, n in MONTHS.items() if len(month_name) >= 3 and name.startswith(month_name)), None)
        if month is None:
            return None
        text = f"{m['year'] or m['year2']}-{month:02d}-{int(m['day'] or m['day2']):02d}"
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:  # "February 30"
        return None
