"""Paragraphs, quotation marks and sentences of an article, all with offsets.

Quoted words are *masked* before sentences are split (each character replaced by a
private-use character, a closing ``.``/``!``/``?`` kept), so a full stop inside a quotation never ends the
writer's sentence and the words of a quotation are never read as the writer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

DASHES = "-–—"
OPEN_CLOSE = MappingProxyType({"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"'})
MASK = "\ue000"  # a private-use character: never in a text, neither a letter nor a space


# Abbreviations after which a full stop does not end a sentence (casefolded, no dot).
def words(text: str) -> frozenset[str]:
    """A set of words written as one string (word lists kept short in the code)."""
    return frozenset(text.split())


ABBREVIATIONS = words(
    "mr mrs ms dr st jr sr gen lt col sgt capt cmdr adm prof rev gov sen rep no nos vs etc inc ltd co corp "
    "const cst cpl insp supt det "
    "jan feb mar apr aug sep sept oct nov dec a.m p.m u.s u.k u.n e.g i.e ont n.s b.c mo fig approx dept est"
)
_ANY_MARK = re.compile("[" + "".join(OPEN_CLOSE) + "]")
# For each opening mark: its closing mark and itself (nesting), the only characters find_close reads.
_MARKS_OF = MappingProxyType({o: re.compile("[" + re.escape(o + c) + "]") for o, c in OPEN_CLOSE.items()})
# Two apostrophes typed for a closing double mark ("“We sell comics,’’ says the owner"): they
# close a “ as ” does. Only those two characters are read for them.
_DOUBLED_CLOSES = ("’’", "''")
_MARKS_OF_DOUBLE = re.compile("[“”’']")
_NOT_SPACE = re.compile(r"\S")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’»)]*(?=\s+[\"“‘«(\[A-Z0-9—–-])|[.!?]+[\"”’»)]*\s*$")


JOINED = re.compile(r"[\w’'-]")  # a character that joins a word to its neighbour ("Ministry’s", "well-known")
LOWERCASE = re.compile(r"[a-z]")


def word_positions(text: str, word: str, ends: re.Pattern[str] = JOINED) -> list[int]:
    """Where ``word`` stands as a whole word: not joined to the character before it, and
    followed by no character that ``ends`` matches. ``str.find`` with the boundaries
    checked: much faster than a regex that starts with a lookbehind."""
    out = []
    at = text.find(word)
    while at >= 0:
        if (at == 0 or JOINED.match(text, at - 1) is None) and ends.match(text, at + len(word)) is None:
            out.append(at)
        at = text.find(word, at + 1)
    return out


TERMINAL = tuple('.!?:;…"”»)')  # how a sentence (not a heading) ends


def heading_like(line: str, max_words: int) -> bool:
    """A short line with no closing punctuation that does not open with a dash or a mark."""
    return len(line.split()) <= max_words and not line.endswith(TERMINAL) and line[:1] not in '-–—"“«'


@dataclass(frozen=True, slots=True)
class Quoted:
    """Quoted words in a paragraph: ``start``/``end`` of the words inside the marks
    (paragraph offsets), and whether the closing mark was found."""

    start: int
    end: int
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line, without its surrounding white space."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return out


def quoted_spans(para: str) -> list[Quoted]:
    """Outermost quoted spans of a paragraph. An opening mark that is never closed keeps
    the rest of the paragraph and no more."""
    spans: list[Quoted] = []
    i, n = 0, len(para)
    while (m := _ANY_MARK.search(para, i)) is not None:
        i = m.start()
        if opens(para, i):
            close = find_close(para, i)
            if close is None:
                spans.append(Quoted(i + 1, n, False))
                break
            spans.append(Quoted(i + 1, close, True))
            i = close + 1
            continue
        i += 1
    return spans


def opens(para: str, i: int) -> bool:
    """Whether the mark at ``i`` opens a quotation (an apostrophe or a closing straight
    quote does not)."""
    ch = para[i]
    before = para[i - 1] if i else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    if ch == "‘":  # "Trump‘s": an apostrophe typed as an opening mark
        return after.isalnum() and not before.isalpha()
    if ch == '"':
        return (before.isspace() or before in "([—–-:;/" or i == 0) and not after.isspace()
    return not after.isspace() or ch in "«„"


def find_close(para: str, i: int) -> int | None:
    """Index of the mark closing the one at ``i``; nested marks of other kinds skipped."""
    opening = para[i]
    closing = OPEN_CLOSE[opening]
    doubled = opening == "“"  # may be closed by two apostrophes
    marks = _MARKS_OF_DOUBLE if doubled else _MARKS_OF[opening]
    depth = 0
    j = i + 1
    n = len(para)
    while (m := marks.search(para, j)) is not None:
        j = m.start()
        ch = para[j]
        if doubled and ch in "’'":
            if not para.startswith(_DOUBLED_CLOSES, j):
                j += 1  # an apostrophe, or a single mark closing a nested quotation
                continue
            ch = closing
        if ch == closing and (closing != "’" or not (j + 1 < n and para[j + 1].isalpha())):
            if opening == '"' and j + 1 < n and para[j + 1].isalnum():
                j += 1  # 'a"b' is not a close
                continue
            if depth == 0:
                return j
            depth -= 1
        elif ch == opening and opening != closing:
            depth += 1
        j += 1
    return None


def leading_close(para: str) -> int | None:
    """Where a paragraph that goes on with a quotation left open before it closes it: a
    closing mark before any opening one ("... the veterans," said Nicholson.)."""
    for i, ch in enumerate(para):
        if ch in OPEN_CLOSE and opens(para, i):
            return None
        if ch in '”»"' and i > 0 and not para[i - 1].isspace():
            return i
    return None


def mask(para: str, spans: list[Quoted]) -> str:
    """The paragraph with quoted words replaced by ``MASK`` (closing ``.!?`` kept)."""
    pieces: list[str] = []
    at = 0
    for s in spans:
        inside = para[s.start : s.end]
        last = inside.rstrip()
        masked = _NOT_SPACE.sub(MASK, inside)
        if last and last[-1] in ".!?":
            k = len(last) - 1
            masked = masked[:k] + last[-1] + masked[k + 1 :]
        pieces += (para[at : s.start], masked)
        at = s.end
    pieces.append(para[at:])
    return "".join(pieces)


def sentences(masked: str) -> list[tuple[int, int]]:
    """Sentences of a masked paragraph, ``(start, end)`` with end after the final mark."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(masked):
        if _after_abbreviation(masked, m.start()):
            continue
        end = m.end()
        piece = masked[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + len(piece.rstrip())))
        start = end
    if masked[start:].strip():
        piece = masked[start:]
        lead = len(piece) - len(piece.lstrip())
        out.append((start + lead, start + len(piece.rstrip())))
    return out


def _after_abbreviation(s: str, dot: int) -> bool:
    """A full stop that closes an abbreviation or an initial ("Mr.", "J.", "U.S.")."""
    if s[dot] != ".":
        return False
    m = _WORD_BEFORE.search(s, max(0, dot - 24), dot)
    if not m:
        return False
    word = m.group(1)
    return word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper())
