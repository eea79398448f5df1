"""Reported speech: the clause a speech verb introduces ("X said that ...", "X said the
talks would go on"), its start and its end, and "according to X, ..." statements."""

from __future__ import annotations

import re

from . import cues
from .cues import (
    _COMMA_AND,
    _FINITE,
    _QUOTED_AS,
    AS_PUT_IT_VERBS,
    MAX_CUE_TAIL,
    Cue,
    Reported,
    _according,
    _appositive_subject,
    _ends_with,
    _Verb,
    _verbs,
    filling_cue,
)
from .lexicon import (
    ADVERBIALS,
    DESCRIPTION_NOUNS,
    PARTICIPLES,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    TITLE_WORDS,
)
from .phrases import Phrase, classify, phrase_after, phrase_before, pronoun_phrase, strip_between
from .segment import MASK, OPEN_CLOSE, words

_MASK_RUN = re.compile(MASK + "+")
_COMMA_LOWER = re.compile(r"\s*,\s*[a-z]")  # "..., he said, had": the statement goes on
# "..., Novak said, signaling ...", "citing sources": the writer's participle after a cue
# (not "including", "regarding": prepositions)
WRITERS_PARTICIPLE = re.compile(r"(?!(?:including|excluding|regarding|concerning)\b)[a-z]+ing\b")
_COMMA_PARTICIPLE = re.compile(r"\s*,\s*" + WRITERS_PARTICIPLE.pattern)
_ACCORDING_TAIL = re.compile(r"\s*,?\s*according to\b")
_OPENING_SOURCE = re.compile(r"(?:According to|In the (?:words|view|opinion) of|As)\s+")
_AS_PUT_IT = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*|he|she|they)\s+" + AS_PUT_IT_VERBS + ",")
_OBJECT_PRONOUN = re.compile(r"(him|her|them)\b")
_DASH_ASIDE = re.compile(r"\s*[—–]\s[^—–]{1,160}?\s[—–]\s*")  # "According to the study — which ... — the"
_THAT_OPENING = re.compile(r"that\b\s*")
_WORD = re.compile(r"\w+")
_WORD_APOS = re.compile(r"[\w’']+")
_WORD_THEN_NUMBER = re.compile(r"\w+\s+\d")
_LY_ADVERB = re.compile(r"[\w-]+ly")
_CLAUSE_PUNCTUATION = re.compile(r"[,;:.]")
_CLAUSE_SUBJECT_WORD = re.compile(r"(?:that|he|she|they|it|we|i)\b", re.I)
_OBJECT_TOKEN = re.compile(r"[\w’'.-]+|[^\w\s]")

MAX_OBJECT_WORDS = 14  # "told a crowd of about 100 party members gathered at a hall in Burnaby that"


MIN_CLAUSE_WORDS = 2


# "said in his New Year's speech he was ready": a prepositional phrase, then the clause's subject
_PP_THEN_SUBJECT = re.compile(
    r"(?:in|at|during|on|after|before|to|via|over)\s+(?:[^\s,.;:]+\s+){0,6}?(?=(?:he|she|they|we|i|there)\b)", re.I
)


_PREPOSITIONS = words("in at on during after before for with from by under over across")


_APPROXIMATORS = words("about around nearly almost over roughly some")


# A conjunction that may open the next statement in a sentence.
_CONJUNCTION = re.compile(r"\s*[,;]?\s*(?:[—–]\s*)?\b(?:and|but|while|whereas|although|though)\s+")


# "In his words,", "In Putin's view,", "In the President's opinion,"
_IN_WORDS_OF = re.compile(
    r"In\s+(?:the\s+)?(?P<owner>his|her|their|(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*[’']s)"
    r"\s+(?:own\s+)?(?:words|view|opinion|assessment),"
)


_THAT_BEFORE = re.compile(r"\bthat\s*$")


