"""Tell a speaker label from prose in plain text, where labels carry no markup.

A label is what precedes the first colon of a line when it reads like a title plus a
name ("President of the Republic of Tajikistan Emomali Rahmon"), a bare name ("Sergei
Kulikov"), or a generic label ("Question", "Remark (retranslated)"). Prose that contains
a colon ("Taking part in the meeting were ...", "The message reads, in part") fails
because it carries ordinary lowercase words; salutations ("Friends,", "Mr Chairman,
colleagues, ...") fail because they open with a form of address.
"""

from __future__ import annotations

import re

from .persons import NAME_PARTICLES, ROLE_WORDS, is_generic, repair_joins, strip_notes

MAX_LABEL_CHARS = 300
MAX_LABEL_WORDS = 30
# Lowercase words that titles are built with ("Minister of Civil Defence, Emergencies and
# Disaster Relief", "Adviser to the President"); any other lowercase word means prose.
CONNECTORS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "on",
        "in",
        "to",
        "at",
        "with",
        "under",
        "de",
        "da",
        "di",
        "von",
        "van",
        "der",
        "den",
        "bin",
        "ibn",
        "al",
        "el",
        "la",
        "le",
        "du",
        "des",
        "y",
        "&",
        "–",
        "—",
        "-",
        "a",
        "per",
        "upon",
        "over",
        "from",
        "by",
        "ex",
        "bint",
        "ben",
        "dos",
        "das",
    }
)
# A label never opens with a sentence word or a form of address.
NOT_FIRST = frozenset(
    {
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "as",
        "for",
        "from",
        "this",
        "that",
        "these",
        "those",
        "it",
        "we",
        "i",
        "our",
        "my",
        "you",
        "your",
        "he",
        "she",
        "they",
        "there",
        "here",
        "and",
        "but",
        "so",
        "if",
        "when",
        "then",
        "also",
        "mr",
        "mrs",
        "ms",
        "dear",
        "ladies",
        "gentlemen",
        "friends",
        "colleagues",
        "comrades",
        "excellencies",
        "excellency",
        "taking",
        "among",
        "according",
        "today",
        "yesterday",
        "note",
        "see",
        "with",
        "to",
        "by",
    }
)
_QUOTES = frozenset('"“”«»„')
_SENTENCE_STOP = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bSt)(?<!\bJr)(?<!\bDr)\.\s")
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ash|an|at|az|ibn|bin|van|von|de|di|da|du|la|le|ben|abu)-[A-Z]")


def find_label(line: str, known_labels: set[str] | None = None) -> int | None:
    """Index of the colon that ends a speaker label opening ``line``, else None."""
    colon = line.find(":", 0, MAX_LABEL_CHARS + 1)
    if colon <= 0:
        return None
    candidate = line[:colon].strip()
    if known_labels and candidate in known_labels:
        return colon
    return colon if is_label(candidate) else None


def is_label(candidate: str) -> bool:
    """Does ``candidate`` (the text before a colon) read as a speaker label?"""
    if not candidate or len(candidate) > MAX_LABEL_CHARS or _QUOTES & set(candidate):
        return False
    bare = strip_notes(candidate)
    if is_generic(bare):
        return True
    bare = repair_joins(bare)
    if not bare or (_SENTENCE_STOP.search(bare + " ") and not _only_initials(bare)):
        return False
    tokens = bare.split()
    if len(tokens) > MAX_LABEL_WORDS or tokens[0].casefold().strip(",") in NOT_FIRST:
        return False
    head, comma, tail = bare.partition(", ")
    if comma and _is_name(head.split()) and _describes_role(tail):  # "Alexei Kudrin, Chairman of ..."
        return True
    if not all(_title_word(tok) for tok in tokens):
        return False
    return _is_name(_drop_of_place(tokens)[-4:])


def _title_word(tok: str) -> bool:
    word = tok.strip(",;()")
    return (
        not word
        or word[0].isupper()
        or word[0].isdigit()
        or word.casefold() in CONNECTORS
        or word.casefold() in ROLE_WORDS
        or bool(_PARTICLE_NAME.match(word))
    )


def _describes_role(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 20 and any(w.strip(",").casefold() in ROLE_WORDS for w in words)


def _drop_of_place(tokens: list[str]) -> list[str]:
    """ "King Abdullah II of Jordan" names the king, not Jordan."""
    for i in range(len(tokens) - 2, 0, -1):
        if tokens[i] == "of":
            if all(t[:1].isupper() for t in tokens[i + 1 :]) and _is_name(tokens[max(0, i - 2) : i]):
                return tokens[:i]
            break
    return tokens


def _is_name(tokens: list[str]) -> bool:
    """Two or more name tokens at the end, the last capitalised and not a role word:
    "Sergei Kulikov", "Bashar al-Assad", "Alexander Van der Bellen", "Albert II"."""
    words = [t.strip(",") for t in tokens if t.strip(",")]
    if len(words) < 2:
        return False
    last = words[-1]
    if not (last[:1].isupper() or _PARTICLE_NAME.match(last)) or last.casefold() in ROLE_WORDS:
        return False
    caps = [w for w in words[-4:] if w[:1].isupper() or _PARTICLE_NAME.match(w)]
    if len(caps) < 2:
        return False
    return all(w[:1].isupper() or w.casefold() in NAME_PARTICLES or _PARTICLE_NAME.match(w) for w in words[-2:])


def _only_initials(text: str) -> bool:
    """ "Adnan Z. Amin" and "V. Putin" have periods that are not sentence ends."""
    return all(len(tok.rstrip(".")) <= 2 for tok in text.split() if tok.endswith("."))
