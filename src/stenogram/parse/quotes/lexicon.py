"""The word lists attribution reads (``parse/data``), loaded once and frozen."""

from __future__ import annotations

import re
from types import MappingProxyType

from ..persons import ROLE_WORDS, data_lines, fold
from .segment import words

__all__ = ["ROLE_WORDS", "fold"]


def _speech_verbs() -> dict[str, str]:
    verbs: dict[str, str] = {}
    for line in data_lines("speech_verbs.txt"):
        kind, forms = line.split("\t", 1)
        for form in _forms(forms):
            verbs.setdefault(form, kind)
    return verbs


def _forms(forms: str) -> list[str]:
    """Split a line of forms, keeping "pointed out"-style pairs and "X as saying" together;
    "expressed_hope" is the form "expressed hope"."""
    words = forms.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        if "_" in words[i]:
            out.append(words[i].replace("_", " "))
            i += 1
        elif i + 1 < len(words) and words[i + 1] in ("out", "up"):
            out.append(f"{words[i]} {words[i + 1]}")
            i += 2
        elif words[i] in ("was", "quoted") and "saying" in words[i:]:
            end = words.index("saying", i) + 1
            out.append(" ".join(words[i:end]))
            i = end
        else:
            out.append(words[i])
            i += 1
    return out


SPEECH_VERBS = MappingProxyType(_speech_verbs())


def _forms_by_first_word() -> dict[str, tuple[str, ...]]:
    by_first: dict[str, list[str]] = {}
    for form in sorted(SPEECH_VERBS, key=len, reverse=True):
        by_first.setdefault(form.split()[0], []).append(form)
    return {w: tuple(forms) for w, forms in by_first.items()}


# The forms each first word can begin, longest first ("pointed out" before "pointed"):
# a dictionary look-up per word instead of one alternation of every form.
VERB_FORMS = MappingProxyType(_forms_by_first_word())
VERB_FIRST_WORDS = frozenset(VERB_FORMS)
PARTICIPLES = frozenset(v for v in SPEECH_VERBS if v.endswith("ing") and " " not in v)

ROLE_ALIASES = MappingProxyType(dict(line.split("\t", 1) for line in data_lines("role_aliases.txt")))
ROLE_ALIASES_FOLDED = MappingProxyType({fold(alias): role for alias, role in ROLE_ALIASES.items()})
ROLE_ALIAS_RE = re.compile(
    r"\b(" + "|".join(re.escape(a) for a in sorted(ROLE_ALIASES_FOLDED, key=len, reverse=True)) + r")\b"
)
DESCRIPTION_NOUNS = MappingProxyType(dict(line.split("\t", 1) for line in data_lines("description_nouns.txt")))
ORG_WORDS = frozenset(data_lines("org_words.txt"))
TITLE_WORDS = ROLE_WORDS | frozenset(data_lines("title_words.txt"))


def _given_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for line in data_lines("given_names.txt"):
        gender, listed = line.split("\t", 1)
        for name in listed.split():
            names.setdefault(name, gender)
    return names


GIVEN_NAMES = MappingProxyType(_given_names())

PRONOUNS = MappingProxyType({"he": "m", "him": "m", "she": "f", "her": "f", "they": "plural", "it": "it"})
HONORIFICS = MappingProxyType({"mr.": "m", "mr": "m", "mrs.": "f", "ms.": "f", "mrs": "f", "ms": "f", "miss": "f"})
INDEFINITE = words(
    "a an another some several many most few one two three four five six seven eight nine ten dozens "
    "hundreds thousands numerous various other others multiple"
)
DETERMINERS = INDEFINITE | {"the", "this", "that", "these", "those", "his", "her", "their", "its", "our"}
# Words that end a noun phrase when read backwards from a verb: clause words and verbs.
PHRASE_STOPS = words(
    "that which who whom whose when where while whether because if as but or so than then though although "
    "unless until since after before is was are were be been being has have had do does did will would "
    "can could may might must shall should not also said says say told added noted it's he she they we i "
    "you it there here what how why"
)
# Words between a verb and its clause that are not the clause yet: time and manner.
# Words between a verb and its clause that are not the clause yet: "said on Monday",
# "said in a statement", "said last week", "said publicly". A determiner only after a
# preposition ("said the week had ..." is a clause); an -ly adverb only on its own.
_ADVERBIAL_NOUNS = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|night|week|"
    r"weekend|month|year|day|today|yesterday|tonight|statement|interview|e-mail|email|emailed statement|"
    r"written statement|news release|release|post|tweet|telephone interview|phone interview|speech|address|"
    r"letter|memo|court|court documents|conference|news conference|press conference|briefing|meeting)"
)
ADVERBIALS = re.compile(
    r"^(?:(?:on|in|at|during|over|via|by|through|to)\s+(?:(?:the|an?|his|her|their|its|a\s+\w+)\s+)?"
    + _ADVERBIAL_NOUNS
    + r"|(?:(?:last|this|early|late|earlier|later|next)\s+)?"
    + _ADVERBIAL_NOUNS
    + r"|earlier|later|recently|previously|again|also|publicly|[a-z]+ly(?=\s+(?:that|he|she|they|it|we|i|the|a)\b)"
    # "noted several times that", "said more than once that"
    + r"|(?:several|many|two|three|a\s+few|numerous|more\s+than\s+once|at\s+least\s+once)(?:\s+times)?(?=\s+that\b))"
    + r"\b[\s,]*",
    re.I,
)
SUBJECT_PRONOUNS = frozenset(words("he she they it we i you there this these those"))
