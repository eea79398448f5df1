"""Align a quotation with a transcript passage, word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..parse.quotes.segment import ABBREVIATIONS
from .normalize import NEGATIONS, numbers, tokens

# A sentence ends at a terminal mark followed by white space or the end, or at a line
# break: never inside a figure ("5.1", "1,500.25") and never after an abbreviation or an
# initial ("U.S.", "Mr.", "V. Putin").
# Matching blocks farther apart than this many passage tokens (or the quotation's length,
# if longer) belong to different places: a trimmed quotation skips a few words, not a page.
MIN_CLUSTER_GAP = 12
# An edge block stands apart when the passage puts more than this many words more
# between it and the next block than the quotation does (one inserted or dropped word is
# an edit; a whole clause is another place).
EDGE_SLACK = 3
_SENT_END = re.compile(r"[.!?…]+[\"”’»“‘„«)]*(?=\s|$)|\n")  # closing marks of any shape (“ typed for ”)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(slots=True)
class Sentence:
    text: str
    start: int  # offsets in the turn text
    end: int
    toks: list[str] = field(default_factory=list)
    vocabulary: frozenset[str] = field(init=False)  # the set of its tokens

    def __post_init__(self) -> None:
        self.vocabulary = frozenset(self.toks)


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
    blocks = _local_blocks(quote, passage)
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


def _local_blocks(quote: list[str], passage: list[str]) -> list[difflib.Match]:
    """Matching blocks of the quotation in the one place of the passage it comes from.
    Of a first alignment, the main cluster is kept, without the blocks at its edges that
    the passage has far from the rest (the passage skips more words there than the
    quotation does: "In" and "why did" matched a sentence early); the quotation is then
    aligned again with the passage where the kept blocks put it, so that the words at its
    edges are compared with the words that stand there ("In | 2016, we delivered" against
    "In 2017, we delivered", "why did | nobody" against "why did not nobody")."""
    sm = difflib.SequenceMatcher(None, quote, passage, autojunk=False)
    blocks = _main_cluster([b for b in sm.get_matching_blocks() if b.size], len(quote))
    while len(blocks) > 1 and _stray(blocks[0], blocks[1]):
        blocks = blocks[1:]
    while len(blocks) > 1 and _stray(blocks[-1], blocks[-2]):
        blocks = blocks[:-1]
    if not blocks:
        return blocks
    lo = max(0, blocks[0].b - blocks[0].a)  # where the quotation's first word would stand
    hi = min(len(passage), blocks[-1].b + blocks[-1].size + len(quote) - (blocks[-1].a + blocks[-1].size))
    near = difflib.SequenceMatcher(None, quote, passage[lo:hi], autojunk=False)
    local = [difflib.Match(b.a, b.b + lo, b.size) for b in near.get_matching_blocks() if b.size]
    return local if sum(b.size for b in local) >= sum(b.size for b in blocks) else blocks


def _stray(edge: difflib.Match, inner: difflib.Match) -> bool:
    """An edge block that the passage has much farther from its neighbour than the
    quotation has it."""
    if edge.a < inner.a:
        quote_gap, passage_gap = inner.a - (edge.a + edge.size), inner.b - (edge.b + edge.size)
    else:
        quote_gap, passage_gap = edge.a - (inner.a + inner.size), edge.b - (inner.b + inner.size)
    return edge.size < inner.size and passage_gap > quote_gap + EDGE_SLACK


def _main_cluster(blocks: list[difflib.Match], quote_length: int) -> list[difflib.Match]:
    """The run of matching blocks that holds most of the quotation: a word matched far
    from the rest ("In" at the turn's start, the other words 500 words on) is not part of
    the passage the quotation was taken from."""
    if not blocks:
        return blocks
    reach = max(MIN_CLUSTER_GAP, quote_length)
    clusters: list[list[difflib.Match]] = [[blocks[0]]]
    for b in blocks[1:]:
        prev = clusters[-1][-1]
        if b.b - (prev.b + prev.size) > reach:
            clusters.append([b])
        else:
            clusters[-1].append(b)
    return max(clusters, key=lambda c: sum(b.size for b in c))


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


# A word as written: from its first to its last letter, digit, currency or per cent sign
# ("$2.5", "1.7%", "don't"), without the punctuation around it.
_WRITTEN_WORD = re.compile(r"[\w$€£¥%](?:\S*[\w%])?")


def written_differences(quote: str, passage: str) -> list[dict[str, Any]]:
    """The edits from a quotation to its source passage, in the words as written on each
    side ("one third" → "a third", not "1" → "a"), with the character span of each side
    (in ``quote`` and in ``passage``; null for a side with no words), so that a page can
    mark the changed words inside both. Words the passage has before or after the
    quotation are not edits."""
    q_words = _written_words(quote)
    p_words = _written_words(passage)
    sm = difflib.SequenceMatcher(None, [k for *_, k in q_words], [k for *_, k in p_words], autojunk=False)
    ops = sm.get_opcodes()
    while ops and ops[0][0] == "insert":
        ops = ops[1:]  # the passage's words before the quotation
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]  # and after it
    out = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        q_span = (q_words[i1][0], q_words[i2 - 1][1]) if i2 > i1 else None
        p_span = (p_words[j1][0], p_words[j2 - 1][1]) if j2 > j1 else None
        out.append(
            {
                "op": tag,
                "quote_text": quote[q_span[0] : q_span[1]] if q_span else "",
                "source_text": passage[p_span[0] : p_span[1]] if p_span else "",
                "quote_span": list(q_span) if q_span else None,
                "source_span": list(p_span) if p_span else None,
            }
        )
    return out


def _written_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, comparable form) of each word that has one."""
    out = []
    for m in _WRITTEN_WORD.finditer(text):
        key = " ".join(tokens(m.group()))
        if key:
            out.append((m.start(), m.end(), key))
    return out
