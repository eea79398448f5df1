"""Speaker phrases: the noun phrase next to a speech verb, read and classified.

A phrase is read backwards from a verb ("UFCW Local 832 president Jeff Traeger | said") or
forwards after it ("said | Oilers head coach Ken Hitchcock"), over name words, title
words, determiners and the prepositions of titles, and stops at punctuation, clause
words and verbs. It is then classified:

- ``pronoun``: he, she, they, it;
- ``name``: ends with capitalised words; the name is what follows the last title word
  ("Hereditary Chief Na'moks" -> "Na'moks"), the rest is the title; ``group`` when two
  names are joined by "and";
- ``definite``: "the rookie defenceman", "the union" (refers back to someone named);
- ``indefinite``: "a union representative", "officials", "several experts" (no one named).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from .lexicon import (
    DETERMINERS,
    GIVEN_NAMES,
    HONORIFICS,
    INDEFINITE,
    ORG_WORDS,
    PHRASE_STOPS,
    PRONOUNS,
    TITLE_WORDS,
)
from .segment import ABBREVIATIONS, words

TOKEN = re.compile(r"[\w’'.&-]*\w[\w’'&-]*\.?|[^\w\s\u200b]")
_VERB_LIKE = re.compile(r"(?:ed|ing)$")
# Irregular past tenses that follow a subject in news ("The Bank of Russia | kept its rate");
# forms that are also common nouns or adjectives ("set", "cut", "left", "lead") are not here.
_IRREGULAR_PAST = frozenset(
    words(
        "kept met held made took gave sent spent said told spoke wrote went came began brought "
        "paid sold struck found thought became rose grew knew chose drew sought fought built felt "
        "heard stood understood broke"
    )
)
_MONTH_SURNAMES = frozenset({"May", "June", "August"})
_POSSESSIVE = re.compile(r"^[A-Z][\w’'.-]*[’']s$")
# "el-Sisi", "al-Assad": a particle joined to a surname by a hyphen
HYPHENED_PARTICLE = r"(?:el|al|ad|as|ash)-"
_NAME_TOKEN = re.compile(
    rf"^(?:[A-Z][\w’'.&-]*|[A-Z]\.|{HYPHENED_PARTICLE}[A-Z][\w’'.-]*"
    r"|(?:de|van|von|der|la|le|bin|al|da|di|du|del|dos|ibn)|\d+)$"
)
_PARTICLES = frozenset(words("de van von der la le bin al da di du del dos ibn"))
_INSIDE = frozenset(words("of for with at from in on to by and"))
_FORWARD_INSIDE = frozenset(words("of for with and"))
_LEAD_WORDS = words(
    "but and so yet however meanwhile still now then also instead earlier later previously "
    "in on at for with from to by of after before when while as"
)
# Words that may stand between a subject and its verb: "X also said", "X has said".
_BETWEEN = words(
    "also later then previously once again repeatedly recently earlier now has have had would will "
    "did does further even only just already often"
)
_LEAD_OR_INSIDE = _LEAD_WORDS | _INSIDE
MAX_PHRASE_TOKENS = 12  # longer runs are clauses, not subjects
_LAST_WORD = re.compile(r"(\w+)\s*$")
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A time between a subject and its verb: "on Tuesday", "late on Friday", "last week".
_TIME_BETWEEN = re.compile(
    rf"\s(?:(?:late|early)\s+)?on\s+{_DAY}(?:\s+(?:morning|afternoon|evening|night))?\s*$"
    r"|\s(?:last|this)\s+(?:week|month|year|weekend)\s*$"
)
_LOOK_AHEAD = 5  # tokens _title_continues reads past the current one
PHRASE_WINDOW = 140  # characters around a verb that can hold its speaker phrase (12 words)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker phrase as written, with what it says about who speaks."""

    text: str
    start: int
    end: int
    kind: str  # pronoun | name | group | definite | indefinite
    name: str | None = None  # "Peter DeBoer", "Apple", "Tore Sohlberg and Lehla Abreder"
    title: str = ""  # "Sharks head coach"
    head: str | None = None  # the head noun of a description: "defenceman"
    gender: str | None = None  # m | f, from an honorific ("Mr.")


