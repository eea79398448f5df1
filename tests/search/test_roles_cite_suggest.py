"""Roles merged by meaning, citations, "did you mean", and calendar dates: on words of our own."""

from __future__ import annotations

import pytest

from stenogram.errors import QueryError
from stenogram.search.cite import citation
from stenogram.search.filters import Filters, normalise_date, similar_values
from stenogram.search.roles import merged_roles, role_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russian President", "President of Russia"),
        ("the Prime Minister of Norvania", "Prime Minister of Norvania"),
        ("Chinese Foreign Minister", "Foreign Minister of China"),
        ("french  ambassador", "Ambassador of France"),
    ],
)
def test_forms_of_one_role_have_one_key(a: str, b: str) -> None:
    assert role_key(a) == role_key(b)


def test_different_roles_stay_apart() -> None:
    assert role_key("Russian President") != role_key("Russian Prime Minister")
    assert role_key("Minister of Russian Affairs") == "minister of russian affairs"  # "of" already there


def test_merged_roles_are_shown_as_printed_most_often() -> None:
    merged = merged_roles([("Russian President", 2), ("President of Russia", 40), ("Prime Minister", 3)])
    assert merged == [
        ("President of Russia", 42, ["President of Russia", "Russian President"]),
        ("Prime Minister", 3, ["Prime Minister"]),
    ]


def test_a_citation_names_speaker_event_date_page_and_turn() -> None:
    text = citation(
        speaker="Jane Doe", title="Talks on rivers", date="2026-02-24", url="https://example.org/e/7", turn=2
    )
    assert text == "Jane Doe, “Talks on rivers”, example.org, 24 February 2026, https://example.org/e/7 (turn 3)."
    bare = citation(speaker=None, title=None, date="2026-02", url=None, paragraph=0)
    assert bare == "2026-02 (paragraph 1)."


def test_a_mistyped_value_is_offered_what_it_may_mean() -> None:
    known = ["Foreign policy", "Foreign trade", "Transport", "Ukraine"]
    assert similar_values("Foreign polcy", known)[0] == "Foreign policy"
    assert similar_values("Ukrane", known) == ("Ukraine",)
    assert similar_values("Agriculture", known) == ()


@pytest.mark.parametrize("bad", ["2021-02-29", "2020-13", "2020-00-10", "2020-04-31"])
def test_a_date_off_the_calendar_is_refused(bad: str) -> None:
    with pytest.raises(QueryError, match="no such day"):
        normalise_date(bad)


def test_a_month_ends_on_its_last_day_and_dates_must_be_in_order() -> None:
    assert normalise_date("2024-02", end=True) == "2024-02-29"
    assert normalise_date("2023-02", end=True) == "2023-02-28"
    with pytest.raises(QueryError, match="wrong way round"):
        Filters.build(date_from="2021", date_to="2020")


def test_query_errors_give_the_next_step_in_each_interface_s_words() -> None:
    exc = QueryError("no speaker matches 'Putn'", hint="speakers", suggestions=("Vladimir Putin",))
    assert str(exc) == "no speaker matches 'Putn'; did you mean 'Vladimir Putin'?; list them with: stenogram speakers"
    assert exc.message_for("web").endswith("see the list of people")
    assert "GET /api/v1/persons" in exc.message_for("api")
