"""What a check returns: the verdicts and qualifiers with their meanings, and ``CheckResult``
(the check contract, docs/check-contract.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .rules import days_after

CONTRACT = "1.3"


VERDICTS = ("VERBATIM", "CLOSE", "TRANSLATION_VARIANT", "ALTERED", "SPLICED", "MISATTRIBUTED", "NOT_IN_CORPUS")


# What each verdict means (the legend of the reports and the web page).
VERDICT_MEANINGS = MappingProxyType(
    {
        "VERBATIM": "every word of the quotation is in the source, in order and unbroken",
        "CLOSE": "most words match in order: a trimmed or lightly edited quotation of the same words",
        "TRANSLATION_VARIANT": "the same meaning in other words: another translation of what was said",
        "ALTERED": "the words match closely but a figure or a negation differs: the meaning was changed",
        "SPLICED": "pieces said apart (other sentences, turns or events) joined as one quotation",
        "MISATTRIBUTED": "said, but by someone other than the claimed speaker",
        "NOT_IN_CORPUS": "no passage of the corpus matches closely enough",
    }
)


SCORE_MEANING = "score: the strength of the evidence, word alignment (coverage × density) or meaning similarity, 0–1"


# Qualifiers (1.3): what a reader must know about the source besides the verdict.
QUALIFIERS = MappingProxyType(
    {
        "press_summary": "the source is the press office's summary of the event, not the speaker's own words",
        "retranslated": "the source turn was translated from an interpreter's rendering (its label says retranslated)",
        "earlier_occasion": "the source was said long before the article: another occasion than the one reported",
    }
)


# A source older than this, relative to the article, is another occasion: news quotes what
# was said at the event it reports, days before, not remarks of months or years ago.
EARLIER_OCCASION_DAYS = 30


@dataclass(slots=True)
class CheckResult:
    """The verdict on one quotation, with the evidence."""

    quote: str
    claimed_speaker: str | None
    verdict: str
    score: float
    reason: str
    source: dict[str, Any] | None = None
    differences: list[dict[str, str]] = field(default_factory=list)
    id: str | None = None
    alignment: dict[str, Any] | None = None
    article_speaker: str | None = None  # the speaker as the article writes it ("the presidential spokesman")
    qualifiers: list[str] = field(default_factory=list)  # codes of QUALIFIERS
    # (1.3) the edits in the words as written on both sides, with their spans
    differences_as_written: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> CheckResult:
        """A result back from its contract record (a stored verdict, a line of --json)."""
        return cls(
            quote=record["quote"],
            claimed_speaker=record.get("claimed_speaker"),
            verdict=record["verdict"],
            score=float(record.get("score", 0.0)),
            reason=record.get("reason", ""),
            source=record.get("source"),
            differences=list(record.get("differences") or []),
            id=record.get("id"),
            alignment=record.get("alignment"),
            article_speaker=record.get("article_speaker"),
            qualifiers=list(record.get("qualifiers") or []),
            differences_as_written=list(record.get("differences_as_written") or []),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "check",
            "contract": CONTRACT,
            "id": self.id,
            "quote": self.quote,
            "claimed_speaker": self.claimed_speaker,
            "article_speaker": self.article_speaker,
            "verdict": self.verdict,
            "score": round(self.score, 4),
            "reason": self.reason,
            "source": self.source,
            "differences": self.differences,
            "alignment": self.alignment,
            "qualifiers": self.qualifiers,
            "differences_as_written": self.differences_as_written,
        }


def source_qualifiers(source: dict[str, Any] | None, article_date: str | None) -> list[str]:
    """The QUALIFIERS that apply to a result's source (see their meanings)."""
    if not source or not source.get("text"):
        return []
    out = []
    if source.get("narrative"):
        out.append("press_summary")
    if "retranslat" in str(source.get("speaker") or "").casefold():
        out.append("retranslated")
    said, published = source.get("date"), article_date
    if said and published:
        earliest = days_after(published, -EARLIER_OCCASION_DAYS)
        if earliest and str(said) < earliest:
            out.append("earlier_occasion")
    return out
