"""Where a query matches a text: the regular-expression path gives the spans of the
token path on sentences of our own, with typographic marks, accents and overlaps."""

from __future__ import annotations

import pytest

from stenogram.search import snippets
from stenogram.search.kwic import match_spans, token_spans
from stenogram.search.query import parse_query, positions

TEXTS = [
    "The gas price rose; gas transit fell. Gas-transit talks went on.",
    "“Gas,” he said — “gas transit is over…” Very very very good.",
    "Sanctions, sanctioned, unsanctioned: the sanction list grew in 2020.",
    "The café on Müller-Straße sold oil; oil prices and OIL_PRICES differ.",
    "Mr President, the President of Russia, and Mr. President spoke.",
    "Strasse and straße: the ﬁrst is ASCII, the second folds to two letters.",
    "Ha ha ha, the gas talks: " + "the gas deal, " * 40 + "and then gas transit again.",
    "thesis the other theme; the_the the",
]
QUERIES = [
    "gas",
    "sanction*",
    '"gas transit"',
    '"very very"',
    'oil OR "oil prices"',
    "gas AND transit",
    "president NOT Putin",
    '"Mr President"',
    "2020",
    "strasse",
    "first",
    "NEAR(gas transit, 3)",
    "the",
    '"ha ha"',
    "the*",
]


def _token_path(query: str, text: str) -> list[tuple[int, int]]:
    toks, spans = token_spans(text)
    return [(spans[a][0], spans[b - 1][1]) for a, b in positions(parse_query(query), toks)]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("query", QUERIES)
def test_spans_are_those_of_the_tokens(query: str, text: str) -> None:
    assert match_spans(parse_query(query), text) == _token_path(query, text)


def test_overlapping_phrase_occurrences_are_all_found() -> None:
    text = "It is very very very good."
    spans = match_spans(parse_query('"very very"'), text)
    assert [text[a:b] for a, b in spans] == ["very very", "very very"]


def test_typographic_marks_keep_the_fast_path_and_offsets() -> None:
    text = "“Gas,” he said — gas."
    assert [text[a:b] for a, b in match_spans(parse_query("gas"), text)] == ["Gas", "gas"]


def test_a_prefix_covers_the_whole_token() -> None:
    text = "unsanctioned sanctions"
    assert [text[a:b] for a, b in match_spans(parse_query("sanction*"), text)] == ["sanctions"]


class _Everywhere:
    """Stands in for the non-ASCII test so that every text takes the token path."""

    def search(self, text: str) -> bool:
        return True


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("query", QUERIES)
def test_snippets_and_highlights_are_those_of_the_tokens(
    query: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    node = parse_query(query)
    fast = (snippets.make_snippet(text, node, width=8), snippets.match_spans(text, node))
    monkeypatch.setattr(snippets, "NON_ASCII_WORD_CHAR", _Everywhere())
    assert (snippets.make_snippet(text, node, width=8), snippets.match_spans(text, node)) == fast


def test_a_word_inside_a_longer_token_is_not_a_match() -> None:
    text = "thesis bathe theme the; the_end"  # "_" parts tokens, as in the index
    assert [a for a, _ in match_spans(parse_query("the"), text)] == [text.index("the;"), text.index("the_")]