@lru_cache(maxsize=8192)
def _clean(word: str) -> str:
    """A token without zero-width spaces and without a possessive ("Scheer’s")."""
    word = word.replace("\u200b", "")
    return word[:-2] if word.endswith(("’s", "'s")) and len(word) > 3 and word[0].isupper() else word


_NOT_NAMES = (
    PHRASE_STOPS
    | DETERMINERS
    | _LEAD_WORDS
    | (
        words(
            "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
            "august september october november december more most other unlike according despite"
        )
    )
)


@lru_cache(maxsize=8192)
def is_name_token(word: str) -> bool:
    """A word that can be part of a name: capitalised (or an initial, a particle, a
    number), and not a capitalised function word, weekday or month."""
    w = _clean(word)
    return bool(_NAME_TOKEN.match(w)) and w.casefold().rstrip(".") not in _NOT_NAMES


def strip_between(s: str, end: int) -> int:
    """``end`` moved left past adverbs, auxiliaries and a time ("X also has | said",
    "The Ministry on Tuesday | said")."""
    while True:
        lo = max(0, end - 40)
        when = _TIME_BETWEEN.search(s, lo, end)
        if when is not None:
            end = when.start()
            continue
        m = _LAST_WORD.search(s, lo, end)
        if not m or m.group(1).casefold() not in _BETWEEN:
            return end
        end = m.start()


_REFLEXIVES = frozenset(("himself", "herself", "themselves", "itself"))
_PRONOUN_FORMS = frozenset(("he", "she", "they", "him", "her", "them", "his", "their"))


def pronoun_phrase(s: str, start: int, end: int) -> Phrase | None:
    """``s[start:end]`` as a pronoun phrase when it is one ("quoted him as saying", "in
    his words", "..., she said, ..."), else None."""
    text = s[start:end]
    return Phrase(text, start, end, "pronoun") if text.casefold() in _PRONOUN_FORMS else None


@lru_cache(maxsize=1024)  # the same verb is read from by several rules of a sentence
def phrase_before(s: str, end: int) -> Phrase | None:
    """The speaker phrase that ends at ``end`` (a verb follows)."""
    end = strip_between(s, end)
    toks = list(TOKEN.finditer(s, max(0, end - PHRASE_WINDOW), end))
    if not toks:
        return None
    last = toks[-1]
    if last.group().casefold() in PRONOUNS and last.group().casefold() not in ("him", "her"):
        return Phrase(last.group(), last.start(), last.end(), "pronoun")
    j = len(toks) - 1
    taken: list[re.Match[str]] = []
    while j >= 0 and len(taken) < MAX_PHRASE_TOKENS:
        w = toks[j].group()
        lw = w.casefold()
        if w in _MONTH_SURNAMES and j > 0 and toks[j - 1].group() in GIVEN_NAMES:
            taken.insert(0, toks[j])  # "Elizabeth May", "Theresa May": a surname, not a month
            j -= 1
            continue
        if taken and w.endswith(".") and not _abbreviation(w):
            break  # "... last week. | The 26-year-old right wing said": a sentence ends here
        if not w[0].isalnum() or (lw in PHRASE_STOPS and not is_name_token(w)):
            break
        if lw in ("said", "says", "told"):
            break
        taken.insert(0, toks[j])
        j -= 1
    while taken and (taken[0].group().casefold() in _LEAD_OR_INSIDE or taken[0].group().isdigit()):
        taken.pop(0)  # "14:05 | Putin says": a name never starts with a number (a time, a count)
    if len(taken) > 1 and taken[-1].group().casefold() in _REFLEXIVES:
        taken.pop()  # "Putin himself has said": the name, not the emphasis
    if not taken:
        return None
    return classify(s, taken[0].start(), taken[-1].end())


