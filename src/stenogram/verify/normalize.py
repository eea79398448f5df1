"""Text normalisation for comparing a quotation with a transcript.

Case, diacritics, quote marks, spacing and punctuation never count; bracketed text is
the editor's, not the speaker's; "U.S." is "US"; numbers are compared as numbers
("two trillion" = "2 trillion", "1.7 percent" = "1.7%"), so that a real change (nine ->
ten) shows as a changed number and nothing else does.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib import resources

_US = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s")
_PERCENT_SIGN = re.compile(r"(\d)\s*%")
_NOT_CONTRACTED = re.compile(r"n[’']t\b")
_PER_CENT = re.compile(r"\bper\s?cent\b", re.I)
# "10 000", "1 250 000" (a space, no-break or thin space between groups of three): one number.
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,]*\d)")
# "2.5bn", "3trn": the scale written against the figure.
_SCALE_AFTER_DIGIT = re.compile(r"(\d)(bn|bln|mln|trn|trln|tn)\b", re.I)
_BRACKETS = re.compile(r"\[[^\]]*\]|<…>|<\.\.\.>")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
# Ordinals and fractions are numbers too ("a fifth" -> "a third" is a change of number);
# "first" and "second" are left alone: they are more often words than numbers.
_ORDINALS = {
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
    "twentieth": "20th",
    "thirtieth": "30th",
    "hundredth": "100th",
    "half": "1/2",
    "quarter": "1/4",
}
_ALIASES = {
    "u": None,
    "s": None,
    "percent": "%",
    "bn": "billion",
    "bln": "billion",
    "mln": "million",
    "trn": "trillion",
    "trln": "trillion",
    "tn": "trillion",
    "per": None,
    "cent": None,
    "defence": "defense",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
}
# Each normal form and the spellings that give it ("program": "programme"), so that a
# full-text search for a word also finds the text as printed.
SPELLINGS: dict[str, tuple[str, ...]] = {}
for _spelling, _normal in _ALIASES.items():
    if _normal and _normal.isalpha():
        SPELLINGS[_normal] = (*SPELLINGS.get(_normal, (_normal,)), _spelling)
NEGATIONS = {"not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "t"}


def data_words(name: str) -> frozenset[str]:
    """A word list from ``verify/data/`` (one per line, ``#`` comments)."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


STOPWORDS = data_words("stopwords.txt")


# Every combining mark (what unicodedata.combining() flags), removed in one translate().
_MARKS = dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.casefold()).translate(_MARKS)


def tokens(text: str) -> list[str]:
    """Comparable tokens: folded words and numbers, brackets dropped, U.S. -> us."""
    # Each rewrite only where its trigger occurs (most sentences have none of them).
    if "[" in text or "<" in text:
        text = _BRACKETS.sub(" ", text)
    if "U." in text:
        text = _US.sub(" us ", text)
    if _DIGIT.search(text):
        text = _PERCENT_SIGN.sub(r"\1 percent", text)
        text = _SPACED_THOUSANDS.sub(lambda m: _SPACE.sub("", m.group()), text)
        text = _SCALE_AFTER_DIGIT.sub(r"\1 \2", text)
    if "cent" in text or "Cent" in text or "CENT" in text:
        text = _PER_CENT.sub("percent", text)
    if "n't" in text or "n’t" in text:
        text = _NOT_CONTRACTED.sub(" not", text)
    out: list[str] = []
    tens_word = False  # the last token was a number word of tens ("twenty")
    for tok in _TOKEN.findall(fold(text)):
        if tok[0].isdigit():
            out.append(tok.replace(",", ""))
            tens_word = False
            continue
        if tok in _UNITS:
            value = _UNITS[tok]
            if tens_word and 1 <= value <= 9:
                out[-1] = str(int(out[-1]) + value)  # "twenty-five" -> 25
                tens_word = False
            else:
                out.append(str(value))
                tens_word = 20 <= value <= 90 and value % 10 == 0
            continue
        tens_word = False

        if tok in _ORDINALS:
            out.append(_ORDINALS[tok])
            continue
        alias = _ALIASES.get(tok, tok)
        if alias:
            out.append(alias)
    return out


def numbers(toks: list[str]) -> list[str]:
    return [t for t in toks if t[0].isdigit()]


def content(toks: list[str]) -> list[str]:
    return [t for t in toks if t not in STOPWORDS and len(t) > 1]
