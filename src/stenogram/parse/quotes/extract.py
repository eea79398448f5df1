"""Reading an article in order: its quotations, its reported speech, and their speakers.

Each paragraph is read sentence by sentence (quoted words masked, see ``segment``):

1. a paragraph opening with a dash and a space is Russian-style direct speech, closed by
   ``," X said`` or ``, - he stressed``;
2. quoted words become a quotation when a cue is next to them (``cues``), or when they
   read as speech on their own: at least three words, not a title ("Attack the Block"),
   not in a link line ("READ MORE: ..."); an interruption by the cue (``"A," he said,
   "B."``) gives one quotation in two parts; a paragraph that opens a quotation without
   closing it goes on in the next paragraph that opens (or closes) a mark;
3. reported speech (``X said that ...``, ``CLAUSE, X said.``, ``according to X, ...``)
   is a quotation of kind ``indirect``;
4. a quotation with no cue continues the speaker of its paragraph, else the speaker or
   subject of the paragraph before;
5. each speaker phrase is resolved to a person, organisation or group (``discourse``).
"""

from __future__ import annotations

import re

from .clauses import DATELINE, WRITERS_PARTICIPLE, according_first, reported_clauses
from .cues import (
    Cue,
    Reported,
    according_cue,
    cue_before,
    filling_cue,
    has_speech_verb,
    sentence_final_cue,
    topic_label,
)
from .discourse import MOST_PROMINENT, NO_SPEAKER, Discourse, Entity
from .layout import (
    MIN_SPEECH_WORDS,
    _closes_clause,
    _groups,
    _headline_like,
    _host,
    _layout,
    _masked_text,
    _nearest,
    _Para,
    _personal,
    _speaker_type,
    _speechlike,
    _stands_alone,
    _whole,
)
from .lexicon import DESCRIPTION_NOUNS, ROLE_WORDS, TITLE_WORDS, fold
from .model import Quote
from .phrases import Phrase, classify, phrase_after, pronoun_phrase
from .segment import (
    DASHES,
    MASK,
    OPEN_CLOSE,
    Quoted,
    find_close,
    heading_like,
    leading_close,
    paragraphs,
    sentences,
    words,
)

_LISTED_WITH = re.compile(r"\s*(?:,|;|,?\s*(?:and|or))\s*")  # "A", "B" / "A" and "B"
_NEXT_SENTENCE = re.compile(r"\s+([^.!?]*[.!?]?)")
_VERB_OR_COMMA_NEXT = re.compile(r"(?:,|\s+[a-z])")

INDIRECT_MAX_CONFIDENCE = 0.8  # reported speech paraphrases: never as sure as a direct quotation
CONTINUATION_CONFIDENCE = 0.6  # a quotation with no cue, given the speaker of its context
# "READ MORE: ...", "WATCH: ...", "Related: ...": links to other pages, not speech
_LINK_LINE = re.compile(r"^(?:[A-Z]{2,}(?: [A-Z]{2,})*|(?i:read more|watch|listen|related|see also))\s*:")
_LEAD_WORDS = re.compile(r"(?:(?:But|And|So|Yet|However|Meanwhile|Still|Now|Then|Also|Instead|Earlier|Later)\b[,\s]+)?")
# An opening prepositional phrase before the subject, closed by a comma.
_INTRO_PHRASE = re.compile(
    r"(?:In|On|At|Within|After|Before|During|Since|For|With|Under|From|Last|This|Earlier|Later"
    r"|When|While|Although|Though|Asked"
    # a participle and a preposition: "Speaking to reporters,", "Writing on Telegram,"
    r"|[A-Z][a-z]{3,}ing\s+(?:to|at|on|in|with|after|before|about|from|during)"
    r")\b[^,.;:]{1,100},\s+"
)
_INTRO_GOES_ON = re.compile(r"[a-z][^,.;:]{0,80},\s+")  # "When asked X, | being Y, | Mulder didn't hesitate"
# A clause after a conjunction whose subject is a name: "... when | Jones recorded ..."
# "(?=[wabsu])": the engine jumps to the conjunctions' first letters (the same matches, faster)
_CLAUSE_SUBJECT = re.compile(
    r"(?=[wabsu])\b(?:when|after|before|as|while|because|since|until|and|but)\s+(?P<name>[A-Z])"
)
_CLAUSE_VERB = re.compile(r"\s+(?:[a-z]+(?:ed|es|s)|had|has|was|is|did|made|took|gave|got|won|scored)\b")
# A verb that agrees with a plural subject ("Prosecutors say", "Officials have said").
_PLURAL_VERB = re.compile(r"\s+(?:also\s+)?(?:say|have|are|were|do|don't|believe|allege|claim|argue|tell|want)\b")
_FIRST_WORD = re.compile(r"[\w’'-]+")
_FIRST_WORDS = re.compile(r"[A-Z][\w’'-]*")
_DASH_NAME = re.compile(r"\s*,?\s*[–—-]\s*(?P<who>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)\s*\.?\s*$")
# A cue between commas inside a statement: "Western countries, he said, had no right ..."
_PARENTHETICAL_CUE = re.compile(
    r",\s+(?P<who>he|she|they|(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+"
    r"|(?:(?:the|some|many|several|most)\s+)?[a-z]{3,}s"  # "analysts", "some officials": people unnamed
    # "the ministry", "presidential aide Yury Ushakov", "presidential adviser Marta Kovac"
    r"|(?:the\s+|[A-Z][\w’'.-]*\s+|(?:[a-z]+\s+){1,2}(?=[A-Z]))(?:[\w’'.-]+\s+){0,4}[\w’'.-]+)\s+"
    r"(?P<verb>said|says|added|argued|insisted|noted|warned|claimed|stressed|believes|thinks|explained)\s*,\s+"
)
# "The short answer, according to most analysts, is very little.": the source between commas
_PARENTHETICAL_ACCORDING = re.compile(r",\s+according\s+to\s+(?P<who>[^,;:.!?\n]{2,80}?)\s*,\s+(?=[a-z])")
_RELATIVE_OPENING = re.compile(r"(?:which|who|whom|whose|where)\b", re.I)
# Quoted words right after the noun of a work, an event or a name given are a title.
_TITLE_NOUN_BEFORE = re.compile(
    r"\b(?:programme|program|show|film|movie|documentary|book|novel|column|newspaper|magazine|forum|"
    r"conference|festival|exhibition|campaign|operation|doctrine|project|slogan|song|series|album|motto|"
    r"titled|entitled|dubbed)\s*$"
)
# "Words of the speaker. Firstname Lastname, their title": a pull quote (no verb after the name).
_PULL_QUOTE = re.compile(
    r"(?P<words>[A-Z][^\n]{15,}?[.!?])\s+(?P<who>(?P<name>(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'-]+),\s+"
    r"(?:[^.!?]|\.(?=\S)){2,80})$"
)

