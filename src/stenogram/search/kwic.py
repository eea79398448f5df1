"""Keyword in context: every occurrence of a query's terms, aligned."""

from __future__ import annotations

import re
from collections.abc import Callable

from .query import Node, fold_text, positions
from .results import ConcordanceTurn, KwicLine

_TOKEN = re.compile(r"[^\W_]+")


def token_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Folded tokens of ``text`` and their character spans in it."""
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.isascii():
            toks.append(tok.lower())
            spans.append(m.span())
            continue
        for part in _TOKEN.findall(fold_text(tok)):  # folding may split a token ("ß" -> "ss" stays one)
            toks.append(part)
            spans.append(m.span())
    return toks, spans


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
        toks, spans = token_spans(text)
        for first, last in positions(node, toks):
            a, b = spans[first][0], spans[last - 1][1]
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
