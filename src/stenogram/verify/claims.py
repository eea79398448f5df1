"""What an article claims was said: the quotations a check verifies, each with the
speaker the article gives, the article's date and the paragraph around it.

One function for every interface (CLI, HTTP API, web pages), so that the same article
gives the same checks everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse.news import Article
from ..parse.quotes import Quote, paragraph_around

# Words quoted inside reported speech are checked when they are at least this long:
# shorter ones ("useful", "a provocation") are terms the writer borrows, too short to
# find a source for on their own.
MIN_QUOTED_WORDS = 4
# A claimed speaker is passed to the checker only for these kinds of speaker: an
# organisation, a group or a description ("officials") names no one who could have said
# the words in a transcript.
_SPEAKER_TYPES_CLAIMED = frozenset({"person", None})


@dataclass(frozen=True, slots=True)
class Claim:
    """One quotation to check (from an article, a quotes file or a single ``--quote``)."""

    id: str | None
    quote: str
    claimed_speaker: str | None = None  # the person the article names, resolved ("Dmitry Peskov")
    article_speaker: str | None = None  # as the article writes it at the cue ("the Kremlin spokesman")
    date: str | None = None
    url: str | None = None  # where the quotation appeared
    context: str | None = None  # the paragraph around the quotation
    start: int | None = None  # the quotation in the article's text
    end: int | None = None


def article_claims(article: Article) -> list[Claim]:
    """The quotations of ``article`` to check: direct and partial quotations, and the
    words an article quotes inside reported speech; reported speech itself is the
    writer's paraphrase and is not checked word by word."""
    claims: list[Claim] = []
    for i, q in enumerate(article.quotes):
        if q.kind != "indirect":
            claims.append(_claim(article, q, f"{article.path}#{i}", q.text, q.start, q.end))
            continue
        for j, (a, b) in enumerate(q.quoted):
            words = article.text[a:b]
            if len(re.findall(r"\w+", words)) >= MIN_QUOTED_WORDS and not _also_direct(article, a, b):
                claims.append(_claim(article, q, f"{article.path}#{i}.{j}", words.strip(" ,."), a, b))
    return claims


def _claim(article: Article, q: Quote, id: str, text: str, start: int, end: int) -> Claim:
    claimed = q.person if q.person and q.speaker_type in _SPEAKER_TYPES_CLAIMED else None
    return Claim(
        id=id,
        quote=text,
        claimed_speaker=claimed,
        article_speaker=q.speaker,
        date=article.date,
        url=article.url,
        context=paragraph_around(article.text, start, end),
        start=start,
        end=end,
    )


def _also_direct(article: Article, a: int, b: int) -> bool:
    """Quoted words that the extractor also gave as a quotation of their own."""
    return any(q.kind != "indirect" and q.start <= a + 1 and b - 1 <= q.end for q in article.quotes)
