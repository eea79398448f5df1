"""Align a quotation with a transcript passage, word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..parse.quotes.segment import ABBREVIATIONS
from .normalize import NEGATIONS, numbers, tokens

# A sentence ends at a terminal mark followed by white space or the end, or at a line
# break: never inside a figure ("5.1", "1,500.25") and never after an abbreviation or an
# initial ("U.S.", "Mr.", "V. Putin").
_SENT_END = re.compile(r"[.!?…]+[\"”’»)]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(slots=True)
class Sentence:
    text: str
    start: int  # offsets in the turn text
    end: int
    toks: list[str] = field(default_factory=list)


def sentences(text: str) -> list[Sentence]:
    """The sentences of a passage, with offsets and comparable tokens."""
    out: list[Sentence] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group() != "\n" and _after_abbreviation(text, m.start()):
            continue
        _add_sentence(out, text, start, m.end())
        start = m.end()
    _add_sentence(out, text, start, len(text))
    return out


def _add_sentence(out: list[Sentence], text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if len(stripped) < 2:
        return
    a = start + raw.index(stripped[0])
    out.append(Sentence(stripped, a, a + len(stripped), tokens(stripped)))


def _after_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 24), dot)
    if m is None:
        return False
    word = m.group(1)
    return word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


@dataclass(slots=True)
class Alignment:
    """How a quotation's tokens map onto a passage's tokens."""

    coverage: float  # share of quotation tokens found, in order, in the passage
    density: float  # matched tokens / tokens spanned in the passage
    contiguous: bool  # the whole quotation is one unbroken run in the passage
    first: int  # token span of the matched region in the passage
    last: int
    changed_numbers: list[tuple[str, str]]  # (quotation, passage)
    negation_changed: bool
    ops: list[tuple[str, str, str]]  # (op, quotation words, passage words): equal/replace/insert/delete
    max_gap: int  # largest run of passage tokens skipped between matched blocks


def align(quote: list[str], passage: list[str]) -> Alignment:
    sm = difflib.SequenceMatcher(None, quote, passage, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size]
    matched = sum(b.size for b in blocks)
    if not blocks:
        return Alignment(0.0, 0.0, False, 0, 0, [], False, [], 0)
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    gaps = [blocks[i + 1].b - (blocks[i].b + blocks[i].size) for i in range(len(blocks) - 1)]
    region = passage[first:last]
    ops = _ops(quote, region)
    q_nums, p_nums = numbers(quote), numbers(region)
    changed = [(a, b) for a, b in _number_changes(ops)] if q_nums != p_nums else []
    neg = sum(t in NEGATIONS for t in quote) != sum(t in NEGATIONS for t in region)
    return Alignment(
        coverage=matched / len(quote),
        density=matched / max(1, last - first),
        contiguous=len(blocks) == 1 and blocks[0].size == len(quote),
        first=first,
        last=last,
        changed_numbers=changed,
        negation_changed=neg,
        ops=ops,
        max_gap=max(gaps, default=0),
    )


def _ops(quote: list[str], region: list[str]) -> list[tuple[str, str, str]]:
    sm = difflib.SequenceMatcher(None, quote, region, autojunk=False)
    return [(tag, " ".join(quote[i1:i2]), " ".join(region[j1:j2])) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


def _number_changes(ops: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    out = []
    for tag, q, p in ops:
        if tag == "equal":
            continue
        qn = [t for t in q.split() if t[:1].isdigit()]
        pn = [t for t in p.split() if t[:1].isdigit()]
        if qn or pn:
            out.append((" ".join(qn) or q, " ".join(pn) or p))
    return out