def phrase_after(s: str, start: int, subject: bool = False, end: int | None = None) -> Phrase | None:
    """The speaker phrase that starts at ``start``: right after a verb ("said Cambridge
    cartoonist Andre Campbell"), or, with ``subject``, at a sentence's start, where a
    lowercase word after a name is its verb unless it is a title word."""
    stop = start + PHRASE_WINDOW if end is None else min(end, start + PHRASE_WINDOW)
    tokens = TOKEN.finditer(s, start, stop)
    toks = list(islice(tokens, _LOOK_AHEAD + 1))  # read on as the phrase goes on
    if not toks:
        return None
    first = toks[0].group()
    if first.casefold() in PRONOUNS and first.casefold() not in ("him", "her", "it"):
        return Phrase(first, toks[0].start(), toks[0].end(), "pronoun")
    taken: list[re.Match[str]] = []
    previous_is_name = False
    for i in range(MAX_PHRASE_TOKENS):
        if i + _LOOK_AHEAD >= len(toks):
            toks += islice(tokens, _LOOK_AHEAD)
            if i >= len(toks):
                break
        t = toks[i]
        w = t.group()
        lw = w.casefold()
        name = is_name_token(w)
        if not w[0].isalnum() or (lw in PHRASE_STOPS and not name):
            break
        if lw in _INSIDE and (lw not in _FORWARD_INSIDE or not taken):
            break  # a preposition ends the phrase, and never starts one ("agreed | with X")
        if taken and not name:
            if subject and (_VERB_LIKE.search(lw) or lw in _IRREGULAR_PAST) and lw not in TITLE_WORDS:
                break  # "officials | discussed": a sentence's subject ends at its verb
            if (
                previous_is_name
                and lw not in _FORWARD_INSIDE
                and not _POSSESSIVE.match(taken[-1].group())  # "Wise’s | dad": the possessed noun follows
                and taken[0].group().casefold() not in DETERMINERS  # "the laid-back Cambridge | native"
                and not _title_continues(toks, i, titles_only=subject)
            ):
                break  # "said Putin | on Tuesday": a lowercase word after the name ends it
        taken.append(t)
        previous_is_name = name
    while taken and taken[-1].group().casefold() in _INSIDE:
        taken.pop()
    if not taken:
        return None
    return classify(s, taken[0].start(), taken[-1].end())


_AFFILIATIONS = frozenset({"with", "from", "at", "of"})


def _affiliation_at(words: list[str]) -> int:
    """Where a person's name is followed by their affiliation ("Tim Guest with the union",
    "Anna Belova of the ministry"): the index of the preposition, else 0."""
    for i, w in enumerate(words[2:-1], start=2):
        if w in _AFFILIATIONS and is_name_token(words[i - 1]) and is_name_token(words[i - 2]):
            run = words[max(0, i - 3) : i]
            if any(t in GIVEN_NAMES for t in run) or w != "of":
                return i
    return 0


def _abbreviation(word: str) -> bool:
    """ "Mr.", "J.", "U.S.", "Mo.": a full stop that does not end a sentence."""
    core = word.rstrip(".")
    return core.casefold() in ABBREVIATIONS or len(core) == 1 or "." in core


def _title_continues(toks: list[re.Match[str]], i: int, titles_only: bool = True) -> bool:
    """ "said Oilers | head coach Ken Hitchcock", "Toronto | city councillor and tenants
    advocate Josh Matlow": lowercase title words lead to a name."""
    for t in toks[i : i + _LOOK_AHEAD]:
        w = t.group()
        lw = w.casefold()
        if not w[0].isalnum() or (lw in PHRASE_STOPS and lw != "and") or (lw in _INSIDE and lw != "and"):
            return False
        if not is_name_token(w) and lw != "and" and lw not in TITLE_WORDS and (titles_only or t is not toks[i]):
            return False
        if is_name_token(w):
            return True
    return False


def classify(s: str, start: int, end: int) -> Phrase | None:
    """What a phrase says about its speaker (see the module's doc)."""
    found = _classify(s[start:end])
    if found is None:
        return None
    f = found
    return Phrase(f.text, start + f.start, start + f.end, f.kind, f.name, f.title, f.head, f.gender)


@lru_cache(maxsize=8192)
def _classify(text: str) -> Phrase | None:
    """``classify`` of a phrase on its own (offsets relative to it); the same words recur."""
    return _classify_at(text, 0, len(text))


