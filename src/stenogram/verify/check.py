"""Check a quotation against the corpus: where it was said, by whom, how faithfully.

1. **Candidates**: turns that share the quotation's words (the full-text index) and, when
   sentence vectors exist, turns with sentences closest in meaning.
2. **Alignment**: the quotation's words against each candidate turn, word by word
   (normalised: case, punctuation, brackets, number words), and sentence by sentence.
3. **Verdict**, by rules in this order, each recorded as the ``reason``:
   VERBATIM (every word, in order, unbroken), ALTERED (close, but a number or a negation
   differs), SPLICED (the pieces are said in separate places), CLOSE (a few words differ),
   TRANSLATION_VARIANT (same meaning, other words: the sentence vectors agree),
   MISATTRIBUTED (said in the corpus, by someone other than the claimed speaker),
   NOT_IN_CORPUS. Short quotations need distinctive evidence before a source is claimed.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

from ..model import EventRef, Passage, PassageId, is_narrative_id, next_paragraph
from ..parse.persons import split_role_name
from ..search.query import And, Or
from ..store.protocols import CheckStore
from . import embeddings, vector_index
from .align import Alignment, align, written_differences
from .context import claimed_speaker_of, setting_words
from .normalize import SIGN_WORDS, content, tokens
from .passages import (
    event_source,
    passage_sentences,
    passage_tokens,
    place,
    quote_pieces,
    window_text,
    word_query,
)
from .result import CheckResult, source_qualifiers
from .rules import (
    DATE_LEEWAY_DAYS,
    CheckSettings,
    Evidence,
    Match,
    best_score,
    days_after,
    decide,
    same_person,
)
from .vectors import NO_VECTORS_NOTICE, VECTOR_KEY, stored_matrix

log = logging.getLogger(__name__)

# Verdicts decided by the words (as opposed to meaning or place): their edits are worth
# showing word by word; those of a translation or a splice would list half the passage.
WORD_LEVEL_VERDICTS = ("VERBATIM", "CLOSE", "ALTERED", "MISATTRIBUTED")
MAX_DIFFERENCES = 40
LEXICAL_CANDIDATES = 40
# A candidate holding less than this share of the quotation's content words is not
# aligned word by word: it cannot be a verbatim, close or altered source (those need 70 %
# of every word), only one of like meaning, which the vectors score.
ALIGN_MIN_SHARED = 0.4
NO_ALIGNMENT = Alignment(0.0, 0.0, False, 0, 0, [], False, [], 0)
# A sentence with less than this share of a piece's content words cannot hold 60 % of its
# words (stopwords are at most about half of them): it is not aligned with the piece.
LOCATE_MIN_SHARED = 0.3
MIN_SPLICE_PIECE_WORDS = 3  # content words of each piece a splice is claimed from
PIECE_CANDIDATES = 5  # per piece of a quotation of several sentences (a splice's parts)
MIN_PIECE_WORDS = 4  # content words for a piece to be looked for on its own
NARRATIVE_ENCODED = 4
# A quotation's meaning is compared with windows of one to this many consecutive sentences
# (a quotation spans up to three sentences of a turn; longer ones are matched by their words).
MAX_WINDOW_SENTENCES = 3
SEMANTIC_CANDIDATES = 25
DATED_CANDIDATES = 60


def edits_to_passage(verdict: str, alignment: Alignment, quote: str, passage: str) -> list[dict[str, str]]:
    """The word edits from the quotation to the passage shown (``source.text``). A word-level
    verdict was decided on ``alignment``; a match of meaning aligned its words with the
    whole turn, so they are aligned again with the passage alone (else the edits would
    name sentences the result does not show)."""
    ops = alignment.ops if verdict in WORD_LEVEL_VERDICTS else align(tokens(quote), tokens(passage)).ops
    return [{"op": op, "quote": q, "source": s} for op, q, s in ops if op != "equal"][:MAX_DIFFERENCES]


class Checker:
    """Checks quotations against one store; keeps the sentence vectors in memory."""

    def __init__(self, store: CheckStore, settings: CheckSettings | None = None, *, semantic: bool = True) -> None:
        self.store = store
        self.settings = settings or CheckSettings()
        self.semantic = semantic and embeddings.available()
        # Why meaning-level matching is off although it was asked for (None when it is on,
        # or was not asked for): say it once, since translation variants will be missed.
        self.notice: str | None = None
        if semantic and not self.semantic:
            self.notice = (
                "meaning-level matching needs the semantic extra (pip install torch==2.13.0 'stenogram[semantic]'): "
                "independent translations will be missed"
            )
        self._index: tuple[list[tuple[PassageId, int, int]], Any] | None = None
        self._rows: dict[PassageId, list[int]] = {}  # passage -> rows of its sentences in the matrix
        self._nearest: vector_index.VectorIndex | None = None  # exact or approximate search of the rows

    # ------------------------------------------------------------------ public
    def check(
        self,
        quote: str,
        *,
        claimed_speaker: str | None = None,
        date: str | None = None,
        id: str | None = None,
        context: str | None = None,
    ) -> CheckResult:
        """``context`` is the article's sentence or paragraph around the quotation: it names
        the speaker when ``claimed_speaker`` is missing, and its words about the occasion
        ("at an energy forum", "told Rossiya TV") favour events of that title."""
        q_toks = tokens(quote)
        inferred = claimed_speaker is None and context is not None
        claimed_speaker = claimed_speaker_of(quote, claimed_speaker, context)
        result = CheckResult(
            quote=quote, claimed_speaker=claimed_speaker, verdict="NOT_IN_CORPUS", score=0.0, reason="", id=id
        )
        if not content(q_toks):
            result.reason = "the quotation has no words to look for"
            return result
        evidence = self.evidence(quote, claimed_speaker=claimed_speaker, date=date, context=context)
        if evidence is None:
            result.reason = "no transcript passage shares its words" + (" or meaning" if self.semantic else "")
            return result
        result = self._decide(result, evidence)
        result.qualifiers = source_qualifiers(result.source, date)
        if "press_summary" in result.qualifiers:
            result.reason += " (in the press office's summary, not in a speaker's turn)"
        if inferred and claimed_speaker:
            result.reason += f" (speaker {claimed_speaker} read from the context)"
        return result

    def evidence(
        self, quote: str, *, claimed_speaker: str | None = None, date: str | None = None, context: str | None = None
    ) -> Evidence | None:
        """What the verdict rules read about a quotation: its candidate passages, aligned
        and scored (None when no passage shares its words or meaning). ``claimed_speaker``
        as given: ``check`` reads it from the context first when it is missing."""
        q_toks = tokens(quote)
        matches = self._matches(quote, q_toks, date, claimed_speaker)
        if not matches:
            return None

        def splice(anchor: Match, st: CheckSettings) -> str | None:
            return self._splice(quote, anchor, matches, st, claimed_speaker)

        setting = setting_words(quote, context or "", claimed_speaker)
        return Evidence(quote, q_toks, matches, claimed_speaker, date, setting, splice=splice)

    def prepare(self) -> None:
        """Load what checks need before the first one: the corpus's sentence vectors and,
        when there are any, the model (a few seconds, once). Without vectors the model is
        never loaded and ``notice`` says that translations will be missed."""
        if self.semantic and self._vectors() is not None:
            embeddings.model()

    # ------------------------------------------------------------------ candidates
    def _matches(self, quote: str, q_toks: list[str], date: str | None, claimed: str | None) -> list[Match]:
        latest = days_after(date, DATE_LEEWAY_DAYS) if date else None
        turn_ids = self._lexical_candidates(q_toks)
        for piece in quote_pieces(quote, MIN_PIECE_WORDS):  # a splice's pieces may come from events the whole misses
            turn_ids += [t for t in self._lexical_candidates(tokens(piece), only_all=True) if t not in turn_ids]
        turn_ids += [t for t in self._dated_candidates(claimed, date) if t not in turn_ids]
        q_vec = None
        if self.semantic and self._vectors() is not None:
            q_vec = embeddings.encode_cached([quote])[0]
            turn_ids += [t for t in self._semantic_candidates(q_vec) if t not in turn_ids]
        out = []
        q_content = frozenset(content(q_toks))
        infos = self.store.turn_infos([t for t in turn_ids if not is_narrative_id(t)])
        for turn_id in turn_ids:
            info = self.store.narrative_info(turn_id) if is_narrative_id(turn_id) else infos.get(turn_id)
            if info is None or (latest and info["date"] and info["date"] > latest):
                continue  # nobody quotes what has not been said yet (a few days' leeway for time zones)
            out.append(self._match(info, q_toks, q_content))
        if q_vec is not None:
            self._add_similarity(out, q_vec)
        return out

    def _dated_candidates(self, claimed: str | None, date: str | None) -> list[PassageId]:
        """What the claimed speaker said in the week before the article: soft evidence
        made into candidates (never a filter), so that on a large corpus the passage of
        the right days competes even when many others share its words or meaning."""
        if not claimed or not date:
            return []
        earliest, latest = days_after(date, -7), days_after(date, 1)
        if not (earliest and latest):
            return []
        person_ids = self.store.speaker_ids([split_role_name(claimed).person or claimed])
        return self.store.turns_of_persons_between(person_ids, earliest, latest, DATED_CANDIDATES)

    def _lexical_candidates(self, q_toks: list[str], *, only_all: bool = False) -> list[PassageId]:
        """Turns and narrative passages that share the quotation's words: all of its
        distinctive words (the passage a quotation copies), then, unless ``only_all``, any
        of them."""
        # the longest (most distinctive) words, ties in a fixed order: the same quotation
        # must find the same candidates in every process (set order varies with the hash seed)
        words = sorted(set(content(q_toks)), key=lambda w: (-len(w), w))[:24]
        if not words:
            return []
        # All the words (numbers left out: they may be the changed part) find the passage a
        # quotation copies, however long its turn; any of the words find the rest.
        required = [word_query(w) for w in words if not w[0].isdigit() and w not in SIGN_WORDS]
        every = And(tuple(required)) if required else None
        anyone = Or(tuple(word_query(w) for w in words))
        ids: list[PassageId] = []
        queries = ((every, PIECE_CANDIDATES),) if only_all else ((every, 10), (anyone, LEXICAL_CANDIDATES))
        for query, limit in queries:
            if query is None:
                continue
            for turn_id in self.store.candidate_turns(query, limit) + self.store.narrative_candidates(
                query, limit // 3
            ):
                if turn_id not in ids:
                    ids.append(turn_id)
        return ids

    def _vectors(self) -> tuple[list[tuple[PassageId, int, int]], Any] | None:
        if self._index is None:
            keys, matrix = stored_matrix(self.store)
            if not keys:
                self.notice = NO_VECTORS_NOTICE
                log.info(self.notice)
                self.semantic = False
                return None
            self._index = (keys, matrix)
            path = vector_index.index_path(getattr(self.store, "path", ""))
            self._nearest, why = vector_index.open_index(matrix, keys, VECTOR_KEY, path)
            if why:
                self.notice = why
                log.warning(why)
            for row, (turn_id, _, _) in enumerate(keys):
                self._rows.setdefault(turn_id, []).append(row)
        return self._index

    def _semantic_candidates(self, q_vec: Any) -> list[PassageId]:
        index = self._vectors()
        if index is None or self._nearest is None:
            return []
        keys = index[0]
        seen: list[PassageId] = []
        for i in self._nearest.search(q_vec, SEMANTIC_CANDIDATES * 3):
            turn_id = keys[i][0]
            if turn_id not in seen:
                seen.append(turn_id)
            if len(seen) >= SEMANTIC_CANDIDATES:
                break
        return seen

    def _match(self, info: Passage, q_toks: list[str], q_content: frozenset[str]) -> Match:
        sents = list(passage_sentences(info["text"]))
        flat, owner, vocabulary = passage_tokens(info["text"])
        if len(q_content & vocabulary) < ALIGN_MIN_SHARED * len(q_content):
            # Too few of the quotation's words to be its source word for word: not aligned
            # (the costly part of a check); its meaning is still scored from the vectors.
            return Match(info, NO_ALIGNMENT, sents, (0, min(1, len(sents))))
        alignment = align(q_toks, flat)
        if owner and alignment.last > alignment.first:
            window = (owner[alignment.first], owner[alignment.last - 1] + 1)
        else:
            window = (0, min(1, len(sents)))
        return Match(info, alignment, sents, window)

    def _add_similarity(self, matches: list[Match], q_vec: Any) -> None:
        """Meaning similarity of each candidate: the best window of one to three
        consecutive sentences, from the stored sentence vectors (nothing re-encoded)."""
        import numpy as np

        index = self._vectors()
        if index is None:
            return
        _, matrix = index
        rows_of = {id(m): self._stored_rows(m) for m in matches}
        unstored = [m for m in matches if not rows_of[id(m)]]
        # Passages without stored vectors (narrative): encode the aligned window of the few
        # that share most words; the rest cannot be translations worth reporting.
        st = self.settings
        if any(m.alignment.coverage >= st.close_coverage and m.alignment.density >= st.close_density for m in matches):
            unstored = []  # the words already found the source: no meaning needed from unstored passages
        unstored = sorted(unstored, key=lambda m: -m.alignment.coverage)[:NARRATIVE_ENCODED]
        if unstored:
            texts = [window_text(m)[:600] for m in unstored]
            for m, v in zip(unstored, embeddings.encode(texts), strict=True):
                m.similarity = float(v @ q_vec)
        stored = [m for m in matches if rows_of[id(m)]]
        if not stored:
            return
        # every window of one to three consecutive stored sentences scored in one pass over
        # the candidates' rows (windows that cross from one candidate to the next are never read)
        vecs = matrix[[row for m in stored for row in rows_of[id(m)]]]
        scores_by_size = []  # [k]: the windows of k + 1 sentences, by their first row
        sums = vecs
        for size in range(1, MAX_WINDOW_SENTENCES + 1):
            if size > 1:
                sums = sums[:-1] + vecs[size - 1 :]  # each window grown by its next sentence
            scores_by_size.append((sums @ q_vec) / np.maximum(np.linalg.norm(sums, axis=1), 1e-9))
        offset = 0
        for m in stored:
            n = len(rows_of[id(m)])
            best, window = -1.0, m.window
            for size, scores in enumerate(scores_by_size, start=1):
                if size > n:
                    break
                own = scores[offset : offset + n - size + 1]
                i = int(own.argmax())
                if own[i] > best:
                    best, window = float(own[i]), (i, i + size)
            offset += n
            m.similarity = best
            if m.alignment.coverage < self.settings.close_coverage:
                m.window = window

    def _stored_rows(self, m: Match) -> list[int]:
        """Rows of the matrix for the passage's sentences, first to last, as far as stored
        vectors cover them: a turn's own; a narrative passage's paragraph, then the
        paragraph it runs on to (stored under the next passage id). Empty when the stored
        sentences are not the passage's (a turn embedded before its text was re-split)."""
        passage_id = m.turn["turn_id"]
        if not is_narrative_id(passage_id):
            rows = self._rows.get(passage_id, [])
            return rows if len(rows) == len(m.sents) else []
        keys = self._index[0] if self._index else []
        out: list[int] = []
        run_on = m.turn["text"].find("\n") + 1  # where the next paragraph starts (0: none)
        for part, offset in ((passage_id, 0), (next_paragraph(passage_id), run_on)):
            if part != passage_id and not run_on:
                break
            for row in self._rows.get(part, []):
                i = len(out)
                _, start, end = keys[row]
                if i >= len(m.sents) or (m.sents[i].start, m.sents[i].end) != (start + offset, end + offset):
                    return out  # the stored sentences stop matching the passage's here
                out.append(row)
        return out

    # ------------------------------------------------------------------ verdict
    def _decide(self, result: CheckResult, evidence: Evidence) -> CheckResult:
        decision = decide(evidence, self.settings)
        if decision is not None:
            return self._result(result, decision.verdict, decision.match, decision.score, decision.reason)
        claimed, date = evidence.claimed, evidence.date
        short = evidence.short(self.settings)
        result.score = best_score(evidence)
        result.reason = "no passage matches closely enough" + (" (the quotation is short)" if short else "")
        nearby = self._event_nearby(claimed, date, evidence.matches)
        if nearby:  # a real and useful answer: the event is here, these words are not
            note = (
                f"{claimed} spoke at an event of {nearby['date']} in the corpus ({nearby['title']}, "
                f"{nearby['url']}), but its transcript does not contain this passage"
            )
            result.reason += "; " + note
            result.source = event_source(nearby, note)
        return result

    def _event_nearby(
        self, claimed: str | None, date: str | None, matches: list[Match] | None = None
    ) -> EventRef | None:
        """The event within two days before the article (or the day after) where the
        claimed speaker spoke: the latest one up to the article's date (news reports the
        newest), then the one whose passages came closest in meaning."""
        if not claimed or not date:
            return None
        earliest = days_after(date, -2)
        latest = days_after(date, 1)
        if not (earliest and latest):
            return None
        ident = split_role_name(claimed)
        closest: dict[int, float] = {}
        for m in matches or []:
            closest[m.turn["event_id"]] = max(closest.get(m.turn["event_id"], 0.0), m.similarity)
        found = []
        for event in self.store.events_between(earliest, latest):
            for turn_id in self.store.turns_of_event(event["id"]):
                info = self.store.turn_info(turn_id)
                if info and same_person(ident.person or claimed, info):
                    found.append(event)
                    break
        return max(
            found,
            key=lambda e: (e["date"] <= date, e["date"] if e["date"] <= date else "", closest.get(e["id"], 0.0)),
            default=None,
        )

    def _splice(
        self, quote: str, m: Match, matches: list[Match], st: CheckSettings, claimed: str | None = None
    ) -> str | None:
        """Pieces of the quotation that stand apart in the source: an ellipsis joining
        passages, or consecutive quoted sentences whose sources have sentences between
        them or lie in different turns of the event. Across events, every piece must be
        the claimed speaker's words: pieces of other people's say nothing of how the
        claimed speaker's words were cut."""
        # Each piece needs words enough to be located by itself ("credentials and
        # experience" is said in many places and proves no splice).
        pieces = quote_pieces(quote, MIN_SPLICE_PIECE_WORDS)
        if not pieces:
            return None
        if self.semantic and self._index is not None:
            embeddings.encode_cached(pieces)  # all the pieces in one call, for _locate
        same_event = [x for x in matches if x.turn["event_id"] == m.turn["event_id"]] or [m]
        located = [self._locate(piece, same_event) for piece in pieces]
        # A piece located beyond doubt anchors the event: the other pieces (often translated
        # more freely) then only need to be the nearest in meaning within that event.
        anchored = any(score >= st.splice_anchor_similarity for score, _ in located)
        floor = st.splice_anchored_similarity if anchored else st.splice_piece_similarity
        if any(score < floor for score, _ in located):
            return self._splice_across_events(pieces, located, floor, matches, claimed)
        if any(score < 1.0 for score, _ in located):
            # A piece placed in this event by meaning only, but found word for word at
            # another event, was said there: words are better evidence than meaning.
            across = self._splice_across_events(pieces, located, 1.0, matches, claimed)
            if across:
                return across
        positions = [where for _, where in located]
        for (ta, sa), (tb, sb) in itertools.pairwise(positions):
            if ta != tb or sb - sa > st.splice_gap_sentences or sb < sa:
                turns = {x.turn["turn_id"]: x.turn for x in same_event}
                return "the pieces of the quotation are said in separate places: " + "; ".join(
                    place(turns.get(t), i) for t, i in positions
                )
        return None

    def _splice_across_events(
        self,
        pieces: list[str],
        located: list[tuple[float, tuple[PassageId, int]]],
        floor: float,
        matches: list[Match],
        claimed: str | None = None,
    ) -> str | None:
        """Pieces said at different events: those not found in the anchor's event are
        looked for by their words (not by meaning: a sentence of like meaning is said at
        many events) in every candidate; found elsewhere, the quotation is a splice."""
        event_of = {x.turn["turn_id"]: x.turn for x in matches}
        positions = []
        for piece, (score, where) in zip(pieces, located, strict=True):
            if score < floor:
                score, where = self._locate(piece, matches, by_meaning=False)
                if score < 1.0:
                    return None  # a piece said nowhere in the corpus: not a splice of what was said
            positions.append(where)
        events = [event_of[t]["event_id"] for t, _ in positions if t in event_of]
        if len(set(events)) < 2:
            return None
        if claimed and not all(t in event_of and same_person(claimed, event_of[t]) for t, _ in positions):
            return None  # a piece said by someone else: not the claimed speaker's words cut apart
        return "the pieces of the quotation are said at different events: " + "; ".join(
            f"{event_of[t]['date']} {event_of[t]['title']}, {place(event_of[t], i)}" for t, i in positions
        )

    def _locate(
        self, piece: str, matches: list[Match], *, by_meaning: bool = True
    ) -> tuple[float, tuple[PassageId, int]]:
        """Where a piece of a quotation was said, as (score, (turn id, sentence index)): by
        its words (coverage ≥ 0.6 counts as 1.0), else (for translated pieces) by meaning,
        from the stored sentence vectors (the similarity is the score)."""
        p_toks = tokens(piece)
        p_content = set(content(p_toks))
        needed = LOCATE_MIN_SHARED * len(p_content)
        nowhere = (PassageId(0), 0)  # no passage holds the piece
        best: tuple[float, tuple[PassageId, int]] = (0.0, nowhere)
        for x in matches:
            for i, sent in enumerate(x.sents):
                if len(p_content & sent.vocabulary) < needed:
                    continue  # too few of the piece's words to hold it
                cov = align(p_toks, sent.toks).coverage
                if cov > best[0]:
                    best = (cov, (x.turn["turn_id"], i))
        if best[0] >= 0.6:
            return 1.0, best[1]
        if not by_meaning or not self.semantic or self._vectors() is None:
            return 0.0, best[1]
        _, matrix = self._index  # type: ignore[misc]
        vec = embeddings.encode_cached([piece])[0]
        sem: tuple[float, tuple[PassageId, int]] = (0.0, nowhere)
        for x in matches:
            rows = self._rows.get(x.turn["turn_id"], [])
            if len(rows) != len(x.sents):
                continue
            scores = matrix[rows] @ vec
            i = int(scores.argmax())
            if scores[i] > sem[0]:
                sem = (float(scores[i]), (x.turn["turn_id"], i))
        return sem

    def _result(self, result: CheckResult, verdict: str, m: Match, score: float, reason: str) -> CheckResult:
        result.verdict, result.score, result.reason = verdict, score, reason
        a, b = m.window
        sents = m.sents[a:b] or m.sents[:1]
        t = m.turn
        passage_start = sents[0].start if sents else 0
        passage_end = sents[-1].end if sents else len(t["text"])
        result.source = {
            "id": t["site_id"],
            "url": t["url"],
            "title": t["title"],
            "date": t["date"],
            "speaker": t["speaker"],
            "person": t["person"],
            "person_id": t["person_id"],
            "role": t["role"],
            "turn": t["seq"],
            "narrative": bool(t.get("narrative")),
            "kind": "summary" if t.get("narrative") else "transcript",
            "text": t["text"][passage_start:passage_end],
            "offset_in_turn": [passage_start, passage_end],
            "path": t["path"],
            "start": t["start"],
            "end": t["end"],
            "event_key": t.get("event_key"),
        }
        al = m.alignment
        result.alignment = {
            "coverage": round(al.coverage, 4),
            "density": round(al.density, 4),
            "similarity": round(m.similarity, 4),
        }
        result.differences = edits_to_passage(verdict, al, result.quote, result.source["text"])
        if verdict in WORD_LEVEL_VERDICTS:
            result.differences_as_written = written_differences(result.quote, result.source["text"])[:MAX_DIFFERENCES]
        return result
