"""Reading several events at once gives what reading them one by one gives."""

from __future__ import annotations

from pathlib import Path

from stenogram.parse import parse_text
from stenogram.store.sqlite import SQLiteStore


def _store_with_two_events(tmp_path: Path, mini_page: str, mini_dump: str) -> tuple[SQLiteStore, list[int]]:
    store = SQLiteStore(tmp_path / "batched.db")
    ids = []
    for n, (text, path) in enumerate(((mini_page, "mini_page.html"), (mini_dump, "mini_dump.txt"))):
        ev = next(iter(parse_text(text, path=path)))
        with store.transaction():
            doc = store.put_document(path, None, ev.source.format, "utf-8", str(n) * 32, len(text))
            ids.append(store.write_event(ev, f"kremlin:{99001 + n}", f"hash-{n}", doc, None))
    return store, ids


def test_turn_texts_of_several_events_are_those_of_each(tmp_path: Path, mini_page: str, mini_dump: str) -> None:
    store, ids = _store_with_two_events(tmp_path, mini_page, mini_dump)
    one_by_one = {i: SQLiteStore(tmp_path / "batched.db").turn_texts(i) for i in ids}
    assert all(one_by_one.values())  # both events have turns
    bodies: dict[int, dict[str, list[str]]] = {}
    assert store.turn_texts_of([ids[1], ids[0], ids[1]], bodies) == one_by_one
    assert sorted(bodies) == sorted(ids)  # the bodies read on the way are handed back
    assert store.turn_texts_of(ids) == one_by_one  # and again from the cache
    assert store.turn_texts_of([123456]) == {123456: []}  # no such event: no turns


def test_bodies_of_several_events_are_those_of_each(tmp_path: Path, mini_page: str, mini_dump: str) -> None:
    store, ids = _store_with_two_events(tmp_path, mini_page, mini_dump)
    assert store.bodies_of([*ids, 123456]) == {i: store._body(i) for i in ids}