# "alleged to CBC News that", "acknowledged before the judge that": a prepositional
# phrase between the verb and "that".
_PP_THEN_THAT = re.compile(
    r"(?:to|before|in|on|at|during|with|after|from|for|via|over)\s+(?:[^\s,.;:]+\s+){0,7}?that\b\s*", re.I
)


# A verb right after "that": a relative clause of the noun before it ("a speech that
# lasted", "an interview that was broadcast"), not the statement.
_RELATIVE_VERB = re.compile(r"(?:is|are|was|were|has|have|had|will|would|can|could|[a-z]+ed)\b(?!\s+(?:that|to)\b)")
_SETTING_OPENER = re.compile(r"(?:In|On|At|During|After|Before|Since|Throughout|Within|Under)\s")
_PP_COMMA = re.compile(r"(?:in|on|at|during|after|for|by|over)\s+(?:[^\s,.;:]+\s+){0,4}?[^\s,.;:]+,\s*", re.I)


# Before a verb: an infinitive, a negation or a passive ("declined to say", "would not
# say", "the tax was announced") reports no statement.
_NOT_A_STATEMENT = re.compile(
    r"\b(?:(?:declined|refused|wouldn[’']t|won[’']t|not|never|n[’']t|cannot|seem|seems|seemed|appear|appears|"
    r"unwilling|reluctant|want|wants|wanted)\s+(?:to\s+)?|(?:was|were|been|being|be)\s+)(?:\w+ly\s+)?$",
    re.I,
)


# Words that cannot open a reported clause: prepositions, auxiliaries and conjunctions.
_NOT_TO_BE_NAMED = re.compile(r"\s+not\s+to\s+be\s+(?:named|identified|quoted)\b")
_NOT_CLAUSE_OPENERS = words(
    "is was are were has have had will would can could includes include with in on at by for from to of "
    "and or but as about into during after before through via over under against among"
)


# A conjunction and a participle, with no subject: an adverbial clause ("said when asked
# about talks", "said while visiting Sochi"), never the statement reported.
_REDUCED_CLAUSE = re.compile(r"(?:when|while|once|if|though|although|whenever)\s+[a-z]+(?:ed|ing)\b")
_AND_THEN = re.compile(r"\band\s+(?:also\s+|then\s+|later\s+)?$")  # "... and added"


_TO = re.compile(r"\bto\s+$")  # "... to confirm"


_RELATIVE = re.compile(r"\b(?:who|which)\s+(?:also\s+|have\s+|has\s+|had\s+)?$")  # "MPs who say"


# An opening subordinate clause, to its comma: "When asked whether ..., | Putin smiled."
_SUBORDINATE_INTRO = re.compile(
    r"(?:When|While|After|Before|As|Although|Though|If|Once|Because|Since)\b[^,;:.!?]{3,160},"
)


def reported_clauses(s: str, start: int, end: int, subject: Phrase | None) -> list[Reported]:
    """Reported speech in the sentence ``s[start:end]`` (a masked paragraph).
    ``subject`` is the sentence's subject, the speaker of ", saying ..." participles."""
    out: list[Reported] = []
    stop = _sentence_body_end(s, start, end)
    quoted_as = _quoted_as_saying(s, start, stop)
    if quoted_as is not None:
        return [quoted_as]
    taken_until = start
    speaker = subject  # who ", adding that ..." is: the subject, else the speaker of the cue before
    for v in _verbs(s, start, stop):
        if v.start() < taken_until:
            continue
        cue = _leading_cue(s, start, v, speaker)
        if cue is None:
            continue
        if speaker is None and v.group() not in PARTICIPLES:
            speaker = cue.phrase  # '"...," Putin said, adding that ...': Putin adds
        clause_at = _clause_start(s, v, stop)
        if clause_at is None:
            continue
        clause_end = _clause_end(s, clause_at, stop)
        intro = _SUBORDINATE_INTRO.match(s, start, stop)
        if intro is not None and clause_at < intro.end() <= clause_end:
            # "When a moderator asked whether he would run, Putin smiled.": the clause ends
            # with the opening clause that holds its verb
            clause_end = intro.end() - 1
        if not _clause_ok(s, clause_at, clause_end):
            continue
        out.append(Reported(cue, clause_at, clause_end))
        taken_until = clause_end
    # "CLAUSE, X said." and "CLAUSE, X said, adding that ...": the statement before a
    # closing cue, in front of any clause found after it
    trailing = _trailing(s, start, min([r.cue.start for r in out], default=stop))
    if trailing is not None and not any(r.start < trailing.end and trailing.start < r.end for r in out):
        # ", adding that ..." after the closing cue is that cue's speaker's, not the subject's
        out = [
            Reported(Cue(trailing.cue.phrase, r.cue.verb, r.cue.start, r.cue.end), r.start, r.end)
            if r.cue.verb in PARTICIPLES and r.cue.phrase is subject
            else r
            for r in out
        ]
        out.insert(0, trailing)
    return out


