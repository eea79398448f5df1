"""Snippets: the best window of a text around a query's matches, matches marked."""

from __future__ import annotations

from .kwic import token_spans
from .query import Node, positions

MARK = ("<mark>", "</mark>")
ELLIPSIS = "…"


def make_snippet(text: str, node: Node, *, width: int = 32) -> str:
    """About ``width`` words of ``text`` around the densest cluster of matches, each match
    wrapped in ``<mark>…</mark>``, with "…" where the text is cut."""
    toks, spans = token_spans(text)
    if not toks:
        return text[:200]
    hits = positions(node, toks)
    start = _best_window(hits, width, len(toks))
    end = min(len(toks), start + width)
    a = spans[start][0] if start > 0 else 0
    b = spans[end - 1][1] if end < len(toks) else len(text)
    out = []
    cursor = a
    for first, last in hits:
        if first < start or last > end:
            continue
        ha, hb = spans[first][0], spans[last - 1][1]
        if ha < cursor:
            continue
        out += [text[cursor:ha], MARK[0], text[ha:hb], MARK[1]]
        cursor = hb
    out.append(text[cursor:b])
    body = "".join(out).strip()
    return (ELLIPSIS if a > 0 else "") + body + (ELLIPSIS if b < len(text) else "")


def _best_window(hits: list[tuple[int, int]], width: int, n: int) -> int:
    """Start token of the window of ``width`` tokens holding the most matches."""
    if not hits:
        return 0
    best, best_count = 0, -1
    for first, _ in hits:
        start = max(0, min(first - width // 4, n - width))
        count = sum(1 for f, last in hits if f >= start and last <= start + width)
        if count > best_count:
            best, best_count = start, count
    return best