# Words quoted in a sentence that are fewer than MIN_SPEECH_WORDS count as the speaker's
# only this close (characters) after the cue ("called it a "takeover"").
SHORT_CUE_REACH = 20  # chosen in every fold of benchmarks/cv_quotes.py (over 40 and 80)
# A verb's object and the word that brings its complement: "accused Western countries
# of | "...", "dismissed the report as | "..."": the quoted words are still the verb's.
_COMPLEMENT_AFTER_OBJECT = re.compile(r"\s+[^,;:.!?\n]{1,50}?\s(?:as|of|for)\s+")
# The text a cue's words were written in: "said in a statement", "wrote in a post on ..."
_IN_A_DOCUMENT = re.compile(r"\s+(?:\w+\s+)?in\s+(?:a|an|its|his|her|their|the)\s+(\w+)(?:\s+(\w+))?")
# A heading that names who speaks under it ("What Putin said", "Lavrov in quotes").
_HEADING_SPEECH = re.compile(r"\b(?:say|says|said|quotes?|quoted|words|remarks|speech|told|tells)\b", re.I)
_CAPITALISED = re.compile(r"(?=[A-Z])(?<![\w’'-])[A-Z][\w’'.-]*")  # (?=[A-Z]): see discourse._NAME_RUN
# "Key quotes:", "Highlights:", "His main remarks:": a label over a list of quotations.
_QUOTES_LABEL = re.compile(r"(?:[\w’'-]+\s+){0,3}(?:quotes|highlights|remarks|statements|soundbites)\s*:", re.I)
HEADING_MAX_WORDS = 12  # longer lines without a full stop are paragraphs, not headings
# "Vladimir Putin: ...", "Pavel Zarubin (Rossiya TV): ...", "Question (Reuters): ...": a
# turn's label, with the outlet or affiliation of its speaker in brackets at most
_TURN_LABEL = re.compile(r"((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,3})(?P<affiliation>\s+\([^()\n]{1,40}\))?:\s+")
_QUESTION_LABELS = words("question q journalist reporter interviewer correspondent")
_ANSWER_LABELS = words("answer a")
# How a dash-led quotation closes: a quotation mark or ", -" before the cue. A comma alone
# does not close one: "- The talks will go on, officials said." is a summary bullet.
_BULLET = re.compile(r"[-–—•*·]\s+")
_DASH_CLOSE = re.compile(r"(?:[,]?[\"”»](?:\s*,)?|,\s+[-–—])\s*(?=\S)")


