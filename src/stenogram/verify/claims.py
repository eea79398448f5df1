"""What an article claims was said: the quotations a check verifies, each with the
speaker the article gives, the article's date and the paragraph around it.

One function for every interface (CLI, HTTP API, web pages), so that the same article
gives the same checks everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from types import MappingProxyType
from typing import Any

from ..errors import InputError
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
# The longest quotation checked: about 800 words. Longer is a passage, not a quotation,
# and a check's cost grows with its length (a 1 MB "quotation" ran for minutes).
MAX_QUOTE_CHARS = 5000
# The longest context kept (a long paragraph); only its words about speaker and occasion count.
MAX_CONTEXT_CHARS = 20_000
# The text fields of a quotes-file record and the Claim field each fills.
_RECORD_TEXT_FIELDS = MappingProxyType(
    {"claimed_speaker": "claimed_speaker", "article_date": "date", "article_url": "url"}
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One quotation to check (from an article, a quotes file or a single ``--quote``)."""

    id: str | None
    quote: str
    claimed_speaker: str | None = None  # the person the article names, resolved ("Dmitry Peskov")
    article_speaker: str | None = None  # as the article writes it at the cue ("the presidential spokesman")
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


def check_quote_bound(quote: str) -> None:
    """Refuse a quotation past MAX_QUOTE_CHARS, with the reason."""
    if len(quote) > MAX_QUOTE_CHARS:
        raise InputError(f"quotation too long ({len(quote):,} characters; a check takes at most {MAX_QUOTE_CHARS:,})")


def check_inputs(
    quote: object, *, claimed_speaker: object = None, date: object = None, context: object = None
) -> str | None:
    """Refuse what a check cannot take (InputError names the argument); return the
    context, cut to MAX_CONTEXT_CHARS."""
    if not isinstance(quote, str):
        raise InputError(f"the quotation must be a string, not {type(quote).__name__}")
    check_quote_bound(quote)
    for name, value in (("claimed_speaker", claimed_speaker), ("date", date), ("context", context)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string or None, not {type(value).__name__}")
    return context[:MAX_CONTEXT_CHARS] if isinstance(context, str) else None


def claim_from_record(record: Any, fallback_id: str) -> Claim:
    """A quotes-file record (``id``, ``quote``, ``claimed_speaker``, ``article_date``,
    ``article_url``, ``context``) as a Claim; InputError names the first field that is
    missing, of the wrong type or out of bounds."""
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {type(record).__name__}")
    quote = record.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise InputError('"quote" must be a non-empty string')
    check_quote_bound(quote)
    fields: dict[str, str | None] = {}
    for key, name in _RECORD_TEXT_FIELDS.items():
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f'"{key}" must be a string or null, not {type(value).__name__}')
        fields[name] = value or None
    if fields["date"] is not None:
        try:
            Date.fromisoformat(fields["date"])
        except ValueError:
            raise InputError(f'"article_date" must be a date YYYY-MM-DD, not {fields["date"]!r}') from None
    context = record.get("context")
    if context is not None and not isinstance(context, str):
        raise InputError(f'"context" must be a string or null, not {type(context).__name__}')
    id_value = record.get("id", fallback_id)
    if not isinstance(id_value, str | int) or isinstance(id_value, bool):
        raise InputError(f'"id" must be a string or a number, not {type(id_value).__name__}')
    return Claim(
        str(id_value),
        quote,
        claimed_speaker=fields["claimed_speaker"],
        date=fields["date"],
        url=fields["url"],
        context=context[:MAX_CONTEXT_CHARS] if context else None,
    )
