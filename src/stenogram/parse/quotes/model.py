"""The quotation record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Quote:
    """A quotation (or reported speech) in an article, with its speaker and offsets."""

    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None  # as the article names them: "Vladimir Putin", "he", "the President"
    person: str | None  # who that is: a person's full name, or an organisation's or group's name
    cue: str | None  # "Vladimir Putin said"
    confidence: float
    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)  # several for interrupted quotations
    speaker_type: str | None = None  # person | organisation | group | unnamed; None when no speaker
    quoted: list[tuple[int, int]] = field(default_factory=list)  # words in marks inside reported speech

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parts"] = [list(p) for p in self.parts]
        d["quoted"] = [list(p) for p in self.quoted]
        return d