_QUOTED_SOMEONE_AS = re.compile(
    r"\b(?:quoted|cited)\s+(?P<who>[A-Za-z][^,.;:!?\"“”]{0,80}?)\s+as\s+(?:saying|telling\s+\S+)\s*(?:that\s+)?"
)


def _quoted_as_saying(s: str, start: int, stop: int) -> Reported | None:
    """ "Peskov was quoted by TASS as saying (that) CLAUSE" """
    if "saying" not in s[start:stop]:
        return None
    m = _QUOTED_AS.search(s, start, stop)
    if m is None:
        active = _QUOTED_SOMEONE_AS.search(s, start, stop)
        if active is None:
            return None
        # "TASS quoted presidential aide Yuri Ushakov as saying CLAUSE": the one quoted speaks
        at, who_end = active.span("who")
        phrase = pronoun_phrase(s, at, who_end) or phrase_after(s, at, end=who_end)  # "quoted him as saying"
        if phrase is None or phrase.end != who_end or not _clause_ok(s, active.end(), stop):
            return None
        cue = Cue(phrase, "quoted as saying", active.start(), active.end())
        return Reported(cue, active.end(), _clause_end(s, active.end(), stop))
    phrase = phrase_before(s, m.start())
    if phrase is None or phrase.start < start or not _clause_ok(s, m.end(), stop):
        return None
    first = _WORD.match(s, m.end())
    if first is not None and first.group().casefold() in _NOT_CLAUSE_OPENERS:
        return None  # ""...," X was quoted as saying by TASS.": who quoted it, no statement
    return Reported(Cue(phrase, "quoted as saying", phrase.start, m.end()), m.end(), _clause_end(s, m.end(), stop))


def _leading_cue(s: str, start: int, v: _Verb, subject: Phrase | None) -> Cue | None:
    if _NOT_A_STATEMENT.search(s, max(start, v.start() - 40), v.start()):
        return None  # "declined to say", "won't say", "was announced": nothing was said
    if v.group() in PARTICIPLES:
        if subject is not None and _ends_with(_COMMA_AND, s, start, v.start()):
            return Cue(subject, v.group(), v.start(), v.end())
        return None
    verb_at = strip_between(s, v.start())
    left = s[start:verb_at]
    if _ends_with(_AND_THEN, s, start, verb_at):
        # "X said ..., and added he ...": a coordinated verb shares the sentence's subject
        return Cue(subject, v.group(), v.start(), v.end()) if subject is not None else None
    if _ends_with(_TO, s, start, verb_at):  # "called him on Thursday to confirm he ...": the subject's purpose
        return Cue(subject, v.group(), v.start(), v.end()) if subject is not None else None
    relative = _ends_with(_RELATIVE, s, start, verb_at)
    if relative:  # "veteran MPs who say they ...", "Maxim Orlov, who said ...": the noun before "who"
        phrase = phrase_before(s, len(s[: relative.start()].rstrip(" ,")))
        return Cue(phrase, v.group(), phrase.start, v.end()) if phrase and phrase.start >= start else None
    phrase = phrase_before(s, v.start())
    if phrase is None or phrase.start < start:
        if left.rstrip().endswith(","):  # "Howell, who has two children in the school, says"
            phrase = _appositive_subject(s, start, start + len(left.rstrip()))
        if phrase is None:
            return None
    return Cue(phrase, v.group(), phrase.start, v.end())


