import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stenogram.errors import QueryError
from stenogram.search.query import Near, Term, literal, matches, parse_query, positions, tokens
from stenogram.store.sqlite.fts5 import to_fts5


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        ("gas", '"gas"'),
        ("gas Ukraine", '("gas" AND "ukraine")'),
        ("gas AND Ukraine", '("gas" AND "ukraine")'),
        ('"Black Sea" OR Baltic', '("black sea" OR "baltic")'),
        ("sanction* NOT Crimea", '("sanction"* NOT "crimea")'),
        ("NEAR(gas transit, 5)", 'NEAR("gas" "transit", 5)'),
        ('NEAR("gas transit" Europe)', 'NEAR("gas transit" "europe", 10)'),
        ("(a OR b) AND c", '(("a" OR "b") AND "c")'),
        ("Kassym-Jomart", '"kassym jomart"'),
        ("Zürich", '"zurich"'),
        ("column:value", '"column value"'),  # never FTS5 column syntax
    ],
)
def test_compiles_to_quoted_fts5(query: str, fts: str) -> None:
    assert to_fts5(parse_query(query)) == fts


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query: give words, a \"phrase\", or an expression such as 'gas AND Ukraine'"),
        ('"unclosed', "unbalanced quote at position 1 in '\"unclosed': close the phrase with \""),
        (
            "(a OR b",
            "unbalanced parenthesis at position 1 in '(a OR b'; quote words to search them as text, or use --literal",
        ),
        (
            "NOT a",
            "NOT at position 1 needs a word before it in 'NOT a'; quote words to search them as text, or use --literal",
        ),
        (
            "a OR",
            "the query ends where a word was expected in 'a OR'; quote words to search them as text, or use --literal",
        ),
        (
            "NEAR(a)",
            "NEAR at position 1 needs at least two words or phrases in 'NEAR(a)'; quote words to search them as text, "
            "or use --literal",
        ),
        ("a )", "unexpected ')' at position 3 in 'a )'; quote it to search it as text"),
    ],
)
def test_malformed_queries_say_what_is_wrong(query: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert str(info.value) == message


def test_literal_takes_operators_as_words() -> None:
    assert to_fts5(literal("NOT (this) OR that")) == '"not this or that"'


def test_python_matching_follows_the_index_semantics() -> None:
    toks = tokens("We will go on with gas transit through Ukraine, said the President.")
    assert matches(parse_query('"gas transit" AND Ukraine'), toks)
    assert matches(parse_query("NEAR(gas Ukraine, 2)"), toks)
    assert not matches(parse_query("NEAR(gas Ukraine, 1)"), toks)
    assert matches(parse_query("transi*"), toks)
    assert not matches(parse_query("gas NOT Ukraine"), toks)
    assert matches(parse_query("oil OR gas"), toks)


def test_nesting_and_size_are_bounded_with_one_clear_error() -> None:
    from stenogram.search.query import MAX_QUERY_DEPTH, MAX_QUERY_WORDS

    ok = "(" * MAX_QUERY_DEPTH + "river" + ")" * MAX_QUERY_DEPTH
    assert parse_query(ok) == parse_query("river")
    for bad in (
        "(" * 300 + "river" + ")" * 300,
        " ".join(["river"] * (MAX_QUERY_WORDS + 1)),
        "river " * 1000,
    ):
        with pytest.raises(QueryError):
            parse_query(bad)


def _near_by_every_combination(node: Near, toks: list[str]) -> bool:
    import itertools

    hits = [positions(item, toks) for item in node.items]
    return any(
        (max(b for _, b in c) - min(a for a, _ in c)) - sum(b - a for a, b in c) <= node.distance
        for c in itertools.product(*hits)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=14),
    st.lists(st.sampled_from(["a", "b", "c"]), min_size=2, max_size=4),
    st.integers(min_value=0, max_value=5),
)
def test_near_agrees_with_trying_every_combination(toks: list[str], words: list[str], distance: int) -> None:
    node = Near(tuple(Term(w) for w in words), distance)
    assert matches(node, toks) == _near_by_every_combination(node, toks)


def test_near_of_many_common_words_is_answered() -> None:
    # every combination of 2,000 occurrences of 12 items: this never returned
    node = parse_query("NEAR(" + " ".join(["the"] * 12) + ", 100)")
    toks = ["the", "of", "and"] * 2000
    assert matches(node, toks)
    found = positions(node, toks)
    assert {(3 * i, 3 * i + 1) for i in range(2000)} <= set(found)
    assert all(toks[a] == "the" and toks[b - 1] == "the" for a, b in found)


def test_the_time_limit_covers_the_python_matching_too(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    import time
    from pathlib import Path

    import stenogram
    from stenogram.search import kwic

    from ..conftest import EXAMPLES

    real = kwic.match_spans

    def slow_match_spans(*args: object) -> object:
        time.sleep(0.05)  # as a pathological query on a long turn would
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(kwic, "match_spans", slow_match_spans)
    with stenogram.Corpus(Path(str(tmp_path)) / "c.db") as corpus:
        corpus.ingest([EXAMPLES])
        assert corpus.kwic("the", limit=3)  # within the limit
        corpus.store.query_timeout = 0.1
        with pytest.raises(QueryError, match="longer than"):
            corpus.kwic("the", limit=500)
