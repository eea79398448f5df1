"""Quotations in news articles, and who said them.

Three constructions carry direct speech:

- **dash-led paragraphs** (Russian typography rendered in English): the paragraph opens
  with a dash and the speech runs to ``," Vladimir Putin said.`` or ``, - he stressed.``;
- **quotation marks** (“…”, "…", «…», „…“, ‘…’), nested marks staying inside the outer
  quotation; a quotation interrupted by its attribution (``"We will," he said, "do it."``)
  is one quotation in two parts; a paragraph that opens a quotation without closing it
  continues into the next paragraph when that one opens with a mark again;
- quoted words inside a sentence are **partial** quotations.

Reported speech ("According to him, ...", "..., the President believes.", "X noted that
...") is extracted as ``indirect``.

Attribution reads the cue next to the quotation: a name ("Vladimir Putin said", "said
Vyacheslav Volodin"), a role ("the President noted", "said the Head of State") resolved to
the person the article introduced with that role, or a pronoun ("he said") resolved to
the most recent speaker. Cue verbs and role aliases are data (``parse/data``).
Unresolvable speakers are left empty with confidence 0, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

from .persons import ROLE_WORDS, fold, split_role_name

DASHES = "-–—"
OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"'}
MIN_WORDS = 3


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


CUES = sorted({c.strip() for c in _lines("cue_verbs.txt")}, key=len, reverse=True)
ROLE_ALIASES = dict(line.split("\t", 1) for line in _lines("role_aliases.txt"))
ROLE_ALIASES_FOLDED = {fold(alias): role for alias, role in ROLE_ALIASES.items()}
_ALIASES_LONGEST_FIRST = sorted(ROLE_ALIASES_FOLDED, key=len, reverse=True)
_ALIAS_RE = re.compile(r"\b(" + "|".join(re.escape(a) for a in _ALIASES_LONGEST_FIRST) + r")\b")
_CUE = "(?:" + "|".join(re.escape(c) for c in CUES) + ")"
# Names never run across a line break (a headline's last word is not a first name).
_NAME = r"[A-Z](?:\.|[\w’'-]+)(?:[ \t]+(?:(?:bin|al|de|van|von|der|la|le)[ \t]+)?[A-Z](?:\.|[\w’'-]+)){1,3}"
_ROLE_WORD = "(?i:" + "|".join(re.escape(w) for w in sorted(ROLE_ALIASES, key=len, reverse=True)) + r")\b"
_ROLE = rf"(?:the|The)\s+(?:[\w-]+\s+){{0,3}}?{_ROLE_WORD}"
_PRONOUN = r"(?:he|she|He|She)"
_SURNAME = r"[A-Z][a-z’'-]{2,}"
# A title may stand before a name: "Kremlin spokesman Dmitry Peskov told reporters".
_TITLED_NAME = rf"(?:(?:[A-Z][\w-]*|[a-z][\w-]*)[ \t]+){{0,4}}?{_NAME}"
_SPEAKER = rf"(?P<spk>{_ROLE}|{_TITLED_NAME}|{_PRONOUN}|{_SURNAME})"
_APPOS = r"(?:,\s+(?P<appos>[^,\"“”«»]{2,160}?),)?"
_TO = r"(?:\s+(?:to|in an interview with|in a conversation with)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?"
# "Vladimir Putin said", "Alexei Govyrin, a member of ..., explained to Izvestia", "he said"
_SPK_CUE = re.compile(rf"{_SPEAKER}{_APPOS}\s+(?:also\s+)?(?P<cue>{_CUE}){_TO}")
# "said Vyacheslav Volodin", "said the Head of State"
_CUE_SPK = re.compile(rf"(?P<cue>{_CUE})\s+{_SPEAKER}{_APPOS}")
_POSTS = tuple(re.compile(rf"^\s*{p.pattern}(?P<rest>[^.!?]*)[.!?]?\s*$") for p in (_SPK_CUE, _CUE_SPK))
_ACCORDING = re.compile(rf"^According to (?P<spk>him|her|{_ROLE}|{_NAME}|{_SURNAME}),\s+(?P<text>.+)$")
_COLON_SPEAKER = re.compile(rf"(?P<spk>{_NAME}|{_SURNAME}):\s*$")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”»’]?|$)\s*")
_WORD = re.compile(r"[^\W_]+")
_PERSON_TOKEN = re.compile(
    r"^(?:[A-Z][a-z’'.]+(?:-[A-Z]?[a-z’']+)*|[A-Z]\.|bin|al|de|van|von|der|la|le|[a-z]{2}-[A-Z][a-z]+)$"
)
_FEMALE_ENDINGS = ("a", "aya", "ia", "ova", "eva", "ina", "ska")


@dataclass(slots=True)
class Quote:
    """A quotation (or reported speech) in an article, with its speaker and offsets."""

    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None  # as the article names them: "Vladimir Putin", "he", "the President"
    person: str | None  # canonical "First Last"
    cue: str | None  # "Vladimir Putin said"
    confidence: float
    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)  # several for interrupted quotations

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parts"] = [list(p) for p in self.parts]
        return d


@dataclass(slots=True)
class _Person:
    name: str
    roles: set[str]
    last: int  # offset of the latest mention


@dataclass(slots=True)
class _Discourse:
    """Who the article has introduced, with which roles, and who spoke last."""

    persons: dict[str, _Person] = field(default_factory=dict)
    last_speaker: str | None = None
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, person), in order

    def latest_mention(self, before: int, female: bool | None = None) -> str | None:
        """The person named last before ``before`` (of the right gender, if known)."""
        for at, name in reversed(self.mentions):
            if at < before and (female is None or _looks_female(name) == female):
                return name
        return None

    def mention(self, name: str, at: int, roles: set[str] | None = None) -> str:
        key = fold(name)
        for k, p in self.persons.items():  # "Putin" after "Vladimir Putin"
            if k == key or k.endswith(" " + key) or key.endswith(" " + k):
                p.last = max(p.last, at)
                p.roles |= roles or set()
                return p.name
        self.persons[key] = _Person(name, set(roles or ()), at)
        return name

    def by_surname(self, surname: str) -> str | None:
        hits = {p.name for p in self.persons.values() if p.name.split()[-1] == surname}
        return hits.pop() if len(hits) == 1 else None

    def by_role(self, role: str) -> str | None:
        holders = [p for p in self.persons.values() if role in p.roles]
        return max(holders, key=lambda p: p.last).name if holders else None


def extract_quotes(text: str) -> list[Quote]:
    """Every quotation in an article's text, in order, with speakers and offsets."""
    discourse = _Discourse()
    quotes: list[Quote] = []
    paragraphs = _paragraphs(text)
    _introduce(text, discourse)
    pending: Quote | None = None  # a quotation left open at the end of a paragraph
    for start, end in paragraphs:
        para = text[start:end]
        if pending is not None:
            if para[:1] in OPEN_CLOSE:
                pending = _continue(pending, text, start, end, discourse, quotes)
                continue
            pending = None
        _subjects_before_quotes(text, start, end, discourse)
        found, pending = _paragraph_quotes(text, start, end, discourse)
        quotes += found
        quotes += _indirect(text, start, end, discourse, found)
    quotes.sort(key=lambda q: q.start)
    return quotes


