"""``Corpus``: the one object to open, then query. The CLI, HTTP API and web pages use it.

corpus = stenogram.Corpus("transcripts.db")
corpus.ingest(["pages/"])
for hit in corpus.search('"gas transit" AND Ukraine', speaker="Putin", date_from="2019"):
    print(hit.date, hit.person, hit.snippet)
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Unpack

from . import sites
from .errors import QueryError, StoreError
from .model import Event, StoredVerdict
from .parse.documents import ParsedDocument
from .parse.news import Article
from .search.cache import RESULTS
from .search.filters import FilterArgs, Filters, Many
from .search.kwic import kwic_lines, sort_lines
from .search.query import Node, literal, parse_query
from .search.results import CorpusStats, EventSummary, Hit, KwicLine, RecentTurn, SpeakerStats, every_month
from .search.snippets import match_spans
from .sources import Failure, Skipped
from .store.ingest import DEFAULT_BATCH, IngestReport, ingest, ingest_articles
from .store.protocols import Store
from .store.sqlite import SQLiteStore
from .verify.check import Checker
from .verify.claims import Claim, article_claims, check_inputs
from .verify.result import CheckResult

DEFAULT_DB = "stenogram.db"
SORTS = ("relevance", "date")


@dataclass(slots=True)
class PersonProfile:
    stats: SpeakerStats
    months: list[tuple[str, int]]  # ("YYYY-MM", events at which the person spoke)
    topics: list[tuple[str, int]]  # (topic, events)
    recent: list[RecentTurn]  # the latest turns


_INHERITED: list[Store] = []  # connections a forked process inherited (see ``Corpus.reopen``)


def _filter_key(f: Filters) -> Hashable:
    return (
        f.speaker,
        f.role,
        f.date_from,
        f.date_to,
        f.topic,
        f.geo,
        f.person,
        f.event,
        tuple(sorted(f.extra.items())),
    )


def default_db_path() -> str:
    """``$STENOGRAM_DB`` if set, else ``stenogram.db`` in the current directory."""
    return os.environ.get("STENOGRAM_DB") or DEFAULT_DB


class Corpus:
    """A corpus of transcripts in a database file (``":memory:"`` for a throwaway one)."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, store: Store | None = None, read_only: bool = False
    ) -> None:
        """Open the corpus at ``path`` (SQLite; ``read_only``: for reading only, as batch
        workers sharing one file do), or use ``store``, any backend of the ``Store`` protocol."""
        if store is not None:
            self.store: Store = store
            self.path = store.path
        else:
            self.path = str(path) if path is not None else default_db_path()
            self.store = SQLiteStore(self.path, read_only=read_only)
        self._checkers: dict[bool, Checker] = {}
        self._results = RESULTS  # shared by every corpus of the process: keys name the corpus

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    def ingest(
        self,
        paths: list[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        batch_size: int = DEFAULT_BATCH,
        progress: Callable[[ParsedDocument | Failure | Skipped], None] | None = None,
        jobs: int = 1,
    ) -> IngestReport:
        """Parse and store everything under ``paths``; see ``store/ingest.py``. With
        ``jobs`` > 1 pages are parsed by that many processes (Linux), with the same result."""
        items: list[str | os.PathLike[str]] = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
        return ingest(self.store, items, batch_size=batch_size, progress=progress, jobs=jobs)

    def ingest_articles(
        self,
        paths: list[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        date: str | None = None,
        outlet: str | None = None,
        progress: Callable[[object], None] | None = None,
    ) -> IngestReport:
        """Store news articles and their quotations (kept apart from transcripts)."""
        items: list[str | os.PathLike[str]] = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
        return ingest_articles(self.store, items, date=date, outlet=outlet, progress=progress)

    def articles(self) -> list[Article]:
        """Every stored article, with its quotations."""
        return self.store.articles()

    # ------------------------------------------------------------------ reading
    def search(
        self,
        query: str,
        *,
        speaker: Many = None,
        role: Many = None,
        date_from: str | None = None,
        date_to: str | None = None,
        topic: Many = None,
        geo: Many = None,
        person: Many = None,
        event: Many = None,
        sort: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        literal_text: bool = False,
    ) -> list[Hit]:
        """Turns (and titles and leads) matching ``query`` (docs/query-language.md)."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        filters = Filters.build(
            speaker=speaker,
            role=role,
            date_from=date_from,
            date_to=date_to,
            topic=topic,
            geo=geo,
            person=person,
            event=event,
        )
        key = ("search", query, literal_text, _filter_key(filters), sort, limit, offset)

        def compute() -> list[Hit]:
            with self.store.time_limit():
                node = self.compile(query, literal_text)
                return self.store.search(node, filters, sort=sort, limit=limit, offset=offset)

        hits: list[Hit] = self._kept(key, compute)
        return [copy.copy(h) for h in hits]  # callers may change what they get; the cache keeps its own

    def count(self, query: str, *, literal_text: bool = False, **filters: Unpack[FilterArgs]) -> int:
        """How many passages ``search`` finds with these filters (``Filters.build``'s
        arguments), without a limit."""
        f = Filters.build(**filters)
        key = ("count", query, literal_text, _filter_key(f))

        def compute() -> int:
            with self.store.time_limit():
                return self.store.count(self.compile(query, literal_text), f)

        return int(self._kept(key, compute))

    def facets(
        self, query: str, *, literal_text: bool = False, **filters: Unpack[FilterArgs]
    ) -> dict[str, list[tuple[str, int]]]:
        """How the matching turns spread over speakers, years, topics and places."""
        f = Filters.build(**filters)
        key = ("facets", query, literal_text, _filter_key(f))

        def compute() -> dict[str, list[tuple[str, int]]]:
            with self.store.time_limit():
                return self.store.facets(self.compile(query, literal_text), f)

        found: dict[str, list[tuple[str, int]]] = self._kept(key, compute)
        return {name: list(values) for name, values in found.items()}

    def kwic(
        self,
        term: str,
        *,
        width: int = 40,
        sort: str = "right",
        limit: int = 200,
        speaker: Many = None,
        date_from: str | None = None,
        date_to: str | None = None,
        topic: Many = None,
        literal_text: bool = False,
    ) -> list[KwicLine]:
        """Every occurrence of ``term`` (any query) with ``width`` characters each side."""
        node = self.compile(term, literal_text)
        filters = Filters.build(speaker=speaker, date_from=date_from, date_to=date_to, topic=topic)

        def compute() -> list[KwicLine]:
            with self.store.time_limit():
                turns = self.store.matching_turns(node, filters, limit=limit)
                return sort_lines(kwic_lines(node, turns, width=width, check=self.store.check_time), sort)[:limit]

        key = ("kwic", term, literal_text, _filter_key(filters), width, sort, limit)
        return [copy.copy(line) for line in self._kept(key, compute)]

    def highlights(
        self, query: str, texts: Iterable[str], *, literal_text: bool = False
    ) -> list[list[tuple[int, int]]]:
        """For each text, the character spans that ``query`` matches (an event page with
        the words searched for marked)."""
        node = self.compile(query, literal_text)
        return [match_spans(text, node) for text in texts]

    def event(self, ref: str | int) -> Event | None:
        """An event by site id, URL, event key or database id."""
        event_id = self.store.resolve_event(str(ref))
        if event_id is None and isinstance(ref, str):  # a URL of the event as published online
            key = sites.event_key_of_url(ref)
            event_id = self.store.resolve_event(key) if key else None
        return self.store.event(event_id) if event_id is not None else None

    def speakers(
        self,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
        topic: Many = None,
        limit: int | None = None,
    ) -> list[SpeakerStats]:
        """Per person: events, turns, words, first and last appearance, roles and labels."""
        filters = Filters.build(date_from=date_from, date_to=date_to, topic=topic)
        found: list[SpeakerStats] = self._kept(
            ("speakers", _filter_key(filters), limit), lambda: self.store.speakers(filters, limit=limit)
        )
        return copy.deepcopy(found)

    def stats(self) -> CorpusStats:
        found: CorpusStats = self._kept(("stats",), self.store.stats)
        return copy.deepcopy(found)

    def iter_events(self, filters: Filters | None = None) -> Iterator[tuple[str, Event]]:
        """``(event key, Event)`` of every event the filters admit, one at a time (exports)."""
        for event_id, key in self.store.selected_events(filters or Filters.build()):
            ev = self.store.event(event_id)
            if ev is not None:
                yield key, ev

    def events(
        self, *, limit: int = 100, offset: int = 0, **filters: Unpack[FilterArgs]
    ) -> tuple[int, list[EventSummary]]:
        """The events the filters admit, oldest first: ``(how many in all, this page)``
        (browsing by date: ``date_from="2020-05", date_to="2020-05"``)."""
        f = Filters.build(**filters)

        def compute() -> tuple[int, list[EventSummary]]:
            with self.store.time_limit():
                return self.store.count_events(f), self.store.list_events(f, limit=limit, offset=offset)

        total, found = self._kept(("events", _filter_key(f), limit, offset), compute)
        return total, [e.copy() for e in found]

    def events_per_month(self) -> list[tuple[str, int]]:
        """``("YYYY-MM", events)`` over the whole corpus."""
        return list(self._kept(("events_per_month",), lambda: every_month(self.store.events_per_month())))

    def person(self, person_id: str, *, recent: int = 10) -> PersonProfile | None:
        """One person: their statistics, appearances per month, topics and recent turns."""
        found: PersonProfile | None = self._kept(("person", person_id, recent), lambda: self._person(person_id, recent))
        return copy.deepcopy(found)

    def _kept(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, or its result kept from an earlier call while nothing was written."""
        return self._results.get_or_compute((self.store.state(), key), compute)

    def _person(self, person_id: str, recent: int) -> PersonProfile | None:
        try:  # aggregate this person only, not the whole corpus
            rows = self.store.speakers(Filters.build(speaker=person_id))
        except QueryError:
            return None
        found = next((s for s in rows if s.person_id == person_id), None)
        if found is None:
            return None
        return PersonProfile(
            stats=found,
            months=every_month(self.store.person_months(person_id)),
            topics=self.store.person_topics(person_id),
            recent=self.store.recent_turns(person_id, recent),
        )

    # ------------------------------------------------------------------ verification
    def check(
        self,
        quote: str,
        *,
        claimed_speaker: str | None = None,
        date: str | None = None,
        id: str | None = None,
        semantic: bool = True,
        context: str | None = None,
    ) -> CheckResult:
        """Where a quotation was said, by whom, and how faithfully (docs/check-contract.md).
        ``context``: the article's text around the quotation (speaker and occasion hints).
        InputError: a value of the wrong type, or a quotation past ``MAX_QUOTE_CHARS``."""
        context = check_inputs(quote, claimed_speaker=claimed_speaker, date=date, context=context)
        return self._checker(semantic).check(quote, claimed_speaker=claimed_speaker, date=date, id=id, context=context)

    def check_article(self, article: Article, *, semantic: bool = True) -> list[CheckResult]:
        """Check every quotation of a news article (``read_article``): each with the
        speaker the article gives, the article's date and its paragraph as context; each
        result says who said it according to the article (``claimed_speaker``,
        ``article_speaker``) and according to the transcript (``source``)."""
        return [self.check_claim(claim, semantic=semantic) for claim in article_claims(article)]

    def check_claim(self, claim: Claim, *, semantic: bool = True) -> CheckResult:
        """Check one quotation of an article (see ``article_claims``)."""
        result = self.check(
            claim.quote,
            claimed_speaker=claim.claimed_speaker,
            date=claim.date,
            id=claim.id,
            semantic=semantic,
            context=claim.context,
        )
        result.article_speaker = claim.article_speaker
        return result

    def prepare_check(self, *, semantic: bool = True) -> str | None:
        """Load the sentence vectors and the model before the first check (so that a
        caller can show that it is loading); returns a one-line notice when meaning-level
        matching is off although asked for (translation variants will be missed)."""
        checker = self._checker(semantic)
        checker.prepare()
        return checker.notice

    def save_verdicts(
        self, results: Iterable[CheckResult], *, article_url: str | None = None, article_date: str | None = None
    ) -> int:
        """Keep check results in the database (for ``export claimreview`` and the tables);
        the same quotation checked again replaces its earlier verdict."""
        return self.store.put_verdicts([(r.to_dict(), article_url, article_date) for r in results])

    def verdicts(self) -> Iterator[StoredVerdict]:
        """Stored verdicts, oldest first (see ``save_verdicts``)."""
        return self.store.verdicts()

    def verdict(self, key: str) -> StoredVerdict | None:
        """One stored verdict by its ``verdict_key`` (its permalink: ``/checks/KEY``)."""
        return next(self.store.verdicts(key), None)

    def embed(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Compute sentence vectors for meaning-level matching (once; new passages only:
        an interrupted run goes on where it stopped). ``progress(done, total)`` follows it."""
        from .verify import embeddings
        from .verify.vectors import build_vectors

        if not embeddings.available():
            raise StoreError(
                "sentence vectors need the semantic extra: pip install torch==2.13.0 'stenogram[semantic]'",
                path=self.path,
            )
        self._checkers.clear()
        return build_vectors(self.store, progress)

    def index_vectors(self, approximate: bool | None = None) -> dict[str, Any]:
        """Build the approximate index of the sentence vectors beside the corpus file
        (``DB.ann``, faiss) when the corpus has ``APPROXIMATE_FROM`` sentences or more
        (``approximate`` True/False: always/never), else remove a stale one; ``stenogram
        embed`` calls it after embedding. Returns what was done (see ``build_index``)."""
        from .verify import vector_index
        from .verify.vectors import build_index

        self._checkers.clear()
        return build_index(self.store, vector_index.index_path(self.path), approximate)

    def reopen(self) -> None:
        """A new connection to the same corpus file, for reading only, keeping what the
        checks have loaded (sentence vectors, the model): for a process forked from this
        one, since a database connection must not be used across a fork. The inherited
        connection is kept, never used or closed here (closing it would touch the
        parent's file locks)."""
        _INHERITED.append(self.store)
        self.store = SQLiteStore(self.path, read_only=True)
        for checker in self._checkers.values():
            checker.store = self.store

    def _checker(self, semantic: bool) -> Checker:
        if semantic not in self._checkers:
            self._checkers[semantic] = Checker(self.store, semantic=semantic)
        return self._checkers[semantic]

    @staticmethod
    def compile(query: str, literal_text: bool = False) -> Node:
        return literal(query) if literal_text else parse_query(query)


def check(
    quote: str,
    *,
    claimed_speaker: str | None = None,
    date: str | None = None,
    db: str | os.PathLike[str] | None = None,
    context: str | None = None,
) -> CheckResult:
    """Check one quotation against the corpus at ``db`` (default: ``$STENOGRAM_DB``)."""
    with Corpus(db) as corpus:
        return corpus.check(quote, claimed_speaker=claimed_speaker, date=date, context=context)
