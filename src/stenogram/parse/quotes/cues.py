"""Attribution cues: a speaker phrase and a speech verb, in either order.

Positions are offsets in the string given (a masked paragraph), so that callers keep
exact offsets. Three places are read:

- a cue that *fills* the words after a quotation (``," DeBoer said of the captain.``,
  ``," said Karlsson, who ...``, ``," Harry J. Kazianis, director of ..., said in an
  e-mail.``): it starts right after the closing mark;
- a cue *before* a quotation in its sentence (``Putin said: "..."``, ``X told reporters
  "..."``, ``X said the budget would stay "balanced"``);
- a *reported clause*: ``X said (that) CLAUSE``, ``X told police (that) CLAUSE``,
  ``CLAUSE, X said.``, ``according to X, CLAUSE``, ``..., saying CLAUSE``: the clause
  itself is read in ``clauses``, from the cue found here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    PARTICIPLES,
    SPEECH_VERBS,
    VERB_FIRST_WORDS,
    VERB_FORMS,
)
from .phrases import Phrase, classify, phrase_after, phrase_before, pronoun_phrase, strip_between
from .segment import LOWERCASE, MASK, word_positions, words

_SPEAKER_COLON_AT_END = re.compile(r"(?P<spk>(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+):\s*$")
_TWO_WORDS = re.compile(r"\w+\s+\w")
_COMMA_SPACE = re.compile(r",\s+")
_FILLING_LEAD = re.compile(r"[\s,:;\"”»’—–-]*")
_WORD_BEFORE_SPACE = re.compile(r"(\w+)\s+$")

MAX_CUE_LEAD = 220  # characters of speaker phrase and apposition before the verb
MAX_CUE_TAIL = 60  # "in Moscow on Tuesday": what may follow a filling cue in its sentence
MAX_DESCRIPTION_WORDS = 8  # "the head of the regional grain union": longer is a clause, not a speaker
# Auxiliaries, copulas and modals: a finite verb that shows a clause has begun.
_FINITE = words(
    "is are was were has have had will would can could should may might must does did do need needs "
    "isn't wasn't aren't weren't hasn't haven't won't wouldn't can't couldn't don't doesn't didn't"
)
_QUOTED_AS = re.compile(
    r"\s+(?:was|were|has been|had been|is|are)\s+(?:also\s+)?(?:quoted|cited)\s+"
    r"(?:(?:by|in|on)\s+(?:[^\s,.;:]+\s+){1,5}?)?as\s+(?:saying|telling\s+\S+)\s*(?:that\s+)?"
)
# Words that end the text before a verb (read with _ends_with):
_COMMA_AND = re.compile(r",\s*(?:and\s+)?$")  # "..., saying", "..., and adding"
ENDING_REACH = 40  # characters: longer than any of those endings, so only the tail is searched
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+")
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"”»’]?\s+[\"“A-Z]")


@dataclass(frozen=True, slots=True)
class Cue:
    phrase: Phrase
    verb: str
    start: int  # the cue's extent in the string
    end: int


@dataclass(frozen=True, slots=True)
class Reported:
    cue: Cue
    start: int  # the clause
    end: int


class _Verb:
    """A speech verb found in a string: the few things of a match the cues read."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, text: str) -> None:
        self._start, self._end, self._text = start, start + len(text), text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


_WORD_CHAR = re.compile(r"\w")
# A determiner, a preposition or a news noun before a word of saying makes it a noun
# ("declined to comment on reports that ...", "media reports", "in his remarks").
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|these|those|such|his|her|their|its|our|on|of|about|amid|following|despite|"
    r"media|press|news|earlier|recent|unconfirmed)\s+$",
    re.I,
)


@lru_cache(maxsize=256)
def _all_verbs(s: str) -> tuple[list[int], list[_Verb]]:
    present = VERB_FIRST_WORDS.intersection(_LOWER_WORD.findall(s))
    if not present:
        return [], []
    # whole lowercase words, as _LOWER_WORD reads them (a lowercase letter after ends none)
    candidates = sorted((at, w) for w in present for at in word_positions(s, w, LOWERCASE))
    found: list[_Verb] = []
    for at, word in candidates:
        if found and at < found[-1].end():
            continue
        for form in VERB_FORMS[word]:  # the longest form that starts here ("pointed out")
            if s.startswith(form, at) and _WORD_CHAR.match(s, at + len(form)) is None:
                if not form.endswith("ing") and _NOUN_BEFORE.search(s, max(0, at - 20), at):
                    break  # "on reports that", "media reports", "the remarks": a noun, no verb
                found.append(_Verb(at, form))
                break
    return [v.start() for v in found], found


