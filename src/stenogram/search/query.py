"""The query language: words, "exact phrases", AND/OR/NOT, prefix*, NEAR, parentheses.

A query is parsed into a small tree, so that a malformed query gets a clear message
before it reaches the index, each backend compiles the tree to its own syntax (SQLite:
FTS5 ``MATCH``), and the same tree matches text in Python (concordances, and the
brute-force check of the index). See docs/query-language.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import QueryError

DEFAULT_NEAR = 10
# Bounds of a query: a person's query never needs more, and past them parsing (recursive),
# the index and the Python matching of every hit grow without limit.
MAX_QUERY_DEPTH = 32  # parentheses inside parentheses
MAX_QUERY_WORDS = 64  # words, phrases and operators
MAX_QUERY_CHARS = 2000
_LEX = re.compile(r'\s*(?:(?P<quote>"[^"]*"?)|(?P<lpar>\()|(?P<rpar>\))|(?P<comma>,)|(?P<word>[^\s"(),]+))')
_TOKEN = re.compile(r"[^\W_]+")
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # one token, folded
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Near:
    items: tuple[Term | Phrase, ...]
    distance: int


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    left: Node
    right: Node


Node = Term | Phrase | Near | And | Or | Not


def tokens(text: str) -> list[str]:
    """Split and fold text as the index does (unicode61, diacritics removed)."""
    return _TOKEN.findall(fold_text(text))


def fold_text(text: str) -> str:
    nfkd = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def parse_query(query: str) -> Node:
    """Parse ``query``; raise ``QueryError`` with a hint when it is malformed."""
    if not query or not query.strip():
        raise QueryError("empty query: give words, a \"phrase\", or an expression such as 'gas AND Ukraine'")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query):,} characters; at most {MAX_QUERY_CHARS:,})")
    lexed = _lex(query)
    if sum(kind in ("word", "quote") for kind, _, _ in lexed) > MAX_QUERY_WORDS:
        raise QueryError(f"query has more than {MAX_QUERY_WORDS} words, phrases and operators")
    parser = _Parser(lexed, query)
    node = parser.or_expr()
    if parser.peek() is not None:
        _, value, at = parser.tokens[parser.pos]
        raise QueryError(f"unexpected {value!r} at position {at + 1} in {query!r}; quote it to search it as text")
    return node


def literal(query: str) -> Node:
    """The whole text as one phrase (``--literal``): no operators."""
    toks = tuple(tokens(query))
    if not toks:
        raise QueryError(f"nothing to search in {query!r}: it has no letters or digits")
    return Phrase(toks) if len(toks) > 1 else Term(toks[0])


def _lex(query: str) -> list[tuple[str, str, int]]:
    out = []
    pos = 0
    while pos < len(query):
        m = _LEX.match(query, pos)
        if not m or m.end() == pos:
            break
        kind = m.lastgroup or ""
        value = m.group(kind) if kind else ""
        if kind == "quote" and (len(value) < 2 or not value.endswith('"')):
            raise QueryError(f'unbalanced quote at position {m.start(kind) + 1} in {query!r}: close the phrase with "')
        out.append((kind, value, m.start(kind) if kind else pos))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, toks: list[tuple[str, str, int]], query: str) -> None:
        self.tokens, self.pos, self.query = toks, 0, query
        self.depth = 0  # parentheses open at this point

    def peek(self) -> tuple[str, str] | None:
        if self.pos >= len(self.tokens):
            return None
        kind, value, _ = self.tokens[self.pos]
        return kind, value

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def _is_op(self, op: str) -> bool:
        nxt = self.peek()
        return nxt is not None and nxt[0] == "word" and nxt[1] == op

    def _fail(self, message: str) -> QueryError:
        return QueryError(f"{message} in {self.query!r}", hint="literal")

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while self._is_op("OR"):
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items = [self.not_expr()]
        while True:
            nxt = self.peek()
            if nxt is None or nxt[0] in ("rpar", "comma") or self._is_op("OR"):
                break
            if self._is_op("AND"):
                self.take()
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_expr(self) -> Node:
        node = self.unary()
        while self._is_op("NOT"):
            self.take()
            node = Not(node, self.unary())
        return node

    def unary(self) -> Node:
        nxt = self.peek()
        if nxt is None:
            raise self._fail("the query ends where a word was expected")
        kind, value, at = self.take()
        if kind == "lpar":
            self.depth += 1
            if self.depth > MAX_QUERY_DEPTH:
                raise self._fail(f"parentheses nested deeper than {MAX_QUERY_DEPTH} at position {at + 1}")
            node = self.or_expr()
            self.depth -= 1
            if self.peek() is None or self.peek() != ("rpar", ")"):
                raise self._fail(f"unbalanced parenthesis at position {at + 1}")
            self.take()
            return node
        if kind == "quote":
            return self._phrase(value[1:-1], at)
        if kind == "word" and value == "NEAR":
            return self._near(at)
        if kind == "word" and value in OPERATORS:
            raise self._fail(f"{value} at position {at + 1} needs a word before it")
        if kind == "word":
            return self._term(value, at)
        raise self._fail(f"unexpected {value!r} at position {at + 1}")

    def _term(self, word: str, at: int) -> Node:
        prefix = word.endswith("*")
        toks = tokens(word.rstrip("*"))
        if not toks:
            raise self._fail(f"{word!r} at position {at + 1} has no letters or digits")
        if len(toks) > 1:  # "Kassym-Jomart" is a phrase of two tokens
            return Phrase(tuple(toks)) if not prefix else And((Phrase(tuple(toks[:-1])), Term(toks[-1], True)))
        return Term(toks[0], prefix)

    def _phrase(self, text: str, at: int) -> Node:
        toks = tokens(text)
        if not toks:
            raise self._fail(f"empty phrase at position {at + 1}")
        return Phrase(tuple(toks)) if len(toks) > 1 else Term(toks[0])

    def _near(self, at: int) -> Node:
        if self.peek() != ("lpar", "("):
            raise self._fail(f"NEAR at position {at + 1} takes a list: NEAR(word word, 10)")
        self.take()
        items: list[Term | Phrase] = []
        distance = DEFAULT_NEAR
        while True:
            nxt = self.peek()
            if nxt is None:
                raise self._fail(f"unbalanced parenthesis after NEAR at position {at + 1}")
            kind, value, pos = self.take()
            if kind == "rpar":
                break
            if kind == "comma":
                num = self.take() if self.peek() and self.peek()[0] == "word" else None  # type: ignore[index]
                if not num or not num[1].isdigit() or self.peek() != ("rpar", ")"):
                    raise self._fail(f"NEAR at position {at + 1} ends with a distance: NEAR(word word, 10)")
                distance = int(num[1])
                self.take()
                break
            node = self._phrase(value[1:-1], pos) if kind == "quote" else self._term(value, pos)
            if not isinstance(node, Term | Phrase):
                raise self._fail(f"NEAR at position {at + 1} takes words and phrases only")
            items.append(node)
        if len(items) < 2:
            raise self._fail(f"NEAR at position {at + 1} needs at least two words or phrases")
        return Near(tuple(items), distance)


# ----------------------------------------------------------------------------- FTS5
# ----------------------------------------------------------------------------- Python
def matches(node: Node, toks: list[str]) -> bool:
    """Does a token list (from ``tokens``) satisfy the query? The index's semantics."""
    return bool(positions(node, toks)) if isinstance(node, Term | Phrase | Near) else _bool(node, toks)


