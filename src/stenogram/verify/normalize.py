"""Text normalisation for comparing a quotation with a transcript.

Case, diacritics, quote marks, spacing and punctuation never count; bracketed text is
the editor's, not the speaker's; "U.S." is "US"; figures are compared as values ("two
trillion" = "2 trillion", "1.7 percent" = "1.7%", "1.5 million" = "1,500,000", "$5" =
"5 dollars", "March 3" = "3 March"), so that a real change (nine -> ten, million ->
billion) shows as a changed number and nothing else does.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib import resources
from types import MappingProxyType

_US = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?")
_DIGIT = re.compile(r"\d")
_GROUPED_DIGITS = re.compile(r"\d,\d")  # "1,250": the comma is taken out of the number
_SPACE = re.compile(r"\s")
_PERCENT_SIGN = re.compile(r"(\d)\s*%")
_NOT_CONTRACTED = re.compile(r"n[’']t\b")
_PER_CENT = re.compile(r"\bper\s?cent\b", re.I)
# "10 000", "1 250 000" (a space, no-break or thin space between groups of three): one number.
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,]*\d)")
# "2.5bn", "3trn": the scale written against the figure.
_SCALE_AFTER_DIGIT = re.compile(r"(\d)(bn|bln|mln|trn|trln|tn)\b", re.I)
_BRACKETS = re.compile(r"\[[^\]]*\]|<…>|<\.\.\.>")
# "21st", "3rd": one token (an ordinal, as "third" is); else numbers and words.
_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)\b|\d+(?:[.,]\d+)*|[^\W\d_]+")
# "$2.5 billion", "€40", "₽1 trillion": the currency written as a word after the figure,
# as "2.5 billion dollars" has it.
_CURRENCY = re.compile(r"([$€£₽])\s?(\d[\d.,]*(?:\s?(?:thousand|million|billion|trillion|bn|mln|trn|tn)\b)?)", re.I)
_CURRENCY_WORDS = MappingProxyType({"$": "dollars", "€": "euros", "£": "pounds", "₽": "roubles"})
_CURRENCY_SIGNS = frozenset(_CURRENCY_WORDS)
# Words a figure's sign may stand for: not always in the text as words ("$5" has no
# "dollars"), so a full-text search must not require them.
SIGN_WORDS = frozenset(_CURRENCY_WORDS.values())
_UNITS = MappingProxyType(
    {
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
    }
)
# Scale words: "three hundred", "1.5 million", "two and a half thousand" are one value each.
SCALES = MappingProxyType({"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12})
_FRACTIONS = MappingProxyType({"1/2": 0.5, "1/4": 0.25})
# "March 3" and "3 March" are the same date: the day is put first.
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# Ordinals and fractions are numbers too ("a fifth" -> "a third" is a change of number);
# "first" and "second" are left alone: they are more often words than numbers.
_ORDINALS = MappingProxyType(
    {
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
)
_ALIASES = MappingProxyType(
    {
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
        "dollar": "dollars",
        "euro": "euros",
        "rouble": "roubles",
        "ruble": "roubles",
        "rubles": "roubles",
        "defence": "defense",
        "programme": "program",
        "programmes": "programs",
        "centre": "center",
        "centres": "centers",
    }
)
# Each normal form and the spellings that give it ("program": "programme"), so that a
# full-text search for a word also finds the text as printed.
SPELLINGS: dict[str, tuple[str, ...]] = {}
for _spelling, _normal in _ALIASES.items():
    if _normal and _normal.isalpha():
        SPELLINGS[_normal] = (*SPELLINGS.get(_normal, (_normal,)), _spelling)
NEGATIONS = frozenset({"not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "t"})


def data_words(name: str) -> frozenset[str]:
    """A word list from ``verify/data/`` (one per line, ``#`` comments)."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


STOPWORDS = data_words("stopwords.txt")


# Every combining mark (what unicodedata.combining() flags), removed in one translate().
_MARKS = dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


# Words the token loop rewrites (number words, ordinals, aliases): any other word is kept.
_SPECIAL = frozenset(_UNITS) | frozenset(_ORDINALS) | frozenset(_ALIASES)


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
        if _CURRENCY_SIGNS.intersection(text):
            text = _CURRENCY.sub(lambda m: f"{m.group(2)} {_CURRENCY_WORDS[m.group(1)]}", text)
    if "cent" in text or "Cent" in text or "CENT" in text:
        text = _PER_CENT.sub("percent", text)
    if "n't" in text or "n’t" in text:
        text = _NOT_CONTRACTED.sub(" not", text)
    found = _TOKEN.findall(fold(text))
    # no word to rewrite (most sentences): the tokens as found
    plain = _SPECIAL.isdisjoint(found) and not _GROUPED_DIGITS.search(text)
    out = found if plain else _rewritten(found)
    return out if _VALUE_WORDS.isdisjoint(out) else _values(out)


def _rewritten(found: list[str]) -> list[str]:
    """Number words as numbers ("twenty-five" -> 25), ordinals, aliases; commas out of
    grouped digits."""
    out: list[str] = []
    tens_word = False  # the last token was a number word of tens ("twenty")
    for tok in found:
        if tok not in _SPECIAL and not tok[0].isdigit():  # most words: kept as they are
            out.append(tok)
            tens_word = False
            continue
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


_PARTS = frozenset(_ORDINALS.values())  # "3rd", "1/2": what "a" may count
_VALUE_WORDS = frozenset(SCALES) | _MONTHS | _PARTS  # tokens that make ``_values`` worth a pass


def _number(tok: str) -> float | None:
    if tok in _FRACTIONS:
        return _FRACTIONS[tok]
    if tok[0].isdigit() and tok.replace(".", "", 1).isdigit():
        return float(tok)
    return None


def _canonical(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6f}".rstrip("0").rstrip(".")


def _values(toks: list[str]) -> list[str]:
    """Figures as values: a number and its scale words are one token ("1.5 million",
    "1,500,000" and "one and a half million" are all "1500000"; "three hundred" is
    "300"); "a" before a scale or a fraction is one ("a million", "half a million");
    a month before its day comes after it ("March 3" -> "3 march")."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        value, used = _read_value(toks, i)
        if used:
            out.append(_canonical(value))
            i += used
            continue
        tok = toks[i]
        if tok in _MONTHS and _is_date(toks, i):
            out += [toks[i + 1], tok]
            i += 2
            continue
        if tok == "a" and i + 1 < len(toks) and toks[i + 1] in _PARTS:
            out.append("1")  # "a third" is "one third"
            i += 1
            continue
        out.append(tok)
        i += 1
    return out


def _is_date(toks: list[str], i: int) -> bool:
    """A month with its day after it; "may" and "march" (also verbs) only with a year too."""
    if not (i + 1 < len(toks) and toks[i + 1].isdigit() and 1 <= int(toks[i + 1]) <= 31):
        return False
    if toks[i] in ("may", "march"):
        return i + 2 < len(toks) and len(toks[i + 2]) == 4 and toks[i + 2].isdigit()
    return True


def _read_value(toks: list[str], i: int) -> tuple[float, int]:
    """The value of the figure at ``i`` and how many tokens it takes, when a scale word
    takes part in it (else ``(0, 0)``: a bare number stays as written)."""
    start = i
    current = _number(toks[i]) if toks[i] != "a" else 1.0
    if current is None:
        return 0.0, 0
    total = 0.0
    scaled = False
    i += 1
    while i < len(toks):
        tok = toks[i]
        if tok in SCALES:
            if SCALES[tok] == 100:
                current *= 100
            else:
                total, current = total + current * SCALES[tok], 0.0
            scaled = True
            i += 1
        elif tok == "and" and i + 1 < len(toks) and (scaled or toks[i + 1] in ("a", "1/2", "1/4")):
            nxt = _read_part(toks, i + 1)  # "three hundred and fifty", "one and a half million"
            if nxt is None:
                break
            current += nxt[0]
            i = nxt[1]
        elif tok == "a" and toks[start] in _FRACTIONS and i + 1 < len(toks) and toks[i + 1] in SCALES:
            i += 1  # "half a million"
        elif scaled and current == 0 and _number(tok) is not None and tok.isdigit() and int(tok) < 1000:
            current = float(tok)  # "two thousand five" (words after a scale)
            i += 1
        else:
            break
    if not scaled:
        return 0.0, 0
    return total + current, i - start


def _read_part(toks: list[str], i: int) -> tuple[float, int] | None:
    """The number after "and": "fifty", "a half" (0.5)."""
    if toks[i] == "a" and i + 1 < len(toks) and toks[i + 1] in _FRACTIONS:
        return _FRACTIONS[toks[i + 1]], i + 2
    value = _number(toks[i])
    return (value, i + 1) if value is not None else None


def numbers(toks: list[str]) -> list[str]:
    return [t for t in toks if t[0].isdigit()]


def content(toks: list[str]) -> list[str]:
    return [t for t in toks if t not in STOPWORDS and len(t) > 1]
