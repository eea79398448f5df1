"""Fuzzing the readers of untrusted text: pages and dumps cut, spliced and sprinkled with
odd bytes; articles likewise; queries from the query language's own alphabet. No
exception may escape but the documented ones (StenogramError), and each input is
answered (a fixed number of examples, no deadline: CI time stays bounded)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stenogram.errors import StenogramError
from stenogram.parse.documents import _parse_raw
from stenogram.parse.news import read_article
from stenogram.parse.persons import PersonRegistry
from stenogram.search.query import matches, parse_query, positions, tokens
from stenogram.sources.walk import RawDocument
from stenogram.store.sqlite.fts5 import to_fts5

from .conftest import EXAMPLES, FIXTURES, ROOT

SEEDS = [
    *(p.read_bytes() for p in sorted((EXAMPLES / "html").glob("*.html"))),
    (FIXTURES / "mini_dump.txt").read_bytes(),
    (FIXTURES / "mini_page.html").read_bytes(),
]
ARTICLE = (ROOT / "examples" / "news" / "northern_daily_2026-02-25.txt").read_text(encoding="utf-8")
ODD = [b"<", b">", b"</p>", b"<p>", b"\x00", b"\xff", b"\xe2\x80", b"\r", b"\n\n", b"<\xe2\x80\xa6>", b": ", b"&amp;"]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "splice", "truncate"]))
        if action == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(ODD)) * draw(st.integers(1, 50))
        elif action == "splice":
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 2000))]
        else:
            del data[at:]
    return bytes(data)


@FUZZ
@given(mutated(SEEDS))
def test_damaged_pages_and_dumps_parse_or_fail_with_a_reason(data: bytes) -> None:
    result = _parse_raw(RawDocument("fuzz.html", data), PersonRegistry())
    for ev in getattr(result, "events", []):
        for turn in ev.turns:
            assert 0 <= turn.start <= turn.end  # offsets stay offsets


@FUZZ
@given(mutated([ARTICLE.encode("utf-8"), *SEEDS]))
def test_damaged_articles_give_quotations_with_exact_offsets(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    try:
        article = read_article(text, path="fuzz.txt")
    except StenogramError:
        return
    for q in article.quotes:
        assert 0 <= q.start <= q.end <= len(article.text)


QUERY_ALPHABET = st.sampled_from(
    ['"', "(", ")", ",", "*", " ", "AND", "OR", "NOT", "NEAR", "gas", "Путин", "10", "-", "é"]
)


@FUZZ
@given(
    st.lists(QUERY_ALPHABET, max_size=30).map(" ".join), st.lists(st.sampled_from(["gas", "10", "путин"]), max_size=20)
)
def test_any_query_parses_or_gets_a_query_error(query: str, toks: list[str]) -> None:
    try:
        node = parse_query(query)
    except StenogramError:
        return
    assert to_fts5(node)
    assert isinstance(matches(node, toks), bool)
    assert all(0 <= a <= b <= len(toks) for a, b in positions(node, toks))
    assert tokens(query) is not None


def test_the_fuzz_seeds_are_real_pages() -> None:
    assert len(SEEDS) >= 3 and all(len(s) > 500 for s in SEEDS)
    assert Path(EXAMPLES).is_dir()
