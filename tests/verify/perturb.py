"""Cases of known answer made from a transcript sentence (the generated check suite):
the same words retyped, one figure changed, a negation flipped."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


_INSERTED = ("really", "also", "certainly", "indeed")


# Words whose loss changes what was said, not how: a figure or part of one, a negation.
# A trimmed quotation that loses one is another kind of case (figure_changed,
# negation_flipped), not a CLOSE one.
_MEANING_WORDS = frozenset(
    [
        "not",
        "no",
        "never",
        "nor",
        "none",
        "nothing",
        "nobody",
        "neither",
        "cannot",
        "a",
        "and",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "half",
        "quarter",
        "third",
        "per",
        "cent",
        "percent",
    ]
)


def _carries_meaning(word: str) -> bool:
    """A figure or a part of one ("five-fold", "one" of "one third"), a negation, or no
    word at all (a dash)."""
    from stenogram.verify.normalize import tokens

    bare = word.strip('.,;:!?"“”‘’()').lower()
    toks = tokens(bare)
    if not toks or any(t[0].isdigit() for t in toks):
        return True
    return bare in _MEANING_WORDS or bare.endswith("n’t") or bare.endswith("n't")


def word_dropped(s: str, rng: random.Random) -> str | None:
    """One word of the middle left out (a trimmed quotation), never a figure, a part of
    one or a negation."""
    words = s.split()
    if len(words) < 12:
        return None
    middle = [i for i in range(3, len(words) - 3) if not _carries_meaning(words[i])]
    if not middle:
        return None
    i = rng.choice(middle)
    return " ".join(words[:i] + words[i + 1 :])


def word_inserted(s: str, rng: random.Random) -> str | None:
    """One adverb put into the middle (a lightly edited quotation)."""
    words = s.split()
    if len(words) < 12:
        return None
    # never inside a figure ("23 really billion"): between two words that carry none
    places = [i for i in range(3, len(words) - 3) if not (_carries_meaning(words[i - 1]) or _carries_meaning(words[i]))]
    if not places:
        return None
    i = rng.choice(places)
    return " ".join([*words[:i], rng.choice(_INSERTED), *words[i:]])


@dataclass(frozen=True, slots=True)
class Said:
    """A transcript sentence and where it was said."""

    person: str
    event: str
    sentence: str


def transcript_sentences(corpus: Any, min_content_words: int) -> list[Said]:
    """The sentences of named speakers in a corpus (``stenogram.Corpus``) with at least
    ``min_content_words`` content words (shorter ones are often said more than once)."""
    from stenogram.verify.align import sentences
    from stenogram.verify.normalize import content, tokens

    out = []
    for turn_id, text in corpus.store.all_turns():
        info = corpus.store.turn_info(turn_id)
        if info is None or not info["person"]:
            continue
        event = str(info.get("event_key") or info["event_id"])
        out += [
            Said(str(info["person"]), event, s.text)
            for s in sentences(text)
            if len(content(tokens(s.text))) >= min_content_words
        ]
    return out


def short_unique_sentences(corpus: Any, min_tokens: int, max_content_words: int) -> list[Said]:
    """Sentences of common words (at most ``max_content_words`` content words, at least
    ``min_tokens`` tokens) that stand in one turn of the corpus only: quoted with no
    speaker named, they must be found VERBATIM there."""
    from collections import Counter

    from stenogram.verify.align import sentences
    from stenogram.verify.normalize import content, tokens

    found: list[tuple[Said, tuple[str, ...]]] = []
    seen: Counter[tuple[str, ...]] = Counter()
    for turn_id, text in corpus.store.all_turns():
        info = corpus.store.turn_info(turn_id)
        for s in sentences(text):
            toks = tuple(tokens(s.text))
            seen[toks] += 1
            if info is not None and len(toks) >= min_tokens and len(content(list(toks))) <= max_content_words:
                event = str(info.get("event_key") or info["event_id"])
                found.append((Said(str(info["person"] or ""), event, s.text), toks))
    everything = " ".join(" ".join(t) for t in seen)  # a sentence inside a longer one is not unique either
    return [said for said, toks in found if seen[toks] == 1 and everything.count(" ".join(toks)) == 1]


@dataclass(frozen=True, slots=True)
class Case:
    kind: str
    quote: str
    claimed: str
    event: str  # the event the quotation comes from (folds are grouped by it)
    expected: str  # the verdict it must get


_SINGLE: dict[str, tuple[Callable[[str, random.Random], str | None], str]] = {
    "copy": (retyped, "VERBATIM"),
    "figures": (lambda s, _: s if FIGURE.search(s) else None, "VERBATIM"),
    "figure_changed": (figure_changed, "ALTERED"),
    "negation_flipped": (negation_flipped, "ALTERED"),
    "word_dropped": (word_dropped, "CLOSE"),
    "word_inserted": (word_inserted, "CLOSE"),
}


def generated_cases(said: list[Said], per_kind: int, rng: random.Random, short: list[Said] | None = None) -> list[Case]:
    """``per_kind`` cases of each kind from shuffled sentences: the single-sentence kinds
    above, ``spliced`` (two sentences of one speaker from two events, joined: SPLICED),
    ``other_speaker`` (a sentence claimed for another speaker of its event:
    MISATTRIBUTED) and, from ``short`` (``short_unique_sentences``), ``short_unnamed``
    (a sentence of common words, no speaker named: VERBATIM)."""
    pool = list(said)
    rng.shuffle(pool)
    cases: list[Case] = []
    for kind, (make, expected) in _SINGLE.items():
        made = 0
        for s in pool:
            if made >= per_kind:
                break
            quote = make(s.sentence, rng)
            if quote is not None:
                cases.append(Case(kind, quote, s.person, s.event, expected))
                made += 1
    by_person: dict[str, list[Said]] = {}
    speakers: dict[str, set[str]] = {}
    for s in pool:
        by_person.setdefault(s.person, []).append(s)
        speakers.setdefault(s.event, set()).add(s.person)
    made = 0
    for s in pool:
        other = next((o for o in by_person[s.person] if o.event != s.event), None)
        if made >= per_kind:
            break
        if other is not None:
            cases.append(Case("spliced", f"{s.sentence} {other.sentence}", s.person, s.event, "SPLICED"))
            made += 1
    made = 0
    for s in pool:
        if made >= per_kind:
            break
        others = sorted(speakers[s.event] - {s.person})
        if others:
            cases.append(Case("other_speaker", s.sentence, rng.choice(others), s.event, "MISATTRIBUTED"))
            made += 1
    if short:  # drawn last: the other kinds' cases stay those of earlier runs
        picked = rng.sample(short, min(per_kind, len(short)))
        cases += [Case("short_unnamed", s.sentence, "", s.event, "VERBATIM") for s in picked]
    return cases