# ----------------------------------------------------------------------------- paragraphs
def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return out


def _introduce(text: str, discourse: _Discourse) -> None:
    """Learn persons, where they are mentioned, and their roles: from titles ("Russian
    President Vladimir Putin", "Speaker of the State Duma Vyacheslav Volodin") and from
    appositions ("Alexei Govyrin, a member of the State Duma Committee ...")."""
    for m in re.finditer(_NAME, text):
        phrase = m.group()
        before = text[max(0, m.start() - 6) : m.start()]
        if re.search(r"\b(?:of|for|the)\s+$", before) and len(phrase.split()) >= 3:
            phrase = phrase.split(None, 1)[1]  # "President of Norvania Teodor Halvik": Norvania is the title's
        ident = split_role_name(phrase)
        name = _clean_name(phrase)
        if not name:
            continue
        offset = m.start() + m.group().rfind(name.split()[0])
        roles = _roles_in(ident.role or "") | _roles_in(_title_before(text, m.start()))
        after = re.match(r",\s+(?:the\s+|a\s+|an\s+)?(?P<title>[^,.;]{3,120})", text[m.end() :])
        if after:
            roles |= _roles_in(after.group("title"))
        name = discourse.mention(name, -1, roles)
        discourse.mentions.append((offset, name))


def _title_before(text: str, at: int) -> str:
    """The title phrase right before a name: capitalised words and the connectors of
    titles ("Speaker of the State Duma"), no verbs, no sentence or clause boundary."""
    words = text[max(0, at - 120) : at].split()
    title: list[str] = []
    for word in reversed(words):
        if word[-1:] in ",.;:!?" or not (word[0].isupper() or word in ("of", "the", "and", "for", "on")):
            break
        title.insert(0, word)
    return " ".join(title)


