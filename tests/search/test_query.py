import pytest

from stenogram.errors import QueryError
from stenogram.search.query import literal, matches, parse_query, to_fts5, tokens


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