def _bool(node: Node, toks: list[str]) -> bool:
    if isinstance(node, And):
        return all(matches(i, toks) for i in node.items)
    if isinstance(node, Or):
        return any(matches(i, toks) for i in node.items)
    if isinstance(node, Not):
        return matches(node.left, toks) and not matches(node.right, toks)
    return matches(node, toks)


def positions(node: Node, toks: list[str]) -> list[tuple[int, int]]:
    """Token ranges ``(first, last+1)`` where a term, phrase or NEAR group matches."""
    if isinstance(node, Term):
        if node.prefix:
            return [(i, i + 1) for i, t in enumerate(toks) if t.startswith(node.text)]
        return [(i, i + 1) for i, t in enumerate(toks) if t == node.text]
    if isinstance(node, Phrase):
        n = len(node.tokens)
        first = node.tokens[0]
        return [(i, i + n) for i, t in enumerate(toks) if t == first and tuple(toks[i : i + n]) == node.tokens]
    if isinstance(node, Near):
        return _near_positions(node, toks)
    out: list[tuple[int, int]] = []
    for child in _children(node):
        out += positions(child, toks)
    return sorted(set(out))


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, And | Or):
        return node.items
    if isinstance(node, Not):
        return (node.left,)
    return ()


def _near_positions(node: Near, toks: list[str]) -> list[tuple[int, int]]:
    """FTS5 NEAR: some occurrence of every item, with at most ``distance`` tokens between
    them. Every minimal window that holds one occurrence of each item, by one sliding
    window over the occurrences in order (linear in the text; trying every combination
    of occurrences was exponential in the number of items)."""
    hits = [positions(item, toks) for item in node.items]
    if any(not h for h in hits):
        return []
    # the items' own tokens, whichever occurrences: only the tokens between them count
    allowed = node.distance + sum(b - a for a, b in (h[0] for h in hits))
    events = sorted((a, b, i) for i, h in enumerate(hits) for a, b in h)
    inside = [0] * len(hits)
    missing = len(hits)
    out = set()
    left = 0
    for right, (_, _, item) in enumerate(events):
        inside[item] += 1
        missing -= inside[item] == 1
        while missing == 0 and inside[events[left][2]] > 1:  # the leftmost is not needed
            inside[events[left][2]] -= 1
            left += 1
        if missing == 0:
            start = events[left][0]
            end = max(b for _, b, _ in events[left : right + 1])
            if end - start <= allowed:
                out.add((start, end))
    return sorted(out)