def _roles_in(phrase: str) -> set[str]:
    """The roles a title names ("Russian President" -> {president})."""
    return {ROLE_ALIASES_FOLDED[a] for a in _ALIAS_RE.findall(fold(phrase))}


def _role_of_mention(mention: str) -> str | None:
    """The role a mention stands for, by its most specific alias ("the Head of State" ->
    president, not head)."""
    found = _ALIAS_RE.findall(fold(mention))
    return ROLE_ALIASES_FOLDED[max(found, key=len)] if found else None


def _clean_name(phrase: str) -> str | None:
    """The person in a capitalised phrase ("Russian President Vladimir Putin" -> "Vladimir
    Putin"), or None when it names no person ("State Duma")."""
    ident = split_role_name(phrase)
    name = ident.person
    if not name or len(name.split()) < 2:
        return None
    if any(w.casefold() in ROLE_WORDS or not _PERSON_TOKEN.match(w) for w in name.split()):
        return None  # "State Duma", "CSTO Parliamentary": not a person
    return name


# ----------------------------------------------------------------------------- direct
def _paragraph_quotes(text: str, start: int, end: int, d: _Discourse) -> tuple[list[Quote], Quote | None]:
    para = text[start:end]
    if para[:1] in DASHES and para[1:2] == " ":
        return [_dash_quote(text, start, end, d)], None
    spans = _quoted_spans(para)
    quotes: list[Quote] = []
    pending = None
    merged = _merge_interrupted(para, spans)
    for group in merged:
        a, b, closed = group[0][0], group[-1][1], group[-1][2]
        content = para[a:b]
        if not _speechlike(content) and len(group) == 1:
            continue
        q = _make_quote(text, start, para, group, d)
        quotes.append(q)
        if not closed:
            pending = q
    return quotes, pending


def _dash_quote(text: str, start: int, end: int, d: _Discourse) -> Quote:
    para = text[start:end]
    body_at = 2
    for m in reversed(list(re.finditer(r"(?:[,]?[\"”»](?:\s*,)?|,\s+[-–—]|,)\s*(?=\S)", para))):
        close_at = m.start()
        if close_at <= body_at:
            break
        attr = _attribution(para[m.end() :], d, start + m.end())
        if attr is not None:
            q_end = close_at
            q_text = para[body_at:q_end]
            speaker, person, cue, conf = attr
            return Quote(
                q_text,
                "direct",
                speaker,
                person,
                cue,
                conf,
                start + body_at,
                start + q_end,
                [(start + body_at, start + q_end)],
            )
    q_text = para[body_at:].rstrip()
    return Quote(
        q_text,
        "direct",
        None,
        None,
        None,
        0.0,
        start + body_at,
        start + body_at + len(q_text),
        [(start + body_at, start + body_at + len(q_text))],
    )


