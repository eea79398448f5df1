"""Verdicts as schema.org ClaimReview (JSON-LD), for fact-check publishers and aggregators.

Rating scale (``worstRating`` 1, ``bestRating`` 5), documented in docs/check-contract.md:
VERBATIM 5 "Accurate quotation", CLOSE 4 "Accurate, lightly edited", TRANSLATION_VARIANT 4
"Accurate in substance, another translation", ALTERED 2 "Altered quotation", SPLICED 2
"Spliced quotation", MISATTRIBUTED 1 "Misattributed quotation"; NOT_IN_CORPUS has no
numeric rating, only ``alternateName`` "Not found in the official transcripts".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .result import CheckResult

RATINGS: dict[str, tuple[int | None, str]] = {
    "VERBATIM": (5, "Accurate quotation"),
    "CLOSE": (4, "Accurate, lightly edited"),
    "TRANSLATION_VARIANT": (4, "Accurate in substance, another translation"),
    "ALTERED": (2, "Altered quotation"),
    "SPLICED": (2, "Spliced quotation"),
    "MISATTRIBUTED": (1, "Misattributed quotation"),
    "NOT_IN_CORPUS": (None, "Not found in the official transcripts"),
}


def claim_review(
    result: CheckResult,
    *,
    organisation: str,
    organisation_url: str | None = None,
    article_url: str | None = None,
    article_date: str | None = None,
    published: str | None = None,
) -> dict[str, Any]:
    value, words = RATINGS[result.verdict]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": words, "worstRating": 1, "bestRating": 5}
    if value is not None:
        rating["ratingValue"] = value
    claim: dict[str, Any] = {"@type": "Claim"}
    if result.claimed_speaker:
        claim["author"] = {"@type": "Person", "name": result.claimed_speaker}
    if article_url or article_date:
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if article_url:
            appearance["url"] = article_url
        if article_date:
            appearance["datePublished"] = article_date
        claim["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": result.quote,
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": {
            "@type": "Organization",
            "name": organisation,
            **({"url": organisation_url} if organisation_url else {}),
        },
        "datePublished": published or dt.date.today().isoformat(),
        "reviewBody": result.reason,
    }
    source = result.source
    if source and source.get("url"):
        start, end = source.get("offset_in_turn") or (0, 0)
        review["url"] = source["url"]
        review["citation"] = {
            "@type": "CreativeWork",
            "url": source["url"],
            "name": source.get("title"),
            "datePublished": source.get("date"),
            **({"text": source["text"]} if source.get("text") else {}),
            "description": source.get("note") or f"turn {source.get('turn')}, characters {start}-{end} of the turn",
        }
    return review
