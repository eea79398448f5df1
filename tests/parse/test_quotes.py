"""Quotation extraction and attribution on constructions we write ourselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stenogram.parse.quotes import Quote, extract_quotes

from ..conftest import SHARED


def _only(text: str, kind: str | None = None) -> list[Quote]:
    return [q for q in extract_quotes(text) if kind is None or q.kind == kind]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert q.start < q.end
        for a, b in q.parts:
            assert text[a:b].strip() and text[a:b].strip(" ,") in q.text


def test_typographic_marks_and_named_cue_after() -> None:
    text = "Talks ended late.\n“We have agreed on the main points of the deal,” Maria Zakharova said.\n"
    (q,) = _only(text)
    assert (q.text, q.kind, q.person, q.cue) == (
        "We have agreed on the main points of the deal",
        "direct",
        "Maria Zakharova",
        "Maria Zakharova said",
    )
    assert text[q.start : q.end] == q.text
    _check_offsets(text, [q])


def test_guillemets_with_nested_quotes_are_one_quotation() -> None:
    text = "«The so-called „peace plan“ is not a plan at all», said Sergei Lavrov.\n"
    (q,) = _only(text)
    assert q.text == "The so-called „peace plan“ is not a plan at all"
    assert q.person == "Sergei Lavrov"


def test_interrupted_quotation_is_one_in_two_parts() -> None:
    text = 'Dmitry Peskov spoke to reporters.\n"We will," he said, "certainly respond to this step."\n'
    (q,) = _only(text)
    assert q.text == "We will certainly respond to this step."
    assert len(q.parts) == 2 and q.person == "Dmitry Peskov" and q.cue == "he said"
    _check_offsets(text, [q])


def test_quotation_over_several_paragraphs() -> None:
    text = (
        "Russian President Vladimir Putin addressed the forum.\n"
        "“The first task is to build roads where people need them.\n"
        "“The second task is to keep the prices of fuel under control,” the President said.\n"
    )
    (q,) = _only(text)
    assert q.text.startswith("The first task") and q.text.endswith("under control")
    assert len(q.parts) == 2 and q.person == "Vladimir Putin" and q.speaker == "the President"


def test_dash_led_paragraphs_close_with_quote_comma_or_dash() -> None:
    text = (
        "Governor Anna Belova met the workers.\n"
        "- We will open the plant - with or without the new credit line - by the spring, - she stressed.\n"
        "— Everything is ready for the winter,” the Governor added.\n"
    )
    first, second = _only(text)
    assert first.text == "We will open the plant - with or without the new credit line - by the spring"
    assert (first.person, first.speaker) == ("Anna Belova", "she")
    assert second.text == "Everything is ready for the winter" and second.person == "Anna Belova"


def test_partial_quotation_takes_the_subject_of_the_sentence() -> None:
    text = 'Finance Minister Anton Siluanov said the budget would stay "balanced and responsible in every respect".\n'
    (reported,) = _only(text, "indirect")
    assert reported.text.startswith("the budget would stay") and len(reported.quoted) == 1
    (q,) = _only(text, "partial")
    assert (q.kind, q.text, q.person) == ("partial", "balanced and responsible in every respect", "Anton Siluanov")


def test_titles_names_and_scare_quotes_are_not_quotations() -> None:
    text = 'According to "Izvestia", the "Nord Stream" project and the "Russian Railways" company were discussed.\n'
    assert [q for q in extract_quotes(text) if q.kind != "indirect"] == []


def test_an_unbalanced_mark_does_not_swallow_the_article() -> None:
    text = (
        'Sergei Lavrov said that the talks were "useful and frank.\n'
        'Later, "We are ready to continue," Sergei Lavrov said.\n'
    )
    quotes = _only(text)
    assert any(q.text == "We are ready to continue" and q.person == "Sergei Lavrov" for q in quotes)
    for q in quotes:
        assert "\n" not in text[q.start : q.end] or len(q.parts) > 1


def test_pronouns_follow_the_latest_speaker_and_roles_the_introduced_person() -> None:
    text = (
        "Speaker of the State Duma Vyacheslav Volodin opened the session.\n"
        '"Parliament has done its part of the work," said Vyacheslav Volodin.\n'
        '"Now the regions must act quickly," he added.\n'
        '"This law protects the citizens of our country," the Speaker said.\n'
    )
    quotes = _only(text)
    assert [q.person for q in quotes] == ["Vyacheslav Volodin"] * 3
    assert [q.speaker for q in quotes] == ["Vyacheslav Volodin", "he", "the Speaker"]


def test_unresolvable_speakers_are_left_empty() -> None:
    text = '"We will see what happens next week in the markets," he said.\n'
    (q,) = _only(text)
    assert (q.speaker, q.person, q.confidence) == ("he", None, 0.0)


def test_reported_speech_is_indirect() -> None:
    text = (
        "Vladimir Putin met the governors.\n"
        "According to him, the regions need more money for schools. "
        "Salaries must grow faster than prices, the President believes.\n"
    )
    quotes = _only(text, "indirect")
    # No one was introduced as President: "the President" is the person the article is about.
    assert [(q.text, q.speaker, q.person) for q in quotes] == [
        ("the regions need more money for schools", "him", "Vladimir Putin"),
        ("Salaries must grow faster than prices", "the President", "Vladimir Putin"),
    ]
    assert quotes[1].confidence < quotes[0].confidence


SEED_GOLD = SHARED / "eval" / "quotes_extract_dev.jsonl"


@pytest.mark.shared
def test_seed_article_quotations_speakers_and_spans() -> None:
    if not SEED_GOLD.exists():
        pytest.skip("../shared/eval is absent")
    record = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    text = (SHARED / record["file"]).read_text(encoding="utf-8")
    found = {(q.start, q.end): q for q in extract_quotes(text) if q.kind != "indirect"}
    for gold in record["quotes"]:
        q = found.get((gold["start"], gold["end"]))
        assert q is not None, gold["text"][:60]
        assert (q.kind, q.text, q.person) == (gold["kind"], gold["text"], gold["speaker"])
    assert len(found) == len(record["quotes"])
    assert Path(SHARED / record["file"]).exists()


@pytest.mark.parametrize("seed", range(3))
def test_quotes_fuzz_offsets_stay_inside_and_nothing_hangs(seed: int) -> None:
    import random

    rng = random.Random(seed)
    pieces = [
        '"',
        "“",
        "”",
        "«",
        "»",
        "‘",
        "’",
        "- ",
        ", - ",
        '," he said.',
        " said Anna Belova",
        "\n",
        "According to him, ",
        "the President noted",
        "Vladimir Putin",
        " words and more words ",
        ".",
        ",",
    ]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        for q in extract_quotes(text):
            assert 0 <= q.start <= q.end <= len(text)
            assert all(0 <= a <= b <= len(text) for a, b in q.parts)


@pytest.mark.parametrize(
    ("text", "quote", "person"),
    [
        (
            '"We are not going to comment on this decision," Kremlin spokesman Dmitry Peskov told reporters '
            "on Tuesday.\n",
            "We are not going to comment on this decision",
            "Dmitry Peskov",
        ),
        (
            "Sergei Shoigu visited the plant.\n"
            '"The orders will be delivered on time," Shoigu was quoted as saying by TASS.\n',
            "The orders will be delivered on time",
            "Sergei Shoigu",
        ),
        (
            'Vladimir Putin held a meeting.\n"We will never give up our interests," said Putin, who spoke in Sochi.\n',
            "We will never give up our interests",
            "Vladimir Putin",
        ),
        (
            "Maria Zakharova briefed the press.\nZakharova: ‘This is a provocation and nothing else.’\n",
            "This is a provocation and nothing else.",
            "Maria Zakharova",
        ),
    ],
)
def test_news_agency_styles(text: str, quote: str, person: str) -> None:
    found = [q for q in extract_quotes(text) if q.kind != "indirect"]
    assert [(q.text, q.person) for q in found] == [(quote, person)]


def test_according_to_a_named_person() -> None:
    text = "Dmitry Peskov spoke after the call.\nAccording to Peskov, the talks will continue next week.\n"
    (q,) = _only(text, "indirect")
    assert (q.text, q.speaker, q.person) == ("the talks will continue next week", "Peskov", "Dmitry Peskov")