def _classify_at(s: str, start: int, end: int) -> Phrase | None:
    if s[start:end].endswith(".") and not _abbreviation(s[start:end].split()[-1]):
        end -= 1  # "said Vyacheslav Volodin." : the sentence's full stop
    text = s[start:end]
    matches = list(TOKEN.finditer(text))
    raw = [m.group() for m in matches]
    words = [_clean(w) for w in raw]
    if not words:
        return None
    owner = max((i for i, w in enumerate(raw[:-1]) if _POSSESSIVE.match(w)), default=-1)
    if owner >= 0 and is_name_token(words[-1]):
        # "Vancouver's Bo Horvat", "Andrew Scheer's Conservatives": the owner is not the speaker
        cut = matches[owner].end()
        lead = len(text[cut:]) - len(text[cut:].lstrip())
        inner = classify(s, start + cut + lead, end)
        if inner is not None:
            return replace(inner, text=text, start=start, title=f"{text[:cut]} {inner.title}".strip())
    head_end = _affiliation_at(words)
    if head_end:  # "Tim Guest | with the Nova Scotia Health Authority": the head comes first
        cut = matches[head_end - 1].end()
        return classify(s, start, start + cut)
    surname_month = len(words) > 1 and words[-1] in _MONTH_SURNAMES and words[-2] in GIVEN_NAMES
    if (is_name_token(words[-1]) or surname_month) and not words[-1].isdigit():
        return _named(text, start, end, words)
    first = words[0].casefold()
    # "a ministry readout of the call", "a professor of economics": the head comes before "of"
    of_at = next((i for i, w in enumerate(words) if i > 1 and w.casefold() == "of"), len(words))
    head = words[of_at - 1].casefold().rstrip(".")
    if first in PHRASE_STOPS or (len(words) == 1 and first in DETERMINERS):
        return None  # "who joined the board", "those": a clause or a bare determiner
    if first in ("the", "this", "his", "her", "their", "its", "our") or raw[0].endswith(("'s", "’s")):
        return Phrase(text, start, end, "definite", head=head, title=text)
    if first in INDEFINITE or first not in DETERMINERS:
        return Phrase(text, start, end, "indefinite", head=head, title=text)
    return Phrase(text, start, end, "definite", head=head, title=text)


def _named(text: str, start: int, end: int, words: list[str]) -> Phrase:
    """A phrase ending in capitalised words: a person's name after the title words, or an
    organisation's name whole ("National Institute on Drug Abuse")."""
    k = len(words)
    if words[-1] in _MONTH_SURNAMES:
        k -= 1  # "Elizabeth May"
    while k > 0 and (
        is_name_token(words[k - 1]) or (words[k - 1] in _CONNECTORS and k > 1 and is_name_token(words[k - 2]))
    ):
        k -= 1
    run = words[k:]
    while run and run[0] in _CONNECTORS:
        run.pop(0)
    title_words = words[:k]
    lead = title_words[0].casefold() if title_words else ""
    if lead in INDEFINITE:
        head = next((w.casefold() for w in title_words[1:] if w.casefold() not in _INSIDE), None)
        return Phrase(text, start, end, "indefinite", head=head, title=" ".join(title_words))
    served = _title_of_name(title_words, run)
    if served:
        # "the president of Russia", "the owner of Page Turners": the holder of a title,
        # described by what they serve; the name after "of" is never the speaker
        return Phrase(text, start, end, "definite", head=served, title=text)
    org_at = max((i for i, w in enumerate(run) if w.casefold().strip(".,") in ORG_WORDS), default=-1)
    # a given name or a title after the organisation's words begins a person's name
    # ("Surrey Police Service Const. | Parmbir Kahlon")
    person_after = org_at >= 0 and (
        any(w in GIVEN_NAMES for w in run[org_at + 1 :])
        or any(w.casefold().rstrip(".") in TITLE_WORDS for w in run[org_at + 1 : -1])
    )
    if org_at == len(run) - 1 or (org_at >= 0 and not person_after):
        while len(run) > 1 and run[-1].casefold().rstrip(".") in CORPORATE:
            run.pop()  # "TransCanada Corp." is TransCanada
        if "of" in run[1:]:  # "Bank of Canada" is a name; "Shares of VTB Bank" is not
            before_of = run[: run.index("of")]
            if not any(w.casefold() in ORG_WORDS or w.casefold() in TITLE_WORDS for w in before_of):
                run = run[run.index("of") + 1 :]
        return Phrase(text, start, end, "name", name=" ".join(run), title=" ".join(title_words))
    if org_at >= 0:  # "Speaker of the State Duma | Vyacheslav Volodin"
        title_words += run[: org_at + 1]
        run = run[org_at + 1 :]
    if len(run) >= 3 and run[0] not in GIVEN_NAMES and _posted_to(title_words):
        title_words.append(run.pop(0))  # "ambassador to Ukraine | Bridget Brink": the country is the post's
    if run[-1].casefold().rstrip(".") in TITLE_WORDS:
        # "the President", "the Russian President", "the Head of State": a title, not a name
        return Phrase(text, start, end, "definite", head=run[-1].casefold(), title=text)
    if "and" in run[1:-1]:  # "Finance Minister Anton Belov and Mayor Olga Smirnova": two people
        sides = " ".join(run).split(" and ")
        names = [" ".join(side.split()[_title_cut(side.split()) :]) for side in sides]
        if len(names) > 1 and all(names):
            return Phrase(text, start, end, "group", name=" and ".join(names), title=" ".join(title_words))
    cut = _title_cut(run)
    gender = next((HONORIFICS[w.casefold()] for w in run[:cut] if w.casefold() in HONORIFICS), None)
    title_words += run[:cut]
    name_words = run[cut:] or run[-1:]
    while name_words and name_words[0].casefold() in _PARTICLES_OR_CONNECTORS:
        name_words.pop(0)
    name = " ".join(name_words) or words[-1]
    kind = "group" if " and " in f" {name} " else "name"
    return Phrase(text, start, end, kind, name=name, title=" ".join(title_words), gender=gender)