def _quoted_spans(para: str) -> list[tuple[int, int, bool]]:
    """Outermost quoted spans ``(content start, content end, closed)`` in a paragraph. An
    opening mark never closed keeps the rest of the paragraph and no more."""
    spans: list[tuple[int, int, bool]] = []
    i, n = 0, len(para)
    while i < n:
        ch = para[i]
        if ch in OPEN_CLOSE and _opens(para, i):
            close = _find_close(para, i)
            if close is None:
                spans.append((i + 1, n, False))
                break
            spans.append((i + 1, close, True))
            i = close + 1
            continue
        i += 1
    return spans


def _opens(para: str, i: int) -> bool:
    ch = para[i]
    if ch == "‘":
        return i + 1 < len(para) and para[i + 1].isalnum()
    if ch == '"':
        before = para[i - 1] if i else " "
        return before.isspace() or before in "([—–-:,;" or i == 0
    return True


def _find_close(para: str, i: int) -> int | None:
    """Index of the mark closing the one at ``i``, nested marks of other kinds skipped."""
    opening = para[i]
    closing = OPEN_CLOSE[opening]
    depth = 0
    j = i + 1
    while j < len(para):
        ch = para[j]
        if ch == closing and (closing != "’" or not (j + 1 < len(para) and para[j + 1].isalpha())):
            if opening == '"' and j + 1 < len(para) and para[j + 1].isalnum():
                j += 1  # "a"b is not a close
                continue
            if depth == 0:
                return j
            depth -= 1
        elif ch == opening and opening != '"' and opening != closing:
            depth += 1
        j += 1
    return None


def _merge_interrupted(para: str, spans: list[tuple[int, int, bool]]) -> list[list[tuple[int, int, bool]]]:
    """``"We will," he said, "do it."``: two spans with only an attribution between them."""
    groups: list[list[tuple[int, int, bool]]] = []
    for span in spans:
        if groups:
            prev = groups[-1][-1]
            between = para[prev[1] + 1 : span[0] - 1]
            if prev[2] and _match_attr(between.strip(" ,:")) is not None and between.rstrip()[-1:] in ",:":
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups


def _speechlike(content: str) -> bool:
    """Quoted words that read as speech, not a title or a name ("Izvestia", "Nord Stream")."""
    words = _WORD.findall(content)
    if len(words) < MIN_WORDS:
        return False
    lowercase = [w for w in words if w[0].islower()]
    return bool(lowercase) or len(words) >= 8


def _make_quote(text: str, start: int, para: str, group: list[tuple[int, int, bool]], d: _Discourse) -> Quote:
    a, b = group[0][0], group[-1][1]
    content = para[a:b].rstrip(",")
    b = a + len(content)
    parts = [(start + x, start + min(y, b)) for x, y, _ in group]
    q_text = " ".join(para[x : min(y, b)].strip().rstrip(",") for x, y, _ in group)
    kind = "direct" if _stands_alone(para, a, content) else "partial"
    attr = None
    if len(group) > 1:
        between = para[group[0][1] + 1 : group[1][0] - 1]
        attr = _attribution(between.strip(" ,:"), d, start + group[0][1] + 1)
    if attr is None:
        after = para[group[-1][1] + 1 :] if group[-1][2] else ""
        attr = _attribution(_first_clause(after), d, start + group[-1][1] + 1) if after.strip() else None
    if attr is None:
        attr = _attribution_before(para[: a - 1], d, start)
    speaker, person, cue, conf = attr if attr else (None, None, None, 0.0)
    return Quote(q_text, kind, speaker, person, cue, conf, start + a, start + b, parts)