def _verbs(s: str, start: int = 0, end: int | None = None) -> list[_Verb]:
    """The speech verbs of ``s[start:end]``, found once per string."""
    starts, found = _all_verbs(s)
    stop = len(s) if end is None else end
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(found) and found[i].end() <= stop:
        out.append(found[i])
        i += 1
    return out


def _ends_with(pattern: re.Pattern[str], s: str, start: int, end: int) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) matched at the end of ``s[start:end]``, searching
    only its last characters; offsets are in ``s``."""
    return pattern.search(s, max(start, end - ENDING_REACH), end)


def has_speech_verb(s: str, start: int, end: int) -> bool:
    starts, found = _all_verbs(s)
    i = bisect.bisect_left(starts, start)
    return i < len(found) and found[i].end() <= end


def filling_cue(s: str, start: int, end: int, tail: int = MAX_CUE_TAIL) -> Cue | None:
    """A cue that starts at ``start`` (after punctuation) and ends the span at ``end``
    but for a short tail, or anything after the speaker's apposition or relative clause."""
    lead = _FILLING_LEAD.match(s, start, end)
    at = lead.end() if lead else start
    if at >= end or s[at] == MASK:
        return None
    for v in _verbs(s, at, min(end, at + MAX_CUE_LEAD)):
        left = s[at : v.start()]
        if _SENTENCE_BREAK.search(left):
            return None
        if not left.strip():
            if v.group() in PARTICIPLES:
                return None  # "explaining warm temperatures": a participle's object, never its speaker
            if _OBJECT_PRONOUN_NEXT.match(s, v.end()):
                return None  # "..., asked him about talks with Washington": whom it was said to
            phrase = _named_apposition(s, phrase_after(s, v.end(), end=end), end)
            if phrase is not None and phrase.start - v.end() <= 2:
                return Cue(phrase, v.group(), at, phrase.end)
            return None
        phrase = _subject_at(s, at, v.start())
        if phrase is None:
            continue
        return Cue(phrase, v.group(), at, v.end())
    return None


def according_cue(s: str, start: int, end: int) -> Cue | None:
    """``"...," according to Dr. Keith Ahamad, a family doctor.``: "according to X"
    right after a quotation."""
    cue = _according(s, start, end)
    if cue is None or s[start : cue.start].strip(' ,"”»’'):
        return None
    return cue


def sentence_final_cue(s: str, start: int, end: int) -> Cue | None:
    """``"..." including Lake Cowichan, it said.``: a cue after the last comma of the
    sentence that the quotation opens, filling it to the end."""
    comma = s.rfind(",", start, end)
    if comma < 0 or MASK in s[start:comma]:
        return None
    cue = filling_cue(s, comma + 1, end)
    if cue is None or len(s[cue.end : end].strip(" .")) > MAX_CUE_TAIL:
        return None
    return cue


def _subject_at(s: str, at: int, verb_at: int) -> Phrase | None:
    """The subject phrase that starts at ``at`` and runs to the verb, perhaps with an
    apposition between commas ("Moyra Baxter, the board's chair, said")."""
    left = s[at:verb_at]
    if left.rstrip().endswith(","):
        phrase = _appositive_subject(s, at, verb_at)
        if phrase is not None and phrase.kind == "name" and phrase.start - at > 1:
            comma = s.find(",", at, phrase.start)
            name_at = s.rfind(phrase.name or "", phrase.start, phrase.end)
            # the lowercase words of a post ("now deputy head of the", "now head of Russia's")
            post = _OWNER_NAME.sub("", s[phrase.start : name_at])
            if comma > at and post.islower() and _OBJECT_OF_A_POST.search(s, phrase.start, name_at):
                # "the former president, now deputy head of the Security Council, wrote": the
                # name ends a post's description; the subject is the description before it
                return classify(s, at + len(left) - len(left.lstrip()), comma)
        return phrase if (phrase and phrase.start - at <= 1) or (phrase and phrase.kind == "name") else None
    phrase = phrase_before(s, verb_at)
    if phrase is None or phrase.start - at > 1:
        return None
    return phrase


