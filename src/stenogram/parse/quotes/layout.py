"""Paragraphs as the extractor reads them (text, mask, quoted spans) and the tests it
puts to quoted text and speaker phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import (
    Cue,
    filling_cue,
)
from .discourse import Entity
from .lexicon import DESCRIPTION_NOUNS
from .model import Quote
from .phrases import Phrase
from .segment import (
    MASK,
    Quoted,
    mask,
    quoted_spans,
    sentences,
    words,
)

_SPEECH_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
_LETTERS = re.compile(r"[^\W_]+")
_WORD = re.compile(r"\w+")

# Quoted words without a cue: fewer are a term or a name, not speech (4 was chosen over 2
# and 3 in every fold of benchmarks/cv_quotes.py).
MIN_SPEECH_WORDS = 4


LONG_SPEECH_WORDS = 8  # this many words are speech even when capitalised like a title


# A reported clause that is only "that" and a quotation ("wrote that "..."") is one
# statement; one with this many words of the writer's before the quotation hands over to
# the speaker's own words, a quotation of their own too.
MIN_OWN_WORDS = 3


HEADLINE_MAX_WORDS = 25  # a first line this short without a full stop is the headline


_FUNCTION_WORDS = frozenset(words("a an the of and or in on at to for with by from is are as vs"))


@dataclass(slots=True)
class _Para:
    start: int
    text: str
    spans: list[Quoted]
    masked: str


# ----------------------------------------------------------------------------- helpers
def _layout(text: str, a: int, b: int) -> _Para:
    para = text[a:b]
    spans = quoted_spans(para)
    return _Para(a, para, spans, mask(para, spans))


def _masked_text(text: str, paras: list[_Para]) -> str:
    pieces: list[str] = []
    at = 0
    for p in paras:
        pieces += (text[at : p.start], p.masked)
        at = p.start + len(p.masked)
    pieces.append(text[at:])
    return "".join(pieces)


def _groups(p: _Para) -> list[list[Quoted]]:
    """Spans joined when only their attribution stands between them: ``"A," he said, "B."``."""
    groups: list[list[Quoted]] = []
    for span in p.spans:
        if groups:
            prev = groups[-1][-1]
            between = p.masked[prev.end + 1 : span.start - 1]
            if (
                prev.closed
                and between.rstrip()[-1:] in ",:"
                and filling_cue(p.masked, prev.end + 1, span.start - 1)
                and len(sentences(between.strip())) <= 1  # '"A," he warned, smiling. He added: "B."': two
            ):
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups


def _speechlike(content: str, para: str, at: int) -> bool:
    """Quoted words with no cue that read as speech, not a term, a name or a title."""
    words = _SPEECH_WORD.findall(content)
    if len(words) < MIN_SPEECH_WORDS:
        return False
    if len(words) >= LONG_SPEECH_WORDS:
        return True
    return any(w[0].islower() and w.casefold() not in _FUNCTION_WORDS for w in words[1:])


def _stands_alone(masked: str, at: int, content: str, cue: Cue | None) -> bool:
    """A direct quotation opens its sentence (after a full stop, a colon, a dash, or its
    cue); words quoted inside the writer's sentence are partial."""
    if not (content[:1].isupper() or content[:1] in "[(…." or content[:1].isdigit()):
        return False
    before = masked[: max(0, at - 1)].rstrip()
    if not before or before[-1] in ":.!?—–-" or before.endswith((MASK, MASK + ",")):
        return True
    return cue is not None and cue.end <= at and before[-1:] == ","


def _closes_clause(text: str, host: Quote, end: int, content: str) -> bool:
    """Quoted words that end a reported clause ("X noted that ... "to optimize the
    rules."") are the speaker's own words handed over by the writer: a quotation of
    their own too. Words quoted inside the clause ("feels "a lot stronger" now") stay part
    of the reported statement."""
    words = _LETTERS.findall(content)
    start = end - len(content)
    own = [w for w in _LETTERS.findall(text, host.start, start) if w.casefold() != "that"]
    closes = not text[end : host.end].strip(' .,;:!?"”»’')
    return len(words) >= MIN_SPEECH_WORDS and closes and len(own) >= MIN_OWN_WORDS


def _personal(phrase: Phrase) -> bool:
    """A subject that can say things: a name, a pronoun, or a description of people."""
    if phrase.kind in ("name", "group", "pronoun"):
        return True
    return DESCRIPTION_NOUNS.get(phrase.head or "", "person") not in ("document", "thing")


def _headline_like(line: str) -> bool:
    return len(line.split()) <= HEADLINE_MAX_WORDS and line.rstrip(' "”»’)')[-1:] not in ".!?"


def _whole(p: _Para, first: Quoted, last: Quoted) -> bool:
    """Quoted words that are their whole paragraph, or a whole sentence closed inside the
    marks ("“Are there prizes?”"): speech, however short."""
    before = p.masked[: max(0, first.start - 1)].strip()
    after = p.text[last.end + 1 :].strip()
    closed = p.text[first.start : last.end].rstrip()[-1:] in ".!?"
    words = len(_WORD.findall(p.text, first.start, last.end))
    return words >= 2 and ((not before and not after) or (closed and (not before or before[-1:] in ".!?:")))


def _host(reported: list[Quote], start: int, end: int) -> Quote | None:
    """The reported statement whose clause holds the quoted words ``start:end``."""
    return next((q for q in reported if q.start <= start and end <= q.end + 2), None)


def _nearest(spoken: list[Quote], q: Quote) -> Quote | None:
    before = [s for s in spoken if s.start < q.start]
    if before:
        return before[-1]
    after = [s for s in spoken if s.start > q.start]
    return after[0] if after else None


def _speaker_type(entity: Entity | None, phrase: Phrase | None) -> str | None:
    if entity is not None:
        return {"person": "person", "org": "organisation", "group": "group"}.get(entity.kind)
    if phrase is not None and phrase.kind in ("definite", "indefinite"):
        return "unnamed"
    return None
