"""Quotations in news articles, and who said them.

``extract_quotes(text)`` reads an article in order (``extract``): quotation marks and
dash-led paragraphs give direct and partial quotations, speech verbs give reported speech,
and each speaker phrase is resolved to the person, organisation or group the article
means (``phrases``, ``cues``, ``clauses``, ``discourse``). Word lists are data (``parse/data``).
"""

from __future__ import annotations

from .extract import extract_quotes
from .lexicon import ROLE_ALIASES_FOLDED, SPEECH_VERBS
from .model import Quote

CUES = tuple(sorted(SPEECH_VERBS, key=len, reverse=True))


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph (line) of an article that holds text[start:end]: a quotation's context."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return text[begin : stop if stop >= 0 else len(text)]


__all__ = ["CUES", "ROLE_ALIASES_FOLDED", "Quote", "extract_quotes", "paragraph_around"]