def extract_quotes(text: str) -> list[Quote]:
    """Every quotation and reported statement of an article's text, in order, with its
    speaker and exact offsets."""
    return _Reader(text).read()


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = [_layout(text, a, b) for a, b in paragraphs(text)]
        self.d = Discourse()
        self.d.learn(_masked_text(text, self.paras))
        self.quotes: list[Quote] = []
        self.pending: Quote | None = None
        self._subject_phrase: Phrase | None = None  # the subject of the sentence being read
        self._paragraph_cued = False
        self._headings: set[int] = set()  # where the headings start

    def read(self) -> list[Quote]:
        for i, p in enumerate(self.paras):
            self._paragraph(i, p)
        return sorted(self.quotes, key=lambda q: (q.start, q.end))

    # ------------------------------------------------------------------ paragraphs
    def _paragraph(self, i: int, p: _Para) -> None:
        if self.pending is not None and self._continues(p):
            return
        self.pending = None
        if p.text[:1] in DASHES and p.text[1:2] == " " and self._dash(p):
            return  # otherwise a bullet: read as the writer's paragraph
        if _LINK_LINE.match(p.text) or self._heading(p):
            return
        if self._is_headline(p):
            return  # 'Ministry says talks "complicated"': a headline sums up; its words are quoted again below
        first_new = len(self.quotes)
        if self._interview_turn(p) or self._pull_quote(p):
            return
        self._paragraph_cued = False  # a quotation of this paragraph has its cue
        groups = _groups(p)
        for a, b in sentences(p.masked):
            subject = self._subject(p, a, b)
            inside = [g for g in groups if a <= g[0].start - 1 < b or (a <= g[0].start < b)]
            for group in inside:
                groups.remove(group)
            reported = self._reported(p, a, b, subject)
            self._clause_subjects(p, a, b, reported)
            for group in inside:
                host = _host(reported, p.start + group[0].start, p.start + group[-1].end)
                if host is not None:  # "X said the talks were "useful"": words quoted in reported speech
                    host.quoted.append((p.start + group[0].start, p.start + group[-1].end))
                    if not _closes_clause(
                        self.text, host, p.start + group[-1].end, p.text[group[0].start : group[-1].end]
                    ):
                        continue
                self._quotation(p, group, a, b, subject, host)
        for group in groups:  # quotations outside any sentence span (should not happen)
            self._quotation(p, group, 0, len(p.text), None)
        self._fill_floating(i, first_new)

    def _continues(self, p: _Para) -> bool:
        """A paragraph that goes on with the quotation left open before it."""
        assert self.pending is not None
        q = self.pending
        if p.text[:1] in OPEN_CLOSE:
            close = find_close(p.text, 0)
            stop = close if close is not None else len(p.text)
            self._add_part(q, p, 1, stop)
        else:
            close = leading_close(p.text)
            if close is None:
                return False
            self._add_part(q, p, 0, close)
        if close is None:
            return True
        self.pending = None
        cue = filling_cue(p.masked, close + 1, len(p.masked))
        if cue is not None and q.speaker is None:
            self._attribute(q, p, cue)
        return True

    def _add_part(self, q: Quote, p: _Para, a: int, b: int) -> None:
        piece = p.text[a:b].rstrip().rstrip(",")
        if not piece.strip():
            return
        q.parts.append((p.start + a, p.start + a + len(piece)))
        q.text += "\n" + piece
        q.end = p.start + a + len(piece)

    # ------------------------------------------------------------------ direct speech
    def _quotation(
        self, p: _Para, group: list[Quoted], a: int, b: int, subject: Phrase | None, host: Quote | None = None
    ) -> None:
        """Words in quotation marks; ``host`` is the reported statement that holds them, whose
        speaker they take (words quoted in what X reported are X's, whatever verb stands
        inside the statement: "X said he and Putin had agreed on "all the issues"")."""
        first, last = group[0], group[-1]
        if _TITLE_NOUN_BEFORE.search(p.masked, max(0, first.start - 40), max(0, first.start - 1)):
            return  # "the programme "Evening with Gorin"", "a forum titled "...": a title, no one's words
        content = p.text[first.start : last.end]
        cue = self._cue_of(p, group, a, b)
        alone = _stands_alone(p.masked, first.start, content, cue)
        previous = self._coordinated_with(p, first)
        if previous is not None and previous.kind == "direct":  # "A" and "B": B is what A is
            alone = True
        short = not _speechlike(content, p.text, first.start)
        if (
            short
            and not alone
            and cue is not None
            and first.start - 1 - cue.end > SHORT_CUE_REACH
            and not _COMPLEMENT_AFTER_OBJECT.fullmatch(p.masked, cue.end, first.start - 1)
        ):
            cue = None  # "Suncor reported receiving money in "risk mitigation"": a term, far from the verb
        if cue is None and not (not short or _whole(p, first, last) or (alone and self._paragraph_cued)):
            return
        if cue is None and not alone:
            if subject is None or not _personal(subject):
                return  # words quoted from a document, a sign or a title, with no one to say them
            cue = Cue(subject, "", subject.start, subject.end)  # the sentence's subject says them
        parts = []
        for s in group:
            piece = p.text[s.start : s.end].rstrip().rstrip(",").rstrip()
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                parts.append((p.start + s.start + lead, p.start + s.start + len(piece)))
        if not parts:
            return
        kind = "direct" if alone else "partial"
        q_text = " ".join(self.text[x:y] for x, y in parts)
        q = Quote(q_text, kind, None, None, None, 0.0, parts[0][0], parts[-1][1], parts)
        if cue is not None:
            if kind == "partial" and q.person is None and not _personal(cue.phrase):
                return  # "“safeguards ...,” according to the memo": a document's words, no one's speech
            if host is not None:
                _same_speaker(q, host)
            else:
                self._attribute(q, p, cue)
            self._paragraph_cued = self._paragraph_cued or bool(cue.verb)
        self.quotes.append(q)
        if not last.closed:
            self.pending = q

    def _coordinated_with(self, p: _Para, first: Quoted) -> Quote | None:
        """The quotation this one is listed with ("A" and "B", "A", "B"), if any."""
        before = [s for s in p.spans if s.end < first.start]
        if not before or not self.quotes:
            return None
        between = p.text[before[-1].end + 1 : first.start - 1]
        if not _LISTED_WITH.fullmatch(between):
            return None
        last = self.quotes[-1]
        return last if last.start - p.start == before[-1].start else None

    def _cue_of(self, p: _Para, group: list[Quoted], a: int, b: int) -> Cue | None:
        first, last = group[0], group[-1]
        if len(group) > 1:
            cue = filling_cue(p.masked, group[0].end + 1, group[1].start - 1)
            if cue is not None:
                return cue
        if last.closed:
            nxt = [s.start - 1 for s in p.spans if s.start > last.end]
            stop = min([b, *nxt])
            cue = (
                filling_cue(p.masked, last.end + 1, max(stop, last.end + 1))
                or according_cue(p.masked, last.end + 1, max(stop, last.end + 1))
                or sentence_final_cue(p.masked, last.end + 1, max(stop, last.end + 1))
            )
            if cue is not None:
                return cue
            cue = self._cue_sentence_after(p, last.end + 1) or _dash_signature(p.masked, last.end + 1, stop)
            if cue is not None:
                return cue
        dateline = DATELINE.match(p.masked, a) if a == 0 else None
        at = (
            dateline.end() if dateline is not None and dateline.end() < first.start else a
        )  # "MOSCOW (Reuters) -" files, not speaks
        cue = cue_before(p.masked, at, max(at, first.start - 1), self._subject_phrase)
        subject = self._subject_phrase
        if cue is None and subject is not None and p.masked[: max(0, first.start - 1)].rstrip().endswith(":"):
            return Cue(subject, ":", subject.start, subject.end)  # "Martell, the doctor, is more blunt: "...""
        return cue

    def _cue_sentence_after(self, p: _Para, at: int) -> Cue | None:
        """``"... by water." Halvik said.``: a sentence that is only a cue, right after a
        quotation that ended with its own full stop."""
        m = _NEXT_SENTENCE.match(p.masked[at:])
        if m is None or not m.group(1) or MASK in m.group(1):
            return None
        stop = at + m.end()
        cue = filling_cue(p.masked, at, stop)
        if cue is None or (p.masked[cue.end : stop].strip(" .") and len(p.masked[cue.end : stop]) > 40):
            return None
        return cue

    def _dash(self, p: _Para) -> bool:
        """A dash-led paragraph that is direct speech: closed by its cue, or opened by a
        colon at the end of the paragraph before. Returns False for a bullet."""
        body_at = 2
        for m in reversed(list(_DASH_CLOSE.finditer(p.text))):
            if m.start() <= body_at:
                continue
            cue = filling_cue(p.text, m.end(), len(p.text))
            if cue is None or len(p.text[cue.end :].strip(" .")) > 40:
                continue
            span = (p.start + body_at, p.start + m.start())
            q = Quote(self.text[span[0] : span[1]], "direct", None, None, None, 0.0, *span, [span])
            self._attribute(q, p, cue)
            self.quotes.append(q)
            return True
        intro = self._list_introduction(p)
        if intro is None:
            return False
        colon = intro.text.rstrip().endswith(":")
        speech = has_speech_verb(intro.masked, 0, len(intro.masked)) or _QUOTES_LABEL.fullmatch(intro.text)
        if not speech and (colon or intro.start in self._headings):
            return True  # "Key points:", "Summary" over "- Putin says ...": the writer's summary, no one's words
        if not colon:
            return False  # "- Putin said ...", "– With files from ...": a bullet or a byline, not speech
        body = p.text[body_at:].rstrip()
        span = (p.start + body_at, p.start + body_at + len(body))
        q = Quote(body, "direct", None, None, None, 0.0, *span, [span])
        cue = cue_before(intro.masked, 0, len(intro.masked.rstrip().rstrip(":")))
        if cue is not None:  # "Putin told reporters:" over "- We will not give up."
            self._attribute(q, intro, cue)
        self.quotes.append(q)
        return True

    def _list_introduction(self, p: _Para) -> _Para | None:
        """The paragraph before a run of dash-led paragraphs that ``p`` is in: the one
        that introduces them ("Putin said:", "Key points:"), if any."""
        i = self.paras.index(p) - 1
        while i >= 0 and self.paras[i].text[:1] in DASHES and self.paras[i].text[1:2] == " ":
            i -= 1
        return self.paras[i] if i >= 0 else None

    # ------------------------------------------------------------------ reported speech
    def _reported(self, p: _Para, a: int, b: int, subject: Phrase | None) -> list[Quote]:
        if self._is_headline(p):
            return []  # "Putin says Russia ready for talks": a headline summarises, it reports no one
        opening = p.masked[a : a + 3] in ("In ", "As ")  # "In his words,", "As Putin put it,"
        if not (has_speech_verb(p.masked, a, b) or opening or "ccording to" in p.masked[a:b]):
            return []  # no verb of saying and no "according to": nothing is reported
        found = according_first(p.masked, a, b)
        clauses = [found] if found else reported_clauses(p.masked, a, b, subject)
        reported = [q for r in clauses if (q := self._indirect(p, r)) is not None]
        if not reported:
            around = self._around_parenthetical_cue(p, a, b)
            reported = [around] if around is not None else []
        return reported

    def _around_parenthetical_cue(self, p: _Para, a: int, b: int) -> Quote | None:
        """ "Western countries, he said, had no right to ...": a cue between commas inside
        the statement; the statement is the sentence around it, in two parts."""
        m = _PARENTHETICAL_CUE.search(p.masked, a, b) or _PARENTHETICAL_ACCORDING.search(p.masked, a, b)
        if m is None or MASK in p.masked[a:b] or not p.masked[a : m.start()].strip():
            return None
        phrase = pronoun_phrase(p.masked, *m.span("who")) or classify(p.masked, *m.span("who"))
        if phrase is None or phrase.kind not in ("name", "pronoun", "definite", "indefinite"):
            return None
        end = a + len(p.text[a:b].rstrip().rstrip(".!?;:"))
        first = (p.start + a + _lead_spaces(p.text, a), p.start + m.start())
        second = (p.start + m.end(), p.start + end)
        if second[1] - second[0] < 3 or first[1] <= first[0]:
            return None
        if WRITERS_PARTICIPLE.match(self.text, second[0]):
            # "CLAUSE, Novak said, signaling no change": the writer's comment follows the cue
            q = Quote(self.text[first[0] : first[1]], "indirect", None, None, None, 0.0, *first, [first])
        else:
            text = self.text[first[0] : first[1]] + " " + self.text[second[0] : second[1]]
            q = Quote(text, "indirect", None, None, None, 0.0, first[0], second[1], [first, second])
        verb = m.group("verb") if m.re is _PARENTHETICAL_CUE else "according to"
        self._attribute(q, p, Cue(phrase, verb, m.start(), m.end()))
        q.confidence = min(q.confidence, INDIRECT_MAX_CONFIDENCE)
        self.quotes.append(q)
        return q

    def _is_headline(self, p: _Para) -> bool:
        return p is self.paras[0] and len(self.paras) > 1 and _headline_like(p.text)

    def _indirect(self, p: _Para, r: Reported) -> Quote | None:
        start = r.start
        bullet = _BULLET.match(p.text, start) if start == 0 else None
        if bullet is not None:
            start = bullet.end()  # "- The talks will go on, officials said.": the mark is not said
        body = _with_closing_mark(p.text, start, p.text[start : r.end].rstrip(" ,;:"))
        if not body.strip() or _only_an_object(body, not p.masked[r.cue.end : start].strip()):
            return None
        if _RELATIVE_OPENING.match(body) and p.masked[:start].rstrip().endswith(","):
            # "Putin said in the interview, which aired on Sunday": about the words, not them
            return None
        span = (p.start + start, p.start + start + len(body))
        q = Quote(body, "indirect", None, None, None, 0.0, *span, [span])
        self._attribute(q, p, r.cue)
        q.confidence = min(q.confidence, INDIRECT_MAX_CONFIDENCE)
        self.quotes.append(q)
        return q

    # ------------------------------------------------------------------ speakers
    def _attribute(self, q: Quote, p: _Para, cue: Cue) -> None:
        at = p.start + cue.phrase.start
        entity, confidence = self.d.resolve(cue.phrase, at, not_this=self._interrupted_subject(p, cue))
        if entity is not None:
            _mark_plural(entity, p.masked, cue.phrase.end)
        q.speaker = p.text[cue.phrase.start : cue.phrase.end]
        q.cue = " ".join(p.text[cue.start : cue.end].split()).strip(' ,:"”»’')
        q.person = entity.name if entity else None
        q.confidence = confidence
        q.speaker_type = _speaker_type(entity, cue.phrase)
        if entity is not None:
            self.d.note(entity, p.start + cue.end)
        written = _IN_A_DOCUMENT.match(p.masked, cue.end)
        nouns = [w.casefold() for w in written.groups() if w] if written is not None else []
        noun = next((w for w in nouns if DESCRIPTION_NOUNS.get(w) == "document"), None)
        named = cue.phrase.kind in ("name", "group") or (entity is not None and entity.kind == "org")
        if noun is not None and (named if entity is not None else cue.phrase.kind == "indefinite"):
            # "the ministry said in a (joint) statement": its author; no one, for "a spokesperson".
            # A person found for a description is a guess, too weak to author a document
            self.d.documents.append((p.start + cue.end, entity, noun))

    def _interrupted_subject(self, p: _Para, cue: Cue) -> Entity | None:
        """In "Schumer, he said, knows ...", the subject whose clause a pronoun's cue
        interrupts: the one the pronoun does not mean (someone else speaks of them)."""
        subject = self._subject_phrase
        if cue.phrase.kind != "pronoun" or subject is None or subject.kind != "name":
            return None
        if p.masked[subject.end : cue.phrase.start].strip() != ",":
            return None
        entity, _ = self.d.resolve(subject, p.start + subject.start)
        return entity

    def _subject(self, p: _Para, a: int, b: int) -> Phrase | None:
        """The sentence's subject, when it is a name, a pronoun or a description followed
        by a verb; a named subject becomes the one a later "he" or "she" refers to."""
        self._subject_phrase = self._find_subject(p, a, b)
        return self._subject_phrase

    def _clause_subjects(self, p: _Para, a: int, b: int, reported: list[Quote]) -> None:
        """The named subjects of a sentence's later clauses ("Edmonton responded when Jones
        scored"): a known name after a conjunction, followed by a verb in the past or
        present tense, is the one a later "the defenceman" or "he" may mean; not one inside
        what is reported ("X said that he and Putin had agreed": a later "he" is still X)."""
        said = [(q.start - p.start, q.end - p.start) for q in reported]
        for m in _CLAUSE_SUBJECT.finditer(p.masked, a, b):
            if any(x <= m.start("name") < y for x, y in said):
                continue
            phrase = phrase_after(p.masked, m.start("name"), subject=True, end=b)
            if phrase is None or phrase.kind != "name" or not self.d.known(phrase, p.start + phrase.start):
                continue
            if not _CLAUSE_VERB.match(p.masked, phrase.end, b):
                continue
            entity, _ = self.d.resolve(phrase, p.start + phrase.start)
            if entity is not None and entity.kind == "person":
                self.d.note(entity, p.start + phrase.start, "subject")

    def _find_subject(self, p: _Para, a: int, b: int) -> Phrase | None:
        dateline = DATELINE.match(p.masked, a, b) if a == 0 else None
        if dateline is not None:
            a = dateline.end()  # "MOSCOW (Reuters) – The ministry on Thursday dismissed ...": the subject follows
        first = _FIRST_WORD.match(p.masked, a)
        if first is None or not (first.group()[0].isupper() or first.group() in ("he", "she", "they", "it")):
            return None  # a sentence that opens with a lowercase word or a mark has no named subject
        if not self._may_have_subject(p, a, b, first.group()):
            return None
        lead = _LEAD_WORDS.match(p.masked, a)
        start = lead.end() if lead else a
        intro = _INTRO_PHRASE.match(p.masked, start, b)
        if intro is not None:  # "Within hundreds of pages of emails, officials discussed ..."
            start = intro.end()
            more = _INTRO_GOES_ON.match(p.masked, start, b)
            if more is not None and p.masked[more.end() : more.end() + 1].isupper():
                start = more.end()  # the opening clause has a second part before the subject
        phrase = phrase_after(p.masked, start, subject=True, end=b)
        if phrase is None or phrase.start != start:
            return None
        after = p.masked[phrase.end : b]
        if not _VERB_OR_COMMA_NEXT.match(after):
            return None
        definite = phrase.text.startswith("The ")  # "The Ministry has ...": "the" makes it a name of something
        if phrase.kind == "name" and start == a and not definite and not self.d.known(phrase, p.start + phrase.start):
            return None  # "Bring it.", "Every time ...": a capitalised first word is no one yet
        if _unknown_thing(phrase) and not has_speech_verb(p.masked, phrase.end, b):
            return phrase  # "the deal had turned into ...": a noun of no known kind that says nothing is no one
        entity, _ = self.d.resolve(phrase, p.start + phrase.start)
        if entity is not None:
            _mark_plural(entity, p.masked, phrase.end)
            self.d.note(entity, p.start + phrase.start, "subject")
        return phrase

    def _may_have_subject(self, p: _Para, a: int, b: int, first: str) -> bool:
        """A cheap test before the subject is read: the sentence speaks (a speech verb, a
        quotation, a colon), or opens with a pronoun or a name the article has used."""
        if first.casefold() in ("he", "she", "they", "it") or has_speech_verb(p.masked, a, b):
            return True
        if MASK in p.masked[a:b] or ":" in p.masked[a:b]:
            return True
        first_words = _FIRST_WORDS.findall(p.masked, a, min(b, a + 80))[:4]
        if any(w in self.d.name_words or w in self.d.speaking_words for w in first_words):
            return True
        # "Russia's president was more cautious.", "The Turkish leader": a title holder as the subject
        opening = _FIRST_WORD.findall(p.masked, a, min(b, a + 40))[1:3]
        return any(w.casefold() in ROLE_WORDS for w in opening)

    def _heading(self, p: _Para) -> bool:
        """A section heading (a short line without closing punctuation and without quotation
        marks). One that opens with a name ("Peskov on the talks") gives the speaker of the
        quotations under it that have no cue."""
        if p.spans or p.start == 0 or p.text[:1] in "•*·":
            return False  # quotation marks, the headline, or a bullet
        if not heading_like(p.text, HEADING_MAX_WORDS) and not _QUOTES_LABEL.fullmatch(p.text):
            return False  # a sentence
        self._headings.add(p.start)
        phrase = phrase_after(p.masked, 0, subject=True)
        if phrase is not None and phrase.start == 0 and phrase.kind == "name" and self.d.known(phrase, p.start):
            entity, _ = self.d.resolve(phrase, p.start)
            if entity is not None and entity.kind == "person" and entity.personlike:
                self.d.note(entity, p.start, "heading")
        elif _HEADING_SPEECH.search(p.text):
            named = self._persons_named(p)
            if len(named) == 1:  # "What Putin said", "Key quotes from Lavrov": one person, words of saying
                self.d.note(named[0], p.start, "heading")
            elif not named and (main := self._main_speaker()) is not None:
                self.d.note(main, p.start, "heading")  # "Key quotes:": the words of whom the article quotes most
        return True

    def _main_speaker(self) -> Entity | None:
        """The person given the most quotations so far, if one is given more than any other."""
        counts: dict[str, int] = {}
        for q in self.quotes:
            if q.person is not None and q.speaker_type == "person":
                counts[q.person] = counts.get(q.person, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return self.d.entities.get(fold(ranked[0][0]))

    def _persons_named(self, p: _Para) -> list[Entity]:
        """The distinct known persons a short line names (each capitalised word tried)."""
        found: list[Entity] = []
        for word in _CAPITALISED.finditer(p.masked):
            phrase = phrase_after(p.masked, word.start(), subject=True)
            if phrase is None or phrase.kind != "name" or not self.d.known(phrase, p.start + word.start()):
                continue
            entity, _ = self.d.resolve(phrase, p.start + word.start())
            if entity is not None and entity.kind == "person" and entity.personlike and entity not in found:
                found.append(entity)
        return found

    def _pull_quote(self, p: _Para) -> bool:
        """ "This is the kind of thing we predicted. Konrad Gajewski, University of Ottawa":
        a pull quote, the words and then who said them, with no verb."""
        m = _PULL_QUOTE.match(p.text)
        if m is None or p.spans or has_speech_verb(p.masked, m.start("who"), len(p.text)):
            return False
        phrase = classify(p.text, m.start("name"), m.end("name"))
        if phrase is None or phrase.kind != "name" or " " not in (phrase.name or ""):
            return False
        body = m.group("words")
        span = (p.start, p.start + len(body))
        q = Quote(body, "direct", None, None, None, 0.0, *span, [span])
        self._attribute(q, p, Cue(phrase, "", m.start("name"), len(p.text)))
        q.cue = p.text[m.start("who") :]
        self.quotes.append(q)
        return True

    def _interview_turn(self, p: _Para) -> bool:
        """ "Vladimir Putin: We will ...", "Question: ...": an interview printed as turns,
        each a direct quotation of its speaker."""
        m = _TURN_LABEL.match(p.text)
        if m is None or m.group(1) == p.text:
            return False
        if self._is_headline(p):
            return False  # "Putin: Russia will not be drawn into an arms race": a headline sums up
        label = m.group(1)
        if topic_label(label):
            return False  # "On the economy: ...": what it is about, not who says it
        body_at = m.end()
        body = p.text[body_at:].rstrip()
        asked = label.casefold() in _QUESTION_LABELS and body.endswith("?")  # "Q: Is it over?": speech, however short
        if (len(body.split()) < MIN_SPEECH_WORDS and not asked) or body[:1] in OPEN_CLOSE:
            return False
        span = (p.start + body_at, p.start + body_at + len(body))
        q = Quote(body, "direct", None, None, None, 0.0, *span, [span])
        if label.casefold() in _ANSWER_LABELS or label.casefold() in _QUESTION_LABELS:
            # "A: Not at all.": the one interviewed, the person the article is most about
            # other than its interviewer; "Q: ...": the interviewer, when the article names one
            q.speaker, q.cue = label, f"{label}:"
            asker = self.d.interviewer(p.start)
            if label.casefold() in _ANSWER_LABELS:
                entity, q.confidence = self.d.most_written_about(p.start, not_this=asker)
            else:
                entity, q.confidence = asker, (MOST_PROMINENT if asker is not None else NO_SPEAKER)
            q.person = entity.name if entity is not None and entity.kind == "person" else None
            q.speaker_type = "person" if q.person else "unnamed"
        else:
            phrase = classify(p.text, 0, len(label))
            if phrase is None or phrase.kind not in ("name", "group"):
                return False
            # a full name with its outlet in brackets is a turn even when first met there
            introduced = bool(m.group("affiliation")) and " " in (phrase.name or "")
            if not introduced and not self.d.known(phrase, p.start):
                return False
            self._attribute(q, p, Cue(phrase, ":", 0, m.start("affiliation") if introduced else len(label) + 1))
        self.quotes.append(q)
        return True

    def _fill_floating(self, i: int, first_new: int) -> None:
        """Quotations with no cue take their paragraph's speaker, else the last speaker
        or subject of the paragraph before."""
        new = self.quotes[first_new:]
        spoken = [q for q in new if q.person and q.kind != "indirect"]
        since = self._previous_text_start(i)
        for q in new:
            if q.cue is not None or q.kind == "indirect":
                continue
            donor = _nearest(spoken, q)
            entity = self._subject_just_before(q, donor)
            if entity is None:
                entity = (
                    self.d.entities.get(fold(donor.person or "")) if donor else self._recent_salient(since, q.start)
                )
            if entity is not None:
                q.person, q.speaker_type = entity.name, _speaker_type(entity, None)
                q.confidence = CONTINUATION_CONFIDENCE
                self.d.note(entity, q.start)  # the next paragraph may go on with the same speaker

    def _subject_just_before(self, q: Quote, donor: Quote | None) -> Entity | None:
        """The person who is the subject of the sentence right before a quotation with no
        cue, in its paragraph, when no one spoke in between ("“...,” says House. Durning
        did not need much coaxing. “I'm thankful ...”": Durning's words)."""
        floor = max(self._paragraph_start(q.start), donor.end if donor is not None and donor.start < q.start else 0)
        for at, key, role in sorted(self.d.salient, reverse=True):
            if at >= q.start:
                continue
            if at < floor or role != "subject":
                return None
            e = self.d.entities.get(key)
            return e if e is not None and e.kind == "person" else None
        return None

    def _paragraph_start(self, at: int) -> int:
        return max((p.start for p in self.paras if p.start <= at), default=0)

    def _previous_text_start(self, i: int) -> int:
        """Where the paragraph before ``i`` starts, looking past headings that name no one
        ("Story continues below advertisement")."""
        j = i - 1
        while j > 0 and self.paras[j].start in self._headings:
            j -= 1
        return self.paras[j].start if j >= 0 else 0

    def _recent_salient(self, since: int, before: int) -> Entity | None:
        """The last speaker since ``since``; else the last person who was a subject."""
        recent = [(at, key, role) for at, key, role in self.d.salient if since <= at <= before]
        for want in ("speaker", "subject"):
            for _, key, role in reversed(recent):
                e = self.d.entities.get(key)
                role = "speaker" if role == "heading" else role
                if role == want and e is not None and (want == "speaker" or (e.kind == "person" and e.personlike)):
                    return e
        return None


def _dash_signature(s: str, at: int, stop: int) -> Cue | None:
    """``"It's about time," – Medvedev.``: a dash and a name after the quotation, with no
    verb, sign it (a style of translated Russian reports)."""
    m = _DASH_NAME.match(s, at, max(at, stop))
    if m is None:
        return None
    phrase = classify(s, m.start("who"), m.end("who"))
    if phrase is None or phrase.kind != "name":
        return None
    return Cue(phrase, "–", m.start(), m.end("who"))


def _lead_spaces(text: str, at: int) -> int:
    return len(text[at:]) - len(text[at:].lstrip())


def _same_speaker(q: Quote, host: Quote) -> None:
    """Give ``q`` the speaker of the reported statement ``host`` that holds it."""
    q.speaker, q.cue, q.person, q.speaker_type = host.speaker, host.cue, host.person, host.speaker_type
    q.confidence = max(q.confidence, host.confidence)


def _only_an_object(clause: str, right_after_verb: bool) -> bool:
    """ "warned Western countries", "thanked Mary Nicholson": one or two words right after
    the verb are whom it was said to, not what was said, unless an infinitive ("promised
    to investigate") or quoted words."""
    words = clause.split()
    return (
        right_after_verb and len(words) <= 2 and words[0].casefold() != "to" and not any(c in clause for c in '"“”«»')
    )


def _with_closing_mark(text: str, start: int, body: str) -> str:
    """A clause that ends on quoted words keeps the mark that closes them ("... was
    “playing games”."): the words as printed, their marks balanced."""
    at = start + len(body)
    after = text[at : at + 1]
    if after in (".", ",") and text[at + 1 : at + 2] in ('"', "”", "»"):
        after = text[at : at + 2]  # 'that "there is no clarity yet."': the stop printed inside the marks
    open_curly = body.count("“") + body.count("«") > body.count("”") + body.count("»")
    if (open_curly and after[-1:] in ("”", "»")) or (body.count('"') % 2 == 1 and after[-1:] == '"'):
        return body + after
    return body


def _mark_plural(entity: Entity, s: str, end: int) -> None:
    """One capitalised word with a plural verb ("Prosecutors say", "Officials have") is
    many people, never the "he" of a later sentence."""
    if " " not in entity.name and _PLURAL_VERB.match(s, end):
        entity.kind, entity.gender, entity.personlike = "group", None, False


def _unknown_thing(phrase: Phrase) -> bool:
    """A description with "the" ("the deal", "the 26-year-old") whose head noun is neither listed
    (person, organisation, document, thing) nor a title. As a speaker it is read as a
    person (docs/quotes-contract.md); as the subject of a sentence that reports no speech
    it is not taken for anyone, so that a later "he" does not mean whoever spoke last."""
    if phrase.kind != "definite" or phrase.text.split()[0].casefold() not in ("the", "this", "that"):
        return False  # "her message", "Putin's words": an owner's, resolved through the owner
    head = (phrase.head or "").casefold()
    return head not in DESCRIPTION_NOUNS and head not in TITLE_WORDS
