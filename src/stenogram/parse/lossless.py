"""Account for every character: what each record covers, and what nothing covers.

``check_event`` is the independent audit behind ``stenogram parse --check``:
1. coverage: every non-blank character of the event's source (for a markup format, of
   the text between tags inside the event) lies in some record's span, in furniture, or
   in the reported remainder;
2. fidelity: the letters and digits of each paragraph's derived text are those of its
   source span (after the label; for markup, in order among the markup's text), so derived
   text may join lines and squash spaces but never invents or drops a word;
3. bounds: every span lies inside the event's own span.
"""

from __future__ import annotations

import bisect
import re

from .. import sites
from ..model import Event
from .html_scan import text_nodes

_WORD = re.compile(r"\w+")
_NON_BLANK = re.compile(r"\S+")


class Coverage:
    """Merged, sorted intervals of everything an event's records account for."""

    def __init__(self, ev: Event) -> None:
        raw: list[tuple[int, int]] = list(ev.spans.values())
        raw += [(s.start, s.end) for s in (*ev.captions, *ev.see_also, *ev.remainder)]
        raw += [(p.start, p.end) for p in ev.paragraphs]
        raw += [(t.start, t.end) for t in ev.turns]
        raw += ev.furniture
        raw.sort()
        merged: list[tuple[int, int]] = []
        for a, b in raw:
            if merged and a <= merged[-1][1]:
                if b > merged[-1][1]:
                    merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        self.intervals = merged
        self._starts = [a for a, _ in merged]

    def gaps(self, start: int, text: str) -> list[tuple[int, int]]:
        """Ranges of non-blank characters of ``text`` (found at ``start``) not covered."""
        gaps: list[tuple[int, int]] = []
        intervals, starts = self.intervals, self._starts
        for m in _NON_BLANK.finditer(text):
            a, b = start + m.start(), start + m.end()
            pos = a
            while pos < b:
                i = bisect.bisect_right(starts, pos) - 1
                if i >= 0 and intervals[i][0] <= pos < intervals[i][1]:
                    pos = intervals[i][1]
                    continue
                nxt = starts[i + 1] if i + 1 < len(starts) else b
                gaps.append((pos, min(b, nxt)))
                pos = min(b, nxt)
        return gaps

    def covers(self, start: int, text: str) -> bool:
        stripped = text.strip()
        if not stripped:
            return True
        a = start + text.index(stripped[0])
        b = a + len(stripped)
        i = bisect.bisect_right(self._starts, a) - 1
        if i >= 0 and self.intervals[i][0] <= a and b <= self.intervals[i][1]:
            return True  # the usual case: inside one interval
        return not self.gaps(start, text)


def _is_markup(ev: Event) -> bool:
    """Whether the event's format is markup: its text is what lies between the tags."""
    fmt = sites.format_named(ev.source.format)
    return fmt is not None and fmt.markup


def _content_pieces(source_text: str, ev: Event) -> list[tuple[int, str]]:
    a, b = ev.source.start, ev.source.end
    if not _is_markup(ev):
        return [(a, source_text[a:b])]
    return [(start, text) for start, _, text in text_nodes(source_text, a, b, unescape=False)]


def lost_text(source_text: str, ev: Event) -> list[tuple[int, int]]:
    """Source ranges that no record, furniture or remainder accounts for."""
    coverage = Coverage(ev)
    lost: list[tuple[int, int]] = []
    for start, piece in _content_pieces(source_text, ev):
        lost += coverage.gaps(start, piece)
    return lost


def _letters(text: str) -> str:
    """Letters and digits only: markup, spacing and line breaks do not count."""
    return "".join(_WORD.findall(text.casefold())).replace("_", "")


def _is_subsequence(needle: str, hay: str) -> bool:
    pos = 0
    for ch in needle:
        pos = hay.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


def unfaithful_paragraphs(source_text: str, ev: Event) -> list[int]:
    """Indexes of paragraphs whose derived words are not words of their source span."""
    bad = []
    markup = _is_markup(ev)
    for i, p in enumerate(ev.paragraphs):
        if markup:
            raw = "".join(text for _, _, text in text_nodes(source_text, p.start, p.end))
        else:
            raw = source_text[p.start : p.end]
        derived, original = _letters(p.text), _letters(raw)
        if not (_is_subsequence(derived, original) if markup else original.endswith(derived)):
            bad.append(i)
    return bad


def check_event(source_text: str, ev: Event) -> list[str]:
    """Problems found by the audit; an empty list means nothing was lost."""
    problems = []
    for a, b in lost_text(source_text, ev)[:5]:
        problems.append(f"characters {a}-{b} not accounted for: {source_text[a:b][:60]!r}")
    for i in unfaithful_paragraphs(source_text, ev)[:5]:
        p = ev.paragraphs[i]
        problems.append(f"paragraph {i} ({p.start}-{p.end}) differs from its source")
    lo, hi = ev.source.start, ev.source.end
    for a, b in Coverage(ev).intervals:
        if a < lo or b > hi:
            problems.append(f"span {a}-{b} lies outside the event ({lo}-{hi})")
            break
    return problems
