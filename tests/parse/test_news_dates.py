"""An article's date read from its date line, as news pages print it."""

from __future__ import annotations

import pytest

from stenogram.parse.dates import parse_news_date
from stenogram.parse.news import read_article


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("March 17, 2020", "2020-03-17"),
        ("17 March 2020", "2020-03-17"),
        ("2020-03-17", "2020-03-17"),
        ("Published: Tuesday, March 17, 2020 10:05 GMT", "2020-03-17"),
        ("Updated 9 May 2025, 14:30", "2025-05-09"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("Mar 3, 2021 at 5:30 p.m. EST", "2021-03-03"),
        ("February 30, 2020", None),  # not on the calendar
        ("Mayday 2020", None),
        ("The talks resumed on March 17, 2020", None),  # a sentence, not a date line
        ("Marching 3, 2020", None),
    ],
)
def test_a_date_line_is_read_and_nothing_else(line: str, date: str | None) -> None:
    assert parse_news_date(line) == date


def test_a_plain_text_article_takes_the_date_under_its_headline() -> None:
    text = "Talks stall\n\nBy Anna Smith\n\nMay 9, 2025\n\nThe talks stalled, Orlov said.\n"
    assert read_article(text).date == "2025-05-09"


def test_a_date_line_deep_in_the_story_is_not_the_articles() -> None:
    story = "".join(f"Paragraph {n} of the story, which goes on.\n\n" for n in range(6))
    text = "Talks stall\n\n" + story + "March 3, 2019\n\nThe first round began.\n"
    assert read_article(text).date is None


def test_a_date_given_overrides_the_date_line() -> None:
    assert read_article("Talks stall\n\nMay 9, 2025\n\nIt stalled.\n", date="2025-05-10").date == "2025-05-10"
