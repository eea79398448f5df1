"""What each client needs of a corpus store, as protocols; ``SQLiteStore`` implements them all.

A new backend implements ``Store`` and passes the contract suite
(``tests/store/test_backend_contract.py``); each client is typed against the protocol it uses.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from ..model import Event, EventRef, Passage, PassageId, StoredVerdict
from ..parse.news import Article
from ..search.filters import Filters
from ..search.query import Node
from ..search.results import ConcordanceTurn, CorpusStats, EventSummary, Hit, RecentTurn, SpeakerStats


class EventWriter(Protocol):
    """Writing events and articles (ingest)."""

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic write: everything inside commits together or not at all."""
        ...

    def put_document(self, path: str, member: str | None, fmt: str, encoding: str, sha256: str, size: int) -> int: ...

    def find_event(self, key: str) -> tuple[int, str, str] | None:
        """``(id, content_hash, format)`` of the event stored under ``key``."""
        ...

    def find_events_by_title(self, date: str | None, title: str | None) -> list[tuple[int, str, str, str]]:
        """``(id, key, content_hash, format)`` of events with this date and title."""
        ...

    def write_event(self, ev: Event, key: str, content_hash: str, document_id: int, replace: int | None) -> int:
        """Store ``ev`` (replacing event ``replace`` and everything hanging from it)."""
        ...

    def reconcile_persons(self, site_prefixes: Sequence[str]) -> int:
        """Name-slug persons a site later identifies become the site's person; returns turns moved."""
        ...

    def person_roles(self) -> list[tuple[str, str, str | None]]:
        """``(person_key, name, role)`` for every role a person was printed with."""
        ...

    def find_article(self, key: str) -> tuple[int, str] | None: ...

    def write_article(self, article: Article, key: str, content_hash: str, replace: int | None) -> int: ...


class EventReader(Protocol):
    """Reading events back, by reference."""

    def resolve_event(self, ref: str) -> int | None: ...

    def event(self, event_id: int) -> Event | None: ...

    def turn_texts(self, event_id: int) -> list[str]:
        """The texts of an event's turns, in order."""
        ...

    def all_turns(self) -> Iterator[tuple[int, str]]:
        """``(turn id, text)`` of every turn (for checks and exports)."""
        ...

    def selected_events(self, f: Filters) -> list[tuple[int, str]]:
        """``(id, event key)`` of the events the filters admit."""
        ...


class Searcher(Protocol):
    """Searching and counting (search, kwic, facets, speakers, stats), under one time limit."""

    def time_limit(self) -> AbstractContextManager[None]:
        """One time limit for everything inside (queries and the Python work between them)."""
        ...

    def check_time(self) -> None:
        """QueryError once the limit of ``time_limit`` has passed."""
        ...

    def state(self) -> Hashable:
        """A value that changes whenever what is stored may have changed (by this
        connection or another): results computed under one state hold while it lasts."""
        ...

    def search(
        self, node: Node, f: Filters, *, sort: str = "relevance", limit: int = 20, offset: int = 0
    ) -> list[Hit]: ...

    def count(self, node: Node, f: Filters) -> int:
        """How many passages ``search`` would find without a limit."""
        ...

    def facets(self, node: Node, f: Filters, *, top: int = 10) -> dict[str, list[tuple[str, int]]]:
        """Counts of matching turns by speaker, year, topic and geography."""
        ...

    def matching_turns(self, node: Node, f: Filters, *, limit: int) -> list[ConcordanceTurn]:
        """Turns whose text matches, with what a concordance needs, oldest first."""
        ...

    def speakers(self, f: Filters, *, limit: int | None = None) -> list[SpeakerStats]: ...

    def stats(self) -> CorpusStats: ...

    def events_per_month(self) -> list[tuple[str, int]]: ...

    def person_months(self, person_key: str) -> list[tuple[str, int]]:
        """Events per month at which the person spoke."""
        ...

    def person_topics(self, person_key: str, top: int = 10) -> list[tuple[str, int]]: ...

    def recent_turns(self, person_key: str, limit: int) -> list[RecentTurn]: ...

    def list_events(self, f: Filters, *, limit: int, offset: int = 0) -> list[EventSummary]:
        """The events the filters admit, oldest first."""
        ...

    def count_events(self, f: Filters) -> int: ...


class PassageSource(Protocol):
    """Passages a check weighs: candidates by words, by speaker and date, and their records."""

    def speaker_ids(self, names: Sequence[str]) -> list[int]:
        """Persons meant by a name, a surname, a label they spoke under, or an id."""
        ...

    def candidate_turns(self, query: Node, limit: int) -> list[PassageId]:
        """Turn ids matching a query tree, best first."""
        ...

    def narrative_candidates(self, query: Node, limit: int) -> list[PassageId]:
        """Passages outside speaker turns matching a query tree, best first, as negative ids."""
        ...

    def turn_info(self, turn_id: int) -> Passage | None:
        """A turn with its event and text: what a verification result cites."""
        ...

    def turn_infos(self, turn_ids: Sequence[int]) -> dict[int, Passage]:
        """``turn_info`` of several turns in one query (a check reads dozens)."""
        ...

    def narrative_info(self, passage_id: PassageId) -> Passage | None:
        """A narrative paragraph (with the next one, when a quotation runs on) as a passage record."""
        ...

    def events_between(self, first: str, last: str) -> list[EventRef]: ...

    def turns_of_persons_between(self, person_ids: Sequence[int], first: str, last: str, limit: int) -> list[PassageId]:
        """Turn ids of these persons at events dated first..last, newest first."""
        ...

    def turns_of_event(self, event_id: int) -> list[int]: ...


class VectorStore(Protocol):
    """Sentence vectors of turns and narrative paragraphs."""

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic write: everything inside commits together or not at all."""
        ...

    def turns_without_vectors(self, model: str) -> Iterator[tuple[int, str]]:
        """``(turn id, text)`` of turns that have no sentence vectors from ``model``."""
        ...

    def put_vectors(self, rows: list[tuple[int, str, list[tuple[int, int]], bytes]]) -> None:
        """``(turn id, model, sentence spans, vectors)`` per turn."""
        ...

    def narratives_without_vectors(self, model: str) -> Iterator[tuple[PassageId, str]]:
        """``(passage id, text)`` of the narrative paragraphs without vectors of ``model``."""
        ...

    def put_narrative_vectors(self, rows: list[tuple[PassageId, str, list[tuple[int, int]], bytes]]) -> None:
        """``(passage id, model, sentence spans, vectors)`` per narrative paragraph."""
        ...

    def vectors(self, model: str) -> tuple[list[tuple[PassageId, int, int]], list[bytes]]:
        """``[(id, start, end)]`` per sentence and the vector blobs in the same order."""
        ...


class VerdictStore(Protocol):
    """Stored verdicts and articles."""

    def put_verdicts(self, records: Sequence[tuple[dict[str, Any], str | None, str | None]]) -> int:
        """Store check results (contract records, with the article's URL and date); returns how many."""
        ...

    def verdicts(self, key: str | None = None) -> Iterator[StoredVerdict]:
        """Stored verdicts, oldest first (or the one whose ``verdict_key`` is ``key``)."""
        ...

    def articles(self) -> list[Article]:
        """Every stored article with its quotations, oldest first."""
        ...


class CheckStore(PassageSource, VectorStore, Protocol):
    """What the verifier needs: passages and their vectors."""


class Store(EventWriter, EventReader, Searcher, PassageSource, VectorStore, VerdictStore, Protocol):
    """Everything ``Corpus`` uses: one backend."""

    path: str
    read_only: bool

    def close(self) -> None: ...