def _stands_alone(para: str, a: int, content: str) -> bool:
    """A direct quotation opens its sentence: at the paragraph start, after a colon or a
    dash, or after a cue; words quoted inside a sentence are partial."""
    if not content[:1].isupper():
        return False
    before = para[: a - 1].rstrip()
    return not before or before[-1] in ":.!?—–-" or bool(re.search(rf"(?:{_CUE})\s*,?$", before))


def _first_clause(after: str) -> str:
    m = re.match(r"[^.!?\"“”«»]*[.!?]?", after)
    return m.group(0) if m else after


def _attribution(segment: str, d: _Discourse, at: int) -> tuple[str, str | None, str, float] | None:
    """Speaker, person, cue and confidence of an attribution that fills ``segment``."""
    m = _match_attr(segment)
    if m is None:
        return None
    cue = m.string[: m.start("rest")].strip(' ,.-–—"”»')
    if m.group("appos"):
        cue = cue.replace(m.group("appos"), "...").replace(", ...,", " ...")
    return _resolve(m.group("spk"), cue, d, at, m.group("appos"))


def _match_attr(segment: str) -> re.Match[str] | None:
    """An attribution filling ``segment`` (a short tail such as "in Moscow" allowed)."""
    for pattern in _POSTS:
        m = pattern.match(segment.lstrip(' ,"”»-–—\n'))
        if m and len(m.group("rest") or "") <= 40:
            return m
    return None


def _attribution_before(before: str, d: _Discourse, start: int) -> tuple[str, str | None, str, float] | None:
    """ "Vladimir Putin noted that ... "to optimize ..."": the speaker and cue of the
    sentence the quotation sits in."""
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
    colon = _COLON_SPEAKER.search(sentence)
    if colon:  # "Putin: "We will never give up.""
        spk = colon.group("spk")
        return _resolve(spk, f"{spk}:", d, start + len(before) - len(sentence) + colon.start(), None)
    found = list(_SPK_CUE.finditer(sentence))
    if not found:
        return None
    m = found[-1]
    cue = f"{m.group('spk')} {m.group('cue')}"
    return _resolve(m.group("spk"), cue, d, start + len(before) - len(sentence) + m.start(), m.group("appos"))


def _resolve(spk: str, cue: str, d: _Discourse, at: int, appos: str | None) -> tuple[str, str | None, str, float]:
    spk = spk.strip()
    if re.fullmatch(_PRONOUN, spk):
        return spk, _pronoun_person(spk, d, at), cue, 0.75 if _pronoun_person(spk, d, at) else 0.0
    if spk.lower().startswith("the "):
        role = _role_of_mention(spk)
        person = d.by_role(role) if role else None
        if person:
            d.last_speaker = person
        return spk, person, cue, 0.85 if person else 0.0
    if " " not in spk:  # "Putin said": a surname the article has introduced, or nobody we know
        person = d.by_surname(spk)
        if person:
            d.last_speaker = person
        return spk, person, cue, 0.9 if person else 0.0
    name = _clean_name(spk) or _clean_name(_trailing_name(spk)) or spk
    roles = _roles_in(appos or "") | _roles_in(spk[: len(spk) - len(_trailing_name(spk))])
    person = d.mention(name, at, roles)
    d.last_speaker = person
    return spk, person, cue, 0.95


def _trailing_name(phrase: str) -> str:
    m = re.search(rf"{_NAME}$", phrase)
    return m.group() if m else phrase


def _pronoun_person(pronoun: str, d: _Discourse, at: int) -> str | None:
    """ "he"/"she": the latest speaker if the gender fits, else the person named last."""
    female = {"she": True, "her": True}.get(pronoun.lower(), False if pronoun.lower() in ("he", "him") else None)
    if d.last_speaker and (female is None or _looks_female(d.last_speaker) == female):
        return d.last_speaker
    return d.latest_mention(at, female)


def _looks_female(name: str) -> bool:
    """Russian and many Slavic surnames: -a/-aya endings are women's ("Belova", "Zakharova")."""
    return name.split()[-1].endswith(_FEMALE_ENDINGS)


