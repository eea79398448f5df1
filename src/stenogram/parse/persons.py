"""Speaker identity: split a label into role, person and note, and resolve it to a
canonical person ("First Last").

The registry is learned, not listed: names come from the Persons tags ("Pashinyan Nikol")
and from the labels themselves (a later short label "Nikol Pashinyan:" reveals where the
role in "Prime Minister of Armenia Nikol Pashinyan:" ends). Only the words that build
*roles* and the generic labels are vocabulary here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from .textnorm import squash


def data_lines(name: str) -> list[str]:
    """The lines of a data file in ``parse/data``, without comments and blank lines."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


# "russian" -> "russia": demonyms of countries (roles merged by meaning, titles matched).
DEMONYMS = MappingProxyType(dict(line.split("\t", 1) for line in data_lines("demonyms.txt")))


def _vocabulary(name: str) -> frozenset[str]:
    """A word list from ``parse/data``: one casefolded entry per line, # for comments."""
    return frozenset(line.strip() for line in data_lines(name))


GENERIC_LABELS = _vocabulary("generic_labels.txt")
ROLE_WORDS = _vocabulary("role_words.txt")
NAME_PARTICLES = frozenset(
    {
        "bin",
        "ibn",
        "al",
        "el",
        "de",
        "da",
        "di",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "y",
        "bint",
        "ould",
        "zu",
    }
)
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_TRAILING_NOTES = re.compile(r"(?:\s*\([^()]*\))+\s*$")
_SHOUTED = re.compile(r"\b[A-Z][A-Z-]{3,}\b(?=\s*$)")
_CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2}|[A-Z]{3,}\b)")
_INITIAL_JOIN = re.compile(r"\b([A-Z])\.(?=[A-Z][a-z])")
_TOKEN = re.compile(r"[^\s]+")


def split_label(label: str) -> tuple[str, str | None]:
    """``(speaker as printed, whitespace normalised; trailing parenthetical note or None)``.

    Only parentheses that close the label are notes ("Viktor Orban (retranslated)");
    an acronym inside a title ("Chairman of Vnesheconombank (VEB) ...") is not."""
    speaker = squash(label).rstrip(":").strip()
    m = _TRAILING_NOTES.search(speaker)
    notes = [squash(n) for n in _PAREN.findall(m.group(0))] if m else []
    return speaker, ("; ".join(n for n in notes if n) or None)


def strip_notes(label: str) -> str:
    """The label without its trailing notes."""
    return squash(_TRAILING_NOTES.sub("", label))


def title_case(name: str) -> str:
    """ "OLLI-PEKKA KALLASVUO" -> "Olli-Pekka Kallasvuo"; mixed case is left alone."""
    return (
        re.sub(r"[A-Z]{2,}", lambda m: m.group(0).capitalize(), name)
        if name.isupper() or _SHOUTED.search(name)
        else name
    )


def is_generic(label: str) -> bool:
    return strip_notes(label).casefold() in GENERIC_LABELS


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Comparison key for names: no accents, no case, no punctuation."""
    nfkd = unicodedata.normalize("NFKD", name)
    return " ".join(
        re.sub(r"[^\w\s-]", " ", "".join(c for c in nfkd if not unicodedata.combining(c))).casefold().split()
    )


def tag_to_name(tag: str) -> str:
    """The site's Persons tag is "Last First" (or "Last First Middle"): return "First Last"."""
    parts = squash(tag).split(" ")
    if len(parts) < 2:
        return squash(tag)
    return " ".join(parts[1:] + parts[:1])


def repair_joins(label: str) -> str:
    """Undo the site's joins: "VladimirPutin" -> "Vladimir Putin", "V.Putin" -> "V. Putin"."""
    return _INITIAL_JOIN.sub(r"\1. ", _CAMEL.sub(" ", label))


@dataclass(slots=True)
class Identity:
    person: str | None
    role: str | None


def _is_role_word(token: str) -> bool:
    return token.casefold().strip(",.") in ROLE_WORDS


def split_role_name(label: str, known: Collection[str] | None = None, given: Collection[str] | None = None) -> Identity:
    """Split a label (notes removed) into role and person name.

    Known names (folded) win: the longest known name that ends the label is the person.
    "Name, description" labels put the name first. Otherwise the name is the last two
    capitalised tokens of the label, extended to the left over particles ("Ben van
    Beurden") and over tokens known as given names ("Recep Tayyip Erdogan"); a label made
    only of name tokens is a name.
    """
    text = repair_joins(strip_notes(label))
    if not text or is_generic(text):
        return Identity(None, None)
    head, comma, tail = text.partition(", ")
    if comma and _all_name_tokens(head.split()) and any(_is_role_word(w) for w in tail.split()):
        return Identity(title_case(head), tail)
    tokens = text.split(" ")
    if known:
        for n in range(min(len(tokens), 6), 0, -1):
            if fold(" ".join(tokens[-n:])) in known:
                return Identity(" ".join(tokens[-n:]), _role(tokens[:-n]))
    if len(tokens) >= 4 and tokens[-2] == "of" and _ROMAN.match(tokens[-3]):  # "King Abdullah II of Jordan"
        return Identity(" ".join(tokens[-4:-2]), _role([*tokens[:-4], "of", tokens[-1]]))
    run = _trailing_name_run(tokens)
    if run == 0:
        return Identity(None, _role(tokens))
    if run == len(tokens) and run <= 4 and not any(_is_role_word(t) for t in tokens):
        return Identity(title_case(text), None)
    start = _name_start(tokens, run, given or set())
    return Identity(title_case(" ".join(tokens[start:]).strip(",")), _role(tokens[:start]))


