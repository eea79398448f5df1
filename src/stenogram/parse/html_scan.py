"""An offset-keeping HTML scanner: tags and text tokens with their exact positions.

Site parsers read pages with it instead of a DOM: every field, paragraph and turn must
point back at its exact characters in the page, and a DOM parser does not say where its
nodes came from. The lossless audit reads a page's text with the same scanner, so it sees
the page exactly as the parser does. Broken markup degrades to text, never to an exception.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    # Quoted attribute values may hold ">" but not "<": a broken tag then fails at the
    # next "<"; possessive quantifiers never backtrack, so the scan stays linear.
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*+)((?:[^<>\"']++|\"[^\"<]*+\"|'[^'<]*+')*+)>"
    r"|<"
    r"|[^<]+",
    re.S,
)
_CLASS = re.compile(r"(?<![-\w])class\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+))", re.I)
_ATTR = re.compile(r"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")

VOID = frozenset(
    {"br", "img", "meta", "source", "input", "hr", "link", "wbr", "col", "area", "embed", "track", "param"}
)
BLOCK = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "figure",
        "section",
        "article",
        "dl",
        "dt",
        "dd",
        "pre",
    }
)
BOLD = frozenset({"b", "strong"})


def tokens(text: str, a: int, b: int) -> Iterator[re.Match[str]]:
    """Tokens between ``a`` and ``b``: group 1 is "/" for a closing tag, group 2 the tag
    name (None for text, a comment or a stray "<"), group 3 the attributes."""
    return TOKEN.finditer(text, a, b)


def text_nodes(text: str, a: int, b: int, *, unescape: bool = True) -> Iterator[tuple[int, int, str]]:
    """``(start, end, text)`` of every text token between ``a`` and ``b``."""
    for tok in tokens(text, a, b):
        s = tok.group(0)
        if tok.group(2) is None and not s.startswith("<!--"):
            yield tok.start(), tok.end(), (html.unescape(s) if unescape else s)


def classes(attrs: str) -> list[str]:
    """The class names of a tag's attribute text."""
    m = _CLASS.search(attrs) if "class" in attrs else None
    return (m.group(1) or m.group(2) or m.group(3) or "").split() if m else []


def attr(attrs: str, wanted: str) -> tuple[str, int] | None:
    """Value of attribute ``wanted`` and its offset inside ``attrs``."""
    for m in _ATTR.finditer(attrs):
        if m.group(1).lower() == wanted:
            raw = m.group(2)
            quoted = raw[:1] in "\"'"
            return (raw[1:-1] if quoted else raw), m.start(2) + (1 if quoted else 0)
    return None
