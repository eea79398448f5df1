"""Quotations in news articles, and who said them.

``extract_quotes(text)`` reads an article in order (``extract``): quotation marks and
dash-led paragraphs give direct and partial quotations, speech verbs give reported speech,
and each speaker phrase is resolved to the person, organisation or group the article
means (``phrases``, ``cues``, ``clauses``, ``discourse``). Word lists are data (``parse/data``).
"""

from __future__ import annotations

from .cues import _all_verbs
from .extract import extract_quotes
from .lexicon import ROLE_ALIASES_FOLDED, SPEECH_VERBS
from .model import Quote
from .phrases import _classify, phrase_before

CUES = tuple(sorted(SPEECH_VERBS, key=len, reverse=True))


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph (line) of an article that holds text[start:end]: a quotation's context."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return text[begin : stop if stop >= 0 else len(text)]


def clear_text_caches() -> None:
    """Forget what was cached about texts already read (paragraphs, phrases), keeping the
    caches of single words. A benchmark calls it between passes over the same articles, so
    that every pass reads them as new text, as a stream of new articles would be read."""
    for cached in (_all_verbs, _classify, phrase_before):
        cached.cache_clear()


__all__ = ["CUES", "ROLE_ALIASES_FOLDED", "Quote", "clear_text_caches", "extract_quotes", "paragraph_around"]
