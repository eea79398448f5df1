"""Filters shared by search, kwic, speakers and exports: one frozen dataclass."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from ..errors import QueryError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Many = str | Iterable[str] | None


# Values of one filter: a person asks for a few speakers or events, not thousands (each
# value is a bound parameter of the SQL, and SQLite has a limit).
MAX_FILTER_VALUES = 100
MAX_FILTER_CHARS = 500


def _many(value: Many) -> tuple[str, ...]:
    if value is None:
        return ()
    values = (value,) if isinstance(value, str) else tuple(value)
    if len(values) > MAX_FILTER_VALUES:
        raise QueryError(f"a filter takes at most {MAX_FILTER_VALUES} values, not {len(values):,}")
    if any(len(v) > MAX_FILTER_CHARS for v in values if v):
        raise QueryError(f"a filter value is longer than {MAX_FILTER_CHARS} characters")
    return tuple(v for v in values if v and v.strip())


def normalise_date(value: str | None, *, end: bool = False) -> str | None:
    """ "2020", "2020-05" or "2020-05-17" -> an inclusive bound as "YYYY-MM-DD"; a date
    that is not on the calendar ("2020-13-01", "2021-02-29") is refused, not compared."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise QueryError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(x) for x in (value + "-01-01")[:10].split("-"))
    try:
        last_day = calendar.monthrange(year, month)[1]
        dt.date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        raise QueryError(f"bad date {value!r}: no such day (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    if len(value) == 4:
        return value + ("-12-31" if end else "-01-01")
    if len(value) == 7:
        return value + (f"-{last_day:02d}" if end else "-01")
    return value


# rapidfuzz WRatio (0-100) above which a known value is offered for a mistyped one: a
# letter or two off ("Foreign polcy", "Ukrane") scores 90+, a different topic sharing
# a word ("Foreign trade" for "Foreign policy") about 60-75.
SUGGESTION_MIN_SCORE = 80
MAX_SUGGESTIONS = 3


def similar_values(value: str, known: Iterable[str]) -> tuple[str, ...]:
    """The known values a mistyped ``value`` most likely meant, best first ("did you mean")."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        value,
        list(dict.fromkeys(known)),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=MAX_SUGGESTIONS,
        score_cutoff=SUGGESTION_MIN_SCORE,
    )
    return tuple(str(match) for match, _, _ in found)


class FilterArgs(TypedDict, total=False):
    """The keyword arguments of ``Filters.build``, for functions that pass them on."""

    speaker: Many
    role: Many
    date_from: str | None
    date_to: str | None
    topic: Many
    geo: Many
    person: Many
    event: Many


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrict turns and events. Each field takes one value or several (any of them)."""

    speaker: tuple[str, ...] = ()  # a person (name, any label, or person id)
    role: tuple[str, ...] = ()  # words of the role printed with the label
    date_from: str | None = None
    date_to: str | None = None
    topic: tuple[str, ...] = ()
    geo: tuple[str, ...] = ()
    person: tuple[str, ...] = ()  # Persons tag of the event
    event: tuple[str, ...] = ()  # site id, url, event key or database id
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        *,
        speaker: Many = None,
        role: Many = None,
        date_from: str | None = None,
        date_to: str | None = None,
        topic: Many = None,
        geo: Many = None,
        person: Many = None,
        event: Many = None,
    ) -> Filters:
        start, stop = normalise_date(date_from), normalise_date(date_to, end=True)
        if start and stop and start > stop:
            raise QueryError(f"the dates are the wrong way round: from {date_from} is after to {date_to}")
        return cls(
            speaker=_many(speaker),
            role=_many(role),
            date_from=start,
            date_to=stop,
            topic=_many(topic),
            geo=_many(geo),
            person=_many(person),
            event=_many(event),
        )

    @property
    def turn_only(self) -> bool:
        """Filters that only turns can satisfy (titles and leads have no speaker)."""
        return bool(self.speaker or self.role)
