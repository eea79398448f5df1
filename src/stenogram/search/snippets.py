"""Snippets: the best window of a text around a query's matches, matches marked."""

from __future__ import annotations

import re
from bisect import bisect_left

from .kwic import NON_ASCII_WORD_CHAR, TOKEN, ascii_spans, token_spans
from .query import And, Near, Node, Not, Or, Phrase, Term, positions

MARK = ("<mark>", "</mark>")
ELLIPSIS = "…"
WINDOW = 1200  # characters looked at around the first match in a long turn


def make_snippet(text: str, node: Node, *, width: int = 32) -> str:
    """About ``width`` words of ``text`` around the densest cluster of matches, each match
    wrapped in ``<mark>…</mark>``, with "…" where the text is cut."""
    if len(text) > WINDOW * 2:  # long turns: look only around the first match of a query word
        at = _first_hit(text, node)
        if at is not None:
            a = max(0, at - WINDOW // 2)
            a = text.rfind(" ", 0, a) + 1 if a else 0
            b = min(len(text), at + WINDOW)
            inner = _snippet(text[a:b], node, width)
            if "<mark>" in inner:
                return (
                    (ELLIPSIS if a > 0 and not inner.startswith(ELLIPSIS) else "")
                    + inner
                    + (ELLIPSIS if b < len(text) and not inner.endswith(ELLIPSIS) else "")
                )
    return _snippet(text, node, width)


def match_spans(text: str, node: Node) -> list[tuple[int, int]]:
    """Character spans of the query's matches in ``text`` (to highlight a whole page),
    in order, none overlapping."""
    spans, hits = _tokens_and_hits(text, node)
    out: list[tuple[int, int]] = []
    for first, last in sorted(hits):
        a, b = spans[first][0], spans[last - 1][1]
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def _first_hit(text: str, node: Node) -> int | None:
    """Offset of the first occurrence of any word of the query (cheap, case-insensitive)."""
    words = sorted({w for w in _words(node)}, key=len, reverse=True)
    if not words:
        return None
    pattern = re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")")
    m = pattern.search(text)
    return m.start() if m else None


def _words(node: Node) -> list[str]:
    if isinstance(node, Term):
        return [node.text]
    if isinstance(node, Phrase):
        return [node.tokens[0]]
    if isinstance(node, Near):
        return [w for item in node.items for w in _words(item)]
    if isinstance(node, Not):
        return _words(node.left)
    if isinstance(node, And | Or):
        return [w for item in node.items for w in _words(item)]
    return []


def _snippet(text: str, node: Node, width: int) -> str:
    spans, hits = _tokens_and_hits(text, node)
    if not spans:
        return text[:200]
    start = _best_window(hits, width, len(spans))
    end = min(len(spans), start + width)
    a = spans[start][0] if start > 0 else 0
    b = spans[end - 1][1] if end < len(spans) else len(text)
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


def _tokens_and_hits(text: str, node: Node) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The character spans of ``text``'s tokens and the token ranges where ``node`` matches.
    Where the text's letters and digits are all ASCII the matches are found by regular
    expressions (``kwic.ascii_spans``) and mapped to tokens, instead of a Python pass that
    folds every token: the same ranges, several times faster on long turns."""
    if NON_ASCII_WORD_CHAR.search(text) is None:
        found = ascii_spans(node, text.lower())
        if found is not None:
            spans = [m.span() for m in TOKEN.finditer(text)]
            starts = [a for a, _ in spans]
            ends = [b for _, b in spans]
            return spans, [(bisect_left(starts, a), bisect_left(ends, b) + 1) for a, b in found]
    toks, spans = token_spans(text)
    return spans, positions(node, toks)


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