_OBJECT_PRONOUN_NEXT = re.compile(r"\s+(?:him|her|them|us|me)\b")
# The words before a name that make it the object of a post's description ("deputy head
# of | the Security Council", "an analyst at | Carnegie")
_OWNER_NAME = re.compile(r"[A-Z][\w.-]*[’']s\b")  # "Russia's"
_OBJECT_OF_A_POST = re.compile(r"\b(?:of|at|for|with|in)\s+(?:the\s+)?(?:[A-Z][\w.-]*[’']s\s+)?$")
# A label that opens with a preposition names a topic, not a speaker ("On Ukraine: "...""
# in a list of what someone said; "About the talks:").
_TOPIC_LEADS = words(
    "on about regarding concerning over for in at as to with from of after before against between under"
)


def _after_lowercase_word(s: str, at: int) -> bool:
    """Whether a lowercase word comes right before ``at``: "asked Putin:" names whom it
    was asked; "a viewer in Novosibirsk:" and "the weekly Welt am Sonntag:" end in a place
    or a title, not a speaker's label (a label opens its sentence, after a time at most)."""
    before = _WORD_BEFORE_SPACE.search(s, max(0, at - 30), at)
    return before is not None and before.group(1)[0].islower()


def topic_label(label: str) -> bool:
    """Whether a label before a colon is a topic ("On Ukraine") rather than a speaker."""
    return label.split(" ", 1)[0].casefold() in _TOPIC_LEADS


# "In Putin's words, "..."", "in the words of Putin:", "In his words,": whose words follow.
_NAME_PATTERN = r"(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*"
_IN_THE_WORDS_OF = re.compile(
    rf"\b[Ii]n\s+(?:the\s+words\s+of\s+(?P<of>{_NAME_PATTERN})"
    rf"|(?P<own>his|her|their|{_NAME_PATTERN}(?=[’']s\s))(?:[’']s)?\s+(?:own\s+)?words)\s*[,:]?\s*$"
)

# "As Putin put it, "..."", "as he said,": whose words follow (a quotation here, a reported
# clause in clauses._AS_PUT_IT).
AS_PUT_IT_VERBS = r"(?:put it|said|noted|wrote|remarked)"
_AS_THEY_PUT_IT = re.compile(rf"\b[Aa]s\s+(?P<who>{_NAME_PATTERN}|he|she|they)\s+{AS_PUT_IT_VERBS}\s*[,:]?\s*$")


def cue_before(s: str, start: int, end: int, subject: Phrase | None = None) -> Cue | None:
    """The last cue in ``s[start:end]`` (a quotation follows): a speaker and a verb, or
    a speaker and a colon ("Zakharova: ...")."""
    words_of = _IN_THE_WORDS_OF.search(s, start, end)
    if words_of is not None:
        at, stop = words_of.span("of") if words_of.group("of") else words_of.span("own")
        phrase = pronoun_phrase(s, at, stop) or classify(s, at, stop)
        if phrase is not None and phrase.kind in ("name", "pronoun"):
            return Cue(phrase, "in the words of", words_of.start(), words_of.end())
    as_put = _AS_THEY_PUT_IT.search(s, start, end)
    if as_put is not None:
        at, stop = as_put.span("who")
        phrase = pronoun_phrase(s, at, stop) or classify(s, at, stop)
        if phrase is not None and phrase.kind in ("name", "pronoun"):
            return Cue(phrase, "as ... put it", as_put.start(), as_put.end())
    colon = _SPEAKER_COLON_AT_END.search(s[start:end])
    if (
        colon
        and not topic_label(colon.group("spk"))
        # "Putin said at a meeting in Sochi:", "X told the newspaper Welt am Sonntag:": after
        # a lowercase word, the words before the colon are a place or an addressee
        and not _after_lowercase_word(s, start + colon.start("spk"))
    ):
        phrase = classify(s, start + colon.start("spk"), start + colon.end("spk"))
        if phrase and phrase.kind in ("name", "group"):
            return Cue(phrase, ":", phrase.start, start + colon.end())
    quoted_as = _QUOTED_AS.search(s, start, end) if "saying" in s[start:end] else None
    if quoted_as is not None and not s[quoted_as.end() : end].strip(" :,"):
        phrase = phrase_before(s, quoted_as.start())
        if phrase is not None:
            return Cue(phrase, "quoted as saying", phrase.start, quoted_as.end())
    for v in reversed(_verbs(s, start, end)):
        if v.group() in PARTICIPLES:
            if subject is not None and _ends_with(_COMMA_AND, s, start, v.start()):
                return Cue(subject, v.group(), v.start(), v.end())  # "..., calling it a "takeover""
            continue
        if SPEECH_VERBS.get(v.group()) == "name" and not _TWO_WORDS.search(s[v.end() : end]):
            continue  # "an app called "Meter"": a name, not words someone said
        phrase = phrase_before(s, v.start())
        if phrase is not None and phrase.start >= start:
            return Cue(phrase, v.group(), phrase.start, v.end())
        left = s[start : strip_between(s, v.start())].rstrip()
        if left.endswith(","):  # "Zakharova, in a post on Telegram, described it as "...""
            phrase = _appositive_subject(s, start, start + len(left))
            if phrase is not None:
                return Cue(phrase, v.group(), phrase.start, v.end())
        phrase = _inverted_before_quote(s, v, end)
        if phrase is not None:
            return Cue(phrase, v.group(), v.start(), phrase.end)
    return None