def _clause_start(s: str, v: _Verb, stop: int) -> int | None:
    """Where the reported clause begins after the verb, or None when what follows is not
    a clause ("added a goal", "said of the captain", "said.")."""
    kind = SPEECH_VERBS.get(v.group(), "cue")
    if kind in ("cue", "name"):
        return None
    if _inverted_cue_ends(s, v.end(), stop):
        return None  # "..., said Vyacheslav Volodin.": the speaker follows, no clause
    if kind == "tell":  # the object comes first: "told court she ...", "told reporters that ..."
        if _NOT_TO_BE_NAMED.match(s, v.end(), stop):
            return None  # "who asked not to be identified": a condition of the source, nothing reported
        return _after_object(s, v.end(), stop)
    pos = _skip_adverbials(s, v.end(), stop)
    rest = s[pos:stop]
    m = _THAT_OPENING.match(rest) or _PP_THEN_THAT.match(rest)
    if m is not None:
        after_noun = m.re is _PP_THEN_THAT or s[v.end() : pos].strip()
        if after_noun and _RELATIVE_VERB.match(rest, m.end()):
            return None  # "said in a speech that lasted an hour": "that" says what the speech was
        return pos + m.end()
    m = _PP_THEN_SUBJECT.match(rest)
    if m:
        return pos + m.end()
    m = _PP_COMMA.match(rest)
    if m:  # "admits in this instance, there were ..."
        pos, rest = pos + m.end(), rest[m.end() :]
        next_word = _WORD.match(rest)
        if next_word is not None and next_word.group() in SPEECH_VERBS:
            return None  # "said in Moscow, adding ...": the next cue, not a clause
    first = _WORD_APOS.match(rest)
    if first is None:
        return None
    word = first.group().casefold()
    if word in PARTICIPLES and s[max(0, pos - 3) : pos].rstrip().endswith(","):
        return None  # "said on Monday, adding that ...": the participle's clause, not this verb's
    if kind == "signal" and word not in SUBJECT_PRONOUNS and not _finite_soon(rest):
        return None  # "added a goal": no clause; "noted the two are close": a clause
    if word in _APPROXIMATORS and _WORD_THEN_NUMBER.match(rest):
        return pos  # "says about 550 students attend"
    if word in _PREPOSITIONS and kind == "say" and _finite_soon(rest, anywhere=True):
        return pos  # "says in Nova Scotia ambulances are too often late": the clause opens with its setting
    if word in ("a", "an") and not _finite_soon(rest):
        return None  # "said a prayer", "added a goal": an object; "said a deal was close": a clause
    if word in _NOT_CLAUSE_OPENERS or word in ("so", "nothing", "hello", "goodbye", "sorry", "thanks"):
        return None
    if _REDUCED_CLAUSE.match(rest):
        return None  # "said when asked about ...": when the words were said, not what
    if _LY_ADVERB.fullmatch(rest.strip(" .")):
        return None  # "he says matter-of-factly"
    return pos


def _inverted_cue_ends(s: str, at: int, stop: int) -> bool:
    """Whether the words after a verb are only its speaker (and an apposition)."""
    phrase = phrase_after(s, at, end=stop)
    if phrase is None or phrase.start - at > 2:
        return False
    tail = s[phrase.end : stop]
    if phrase.kind not in ("name", "group", "pronoun"):
        # "..., said the report.", "..., said a spokeswoman." (not "said the team lost.")
        head = (phrase.head or "").casefold()
        verbless = _FINITE.isdisjoint(phrase.text.split()) and "n’t" not in phrase.text and "n't" not in phrase.text
        return not tail.strip(" .") and verbless and (head in DESCRIPTION_NOUNS or head in TITLE_WORDS)
    return not tail.strip(" .") or tail.lstrip().startswith(",")


