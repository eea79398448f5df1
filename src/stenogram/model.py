"""Record types. Every record carries provenance: character offsets into its source text.

Offsets (``start``/``end``) always index the *decoded* text of the source document
(``Source.path``, and ``Source.member`` inside an archive), so ``source_text[start:end]``
is the exact original for that record. Derived text (``text`` fields) is whitespace
normalised and may join lines that the original breaks; the original is never altered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NewType, NotRequired, TypedDict

CONTRACT_VERSION = "1.0"
_WORD = re.compile(r"[^\W_]+")


def count_words(text: str) -> int:
    """Words of a text as every count in the corpus reads them (letters and digits runs)."""
    return len(_WORD.findall(text))


@dataclass(slots=True)
class Source:
    """Where a document came from."""

    path: str
    format: str  # a registered site format (``stenogram.sites``)
    member: str | None = None  # path inside an archive
    encoding: str = "utf-8"
    start: int = 0  # span of this event inside the decoded document
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "member": self.member,
            "format": self.format,
            "encoding": self.encoding,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Span:
    """A piece of source text with its offsets: a caption, a tag, an unparsed remainder."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Paragraph:
    """One body paragraph. ``kind`` says what it is; ``turn`` indexes ``Event.turns``."""

    kind: str  # speech | narrative | omission | separator | caption | see_also
    text: str
    start: int
    end: int
    turn: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "turn": self.turn,
        }


@dataclass(slots=True)
class Turn:
    """A speaker's turn: from a label to the next label (or a ``* * *`` separator)."""

    speaker: str  # the label as printed, without the colon, whitespace normalised
    person: str | None  # canonical "First Last", None for generic labels (Question, ...)
    role: str | None  # the title printed with the label
    note: str | None  # parenthetical note in the label: "retranslated", "speaking German"
    text: str  # paragraphs joined by "\n"
    start: int  # from the label's first character ...
    end: int  # ... to the end of the turn's last paragraph
    label_start: int
    label_end: int
    person_id: str | None = None
    site_ref: str | None = field(default=None, repr=False)  # the site's person id in the label link

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "person": self.person,
            "person_id": self.person_id,
            "role": self.role,
            "note": self.note,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": {"start": self.label_start, "end": self.label_end},
        }


@dataclass(slots=True)
class Event:
    """One event page: metadata, tags, body paragraphs and speaker turns."""

    source: Source
    id: str | None = None
    url: str | None = None
    title: str | None = None
    lead: str | None = None
    date: str | None = None  # ISO date of the event (publication date for announcements)
    time: str | None = None  # "HH:MM"
    place: str | None = None
    announcement: str | None = None  # "Announcement, February 27 − 28, 2013"
    published: str | None = None  # ISO "YYYY-MM-DDTHH:MM" from "Publication date"
    sections: list[str] = field(default_factory=list)
    geography: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)  # tags as printed: "Pashinyan Nikol"
    captions: list[Span] = field(default_factory=list)
    see_also: list[Span] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> offsets
    remainder: list[Span] = field(default_factory=list)  # source text no field took
    # Site furniture ("Events", "Text version", tag headings, tooltips): accounted for,
    # not content. Kept for the lossless check; not part of the JSON contract.
    furniture: list[tuple[int, int]] = field(default_factory=list, repr=False)
    # The site's person ids of the Persons tags ("Pashinyan Nikol" -> "1234"), HTML only.
    person_refs: dict[str, str] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The ``stenogram parse --json`` contract (docs/parse-contract.md)."""
        return {
            "kind": "event",
            "contract": CONTRACT_VERSION,
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "lead": self.lead,
            "date": self.date,
            "time": self.time,
            "place": self.place,
            "announcement": self.announcement,
            "published": self.published,
            "sections": self.sections,
            "geography": self.geography,
            "topics": self.topics,
            "persons": self.persons,
            "captions": [c.to_dict() for c in self.captions],
            "see_also": [c.to_dict() for c in self.see_also],
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "turns": [t.to_dict() for t in self.turns],
            "spans": {k: list(v) for k, v in self.spans.items()},
            "remainder": [r.to_dict() for r in self.remainder],
            "source": self.source.to_dict(),
        }


# ------------------------------------------------------------------ passages (verification)
# A passage a check weighs is a speaker turn or a narrative paragraph; one id space holds
# both, so that one candidate list and one vector matrix do: a turn's id as it is, a
# narrative paragraph's as the negative of its row in the narrative index. Ids are made
# and read only by these functions.
PassageId = NewType("PassageId", int)
NARRATIVE_STRIDE = 2**20  # paragraphs an event may have: the narrative index's rowid is event * stride + seq


def turn_passage(turn_id: int) -> PassageId:
    return PassageId(turn_id)


def narrative_passage(event_id: int, seq: int) -> PassageId:
    return PassageId(-(event_id * NARRATIVE_STRIDE + seq))


def narrative_rowid(event_id: int, seq: int) -> int:
    """The paragraph's row in the narrative full-text index."""
    return event_id * NARRATIVE_STRIDE + seq


def passage_of_rowid(rowid: int) -> PassageId:
    """The passage of a row of the narrative full-text index."""
    return PassageId(-rowid)


def is_narrative_id(passage_id: int) -> bool:
    return passage_id < 0


def narrative_place(passage_id: PassageId) -> tuple[int, int]:
    """``(event id, paragraph seq)`` of a narrative passage."""
    event_id, seq = divmod(-passage_id, NARRATIVE_STRIDE)
    return event_id, seq


def next_paragraph(passage_id: PassageId) -> PassageId:
    """The narrative paragraph after this one in its event (whether or not it is one)."""
    event_id, seq = narrative_place(passage_id)
    return narrative_passage(event_id, seq + 1)


class Passage(TypedDict):
    """A passage a check weighs: a speaker turn, or a narrative paragraph (no speaker: a
    written statement, the page's own text), with its event and where it lies."""

    turn_id: PassageId  # a turn id, or a narrative paragraph's passage id
    event_id: int
    seq: int | None  # the turn's position in its event; None for a narrative paragraph
    speaker: str | None
    person: str | None
    person_id: str | None
    role: str | None
    start: int
    end: int
    site_id: str | None
    url: str | None
    title: str | None
    date: str | None
    path: str
    event_key: str
    text: str
    narrative: NotRequired[bool]
    # For a narrative paragraph: whose words it may give (the event's speakers, and the
    # one who speaks most in the corpus that year, whom a press office writes for)
    voices: NotRequired[list[str]]


class EventRef(TypedDict):
    """A dated event as a check cites it when no passage of it matches."""

    id: int
    site_id: str | None
    url: str | None
    title: str | None
    date: str
    event_key: str
    path: str
    start: int
    end: int


class StoredVerdict(TypedDict):
    """A check result as stored (``Corpus.verdicts()``): the columns, and the check
    contract record itself under ``result``."""

    verdict_key: str
    quote_id: str | None
    quote: str
    claimed_speaker: str | None
    article_url: str | None
    article_date: str | None
    verdict: str
    score: float
    reason: str
    source_event_key: str | None
    source_turn: int | None
    source_url: str | None
    result: dict[str, Any]
    checked_at: str
