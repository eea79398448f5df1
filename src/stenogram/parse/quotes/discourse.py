"""Who an article talks about, and whom a speaker phrase refers to.

Before quotations are read, the article's names are learned (outside quotation marks):
full names with the titles before them and the appositions after them ("Alexei Govyrin,
a member of ..."), organisations, and each person's gender, from an honorific, from the
pronoun that follows their mention, or from a list of common given names. While the
article is read in order, speakers and sentence subjects are noted, so that "he" is the
latest person of that gender who spoke or was the subject of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from types import MappingProxyType

from ..persons import DEMONYMS
from .lexicon import DESCRIPTION_NOUNS, GIVEN_NAMES, TITLE_WORDS, VERB_FIRST_WORDS, fold
from .mentions import (
    _apposition,
    _bare_name,
    _has_role_word,
    _inside_any,
    _is_document,
    _plural,
    _role_of,
    _roles,
    _spelled_names,
    _standalone_at,
    _title_before,
    description_before,
)
from .phrases import CORPORATE, HYPHENED_PARTICLE, Phrase, classify, looks_like_org
from .segment import MASK, word_positions, words

# Patterns that open with "(?=[A-Z])" let the engine jump from capital to capital instead
# of trying the lookbehind at every character (the same matches, several times faster).
_GENDERED_PRONOUN = re.compile(r"\b(he|his|him|himself|she|her|hers)\b", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
# Abbreviations a name run goes on through ("Surrey Police Const. Parmbir Kahlon", "Martin St. Louis")
_IN_NAME_ABBREVIATION = r"(?:Mrs?|Ms|Dr|St|Sgt|Const|Cst|Cpl|Insp|Supt|Det|Gen|Lt|Col|Maj|Capt|Gov|Sen|Rep|Prof|Rev)\."
_NAME_RUN = re.compile(
    rf"(?=[A-Z])(?<![\w’'])(?:[A-Z]\.|{_IN_NAME_ABBREVIATION}|[A-Z][\w’'-]*)"
    r"(?:[ \t]+(?:(?:de|van|von|der|la|le|bin|al|da|di|du|del|ibn)[ \t]+)?"
    rf"(?:{_IN_NAME_ABBREVIATION}|[A-Z][\w’'-]*|[A-Z]\.|{HYPHENED_PARTICLE}[A-Z][\w’'-]*))+"
)
_POSSESSIVE_INSIDE = re.compile(r"[’']s(?=[ \t])")
_OF_NAME = re.compile(
    r"(?=[A-Z])(?<![\w’'-])(?:[A-Z][\w’'-]*[ \t]+)*(?P<head>[A-Z][a-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?:[A-Z][\w’'-]*[ \t]+(?:(?:and|for|of)[ \t]+)?)*[A-Z][\w’'-]*"
)
# A subject pronoun after a name ("X said he ..."), not the speaker of a cue that follows.
_SUBJECT_PRONOUN = re.compile(
    r"\b(he|she)\b(?!\s+(?:also\s+)?(?:said|says|told|added|wrote|writes|noted|explained))", re.I
)
_SENTENCE_STOP = re.compile(r"[.!?]\s")
_WORD_START = re.compile(r"(?=[A-Z])(?<![\w’'-])[A-Z]")
_PAREN_ACRONYM = re.compile(r"\s\([A-Z]{2,8}\)")
ACRONYM_WINDOW = 160  # characters before "(CSTO)" that can hold the name written out
# An acronym standing alone ("IRCC said"): three to six capitals (two are too often initials
# or states: "US", "BC").
_BARE_ACRONYM = re.compile(r"[A-Z]{3,6}")
_ACRONYM = re.compile(
    r"(?P<full>(?:[A-Z][\w’'-]*,?\s+(?:(?:and|of|for|the|on|in)\s+)*){1,8}[A-Z][\w’'-]*)\s+\((?P<short>[A-Z]{2,8})\)"
)
_NAMED_OWNER = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+((?:[A-Z][\w’'.&-]*\s+)*[A-Z][\w’'.&-]*)\s+[a-z]")
# After a document's noun, in its sentence: who wrote or published it ("a study released
# Monday by the Youth Forum", "numbers from Statistics Canada", "a paper titled X on the
# Rail Company's website").
OWNER_REACH = 120  # characters after the noun; farther, "by X" belongs to another clause
# A capitalised word, a full stop only inside ("U.S"), not a day or a month ("on Monday").
_OWNER_WORD = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b)[A-Z](?:[\w’'&-]|\.(?=\w))*"
)
_OWNER_AFTER = re.compile(
    rf"[^.;!?\n{MASK}]{{0,{OWNER_REACH}}}?\b(?:by|from|of|on)\s+(?:the\s+)?"
    rf"((?:{_OWNER_WORD}\s+(?:(?:of|for|and|on)\s+)?)*{_OWNER_WORD})(?:[’']s\b|(?![\w’'&-]))"
)
_POSSESSORS = frozenset(("his", "her", "their", "its", "our"))
_NAMED_OWNER_WORD = re.compile(r"([A-Z][\w.-]*)[’']s$")
_OF_BEFORE = re.compile(r"\b(?:of|for|the)\s+$")
_POSTED_TO_BEFORE = re.compile(r"\b(\w+)\s+to\s+(?:the\s+)?$")  # "envoy to (the) | ..."
_TITLE_CONNECTORS = words("the a an of for on and in at to")
_SENTENCE_WORDS = words(
    "the a an in on at but and so if as when while after before this that these those it he she they we i "
    "his her their its our for from with by to of"
)
_GENDER_WORDS = MappingProxyType(
    {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f"}
)
# How far after a mention a "he"/"she" still tells that person's gender.
GENDER_WINDOW = 80  # chosen in every fold of benchmarks/cv_quotes.py (over 160 and 320)
# How sure an attribution is, by how the speaker was found (the quotes contract's
# ``confidence``); the order matters, not the values: a full name at the cue beats a name
# already known, which beats a new single word, a title held, a pronoun, a description.
NO_SPEAKER = 0.0
FULL_NAME = 0.95  # "Peter DeBoer said"
KNOWN_NAME = 0.9  # "DeBoer said", after "Peter DeBoer"; a group named ("X and Y said")
TITLE_HOLDER = 0.85  # "the minister said", after "Minister Anna Belova"
NEW_SINGLE_NAME = 0.8  # "Apple said", "Chief Na'moks said": one word no one bore before
BY_PRONOUN = 0.75  # "she said": the latest person of that gender
DESCRIBED = 0.6  # "the coach", "the union", "it", a document's named publisher
MOST_PROMINENT = 0.5  # "the President" with no one so titled: the person most written about; "the report"

# Definite descriptions ("the coach") refer back only this far (characters).
DESCRIPTION_REACH = 500  # chosen by benchmarks/cv_quotes.py


@dataclass(slots=True)
class Entity:
    name: str
    kind: str  # person | org | group | unknown (one capitalised word, nothing tells which)
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)
    title_words: set[str] = field(default_factory=set)  # words of the titles the article gave them
    personlike: bool = False  # a given name, a title, an honorific or a pronoun says it is a person

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(slots=True)
class Discourse:
    entities: dict[str, Entity] = field(default_factory=dict)
    masked: str = ""
    name_words: set[str] = field(default_factory=set)  # every word of every name known
    aliases: dict[str, Entity] = field(default_factory=dict)  # acronyms: "IRCC" -> the ministry
    # (offset, entity key, "speaker" | "subject"): who spoke or was a sentence's subject, in order
    salient: list[tuple[int, str, str]] = field(default_factory=list)
    # (offset, author or None when unnamed, noun): the texts cited, in order ("a statement")
    documents: list[tuple[int, Entity | None, str]] = field(default_factory=list)
    full_names_by_word: dict[str, list[Entity]] = field(default_factory=dict)  # "Putin" -> [Vladimir Putin]
    by_key_ending: dict[str, Entity] = field(default_factory=dict)  # "putin" -> the first Vladimir Putin
    common_nouns: dict[str, bool] = field(default_factory=dict)  # _common_noun's answers, by word
    places: dict[str, bool] = field(default_factory=dict)  # _place's answers, by word
    unnamed_heads: dict[str, int] = field(default_factory=dict)  # head noun -> where an anonymous one spoke
    speaking_words: frozenset[str] = frozenset()  # one-word names that say something (_speaking_words)

    # ------------------------------------------------------------------ learning
    def learn(self, masked: str) -> None:
        """Register the names of a masked article text (see the module's doc)."""
        self.masked = masked
        bylines = [b.span() for b in _BYLINE.finditer(masked)]
        for m in _NAME_RUN.finditer(masked):
            if any(a <= m.start() < b for a, b in bylines):
                continue  # "By Olga Ivanova": who wrote the article, never one who speaks in it
            owner = _POSSESSIVE_INSIDE.search(m.group())  # "Jeanine Durning’s This Shape": the name ends at ’s
            self._learn_name(masked, m.start(), m.start() + owner.start() if owner else m.end())
            if owner is not None:  # "Ukraine's President Volodymyr Zelensky": a titled name after the owner
                self._learn_name(masked, m.start() + owner.end() + 1, m.end(), titled_only=True)
        self._acronyms(masked)
        self._of_names(masked)
        self._surname_mentions(masked)
        self._genders(masked)
        self.speaking_words = self._speaking_words(masked)

    def _learn_name(self, masked: str, start: int, end: int, titled_only: bool = False) -> None:
        """Register the name of the run ``masked[start:end]`` with its title, apposition,
        roles and gender; with ``titled_only``, only a name a title or a given name vouches for."""
        phrase = classify(masked, start, end)
        if phrase is None or phrase.name is None or phrase.kind not in ("name", "group"):
            return
        words = phrase.name.split()
        while words and words[0].casefold() in _SENTENCE_WORDS:
            words.pop(0)
        title = phrase.title
        posted = _POSTED_TO_BEFORE.search(masked, max(0, start - 40), start)
        posted_to = posted is not None and posted.group(1).casefold() in TITLE_WORDS and words[0] not in GIVEN_NAMES
        if len(words) >= 3 and (_OF_BEFORE.search(masked, max(0, start - 6), start) or posted_to):
            # "President of Norvania | Teodor Halvik", "ambassador to Ukraine | Bridget Brink": the
            # country is the title's
            country = next((n for n in (3, 2) if " ".join(words[:n]).casefold() in _COUNTRY_ENDINGS), 1)
            title += " " + " ".join(words[:country])  # "President of the United Arab Emirates | ..."
            del words[:country]
        while words and words[-1].casefold() in _COUNTRIES:
            words.pop()  # "Putin tells Erdogan Russia ready ...": no one's surname is a country
        if len(words) == 1 and masked[start:end].rsplit(None, 1)[-1].casefold().rstrip(".") in CORPORATE:
            e = self.add(words[0], start, kind="org")  # "Shopify Inc.": a firm, though one word
            e.kind = "org"
            return
        if len(words) < 2 or phrase.kind == "group" or _people_of_a_country(words[0], words[-1]):
            return  # "Black Canadians", "Ethnic Russians": people described, not a person's name
        if titled_only and not (_has_role_word(title) or words[0] in GIVEN_NAMES):
            return  # "Durning’s This Shape": a work's title, not a person
        name = " ".join(words)
        # in the order written ("U.S. Secretary of | State Anna Ross": "secretary of state")
        title = " ".join(
            (_title_before(masked, start), title, description_before(masked, start), _apposition(masked, end))
        )
        roles = _roles(title)
        e = self.add(name, start + masked[start:end].rfind(words[0]), roles)
        e.title_words |= {w.casefold() for w in title.split()}
        if phrase.gender:
            e.gender = phrase.gender
        e.personlike |= bool(roles or phrase.gender or _has_role_word(title) or words[0] in GIVEN_NAMES)

    def add(self, name: str, at: int, roles: set[str] | None = None, kind: str | None = None) -> Entity:
        key = fold(name)
        e = self.entities.get(key) or self._longer(name)
        if e is None:
            kind = kind or ("org" if looks_like_org(name) else "person")
            e = self.entities[key] = Entity(name, kind)
            for i, c in enumerate(key):
                if c == " ":
                    self.by_key_ending.setdefault(key[i + 1 :], e)
            self.name_words.update(name.split())
            if " " in name:  # a full name is found by its surname and by its first name
                for word in _words_naming(name):
                    self.full_names_by_word.setdefault(word, []).append(e)
                    self.name_words.add(word)
        e.roles |= roles or set()
        if at >= 0 and at not in e.mentions:
            e.mentions.append(at)
            e.mentions.sort()
        return e

    def _longer(self, name: str) -> Entity | None:
        """A known entity whose name ends with this one ("Putin" after "Vladimir Putin")."""
        key = fold(name)
        found = self.by_key_ending.get(key)
        if found is None and key.count(" ") >= 2:
            # "Mohamed bin Zayed" after "Mohamed bin Zayed Al Nahyan": the start of a long
            # name of three words or more is its bearer
            found = next((e for k, e in self.entities.items() if k.startswith(key + " ") and e.kind == "person"), None)
        return found

    def _acronyms(self, masked: str) -> None:
        """ "Immigration, Refugees and Citizenship Canada (IRCC)": the acronym names the
        organisation written out before it."""
        for paren in _PAREN_ACRONYM.finditer(masked):
            window_at = max(0, paren.start() - ACRONYM_WINDOW)
            m = None
            for word in _WORD_START.finditer(masked, window_at, paren.start()):
                m = _ACRONYM.fullmatch(masked, word.start(), paren.end())
                if m is not None:
                    break  # the longest name written out that ends at the acronym
            if m is None:
                continue
            short, words = m.group("short"), m.group("full").split()
            starts = [i for i, w in enumerate(words) if w[0].isupper()]
            exact = [i for i in starts if "".join(w[0] for w in words[i:] if w[0].isupper()) == short]
            loose = [i for i in starts if words[i][0] == short[0]]
            if not (exact or loose):
                continue
            words = words[(exact or loose)[0] :]
            if len(words) < 2:
                continue
            e = self.add(" ".join(words).strip(" ,"), m.start("full"), kind="org")
            e.kind = "org"
            self.aliases[short] = e
            e.mentions += [x.start() for x in re.finditer(rf"\b{re.escape(short)}\b", masked)]
            e.mentions.sort()

    def _of_names(self, masked: str) -> None:
        """ "the Parole Board of Canada", "the Ministry of Foreign Affairs": an organisation
        whose name goes on past "of" after an organisation's noun (board, ministry, bank)."""
        for m in _OF_NAME.finditer(masked):
            if DESCRIPTION_NOUNS.get(m.group("head").casefold()) != "org":
                continue
            name, at = _bare_name(m.group().strip()), m.start()
            if name.split()[0].casefold() in _SENTENCE_WORDS:  # "The Central Bank of Norvania" at a sentence's start
                lead = name.split(" ", 1)[0]
                name, at = name[len(lead) :].lstrip(), at + len(lead) + 1
            e = self.add(name, at, kind="org")
            e.kind = "org"

    def _alias(self, name: str) -> Entity | None:
        """The organisation an acronym names: one written out in parentheses after its
        name ("(CSTO)"), or, for an acronym used alone ("IRCC said"), the organisation
        written out before its first use whose capitalised words it spells (connectors
        "and", "of", "for", "the" left out). Looked for only when a speaker or subject is
        an acronym: most articles never need it."""
        if name in self.aliases or not _BARE_ACRONYM.fullmatch(name):
            return self.aliases.get(name)
        uses = [m.start() for m in re.finditer(rf"(?<![\w’'-]){name}(?![\w’'-])", self.masked)]
        written = _spelled_names(self.masked, {name: uses[0]}).get(name) if uses else None
        if written is None:
            return None
        e = self.add(self.masked[written[0] : written[1]], written[0], kind="org")
        e.kind = "org"
        self.aliases[name] = e
        e.mentions = sorted({*e.mentions, *uses})
        return e

    def _surname_mentions(self, masked: str) -> None:
        """Each person's later mentions by surname (or by a first name no one else has)
        alone, except inside a full name ("Melker Karlsson" is not a mention of Erik
        Karlsson)."""
        persons = [e for e in self.entities.values() if e.kind == "person"]
        wanted = {e.surname for e in persons} | {e.name.split()[0] for e in persons}
        by_word = {word: _standalone_at(masked, word) for word in wanted}
        spans = sorted((at, at + len(e.name), id(e)) for e in persons for at in e.mentions)
        starts = [a for a, _, _ in spans]
        first_names: dict[str, int] = {}
        for e in persons:
            if " " in e.name:
                first_names[e.name.split()[0]] = first_names.get(e.name.split()[0], 0) + 1
        for e in persons:
            seen = set(e.mentions)
            words = [e.surname]
            if " " in e.name and first_names.get(e.name.split()[0]) == 1:
                words.append(e.name.split()[0])
            for word in words:
                for at in by_word.get(word, ()):
                    if at not in seen and not _inside_any(spans, starts, at):
                        e.mentions.append(at)
            e.mentions.sort()

    def _speaking_words(self, masked: str) -> frozenset[str]:
        """Capitalised words right before a verb of saying ("Putin says", "Peskov told")
        that the article also writes inside a sentence and never in lowercase: names, though
        maybe never written in full ("Putin opens the meeting. ... he says")."""
        found = {
            m.group(1)
            for m in _WORD_THEN_VERB.finditer(masked)
            if m.group(2) in VERB_FIRST_WORDS and m.group(1) not in self.name_words
        }
        return frozenset(w for w in found if _inside_sentence(masked, w) and not self._common_noun(w))

    def _genders(self, masked: str) -> None:
        marks = sorted(
            ((at, e) for e in self.entities.values() if e.kind == "person" for at in e.mentions), key=lambda m: m[0]
        )
        votes: dict[str, list[str]] = {}
        for i, (at, e) in enumerate(marks):
            stop = marks[i + 1][0] if i + 1 < len(marks) else len(masked)
            window = masked[at : min(stop, at + GENDER_WINDOW)]
            # a subject pronoun after the name ("X said he ..."), not the speaker of a cue
            # that follows ("... the Vancouver Charter, he says")
            m = _SUBJECT_PRONOUN.search(window)
            if m and not _SENTENCE_STOP.search(window, 0, m.start()):
                votes.setdefault(e.name, []).append(_GENDER_WORDS[m.group(1).casefold()])
        for e in self.entities.values():
            if e.gender or e.kind != "person":
                continue
            v = votes.get(e.name, [])
            e.gender = GIVEN_NAMES.get(e.name.split()[0]) or (max(set(v), key=v.count) if v else None)
            e.personlike |= e.gender is not None

    # ------------------------------------------------------------------ reading
    def note(self, entity: Entity, at: int, role: str = "speaker") -> None:
        """A speaker or a sentence subject: the one a later pronoun most likely means."""
        self.salient.append((at, fold(entity.name), role))
        if role == "speaker" and entity.kind == "person":
            entity.personlike = True

    def known(self, phrase: Phrase, at: int) -> bool:
        """Whether a one-word name is someone the article has named in full."""
        name = phrase.name or ""
        return (
            " " in name
            or self._by_surname(name, at) is not None
            or fold(name) in self.entities
            or name in self.speaking_words
        )

    def resolve(self, phrase: Phrase, at: int, *, not_this: Entity | None = None) -> tuple[Entity | None, float]:
        """The entity a speaker phrase refers to, and how sure that is; a pronoun never
        refers to ``not_this``."""
        if phrase.kind == "pronoun":
            return self._pronoun(phrase.text.casefold(), at, not_this)
        if phrase.kind in ("name", "group") and phrase.name:
            if self._common_word_as_name(phrase, at):
                return None, NO_SPEAKER  # "Police said ..." where the article writes "police": people unnamed
            return self._named(phrase, at)
        if phrase.kind in ("definite", "indefinite") and _is_document(phrase):
            return self._document(phrase, at)
        if phrase.kind == "definite":
            return self._described(phrase, at)
        return None, NO_SPEAKER

    def _document(self, phrase: Phrase, at: int) -> tuple[Entity | None, float]:
        """A text as the speaker: whoever the phrase says wrote or published it ("the PBO
        report", "a study released by the Youth Forum", "a paper on the Rail Company's
        website"); else, for "the report", the author of the last document with one; else
        no one (a document is never a person by itself)."""
        first = phrase.text.split()[0].casefold()
        if first in _POSSESSORS:  # "according to his estimates", "her statement said": the owner's
            return self._pronoun(first, at)
        owner = _NAMED_OWNER.search(phrase.text) or _OWNER_AFTER.match(self.masked, at + len(phrase.text))
        if owner is not None:
            name = _bare_name(owner.group(1))
            e = self._alias(name) or self._by_surname(name, at) or self.add(name, at, kind="org")
            self.documents.append((at, e, phrase.head or ""))
            return e, DESCRIBED
        publisher = self._org_in_phrase(phrase)
        if publisher is not None:  # "the parole board decision", after "the Parole Board of Canada"
            self.documents.append((at, publisher, phrase.head or ""))
            return publisher, DESCRIBED
        if phrase.kind == "definite":
            # "the statement": the last statement cited (its author, or no one when unnamed),
            # else the author of the last document with one
            same = [e for pos, e, noun in self.documents if pos <= at and noun == phrase.head]
            if same:
                return (same[-1], MOST_PROMINENT) if same[-1] is not None else (None, NO_SPEAKER)
            earlier = [e for pos, e, _ in self.documents if pos <= at and e is not None]
            if earlier:
                return earlier[-1], MOST_PROMINENT
        return None, NO_SPEAKER

    def _org_in_phrase(self, phrase: Phrase) -> Entity | None:
        """The organisation whose name's words (two or more, "of" and "the" aside) a
        description of a document uses in lowercase."""
        said = {w.casefold() for w in phrase.text.split()}

        def shared(e: Entity) -> int:
            return len(({w.casefold() for w in e.name.split()} - _TITLE_CONNECTORS) & said)

        orgs = [e for e in self.entities.values() if e.kind == "org" and shared(e) >= 2]
        return max(orgs, key=lambda e: (shared(e), len(e.name)), default=None)  # the fullest name

    def _named(self, phrase: Phrase, at: int) -> tuple[Entity, float]:
        name = phrase.name or ""
        if phrase.kind == "group":
            return self.add(name, at, kind="group"), KNOWN_NAME
        if " " in name:
            first, last = name[: name.find(" ")], name[name.rfind(" ") + 1 :]
            e = self.add(name, at, _roles(phrase.title), kind="group" if _people_of_a_country(first, last) else None)
            if phrase.gender and not e.gender:
                e.gender = phrase.gender
            return e, FULL_NAME
        known = self._alias(name) or self._by_surname(name, at) or self.entities.get(fold(name))
        if known is not None:
            known.mentions.append(at)
            if phrase.gender and not known.gender and known.kind in ("person", "unknown"):
                # "Mr Putin" after "Putin says": the honorific says who it is
                known.kind, known.gender, known.personlike = "person", phrase.gender, True
            return known, KNOWN_NAME
        # One capitalised word no one in the article bears as a name: a person when a title,
        # an honorific or a given name says so ("Chief Na'moks", "Kim"), else an
        # organisation ("Apple said").
        gender = phrase.gender or GIVEN_NAMES.get(name) or self._gender_after(at)
        person = bool(gender or _has_role_word(phrase.title))
        # "the Greens", "the Navy": a person’s name never takes "the"
        definite = phrase.text[:4].casefold() == "the "
        kind = "person" if person else "org" if definite or looks_like_org(name) else "unknown"
        e = self.add(name, at, _roles(phrase.title), kind=kind)
        e.gender = e.gender or gender
        e.personlike |= person
        return e, NEW_SINGLE_NAME

    def _common_word_as_name(self, phrase: Phrase, at: int) -> bool:
        """One capitalised word with no title, no one's name, that the article also writes
        in lowercase ("Police said" beside "police said"): a common noun."""
        name = phrase.name or ""
        return (
            phrase.kind == "name"
            and " " not in name
            and not phrase.title
            and not phrase.gender
            and not self.known(phrase, at)
            and self._common_noun(name)
        )

    def _gender_after(self, at: int) -> str | None:
        """The gender a pronoun right after a mention gives ("Na'moks said he ...")."""
        window = self.masked[at : at + GENDER_WINDOW]
        m = _GENDERED_PRONOUN.search(window)
        if m is None or _SENTENCE_BREAK.search(window, 0, m.start()):
            return None
        return _GENDER_WORDS[m.group(1).casefold()]

    def _by_surname(self, word: str, at: int) -> Entity | None:
        if word not in self.name_words:
            return None
        named = [e for e in self.full_names_by_word.get(word, ()) if e.kind != "group"]
        if not named:
            return None
        before = [e for e in named if any(m <= at for m in e.mentions)]
        pool = before or named
        return max(pool, key=lambda e: max((m for m in e.mentions if m <= at), default=-1))

    def _pronoun(self, pronoun: str, at: int, not_this: Entity | None = None) -> tuple[Entity | None, float]:
        """ "he"/"she": the latest speaker or subject who is a person of that gender (or of
        unknown gender); "it": the latest organisation that spoke; "they": a group or an
        organisation."""
        pronoun = {"his": "he", "him": "he", "her": "she", "their": "they", "them": "they"}.get(pronoun, pronoun)
        if pronoun in ("they", "it"):

            def thing(e: Entity) -> bool:
                return e.kind in ("org", "unknown") or (e.kind == "person" and not e.personlike)

            def fits_it(e: Entity) -> bool:
                return thing(e) or (pronoun == "they" and e.kind == "group")

            e = self._latest(at, fits_it, salient_only=True, role="speaker") or self._latest(
                at, fits_it, salient_only=True
            )
            return (e, DESCRIBED) if e else (None, NO_SPEAKER)
        want = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(pronoun)

        def fits(e: Entity) -> bool:
            if e is not_this:
                return False
            return e.kind == "person" and (e.gender == want or (e.gender is None and e.personlike))

        def may_fit(e: Entity) -> bool:  # one capitalised word that was a subject or spoke, and is a name
            unknown = e.kind == "unknown" and e is not not_this
            return fits(e) or (
                unknown and e.gender in (None, want) and not self._common_noun(e.name) and not self._place(e.name)
            )

        e = self._latest(at, may_fit, salient_only=True) or self._latest(at, fits)
        if e is None:
            return None, NO_SPEAKER
        e.gender = e.gender or want  # "she" for Stacy Lewis: a later "he" is someone else
        return e, BY_PRONOUN

    def _common_noun(self, word: str) -> bool:
        """A capitalised word the article also writes in lowercase ("Prosecutors" at a
        sentence's start, "federal prosecutors" elsewhere): a noun, not a name."""
        lower = word.casefold()
        if lower == word:
            return False
        if word not in self.common_nouns:
            self.common_nouns[word] = bool(word_positions(self.masked, lower))
        return self.common_nouns[word]

    def _place(self, word: str) -> bool:
        """A capitalised word the article writes as a place: after "in" ("in Moscow"), or
        in capitals at a paragraph's start, the dateline ("MOSCOW, June 14"). A place is
        never "he" or "she"."""
        if word not in self.places:
            name = re.escape(word)
            written = re.search(rf"\bin {name}(?![\w’'-])|(?:^|\n){re.escape(word.upper())}\b", self.masked)
            self.places[word] = written is not None or word.casefold() in _COUNTRIES
        return self.places[word]

    def _latest(
        self, at: int, check: Callable[[Entity], bool], salient_only: bool = False, role: str | None = None
    ) -> Entity | None:
        """The entity that passes ``check`` and was salient (or, unless ``salient_only``,
        mentioned) last before ``at``."""
        best: tuple[int, Entity] | None = None
        # latest first; of two notes at one offset, the one noted later
        for pos, key, kind in sorted(reversed(self.salient), key=itemgetter(0), reverse=True):
            e = self.entities.get(key)
            if pos < at and e is not None and (role is None or kind == role) and check(e):
                best = (pos, e)
                break
        if salient_only:
            return best[1] if best else None
        for e in self.entities.values():
            last = max((m for m in e.mentions if m <= at), default=-1)
            if last >= 0 and check(e) and (best is None or last > best[0]):
                best = (last, e)
        return best[1] if best else None

    def _best_holder(self, holders: list[Entity], phrase: Phrase, at: int) -> Entity:
        """Of several holders of a title, the one whose title shares the description's
        words ("the Russian leader": the Russian President, not the Finnish one), then the
        one who spoke or was a subject last, then the one mentioned last."""
        words = {w.casefold() for w in phrase.text.split()} - _TITLE_CONNECTORS
        words |= _demonyms_of_owners(words)  # "Russia's president": the Russian President
        last_salient = {key: pos for pos, key, _ in self.salient if pos <= at}

        def rank(e: Entity) -> tuple[int, int, int]:
            return (
                len(words & e.title_words),
                last_salient.get(fold(e.name), -1),
                max((m for m in e.mentions if m <= at), default=-1),
            )

        return max(holders, key=rank)

    def _last_seen(self, e: Entity, at: int) -> int:
        """Where ``e`` was last mentioned, or last spoke or was a subject, before ``at``."""
        key = fold(e.name)
        spoken = max((pos for pos, k, _ in self.salient if k == key and pos <= at), default=-1)
        return max(spoken, max((m for m in e.mentions if m <= at), default=-1))

    def most_written_about(self, at: int, not_this: Entity | None = None) -> tuple[Entity | None, float]:
        """The person the article has mentioned most before ``at`` (the one interviewed,
        "the President" with no one so titled), other than ``not_this``, and how sure that is."""
        return self._prominent(at, not_this=not_this)

    def interviewer(self, at: int) -> Entity | None:
        """The person introduced before ``at`` as one who asks ("the journalist Pavel
        Zarubin", "host Anna Petrova"): who puts the questions of an interview printed as
        "Q:"/"A:"; the one named last if several."""
        askers = [e for e in self.entities.values() if e.kind == "person" and not e.title_words.isdisjoint(_ASKERS)]
        return max(askers, key=lambda e: self._last_seen(e, at), default=None)

    def _prominent(
        self, at: int, description: str = "", role: str | None = None, not_this: Entity | None = None
    ) -> tuple[Entity | None, float]:
        countries = _countries(description.split())
        persons = [
            e
            for e in self.entities.values()
            if (e.kind == "unknown" or (e.kind == "person" and e.personlike))
            and e is not not_this
            and _count_before(e, at)
            and not _of_another_country(countries, e)
            and not (role and _titled_otherwise(e, role))  # "Governor X", "X, an analyst": not "the president"
        ]
        if not persons:
            return None, NO_SPEAKER
        return max(persons, key=lambda e: (_count_before(e, at), max(m for m in e.mentions if m <= at))), MOST_PROMINENT

    def _described(self, phrase: Phrase, at: int) -> tuple[Entity | None, float]:
        head = (phrase.head or "").casefold()
        if _ANONYMOUS.match(self.masked, at + len(phrase.text)):
            # "The store's owner, who asked not to be named, said": no one named, and a
            # later "the owner" is the same unnamed person
            self.unnamed_heads.setdefault(head, at)
            return None, NO_SPEAKER
        owner = phrase.text.split()[0].casefold()
        if owner in _POSSESSORS:
            if phrase.head in DESCRIPTION_NOUNS:
                return None, NO_SPEAKER  # "his office", "her lawyer": someone speaking for another, unnamed
            return self._pronoun(owner, at)  # "her message", "his words": the owner's
        role = _role_of(phrase.title or phrase.text)
        possessor = _named_possessor(phrase.text)
        if role:
            countries = _countries(phrase.text.split())
            holders = [
                e
                for e in self.entities.values()
                if e.kind == "person"
                and role in e.roles
                and e.mentions
                and e.mentions[0] <= at
                and (possessor is None or possessor not in e.name.split())
                and not _of_another_country(countries, e)  # "the Russian president" is not Ukraine's
            ]
            if holders:
                return self._best_holder(holders, phrase, at), TITLE_HOLDER
            if possessor is not None:
                # "Putin's press secretary", "the ministry's spokesman": someone of X's,
                # never X; not introduced with that title, so no one named
                return None, NO_SPEAKER
            # No one was introduced with this title: "the President" is the person the
            # article is most about so far (not one whose title names another country).
            # Only the title's own word excludes other titles: "the Indian leader" may be a
            # prime minister, and "the former president" hold another post now.
            former = _FORMER.search(phrase.text) is not None
            own_word = (phrase.head or "").casefold() == role
            return self._prominent(at, phrase.text, role if own_word and not former else None)
        kind = DESCRIPTION_NOUNS.get(phrase.head or "", "person")
        if kind == "thing":
            return None, NO_SPEAKER
        if kind == "person" and _plural(phrase.head or ""):
            return None, NO_SPEAKER  # "the players", "the residents": a group, never one person named before
        wanted = "org" if kind == "org" else "person"
        if kind == "org" and possessor is not None and possessor.casefold() in _COUNTRIES:
            # "Russia's central bank", "China's commerce ministry": an organisation the
            # country's name identifies, named as written
            org = self.add(phrase.text.removeprefix("the ").removeprefix("The "), at, kind="org")
            org.kind = "org"
            return org, DESCRIBED
        titled = [
            e
            for e in self.entities.values()
            if e.kind == "person"
            and head in TITLE_WORDS
            and head in e.title_words
            and e.mentions
            and e.mentions[0] <= at
        ]
        if wanted == "person" and titled:
            # "Presidential aide Yuri Ushakov ... the aide said": the one introduced with the word
            return self._best_holder(titled, phrase, at), TITLE_HOLDER
        modifiers = {w.casefold() for w in phrase.text.split()[1:-1]}
        if wanted == "org" and modifiers:
            # "the paramedics union": a modifier makes it an organisation of its own unless
            # a named one shares the words ("the Operating Engineers union")
            named = [e for e in self.entities.values() if e.kind == "org" and modifiers & set(fold(e.name).split())]
            return (self._best_holder(named, phrase, at), DESCRIBED) if named else (None, NO_SPEAKER)

        if self.unnamed_heads.get(head, at) < at:
            return None, NO_SPEAKER  # "the owner" after "the store's owner, who asked not to be named"

        def fits(e: Entity) -> bool:  # "Google said ... the company said": one word that spoke may be the company
            return e.kind == wanted or (wanted == "org" and e.kind == "unknown")

        e = self._latest(at, fits, salient_only=True) or self._latest(at, lambda e: e.kind == wanted)
        if e is None or self._last_seen(e, at) < at - DESCRIPTION_REACH:
            return None, NO_SPEAKER
        return e, DESCRIBED


# After a description: its bearer is not named ("who asked not to be named", "who spoke on
# condition of anonymity", "who declined to be identified")
_ANONYMOUS = re.compile(
    r",\s+who\s+(?:asked|requested|spoke|declined|did\s+not\s+want|was\s+not\s+authori[sz]ed)\b"
    r"[^,.;]{0,60}?\b(?:named|identified|anonymity|publicly)\b"
)
# A capitalised word, then a word that may open a verb of saying (an adverb between: "Putin also said")
_WORD_THEN_VERB = re.compile(
    r"(?=[A-Z])(?<![\w’'-])([A-Z][a-z][\w’'-]*)\s+(?:(?:[a-z]+ly|also|then|had|has|have|will|would)\s+){0,2}([a-z]+)"
)


def _inside_sentence(masked: str, word: str) -> bool:
    """Whether ``word`` is written after a lowercase word, a comma, a closing quotation
    mark or a time somewhere ('"...," Putin says', "12:40 Putin is asked"): not only as the
    first word of sentences."""
    for at in word_positions(masked, word):
        before = masked[max(0, at - 3) : at].rstrip()
        if before and (before[-1] in _INSIDE_SENTENCE_MARKS or before[-1].islower() or before[-1].isdigit()):
            return True
    return False


_INSIDE_SENTENCE_MARKS = frozenset(',"”»’' + MASK)


# A byline: a line of its own that opens with "By" and a name ("By Olga Ivanova, Moscow
# correspondent", "By Staff Reporter").
_BYLINE = re.compile(r"(?m)^[ \t]*By\s+[A-Z][^\n]{1,80}$")
_COUNTRIES = frozenset(DEMONYMS.values())
# Countries and the last words of countries of several words ("arab emirates" of "united
# arab emirates": "the United" may already have gone to the title)
_COUNTRY_ENDINGS = _COUNTRIES | {" ".join(c.split()[i:]) for c in _COUNTRIES for i in range(1, len(c.split()) - 1)}
_FORMER = re.compile(r"\b(?:former|ex-|then-)", re.I)


_NAME_PARTICLE = re.compile(HYPHENED_PARTICLE + r"(?=[A-Z])", re.I)


def _words_naming(name: str) -> list[str]:
    """The single words by which a full name may be written alone: its last and first
    words, the words between them in a name of three words or more ("Lula" of "Luiz
    Inacio Lula da Silva"), and a surname without its particle ("Sisi" of "el-Sisi")."""
    parts = name.split()
    found = [parts[-1], parts[0]]
    if len(parts) >= 3:
        found += [w for w in parts[1:-1] if w[:1].isupper()]
    particle = _NAME_PARTICLE.match(parts[-1])
    if particle is not None:
        found.append(parts[-1][particle.end() :])
    return list(dict.fromkeys(found))


def _countries(words: Iterable[str]) -> set[str]:
    """The countries that words name by demonym ("russian"), by name ("the president of
    finland") or as owners ("ukraine's")."""
    out = set()
    for w in (w.casefold() for w in words):
        if w in DEMONYMS:
            out.add(DEMONYMS[w])
        elif w in _COUNTRIES:
            out.add(w)
        elif w.endswith(("'s", "’s")) and w[:-2] in _COUNTRIES:
            out.add(w[:-2])
    return out


def _of_another_country(wanted: set[str], e: Entity) -> bool:
    """A title holder whose titles name none of the ``wanted`` countries, but another one."""
    theirs = _countries(e.title_words) if wanted else set()
    return bool(theirs and not wanted & theirs)


def _demonyms_of_owners(words: set[str]) -> set[str]:
    """The demonyms of the countries among possessive words ("russia's" -> "russian")."""
    owners = _countries(w for w in words if w.endswith(("'s", "’s")))
    return {demonym for demonym, country in DEMONYMS.items() if country in owners} if owners else set()


def _named_possessor(text: str) -> str | None:
    """The capitalised owner of a description ("Putin" of "Putin's press secretary",
    "Ministry" of "the Ministry's spokesman"), else None."""
    for word in text.split()[:3]:
        m = _NAMED_OWNER_WORD.match(word)
        if m is not None:
            return m.group(1)
    return None


def _people_of_a_country(first: str, last: str) -> bool:
    """Whether a name of these first and last words ends with a demonym ("Black Canadians",
    "a Black Canadian") after a word that is no given name ("Rebecca English" is a name):
    people described, not named."""
    last = last.casefold()
    return (last in DEMONYMS or (last[-1:] == "s" and last[:-1] in DEMONYMS)) and first not in GIVEN_NAMES


def _titled_otherwise(e: Entity, role: str) -> bool:
    """Whether the article introduced ``e`` with a title that is not ``role``: another
    role ("Governor X"), or a title word of no role ("X, founder of a firm", "the
    journalist X")."""
    if e.roles:
        return role not in e.roles
    return not e.title_words.isdisjoint(_POST_WORDS)


# Titles of those who put an interview's questions
_ASKERS = frozenset(words("journalist interviewer host presenter anchor correspondent reporter moderator"))
# Title words that name a post ("former" and "Dr" name none; a "counterpart" holds the post
# of whom they are the counterpart of)
_POST_WORDS = frozenset(TITLE_WORDS - {"former", "dr", "counterpart"})


def _count_before(e: Entity, at: int) -> int:
    return sum(1 for m in e.mentions if m <= at)