def _finite_soon(rest: str, anywhere: bool = False) -> bool:
    """ "the two are close": a determiner, a noun or two, and a finite verb (within seven
    words after a prepositional phrase, with ``anywhere``)."""
    first = _WORD.match(rest)
    if first is None or (not anywhere and first.group().casefold() not in _CLAUSE_OPENERS):
        return False
    head = _CLAUSE_PUNCTUATION.split(rest, maxsplit=1)[0]
    return any(w.casefold() in _FINITE for w in _WORD_APOS.findall(head)[1 : 8 if anywhere else 5])


def _skip_adverbials(s: str, pos: int, stop: int) -> int:
    while True:
        rest = s[pos:stop]
        lead = len(rest) - len(rest.lstrip(" ,"))
        m = ADVERBIALS.match(rest[lead:])
        if not m or not m.group().strip():
            return pos + lead if rest[:lead].strip(" ") == "" else pos
        if _CLAUSE_SUBJECT_WORD.match(m.group().strip()):
            return pos + lead
        pos += lead + m.end()


_AUDIENCES = words(
    "reporters journalists media police investigators officers the court jury judge members supporters "
    "lawmakers parliament employees staff workers students residents crowd audience listeners viewers "
    "readers delegates colleagues everyone"
)


_CLAUSE_OPENERS = frozenset(words("the a an his her their its our this these those there some many most all no"))


def _after_object(s: str, pos: int, stop: int) -> int | None:
    """Where the clause begins after the object of "told", "urged", "warned": after
    "that", at a subject pronoun, at "to" ("urged police to investigate"), or right after
    an object that is a name or an audience ("told HuffPost Canada the laws ...")."""
    words = list(_OBJECT_TOKEN.finditer(s[pos:stop]))
    for i, w in enumerate(words[: MAX_OBJECT_WORDS + 1]):
        t = w.group().casefold()
        if not t[0].isalnum():
            return None
        if i == 0:
            if t in ("about", "of", "off", "on"):
                return None  # "told of", "told off": no clause follows
            if t == "that":  # "urged that ...": no object, the clause at once
                return pos + words[1].start() if len(words) > 1 else None
            if t in ("whether", "if", "how", "why", "what", "when"):
                return pos + w.start()  # "asked whether ...": the question asked, no object
            continue
        if t == "that":
            return pos + words[i + 1].start() if i + 1 < len(words) else None
        if t in SUBJECT_PRONOUNS and t not in ("this", "these", "those"):
            return pos + w.start()
        if t == "to" and i <= 4:
            return pos + w.start()
        if t in ("how", "why", "what", "whether", "if") and i <= 3:
            return pos + w.start()
        if _object_ends(words, i) and (t in _CLAUSE_OPENERS or w.group()[0].isupper() or t[0].isdigit()):
            return pos + w.start()
    return None


def _object_ends(words: list[re.Match[str]], i: int) -> bool:
    """The words before ``i`` are an object of "told": a capitalised name, an audience, or
    a title after "the" ("told the president the missile had flown ...")."""
    obj = [w.group() for w in words[:i]]
    definite = bool(obj) and obj[0].casefold() == "the"
    if definite:
        obj = obj[1:]
    if definite and len(obj) == 1 and obj[0].casefold() in TITLE_WORDS:
        return True
    if not obj or len(obj) > 4:
        return False
    caps = all(w[0].isupper() for w in obj)
    if caps and words[i].group()[0].isupper():
        return False  # still inside the name
    return caps or (len(obj) == 1 and obj[0].casefold() in _AUDIENCES)


