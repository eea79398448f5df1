"""Keyword in context: every occurrence of a query's terms, aligned."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .query import And, Node, Not, Or, Phrase, Term, fold_text, positions
from .results import ConcordanceTurn, KwicLine

TOKEN = re.compile(r"[^\W_]+")
# A letter or digit outside ASCII ("é", "ß"): folding may change it and the length of the
# text, so only texts without one take the regular-expression path (typographic quotes,
# dashes and spaces are not tokens and change nothing).
NON_ASCII_WORD_CHAR = re.compile(r"[^\W_a-zA-Z0-9]")


def token_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Folded tokens of ``text`` and their character spans in it."""
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in TOKEN.finditer(text):
        tok = m.group()
        if tok.isascii():
            toks.append(tok.lower())
            spans.append(m.span())
            continue
        for part in TOKEN.findall(fold_text(tok)):  # folding may split a token ("ß" -> "ss" stays one)
            toks.append(part)
            spans.append(m.span())
    return toks, spans


@lru_cache(maxsize=256)
def _occurrence(leaf: Term | Phrase) -> re.Pattern[str]:
    """Where a term or phrase stands in lowercased text of ASCII tokens, as ``token_spans`` and
    ``positions`` would find it: whole tokens (or a token's start, for a prefix), the
    tokens of a phrase separated by anything that is not a token. The pattern opens with
    the first token's letters, then looks behind them for a letter that would join them to
    a longer token: a literal start lets the engine skip to its candidates (7-30 times
    faster than a pattern that opens with a lookbehind)."""
    first = re.escape(leaf.text if isinstance(leaf, Term) else leaf.tokens[0])
    body = rf"{first}(?<![^\W_]{first})"
    if isinstance(leaf, Term):
        body += r"[^\W_]*" if leaf.prefix else ""
    else:
        body += "".join(r"[\W_]+" + re.escape(t) for t in leaf.tokens[1:])
    return re.compile(body + r"(?![^\W_])")


def _leaf_spans(leaf: Term | Phrase, lowered: str) -> list[tuple[int, int]]:
    """Every match of a leaf; a phrase's matches may overlap ("ha ha" twice in "ha ha ha"),
    so after each one the search goes on from its next character."""
    pattern = _occurrence(leaf)
    if isinstance(leaf, Term):
        return [m.span() for m in pattern.finditer(lowered)]
    out = []
    m = pattern.search(lowered)
    while m is not None:
        out.append(m.span())
        m = pattern.search(lowered, m.start() + 1)
    return out


def ascii_spans(node: Node, lowered: str) -> list[tuple[int, int]] | None:
    """The character spans where ``node`` matches lowercased text whose tokens are all
    ASCII, found by regular expressions instead of a Python pass over every token (kwic
    reads long turns whole); None for NEAR, which needs the token positions."""
    if isinstance(node, Term | Phrase):
        return _leaf_spans(node, lowered)
    children: tuple[Node, ...]
    if isinstance(node, And | Or):
        children = node.items
    elif isinstance(node, Not):
        children = (node.left,)
    else:
        return None
    found: set[tuple[int, int]] = set()
    for child in children:
        spans = ascii_spans(child, lowered)
        if spans is None:
            return None
        found.update(spans)
    return sorted(found)


def match_spans(node: Node, text: str) -> list[tuple[int, int]]:
    """The character spans of ``text`` where ``node`` matches, in order."""
    if NON_ASCII_WORD_CHAR.search(text) is None:
        found = ascii_spans(node, text.lower())
        if found is not None:
            return found
    toks, spans = token_spans(text)
    return [(spans[first][0], spans[last - 1][1]) for first, last in positions(node, toks)]


def kwic_lines(
    node: Node, turns: list[ConcordanceTurn], *, width: int = 40, check: Callable[[], None] | None = None
) -> list[KwicLine]:
    """The occurrences of ``node`` in ``turns``; ``check`` is called before each turn (a
    time limit raises there)."""
    out = []
    for t in turns:
        if check:
            check()
        text = t["text"]
        for a, b in match_spans(node, text):
            left = " ".join(text[max(0, a - width * 2) : a].split())[-width:]
            right = " ".join(text[b : b + width * 2].split())[:width]
            out.append(
                KwicLine(
                    left=left,
                    match=" ".join(text[a:b].split()),
                    right=right,
                    event_id=t["event_id"],
                    url=t["url"],
                    title=t["title"],
                    date=t["date"],
                    speaker=t["speaker"],
                    person=t["person"],
                    turn=t["turn"],
                    paragraph=t["paragraph"],
                    offset=a,
                    path=t["path"],
                    start=t["start"],
                    end=t["end"],
                    event_key=t.get("event_key"),
                    caption=t.get("caption"),
                )
            )
    return out


def sort_lines(lines: list[KwicLine], how: str) -> list[KwicLine]:
    """``left``: by the words before the match, nearest first; ``right``: by the words after."""
    if how == "left":
        return sorted(lines, key=lambda k: (list(reversed(k.left.casefold().split())), k.match.casefold()))
    if how == "right":
        return sorted(lines, key=lambda k: (k.match.casefold(), k.right.casefold()))
    return lines
