"""Citations of a passage, as a journalist or a scholar gives them: who said it, where,
when, and the official page it can be read on."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit


def _long_date(date: str | None) -> str | None:
    """ "2020-05-12" -> "12 May 2020" (a date that is not one is given as printed)."""
    if not date:
        return None
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return date
    return f"{day.day} {day:%B %Y}"


def citation(
    *,
    speaker: str | None,
    title: str | None,
    date: str | None,
    url: str | None,
    turn: int | None = None,
    paragraph: int | None = None,
) -> str:
    """ "Jane Doe, “Meeting with the governors”, example.org, 12 May 2020,
    https://example.org/events/63340 (turn 5)." Turns and paragraphs are
    counted from 1, as a reader counts them; parts that are unknown are left out."""
    parts = [speaker or None, f"“{title}”" if title else None]
    host = urlsplit(url).hostname if url else None
    parts += [host, _long_date(date), url]
    where = (
        f" (turn {turn + 1})" if turn is not None else f" (paragraph {paragraph + 1})" if paragraph is not None else ""
    )
    return ", ".join(p for p in parts if p) + where + "."
