"""An article's quotations to check: one function for the CLI, the HTTP API and the web
page, on an article we wrote."""

from __future__ import annotations

import stenogram
from stenogram.parse.news import read_article
from stenogram.verify.claims import article_claims

ARTICLE = (
    "Talks in Moscow\n"
    "Russian President Vladimir Putin met the governors on Tuesday.\n"
    '"Our countries share a long river border, and for most of the year that river is a road," the President said.\n'
    '"The plan will not work," officials said.\n'
    'Putin said the ships would be "ready well before the spring of next year."\n'
)


def test_claims_carry_the_resolved_person_the_date_and_the_paragraph() -> None:
    article = read_article(ARTICLE, path="a.txt", date="2026-02-25")
    claims = article_claims(article)
    by_text = {c.quote: c for c in claims}
    first = by_text["Our countries share a long river border, and for most of the year that river is a road"]
    assert (first.claimed_speaker, first.article_speaker, first.date) == (
        "Vladimir Putin",
        "the President",
        "2026-02-25",
    )
    assert first.context.startswith('"Our countries') and first.id == "a.txt#0"
    unnamed = by_text["The plan will not work"]
    assert (unnamed.claimed_speaker, unnamed.article_speaker) == (None, "officials")  # no one to misattribute
    # words quoted at the end of reported speech are checked too, by their speaker
    assert any(
        c.quote.startswith("ready well before the spring") and c.claimed_speaker == "Vladimir Putin" for c in claims
    )


def test_check_article_says_who_said_it_in_the_article_and_in_the_transcript(
    example_corpus: stenogram.Corpus,
) -> None:
    article = read_article(ARTICLE, path="a.txt", date="2026-02-25")
    results = example_corpus.check_article(article, semantic=False)
    assert [r.id for r in results] == [c.id for c in article_claims(article)]
    border = results[0]
    assert border.article_speaker == "the President" and border.claimed_speaker == "Vladimir Putin"
    assert border.verdict in ("VERBATIM", "CLOSE") and border.source and border.source["person"] == "Vladimir Putin"
    assert border.to_dict()["article_speaker"] == "the President"