_SOURCE_TAIL = re.compile(r",\s+(?:according to|citing|reported by|as reported by)\s+[^,]{1,60}$")


def _clause_end(s: str, at: int, stop: int) -> int:
    """The clause runs to the sentence's end, or to where another cue begins ("... and
    he said ...", "..., adding ...") or where its source is named ("..., according to
    Interfax": who reported the words, not part of them)."""
    source = _SOURCE_TAIL.search(s, at, stop)
    if source is not None:
        stop = source.start()
    stop = _before_final_cue(s, at, stop)
    for v in _verbs(s, at, stop):
        if v.group() in PARTICIPLES:
            m = _ends_with(_COMMA_AND, s, at, v.start())
            if m:
                return m.start()
            continue
        cut = _next_statement(s, at, v)
        if cut is not None:  # "..., and he said ...", "... — but the leaders say ...", "... and added"
            return cut
    return stop


def _before_final_cue(s: str, at: int, stop: int) -> int:
    """ "X told Y that CLAUSE, the readout said.": a cue of its own closing the sentence
    says where the report comes from; the clause ends before its comma."""
    comma = s.rfind(",", at, stop)
    if comma < 0 or not _verbs(s, comma, stop):
        return stop
    cue = filling_cue(s, comma + 1, stop)
    tail = s[cue.end : stop] if cue is not None else ""
    if cue is None or cue.verb in PARTICIPLES or (tail.strip(" .") and not _short_tail(tail)):
        return stop
    return comma


def _next_statement(s: str, at: int, v: _Verb) -> int | None:
    """Where a clause gives way to the next statement: a conjunction, then the verb's own
    subject (or none: "and added"), then the verb."""
    conjunctions = list(_CONJUNCTION.finditer(s, at, v.start()))
    if not conjunctions:
        return None
    conj = conjunctions[-1]
    if len(_WORD_APOS.findall(s, at, conj.start())) < MIN_CLAUSE_WORDS:
        return None  # "that he and Putin had agreed": two subjects of one clause, not two statements
    subject_at = strip_between(s, v.start())
    if not s[conj.end() : subject_at].strip():
        return conj.start()
    phrase = phrase_before(s, v.start())
    if phrase is not None and phrase.start == conj.end() and phrase.kind != "indefinite":
        return conj.start()
    return None


def _clause_ok(s: str, at: int, end: int) -> bool:
    """A reported clause: two words or more (quoted words count), not a parenthesis, and
    not a quotation right after the verb ("said: "..."" is direct speech; "said that
    "..."" is reported speech that quotes)."""
    body = s[at:end].lstrip()
    if body[:1] in "([:":
        return False
    if body[:1] in OPEN_CLOSE and not _THAT_BEFORE.search(s, max(0, at - 8), at):
        return False
    words = len(_WORD_APOS.findall(body)) + len(_MASK_RUN.findall(body))
    return words >= MIN_CLAUSE_WORDS


def _sentence_body_end(s: str, start: int, end: int) -> int:
    body = s[start:end].rstrip()
    trimmed = body.rstrip('.!?;:"”»’) ')
    if body[len(trimmed) : len(trimmed) + 1] in ("?", "!"):
        trimmed = body[: len(trimmed) + 1]
    return start + len(trimmed)


# A wire dateline before a paragraph's first sentence: "BEIJING (Reuters) — ",
# "MOSCOW, March 3 (AP) - ", "ST. PETERSBURG, Russia — ". Where it was filed, not said.
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][\w.]*(?:\s+\d{1,2})?)?"
    r"(?:\s*(?:\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s+|\.\s*/[A-Z][\w-]*/\.?\s+)(?=[A-Z\"“«])"
    # or an agency's: "KAZAN, October 23. /TASS/. The president ..."
    r"|\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|MSK|CET|BST|EST|ET))?\s*(?:[—–-]\s*)?(?=[A-Z])"
    # or a live blog's time: "12:11 Putin opens with ..."
)