def _title_of_name(title_words: list[str], run: list[str]) -> str | None:
    """The title word of "the [modifiers] TITLE of|for [the] Name" ("the 41-year-old
    owner of Page Turners"), when the name is no person's (no given name in it), else None."""
    if len(title_words) < 3 or title_words[0].casefold() != "the" or title_words[-1] not in ("of", "for"):
        return None
    if any(w in GIVEN_NAMES for w in run):
        return None  # "the president of Russia Vladimir Putin": the name follows its title
    title = title_words[-2].casefold()
    return title if title in TITLE_WORDS else None


_CONNECTORS = frozenset({"and", "of", "on", "for", "the", "&"})


def _posted_to(title_words: list[str]) -> bool:
    """Title words ending "TITLE to [the]" ("U.S. ambassador to", "envoy to the"): the
    capitalised word next is where the post is, not the first word of a name."""
    ws = [w.casefold() for w in title_words]
    if ws[-1:] == ["the"]:
        ws.pop()
    return len(ws) >= 2 and ws[-1] == "to" and ws[-2] in TITLE_WORDS


_PARTICLES_OR_CONNECTORS = _PARTICLES | _CONNECTORS
# A firm's legal suffix ("TransCanada Corp.", "Shopify Inc.")
CORPORATE = frozenset({"corp", "inc", "ltd", "co", "llc", "plc", "ag", "sa", "nv", "gmbh", "corporation", "limited"})


def _title_cut(run: list[str]) -> int:
    """Where the name begins in a capitalised run: after the last title word or honorific
    ("Hereditary Chief | Na'moks", "Mr. | Hemming"), else at a known given name."""
    cut = 0
    for i, w in enumerate(run[:-1]):
        if w.casefold().rstrip(".") in TITLE_WORDS or w.casefold() in HONORIFICS or w in _CONNECTORS:
            cut = i + 1
    if cut == 0 and run[0] not in GIVEN_NAMES:  # "Organizer Dwayne Croteau", not "Jake Thomas Patterson"
        for i, w in enumerate(run[1:-1], start=1):
            if w in GIVEN_NAMES and run[i - 1].casefold() not in _PARTICLES:
                return i  # (after "bin", "de": a father's or a family's name, not a first name)
    return cut


def looks_like_org(name: str) -> bool:
    """A capitalised phrase that names an organisation or a place, not a person."""
    words = name.split()
    # an acronym ("BC Hydro", "UFCW Local 832", "CTV News") marks an organisation
    return any(w.casefold().strip(".,") in ORG_WORDS or (w.isupper() and len(w.strip(".")) > 1) for w in words)