def _continue(pending: Quote, text: str, start: int, end: int, d: _Discourse, quotes: list[Quote]) -> Quote | None:
    """A paragraph that opens with a mark continues the open quotation before it."""
    para = text[start:end]
    close = _find_close(para, 0)
    stop = close if close is not None else len(para)
    pending.parts.append((start + 1, start + stop))
    pending.text += "\n" + para[1:stop].rstrip(",")
    pending.end = start + stop
    if close is None:
        return pending
    attr = _attribution(_first_clause(para[close + 1 :]), d, start + close + 1)
    if attr and pending.speaker is None:
        pending.speaker, pending.person, pending.cue, pending.confidence = attr
    return None


# ----------------------------------------------------------------------------- indirect
def _indirect(text: str, start: int, end: int, d: _Discourse, direct: list[Quote]) -> list[Quote]:
    """Reported speech in sentences without quotation marks."""
    para = text[start:end]
    if para[:1] in DASHES:
        return []
    out = []
    for m in _SENTENCE.finditer(para):
        sentence = m.group(0).strip()
        s_at = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if not sentence or any(ch in sentence for ch in '"“”«»'):
            _note_subject(sentence, d, s_at)
            continue
        q = _according_to(sentence, s_at, d) or _trailing_cue(sentence, s_at, d)
        if q:
            out.append(q)
        else:
            _note_subject(sentence, d, s_at)
    return out


def _according_to(sentence: str, at: int, d: _Discourse) -> Quote | None:
    m = _ACCORDING.match(sentence)
    if not m:
        return None
    spk = m.group("spk")
    body = m.group("text").rstrip(".")
    if spk in ("him", "her"):
        person = _pronoun_person(spk, d, at)
        speaker, conf = spk, (0.7 if person else 0.0)
    else:
        speaker, person, _, conf = _resolve(spk, f"according to {spk}", d, at, None)
        conf = min(conf, 0.8)
    t_at = at + m.start("text")
    return Quote(
        body,
        "indirect",
        speaker,
        person,
        f"according to {spk}",
        conf,
        t_at,
        t_at + len(body),
        [(t_at, t_at + len(body))],
    )


def _trailing_cue(sentence: str, at: int, d: _Discourse) -> Quote | None:
    """ "..., the President believes." / "..., said Vyacheslav Volodin." """
    comma = sentence.rfind(", ")
    if comma < 20:
        return None
    attr = _attribution(sentence[comma + 2 :], d, at + comma + 2)
    if attr is None:
        return None
    speaker, person, cue, conf = attr
    body = sentence[:comma]
    return Quote(body, "indirect", speaker, person, cue, min(conf, 0.8), at, at + len(body), [(at, at + len(body))])


def _subjects_before_quotes(text: str, start: int, end: int, d: _Discourse) -> None:
    """Sentences before the paragraph's first quotation mark may name who "he" is."""
    para = text[start:end]
    first_mark = min((i for i, ch in enumerate(para) if ch in OPEN_CLOSE), default=len(para))
    for m in _SENTENCE.finditer(para[:first_mark]):
        sentence = m.group(0).strip()
        if sentence and sentence[-1:] in ".!?":
            _note_subject(sentence, d, start + m.start())


def _note_subject(sentence: str, d: _Discourse, at: int) -> None:
    """A sentence whose subject is a named person ("Vladimir Putin also touched upon ...",
    "Teodor Halvik thanked his host ...") makes them the one a following "he" refers to."""
    m = re.match(
        rf"(?:(?:[A-Z][\w-]+|of|the|for|and)\s+){{0,6}}?(?P<name>{_NAME})\s+(?:also\s+)?[a-z]+(?:ed|s)\b", sentence
    )
    if m:
        name = _clean_name(m.group("name"))
        if name:
            d.last_speaker = d.mention(name, at)


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph (line) of an article that holds text[start:end]: a quotation's context."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return text[begin : stop if stop >= 0 else len(text)]
