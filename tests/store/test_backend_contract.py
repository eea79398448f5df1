"""The backend contract: what any corpus store (``stenogram.store.protocols.Store``) must do.

Every test takes the ``backend`` fixture and uses only the protocol's methods, so that a
new backend is checked by adding its factory to ``BACKENDS``. The records are our own
fixtures, parsed as a user's documents would be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stenogram import Corpus, sites
from stenogram.errors import StoreError
from stenogram.model import Event
from stenogram.parse import parse_text
from stenogram.search.filters import Filters
from stenogram.search.query import parse_query
from stenogram.store.protocols import Store
from stenogram.store.sqlite import SQLiteStore

BACKENDS: dict[str, Callable[[Path], Store]] = {
    "sqlite-file": lambda tmp: SQLiteStore(tmp / "contract.db"),
    "sqlite-memory": lambda tmp: SQLiteStore(":memory:"),
}


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store = BACKENDS[request.param](tmp_path)
    yield store
    store.close()


def _page_event(mini_page: str) -> Event:
    [ev] = parse_text(mini_page, path="mini_page.html")
    return ev


def _write(store: Store, ev: Event, key: str) -> int:
    with store.transaction():
        doc = store.put_document(ev.source.path, None, ev.source.format, "utf-8", "0" * 32, 100)
        return store.write_event(ev, key, "hash-1", doc, None)


def test_an_event_written_is_read_back_whole(backend: Store, mini_page: str) -> None:
    ev = _page_event(mini_page)
    event_id = _write(backend, ev, "kremlin:99001")
    back = backend.event(event_id)
    assert back is not None
    assert (back.title, back.date, back.place, back.topics) == (ev.title, ev.date, ev.place, ev.topics)
    assert [(t.speaker, t.person, t.person_id, t.role, t.text, t.start, t.end) for t in back.turns] == [
        (t.speaker, t.person, t.person_id, t.role, t.text, t.start, t.end) for t in ev.turns
    ]
    assert [p.text for p in back.paragraphs] == [p.text for p in ev.paragraphs]
    assert backend.turn_texts(event_id) == [t.text for t in ev.turns]


def test_events_are_found_by_key_title_and_any_reference(backend: Store, mini_page: str) -> None:
    ev = _page_event(mini_page)
    event_id = _write(backend, ev, "kremlin:99001")
    assert backend.find_event("kremlin:99001") == (event_id, "hash-1", ev.source.format)
    assert backend.find_event("kremlin:1") is None
    assert [row[0] for row in backend.find_events_by_title(ev.date, ev.title)] == [event_id]
    for ref in ("kremlin:99001", "99001", ev.url or "", str(event_id)):
        assert backend.resolve_event(ref) == event_id, ref
    assert backend.resolve_event("no such event") is None


def test_a_failed_transaction_leaves_nothing(backend: Store, mini_page: str) -> None:
    ev = _page_event(mini_page)
    with pytest.raises(RuntimeError), backend.transaction():
        doc = backend.put_document("x.html", None, ev.source.format, "utf-8", "1" * 32, 1)
        backend.write_event(ev, "kremlin:99001", "hash-1", doc, None)
        raise RuntimeError("interrupted")
    assert backend.find_event("kremlin:99001") is None
    assert backend.stats().events == 0


def test_search_finds_turns_by_words_phrase_and_speaker(backend: Store, mini_page: str) -> None:
    _write(backend, _page_event(mini_page), "kremlin:99001")
    with backend.time_limit():
        hits = backend.search(parse_query('"Welcome to Sochi"'), Filters.build())
        assert [h.person for h in hits] == ["Vladimir Putin"]
        assert backend.search(parse_query("grow"), Filters.build(speaker=["Rufus Firefly"])) == []
        assert [h.person for h in backend.search(parse_query("grow"), Filters.build(speaker=["Putin"]))] == [
            "Vladimir Putin"
        ]
        every = backend.search(parse_query("the"), Filters.build(), limit=1000)
        assert backend.count(parse_query("the"), Filters.build()) == len(every) > 1
        assert "narrative" in {h.kind for h in every}  # the page's own text is searched too


def test_a_name_slug_person_becomes_the_site_person_once_the_site_identifies_them(backend: Store) -> None:
    site = sites.site_named("kremlin")
    assert site is not None
    dump_turn = "Events\nMeeting on grain\nFebruary 15, 2026\nVladimir Putin: Grain first.\n"
    with backend.transaction():
        for n, (key, person_id) in enumerate((("hash:a", "vladimir-putin"), ("kremlin:5", site.person_key("7")))):
            [ev] = parse_text(dump_turn.replace("February 15", f"February {15 + n}"), path=f"d{n}.txt")
            ev.published, ev.turns[0].person_id = "2026-02-15T10:00", person_id
            doc = backend.put_document(f"d{n}.txt", None, ev.source.format, "utf-8", str(n) * 32, 10)
            backend.write_event(ev, key, f"h{n}", doc, None)
        moved = backend.reconcile_persons(sites.person_key_prefixes())
    assert moved == 1
    assert {key for key, _, _ in backend.person_roles()} == {site.person_key("7")}


def test_vectors_and_verdicts_round_trip(backend: Store, mini_page: str) -> None:
    event_id = _write(backend, _page_event(mini_page), "kremlin:99001")
    pending = list(backend.turns_without_vectors("m"))
    assert pending and all(isinstance(turn_id, int) and text for turn_id, text in pending)
    turn_id = pending[0][0]
    with backend.transaction():
        backend.put_vectors([(turn_id, "m", [(0, 5)], b"\x00" * 8)])
    keys, blobs = backend.vectors("m")
    assert keys == [(turn_id, 0, 5)] and blobs == [b"\x00" * 8]
    assert turn_id not in {t for t, _ in backend.turns_without_vectors("m")}
    record = {"quote": "It will grow.", "verdict": "VERBATIM", "score": 1.0, "reason": "r", "source": None}
    backend.put_verdicts([(record, "https://news.example/a", "2026-02-15")])
    backend.put_verdicts([({**record, "verdict": "CLOSE"}, "https://news.example/a", "2026-02-15")])
    [stored] = list(backend.verdicts())  # the same quotation checked again replaces its verdict
    assert stored["verdict"] == "CLOSE" and stored["result"]["quote"] == "It will grow."
    assert backend.turn_info(turn_id) is not None and backend.turns_of_event(event_id)


def test_a_corpus_runs_on_any_backend(backend: Store, tmp_path: Path, mini_dump: str) -> None:
    (tmp_path / "d.txt").write_text(mini_dump, encoding="utf-8")
    corpus = Corpus(store=backend)
    report = corpus.ingest([tmp_path / "d.txt"])
    assert report.new >= 1
    assert corpus.stats().events == report.new
    assert corpus.search("Ostrov") != []


def test_an_unopenable_file_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        SQLiteStore(bad)
