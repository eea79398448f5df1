"""Cases of known answer made from a transcript sentence (the generated check suite):
the same words retyped, one figure changed, a negation flipped."""

from __future__ import annotations

import random
import re

CONFIRMING = ("VERBATIM", "CLOSE", "TRANSLATION_VARIANT")
FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_AUX = re.compile(r"\b(is|are|was|were|will|can|could|should|would|has|have|had|do|does|did)\b")
_AUX_NOT = re.compile(r"\b(is|are|was|were|will|can|could|should|would|has|have|had|do|does|did) not\b")


def retyped(s: str, rng: random.Random) -> str:
    """The same words as typed by someone else: curly quotes and apostrophes, an en dash,
    a no-break space, capitals or a doubled space."""
    s = re.sub(r'"([^"]*)"', r"“\1”", s).replace("'", "’").replace(" - ", " – ")
    words = s.split(" ")
    i = rng.randrange(len(words))
    if i < len(words) - 1:
        words[i] += "\u00a0"
    s = " ".join(words).replace("\u00a0 ", "\u00a0")
    return s.upper() if rng.random() < 0.2 else s.replace(" ", "  ", 1)


def figure_changed(s: str, rng: random.Random) -> str | None:
    """One figure's last digit moved on (5.1 -> 5.2, 2016 -> 2017); figures in the
    editor's brackets are left alone (they are not the speaker's)."""
    bracketed = [(m.start(), m.end()) for m in _BRACKETED.finditer(s)]
    figures = [m for m in FIGURE.finditer(s) if not any(a <= m.start() < b for a, b in bracketed)]
    if not figures:
        return None
    m = rng.choice(figures)
    text = m.group()
    return s[: m.start()] + text[:-1] + str((int(text[-1]) + 1) % 10) + s[m.end() :]


def negation_flipped(s: str, rng: random.Random) -> str | None:
    """ "is not" -> "is", else "is" -> "is not" (the first auxiliary)."""
    m = _AUX_NOT.search(s)
    if m:
        return s[: m.start()] + m.group(1) + s[m.end() :]
    m = _AUX.search(s)
    return s[: m.end()] + " not" + s[m.end() :] if m else None
