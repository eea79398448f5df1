"""Stored verdicts as schema.org ClaimReview JSON-LD (``stenogram export claimreview``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..corpus import Corpus
from ..search.filters import Filters
from ..verify.claimreview import claim_review
from ..verify.result import CheckResult


def export_claimreview(
    corpus: Corpus,
    out: Path,
    filters: Filters | None = None,
    progress: Callable[[], None] | None = None,
    *,
    organisation: str = "stenogram user",
    organisation_url: str | None = None,
) -> dict[str, int]:
    """``claimreview.json``: a JSON list of ClaimReview objects, one per stored verdict,
    written one object at a time."""
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    with (out / "claimreview.json").open("w", encoding="utf-8") as fh:
        fh.write("[")
        for v in corpus.verdicts():
            review = claim_review(
                CheckResult.from_dict(v["result"]),
                organisation=organisation,
                organisation_url=organisation_url,
                article_url=v["article_url"],
                article_date=v["article_date"],
                published=v["checked_at"][:10],
            )
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(review, ensure_ascii=False))
            n += 1
            if progress:
                progress()
        fh.write("\n]\n")
    return {"claimreviews": n}
