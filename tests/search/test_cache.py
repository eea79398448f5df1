"""The shared cache of results: bounded, one computation per burst, errors not kept."""

from __future__ import annotations

import threading
import time

import pytest

from stenogram.search.cache import ResultCache


def test_a_burst_of_one_request_is_computed_once() -> None:
    cache = ResultCache(8)
    calls = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.05)
        return "answer"

    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(cache.get_or_compute("k", slow))) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["answer"] * 10 and len(calls) == 1


def test_the_oldest_entries_go_first_and_errors_are_not_kept() -> None:
    cache = ResultCache(2)
    for key in ("a", "b", "c"):
        cache.get_or_compute(key, lambda key=key: key.upper())
    assert cache.get_or_compute("a", lambda: "again") == "again"  # "a" was dropped for "c"
    assert cache.get_or_compute("c", lambda: "not asked") == "C"

    def fails() -> str:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get_or_compute("x", fails)
    assert cache.get_or_compute("x", lambda: "now") == "now"