def _named_apposition(s: str, phrase: Phrase | None, end: int) -> Phrase | None:
    """ "says Campbell's partner, Jason Louth": a description, then the name in apposition."""
    if phrase is None or phrase.kind not in ("definite", "indefinite"):
        return phrase
    m = _COMMA_SPACE.match(s[phrase.end : end])
    if m is None:
        return phrase
    name = phrase_after(s, phrase.end + m.end(), end=end)
    if name is None or name.kind != "name" or " " not in (name.name or ""):
        return phrase
    after = s[name.end : end].strip(" .!?")
    if after and not after.startswith(","):
        return phrase
    return Phrase(s[phrase.start : name.end], phrase.start, name.end, "name", name.name, phrase.text, None, name.gender)


def _inverted_before_quote(s: str, v: _Verb, end: int) -> Phrase | None:
    """ "..., said Putin: "..."": the verb first, then the speaker, then the quotation."""
    phrase = phrase_after(s, v.end(), end=end)
    if phrase and phrase.kind in ("name", "group", "pronoun") and not s[phrase.end : end].strip(" ,:"):
        return phrase
    return None


def _appositive_subject(s: str, start: int, verb_at: int) -> Phrase | None:
    """The name before an apposition or relative clause that ends at the verb."""
    left = s[start:verb_at]
    cuts = [i for i, c in enumerate(left) if c == ","]
    # The head is the first segment that is a name; what follows it up to the verb is its
    # apposition ("Tareq Hadad, the co-founder of X, a company based in Antigonish, N.S.,
    # says"). A description first and a name after it ("the director of operations for
    # EHS, Jeff Fraser, says") is the same person: the name says who.
    found: list[Phrase] = []
    for k in range(len(cuts)):
        seg_start = start + (cuts[k - 1] + 1 if k > 0 else 0)
        seg_end = start + cuts[k]
        piece = s[seg_start:seg_end]
        lead = len(piece) - len(piece.lstrip())
        if _INTRO.match(piece.lstrip()):
            continue
        if MASK in piece or (len(piece.split()) > MAX_DESCRIPTION_WORDS and not _is_name(s, seg_start + lead, seg_end)):
            continue  # a quotation or a clause, not the speaker
        if not _FINITE.isdisjoint(piece.split()):
            continue  # "Trains are slowed when it is cold, said ...": a clause with its verb
        phrase = classify(s, seg_start + lead, seg_end)
        if phrase and phrase.end == seg_end:
            found.append(phrase)
    named = [p for p in found if p.kind in ("name", "group")]
    # "the director of operations for NRZ": a name after a preposition is where someone
    # works; a segment that is a name in its own right says who
    own = [p for p in named if _EMPLOYER.search(p.text) is None]
    best = own or named or found
    return best[0] if best else None


def _is_name(s: str, start: int, end: int) -> bool:
    phrase = classify(s, start, end)
    return phrase is not None and phrase.kind in ("name", "group")


# "the director of operations for NRZ", "Russia's ambassador to the United States": a
# description whose name is where someone works or is posted
_EMPLOYER = re.compile(r"^(?:(?:But|And|So|Yet)\s+)?(?:[Tt]he|[Aa]n?|[A-Z][\w.-]*[’']s)\s.*\b(?:of|for|at|with|to)\s")
_INTRO = re.compile(r"(?:in|on|at|for|with|from|after|before|during|as|by|to|of|if|when|while)\b", re.I)


_ACCORDING_RE = re.compile(r"\s*according to\s+", re.I)


def _according(s: str, at: int, stop: int) -> Cue | None:
    m = _ACCORDING_RE.match(s, at, stop)
    if not m:
        return None
    phrase = phrase_after(s, m.end(), end=stop)
    if phrase is None:
        return None
    return Cue(phrase, "according to", at + (len(s[at : m.end()]) - len(s[at : m.end()].lstrip())), phrase.end)
