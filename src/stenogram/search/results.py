"""What queries return: plain records, rendered by the CLI, HTTP API and web pages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

from .cite import citation


@dataclass(slots=True)
class Hit:
    """One search hit: a turn, a narrative paragraph (press-office text, a written
    statement: no speaker), a caption, or an event's title or lead, with provenance."""

    kind: str  # turn | narrative | caption | title | lead
    snippet: str  # the matching passage; matches wrapped in <mark>…</mark>
    score: float  # bm25 weighted by kind (statements first: KIND_WEIGHTS), lower is better
    event_id: int
    site_id: str | None
    url: str | None
    title: str | None
    date: str | None
    time: str | None
    speaker: str | None
    person: str | None
    person_id: str | None
    role: str | None
    turn: int | None  # index of the turn in its event
    path: str
    member: str | None
    start: int  # offsets of the turn (or paragraph, or field) in the source document
    end: int
    paragraph: int | None = None  # index of a narrative hit's paragraph in its event
    caption: int | None = None  # index of a caption hit among its event's captions

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "snippet": self.snippet,
            "score": self.score,
            "event_id": self.event_id,
            "site_id": self.site_id,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "time": self.time,
            "speaker": self.speaker,
            "person": self.person,
            "person_id": self.person_id,
            "role": self.role,
            "turn": self.turn,
            "paragraph": self.paragraph,
            "caption": self.caption,
            "source": {"path": self.path, "member": self.member, "start": self.start, "end": self.end},
            "citation": self.citation,
        }

    @property
    def citation(self) -> str:
        """How to cite the passage: speaker, event, date, official URL, turn or paragraph."""
        return citation(
            speaker=self.person or self.speaker,
            title=self.title,
            date=self.date,
            url=self.url,
            turn=self.turn,
            paragraph=self.paragraph,
        )


@dataclass(slots=True)
class KwicLine:
    left: str
    match: str
    right: str
    event_id: int
    url: str | None
    title: str | None
    date: str | None
    speaker: str | None
    person: str | None
    turn: int | None  # None for a narrative paragraph (``paragraph`` says which)
    offset: int  # character offset of the match in the turn's (or paragraph's) text
    path: str
    start: int  # the turn's (or paragraph's) offsets in the source document
    end: int
    paragraph: int | None = None
    event_key: str | None = None  # "SITE:ID": names the event unambiguously (a link to it)
    caption: int | None = None  # a caption's position among its event's captions

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SpeakerStats:
    person: str
    person_id: str
    events: int
    turns: int
    words: int
    first: str | None
    last: str | None
    roles: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    role_periods: list[RolePeriod] = field(default_factory=list)  # roles over time

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class RolePeriod:
    """A role printed with a person's label, and when: first and last event date."""

    role: str
    first: str | None
    last: str | None
    turns: int


@dataclass(slots=True)
class YearStats:
    year: str
    events: int
    turns: int
    words: int


@dataclass(slots=True)
class CorpusStats:
    documents: int
    events: int
    turns: int
    words: int
    persons: int
    first: str | None
    last: str | None
    years: list[YearStats] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ConcordanceTurn(TypedDict):
    """A turn (or a narrative paragraph) whose text matches a query, with what a
    concordance line needs."""

    turn_id: int  # 0 for a narrative paragraph
    turn: int | None  # its position in the event; None for a narrative paragraph
    paragraph: int | None  # a narrative paragraph's position among the event's paragraphs
    caption: int | None  # a caption's position among the event's captions
    speaker: str | None
    start: int
    end: int
    person: str | None
    event_id: int
    url: str | None
    title: str | None
    date: str | None
    path: str
    event_key: str
    text: str


class RecentTurn(TypedDict):
    """One of a person's latest turns (the person page)."""

    event: str | int  # the site's event id, else the database id
    turn: int
    title: str | None
    date: str | None
    text: str


class EventSummary(TypedDict):
    """One line of a list of events (browsing by date)."""

    event: str | int  # the site's event id, else the database id
    key: str
    title: str | None
    date: str | None
    time: str | None
    place: str | None
    url: str | None
    turns: int
    speakers: int


def every_month(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Monthly counts ("YYYY-MM", n) from the first month to the last, the months without
    any given as 0: a chart that leaves them out puts 2013-04 beside 2014-11. Values that
    are not months are left out."""
    known = {m: n for m, n in counts if len(m) == 7 and m[:4].isdigit() and m[4] == "-" and m[5:].isdigit()}
    if not known:
        return []
    first, last = min(known), max(known)
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append((key, known.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