def _name_start(tokens: list[str], run: int, given: Collection[str]) -> int:
    """Where the name begins inside the trailing run of ``run`` name-like tokens."""
    first = len(tokens) - run
    shouted = 0
    while shouted < run and tokens[-1 - shouted].isupper() and len(tokens[-1 - shouted]) > 1:
        shouted += 1
    if shouted >= 2 and shouted < len(tokens):  # "... (Oecd) JOSE ANGEL GURRIA"
        return len(tokens) - shouted
    start = len(tokens) - min(run, 2)
    while start > first and fold(tokens[start - 1]) in given:
        start -= 1
    lower = [j for j in range(first, start) if tokens[j] in NAME_PARTICLES]
    if lower and lower[-1] > first:  # "Tamim bin Hamad Al Thani"
        start = lower[-1] - 1
    while start > first and tokens[start].casefold() in NAME_PARTICLES:  # "Ben van Beurden"
        start -= 1
    return start


def _all_name_tokens(tokens: list[str]) -> bool:
    return 2 <= len(tokens) <= 5 and all(
        (t[:1].isupper() or t.casefold() in NAME_PARTICLES) and not _is_role_word(t) for t in tokens
    )


def _trailing_name_run(tokens: list[str]) -> int:
    """How many tokens at the end could belong to a name (capitalised or particles)."""
    n = 0
    for tok in reversed(tokens):
        if tok.endswith(",") and n:
            break
        if tok[:1].isupper() or tok.casefold() in NAME_PARTICLES or "-" in tok[:4]:
            if _is_role_word(tok) and n:
                break
            n += 1
            continue
        break
    return n


def _role(tokens: list[str]) -> str | None:
    role = " ".join(tokens).strip(" ,–-")
    return role or None


# Words too common in titles to tell two offices apart.
_ROLE_STOP = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "to",
        "in",
        "on",
        "at",
        "a",
        "an",
        "russia",
        "russian",
        "federation",
        "presidential",
        "deputy",
        "first",
        "acting",
        "state",
        "special",
        "chief",
    }
)


def role_words(role: str | None) -> set[str]:
    """The distinctive words of a title, for telling namesakes apart."""
    if not role:
        return set()
    return {w for w in fold(role).replace("-", " ").split() if w not in _ROLE_STOP and len(w) > 2}


class PersonRegistry:
    """Canonical persons learned from tags and labels across documents.

    ``resolve`` maps a label to ``(person, role, person_id)``. People who share a name are
    told apart by role: a name seen with roles that never co-occur with the other roles
    of that name keeps one id per role family (see ``person_id``).
    """

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # folded -> canonical display name
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.roles: dict[str, dict[str, int]] = defaultdict(dict)  # folded name -> role -> count
        self.given: set[str] = set()  # folded given names seen in tags and bare labels
        self.refs: dict[str, dict[str, set[str]]] = defaultdict(dict)  # name -> site-given person id -> role words

    def learn_name(self, name: str) -> None:
        name = squash(name)
        key = fold(name)
        if not key or len(key.split()) < 2:
            return
        self.names.setdefault(key, name)
        self.by_surname[key.split()[-1]].add(key)
        self.given.update(key.split()[:-1])

    def learn_tag(self, tag: str) -> None:
        self.learn_name(tag_to_name(tag))

    def learn_ref(self, name: str, ref: str, role: str | None) -> None:
        """Remember that a site identifies ``name`` by the person id ``ref`` (with this role)."""
        words = self.refs[fold(name)].setdefault(ref, set())
        words.update(role_words(role))

    def pick_ref(self, name: str, role: str | None) -> str | None:
        """The site-given person id for ``name``: the only one known, or among namesakes (two Dmitry
        Peskovs) the one whose known roles share a distinctive word with ``role``."""
        known = self.refs.get(fold(name))
        if not known:
            return None
        if len(known) == 1:
            return next(iter(known))
        wanted = role_words(role)
        hits = [ref for ref, words in known.items() if words & wanted]
        return hits[0] if len(hits) == 1 else None

    def known(self) -> Collection[str]:
        return self.names.keys()

    def resolve(self, label: str) -> Identity:
        ident = split_role_name(label, self.known(), self.given)
        if ident.person is None:
            return ident
        canonical = self.canonical(ident.person)
        if ident.role:
            counts = self.roles[fold(canonical)]
            counts[ident.role] = counts.get(ident.role, 0) + 1
        return Identity(canonical, ident.role)

    def canonical(self, name: str) -> str:
        """The registry's spelling of ``name``; typos and initials resolve to a known person."""
        key = fold(name)
        if key in self.names:
            return self.names[key]
        parts = key.split()
        if not parts:
            return name
        candidates = self.by_surname.get(parts[-1], set())
        if len(parts) >= 2 and len(parts[0]) == 1:  # "V. Putin"
            hits = [c for c in candidates if c.split()[0].startswith(parts[0])]
            if len(hits) == 1:
                return self.names[hits[0]]
        if len(parts) >= 2:
            hit = self._close_spelling(key, parts)
            if hit:
                return self.names[hit]
        return name

    def _close_spelling(self, key: str, parts: list[str]) -> str | None:
        """A known name one or two letters away ("Vlaidmir Putin"), when unambiguous."""
        from rapidfuzz.distance import DamerauLevenshtein

        hits = []
        for cand in self.by_surname.get(parts[-1], set()) or self.names:
            if abs(len(cand) - len(key)) > 2:
                continue
            if DamerauLevenshtein.distance(cand, key) <= (1 if len(key) < 10 else 2):
                hits.append(cand)
        return hits[0] if len(hits) == 1 else None
