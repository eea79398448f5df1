"""Passages as a check reads them: their tokens and sentences (cached), the pieces of a
quotation, where a piece was said, and the source record of an event without a passage."""

from __future__ import annotations

import functools
import re
from typing import Any

from ..model import EventRef, Passage
from ..search.query import Or, Term
from .align import Sentence, sentences
from .normalize import SPELLINGS, content, tokens
from .rules import Match

_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\]|<…>)\s*")


def event_source(event: EventRef, note: str) -> dict[str, Any]:
    """The ``source`` of a NOT_IN_CORPUS result whose event is in the corpus: the event,
    with no passage (``text`` empty, ``turn`` null) and a ``note`` saying so."""
    return {
        "id": event["site_id"],
        "url": event["url"],
        "title": event["title"],
        "date": event["date"],
        "speaker": None,
        "person": None,
        "person_id": None,
        "role": None,
        "turn": None,
        "narrative": False,
        "kind": "event",
        "text": "",
        "offset_in_turn": [0, 0],
        "path": event["path"],
        "start": event["start"],
        "end": event["end"],
        "event_key": event["event_key"],
        "note": note,
    }


def place(turn: Passage | None, sentence: int) -> str:
    """Where a piece was said, as a reader finds it: the speaker, the turn and the
    sentence, the event's page and the turn's anchor on the web page."""
    if turn is None:
        return f"sentence {sentence + 1}"
    who = turn.get("person") or turn.get("speaker") or "the press office"
    seq = turn["seq"]
    if seq is None:
        return f"{who}, sentence {sentence + 1} ({turn['url']})"
    page = f"/events/{turn['site_id']}#turn-{seq}"  # the turn's anchor on the web page (stenogram serve)
    return f"{who}, turn {seq + 1}, sentence {sentence + 1} ({turn['url']}; {page})"


def quote_pieces(quote: str, min_words: int) -> list[str]:
    """The pieces of a quotation that may have been said apart: its "…"-joined parts, else
    its sentences, each of at least ``min_words`` content words; empty unless two or more."""
    parts = [p for p in _ELLIPSIS.split(quote) if len(content(tokens(p))) >= min_words]
    if len(parts) < 2:
        parts = [s.text for s in sentences(quote) if len(content(s.toks)) >= min_words]
    return parts if len(parts) >= 2 else []


def word_query(word: str) -> Term | Or:
    """A comparable token as a full-text query tree: every spelling that gives it
    ("program" -> "program" OR "programme")."""
    spellings = SPELLINGS.get(word, (word,))
    return Term(word) if len(spellings) == 1 else Or(tuple(Term(w) for w in spellings))


@functools.lru_cache(maxsize=8192)
def passage_tokens(text: str) -> tuple[list[str], list[int], frozenset[str]]:
    """A passage's tokens in one list, the sentence each belongs to, and the set of them."""
    flat: list[str] = []
    owner: list[int] = []
    for i, s in enumerate(passage_sentences(text)):
        flat += s.toks
        owner += [i] * len(s.toks)
    return flat, owner, frozenset(flat)


@functools.lru_cache(maxsize=8192)
def passage_sentences(text: str) -> tuple[Sentence, ...]:
    """A passage's sentences with their tokens. Cached: the same turns come back as
    candidates for many quotations (about two in five in a batch), and tokenising them is
    most of the cost of a check. Sentences are never modified after this."""
    return tuple(sentences(text))


def window_text(m: Match) -> str:
    a, b = m.window
    return " ".join(x.text for x in m.sents[a : min(b, a + 3)]) or m.turn["text"][:400]