def _trailing(s: str, start: int, stop: int) -> Reported | None:
    """ "CLAUSE, X said." / "CLAUSE, said X." / "CLAUSE, according to X." """
    dateline = DATELINE.match(s, start, stop)
    if dateline is not None:
        start = dateline.end()
    # a comma, or a closing mark after masked words (the comma printed inside the marks:
    # 'Conditions were "balanced," he said.')
    commas = [
        m.start() - start
        for m in _COMMA_OR_CLOSING.finditer(s, start, stop)
        if m.group() == "," or _ends_quoted_clause_end(s, start, m.start())
    ]
    if not commas:
        return None
    tail_at = start + commas[-3:][0]
    if not (_verbs(s, tail_at, stop) or "ccording to" in s[tail_at:stop]):
        return None  # no speech verb after the commas that could start a cue
    for c in reversed(commas[-3:]):
        at = start + c
        if at - start < 12:
            break
        cue = _according(s, at + 1, stop) or filling_cue(s, at + 1, stop, tail=MAX_CUE_TAIL)
        if cue is None or cue.verb in PARTICIPLES or SPEECH_VERBS.get(cue.verb) == "name":
            # "..., saying they would ...": a participle opens a clause, it closes none;
            # "X, who lives in exile, condemned the meeting": a verb of naming reports no clause
            continue
        inside = s[: cue.end].endswith(cue.verb) or cue.verb == "according to"
        if inside and _COMMA_LOWER.match(s[cue.end : stop]) and not _COMMA_PARTICIPLE.match(s[cue.end : stop]):
            # "The towns, he said, had waited ...", "The answer, according to X, is ...": a cue
            # inside the statement, not after it
            continue
        if (s[cue.end : stop].strip() and not _short_tail(s[cue.end : stop])) or MASK in s[cue.end : stop]:
            continue  # a long tail, or a quotation after the cue: the cue is the quotation's
        end = at + 1 if s[at] in _CLOSING_MARKS else at  # the closing mark belongs to the words it closes
        if _clause_ok(s, start, end) and not _only_a_setting(s[start:end]) and not _apposed_title(s[start:end], cue):
            return Reported(cue, start, end)
    return None


_CLOSING_MARKS = frozenset('"”»')
_COMMA_OR_CLOSING = re.compile('[,"”»]')


def _ends_quoted_clause_end(s: str, start: int, at: int) -> bool:
    """Whether ``s[at]`` closes quoted words that end a clause of the writer's ('The
    outlook was "broadly stable," she said'), not a quotation set off on its own after a
    comma or a colon ('Later, "We are ready," he said')."""
    if s[at] not in _CLOSING_MARKS or s[at - 1 : at] != MASK or s[at + 1 : at + 2] != " ":
        return False
    opening = max(s.rfind(mark, start, at) for mark in '"“«')
    before = s[start : max(opening, start)].rstrip()
    return len(before.split()) >= MIN_CLAUSE_WORDS and before[-1:] not in (",", ":", "", "—", "–", "-")


def _apposed_title(text: str, cue: Cue) -> bool:
    """ "The host of the programme, Dmitry Simes, asked ...": a description with no verb
    right before a named cue is the name's apposition, not a statement."""
    words = text.split()
    return (
        cue.phrase.kind == "name"
        and text.lstrip()[:4].casefold() == "the "
        and len(words) <= cues.MAX_DESCRIPTION_WORDS
        and _FINITE.isdisjoint(w.casefold() for w in words)
        and not any(w.endswith("ed") for w in words)
    )


def _only_a_setting(text: str) -> bool:
    """A prepositional phrase with no verb and no comma ("In a televised address on
    Wednesday night"): where something happened, never a statement before its cue."""
    words = text.split()
    return bool(_SETTING_OPENER.match(text.lstrip())) and "," not in text and _FINITE.isdisjoint(words)


