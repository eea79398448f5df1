"""Names in an article: acronyms spelled out, the titles and appositions around a
mention, roles, documents, and where a name stands alone."""

from __future__ import annotations

import bisect
import re

from ..persons import DEMONYMS
from .lexicon import DESCRIPTION_NOUNS, ORG_WORDS, ROLE_ALIAS_RE, ROLE_ALIASES_FOLDED, TITLE_WORDS, fold
from .phrases import Phrase
from .segment import word_positions

# Capitalised words joined by commas and small connecting words: a name an acronym may spell.
_CAPITALISED_RUN = re.compile(
    r"(?=[A-Z])(?<![\w’'-])[A-Z][\w’'-]+(?:,?\s+(?:(?:and|of|for|the|on|in|&)\s+)*[A-Z][\w’'-]+)*"
)


_CAPITALISED = re.compile(r"(?=[A-Z])(?<![\w’'-])[A-Z][\w’'-]*(?![\w’'-])")


MAX_NAME_LENGTH = 80  # characters of a full name: how far back a mention can still cover an offset


def _spelled_names(masked: str, shorts: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Where each acronym (with the offset of its first use) is first spelled, before
    that use, by consecutive capitalised words: "IRCC" -> the span of "Immigration,
    Refugees and Citizenship Canada"."""
    found: dict[str, tuple[int, int]] = {}
    last_use = max(shorts.values())
    for run in _CAPITALISED_RUN.finditer(masked, 0, last_use):
        words = [(w.start(), w.end()) for w in _CAPITALISED.finditer(masked, run.start(), run.end())]
        initials = "".join(masked[a] for a, _ in words)
        for short, first_use in shorts.items():
            i = initials.find(short)
            if short not in found and i >= 0 and words[i][0] < first_use:
                found[short] = (words[i][0], words[i + len(short) - 1][1])
    return found


def _is_document(phrase: Phrase) -> bool:
    """A description of a text: its head noun ("a document titled X"), or the noun it ends
    with past a participle ("a survey released")."""
    words = phrase.text.casefold().split()
    while len(words) > 1 and words[-1].endswith(("ed", "ing")):
        words.pop()
    return "document" in (DESCRIPTION_NOUNS.get(phrase.head or ""), DESCRIPTION_NOUNS.get(words[-1].strip(".,")))


def _bare_name(name: str) -> str:
    """ "Youth Forum." -> "Youth Forum", "Rail Company's" -> "Rail Company" (an initial
    or "U.S." keeps its stop)."""
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    last = name.split()[-1]
    return name[:-1] if last.endswith(".") and "." not in last[:-1] and len(last) > 3 else name


def _plural(noun: str) -> bool:
    """ "players", "residents" (not "boss", "campus", "analysis")."""
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


def _has_role_word(title: str) -> bool:
    return any(w.casefold().strip(".,") in TITLE_WORDS for w in title.split())


def _roles(title: str) -> set[str]:
    """The roles a title names ("Russian President" -> {president})."""
    return {ROLE_ALIASES_FOLDED[a] for a in ROLE_ALIAS_RE.findall(fold(title))}


def _role_of(mention: str) -> str | None:
    """The role a description stands for, by its most specific alias ("the Head of State"
    -> president, not head)."""
    folded = fold(mention)
    found = ROLE_ALIAS_RE.findall(folded)
    if not found:  # "the top U.S. diplomat", "the top Russian diplomat": the nationality stands inside
        found = ROLE_ALIAS_RE.findall(" ".join(w for w in folded.split() if w.strip(".") not in _NATIONALITIES))
    return ROLE_ALIASES_FOLDED[max(found, key=len)] if found else None


# Words of nationality that may stand inside a role phrase ("top U.S. diplomat")
_NATIONALITIES = frozenset(DEMONYMS) | {"us", "uk", "eu", "u", "s", "k"}  # folded "U.S." is "u s"


def _title_before(text: str, at: int) -> str:
    """The title right before a name: capitalised words and the connectors of titles
    ("Speaker of the State Duma"), no clause boundary, and not across another person's
    name ("Finance Minister Anton Belov and | Mayor Olga Smirnova")."""
    words = text[max(0, at - 120) : at].split()
    title: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        lower_title = word in TITLE_WORDS and (not title or title[0][0].isupper() or title[0] in TITLE_WORDS)
        if word[-1:] in ",.;:!?" or not (word[0].isupper() or word in ("of", "the", "and", "for", "on") or lower_title):
            break  # a lowercase title word counts: "presidential aide | Yuri Ushakov", "special envoy"
        if word == "and" and i >= 2 and _two_name_words(words[i - 2], words[i - 1]):
            break
        title.insert(0, word)
    return " ".join(title)


def _two_name_words(a: str, b: str) -> bool:
    return all(w[:1].isupper() and w.casefold() not in TITLE_WORDS and w.casefold() not in ORG_WORDS for w in (a, b))


# "his Egyptian counterpart, Badr Abdelatty", "the ministry's spokeswoman, Maria
# Zakharova": a description and a comma before the name, in apposition to it
_DESCRIPTION_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[\w.-]+[’']s)\s+((?:[\w’'.-]+\s+){0,5}?([\w-]+)),\s*$"
)


def description_before(text: str, at: int) -> str:
    """The description in apposition before a name at ``at``, when its last word is a
    title word ("his Egyptian counterpart, | Badr Abdelatty"), else ""."""
    if not text[max(0, at - 3) : at].rstrip().endswith(","):
        return ""  # most names have no comma before them: no apposition to read
    m = _DESCRIPTION_BEFORE.search(text, max(0, at - 80), at)
    return m.group(1) if m is not None and m.group(2).casefold() in TITLE_WORDS else ""


# ", the bank's governor,": an apposition; not a setting (", on a visit to Turkey,", ", in Kyiv,")
_APPOSITION = re.compile(
    r",\s+(?!(?:on|in|at|during|after|before|speaking|while|when)\b)(?:the\s+|a\s+|an\s+)?([^,.;]{3,120})"
)


def _apposition(text: str, end: int) -> str:
    m = _APPOSITION.match(text, end)
    return m.group(1) if m else ""


def _standalone_at(text: str, word: str) -> list[int]:
    """Where a capitalised ``word`` stands alone (``_CAPITALISED``'s boundaries)."""
    if not word[:1].isupper() or _CAPITALISED.fullmatch(word) is None:
        return []
    return word_positions(text, word)


def _inside_any(spans: list[tuple[int, int, int]], starts: list[int], at: int) -> bool:
    """Whether ``at`` falls inside a full-name mention (anyone's: the surname in "Erik
    Karlsson" is not a mention of its own, nor of Melker Karlsson)."""
    i = bisect.bisect_right(starts, at) - 1
    while i >= 0 and at - starts[i] < MAX_NAME_LENGTH:
        a, b, _ = spans[i]
        if a <= at < b:
            return True
        i -= 1
    return False