def _short_tail(tail: str) -> bool:
    return len(tail.strip()) <= MAX_CUE_TAIL or bool(_ACCORDING_TAIL.match(tail)) or _apposition_tail(tail)


def _apposition_tail(tail: str) -> bool:
    """ "..., said Brian Madden, chief investment officer at First Avenue Investment
    Counsel.": an apposition of the speaker, however long (no verb, no second sentence)."""
    body = tail.strip().rstrip(".")
    return (
        body.startswith(",")
        and len(body) <= MAX_APPOSITION_TAIL
        and MASK not in body
        and _SENTENCE_MARK.search(body) is None
        and _FINITE.isdisjoint(w.casefold() for w in _WORD_APOS.findall(body))
    )


MAX_APPOSITION_TAIL = 160  # characters: a title and an employer; longer is a second clause
_SENTENCE_MARK = re.compile(r"[.;:!?](?:\s|$)")  # not the stops inside "U.S.-based"


def according_first(s: str, start: int, stop: int) -> Reported | None:
    """ "According to X, CLAUSE.", "In his words, CLAUSE.", "In the view of X, CLAUSE.",
    "As Putin put it, CLAUSE." """
    owner = _IN_WORDS_OF.match(s, start, stop)
    if owner is not None:  # "In his words," / "In Putin's view,": the owner is the speaker
        phrase = _owner_phrase(s, owner.start("owner"), owner.end("owner"))
        return _opening_report(s, start, stop, phrase, owner.end() - 1, "in the words of")
    m = _OPENING_SOURCE.match(s[start:stop])
    if not m:
        return None
    if m.group().startswith("As"):
        put = _AS_PUT_IT.match(s[start + m.end() : stop])
        if put is None:
            return None
        at = start + m.end()
        phrase = classify(s, at, at + len(put.group(1))) if put.group(1)[0].isupper() else None
        if phrase is None:
            phrase = Phrase(put.group(1), at, at + len(put.group(1)), "pronoun")
        return _opening_report(s, start, stop, phrase, at + put.end() - 1, "as ... put it")
    pronoun = _OBJECT_PRONOUN.match(s[start + m.end() : stop])
    if pronoun:
        at = start + m.end()
        phrase = Phrase(pronoun.group(), at, at + pronoun.end(), "pronoun")
    else:
        phrase = phrase_after(s, start + m.end(), end=stop)
    if phrase is None:
        return None
    after = s[phrase.end : stop]
    aside = _DASH_ASIDE.match(after)  # "According to the study — which used ... — the"
    comma = phrase.end + aside.end() - 1 if aside else s.find(",", phrase.end, stop)
    if comma < 0 or (comma - phrase.end > 80 and not aside):
        return None
    clause_at = comma + 1 + (len(s[comma + 1 : stop]) - len(s[comma + 1 : stop].lstrip()))
    end = _clause_end(s, clause_at, _sentence_body_end(s, start, stop))
    if not _clause_ok(s, clause_at, end):
        return None
    return Reported(Cue(phrase, "according to", start, phrase.end), clause_at, end)


def _owner_phrase(s: str, start: int, end: int) -> Phrase | None:
    text = s[start:end]
    if text.casefold() in ("his", "her", "their"):
        return Phrase(text, start, end, "pronoun")
    return classify(s, start, end - 2 if text.endswith(("'s", "’s")) else end)


def _opening_report(s: str, start: int, stop: int, phrase: Phrase | None, comma: int, verb: str) -> Reported | None:
    """The clause after an opening attribution that ends with a comma at ``comma``."""
    if phrase is None or s[comma : comma + 1] != ",":
        return None
    rest = s[comma + 1 : stop]
    clause_at = comma + 1 + len(rest) - len(rest.lstrip())
    end = _clause_end(s, clause_at, _sentence_body_end(s, start, stop))
    if not _clause_ok(s, clause_at, end):
        return None
    return Reported(Cue(phrase, verb, start, comma), clause_at, end)
