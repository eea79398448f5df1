from stenogram.parse import parse_text


def test_metadata(mini_page: str) -> None:
    ev = next(parse_text(mini_page, path="mini_page.html"))
    assert ev.source.format == "kremlin-html"
    assert (ev.id, ev.url) == ("99001", "http://en.kremlin.ru/events/president/news/99001")
    assert ev.title == "Talks with President of Freedonia Rufus Firefly"
    assert ev.lead == "The talks focused on trade & grain."
    assert (ev.date, ev.time, ev.place) == ("2026-02-14", "15:05", "Sochi")
    assert (ev.geography, ev.topics, ev.persons) == (["Freedonia"], ["Foreign policy"], ["Firefly Rufus"])
    assert ev.sections == ["News", "Transcripts"]
    assert ev.published == "2026-02-14T15:05"
    assert [c.text for c in ev.captions] == [
        "With President of Freedonia Rufus Firefly. Photo: TASS",
        "During the talks.",
    ]


def test_labels_in_their_markup_variants(mini_page: str) -> None:
    ev = next(parse_text(mini_page, path="mini_page.html"))
    assert [t.speaker for t in ev.turns] == [
        "President of Russia Vladimir Putin",  # line break inside <b>
        "President of Freedonia Rufus Firefly (retranslated)",  # link + tooltip in <b>, note outside
        "Question",  # <b>Question</b>:
        "Vladimir Putin",
    ]
    assert ev.turns[1].person == "Rufus Firefly"
    assert ev.turns[1].note == "retranslated"


def test_tooltips_are_not_speech_and_see_also_is_not_speech(mini_page: str) -> None:
    ev = next(parse_text(mini_page, path="mini_page.html"))
    first, second = ev.turns[0], ev.turns[1]
    assert first.text == "Mr President, friends,\nWelcome to Sochi. We signed the GRAIN accord."
    assert "Hidden glossary text" not in first.text
    # The "See also" box sits inside the turn without ending it.
    assert second.text == "Thank you, Mr Putin.\nWe export 20th-century machines."
    assert [p.kind for p in ev.paragraphs].count("see_also") == 1


def test_a_bold_notice_is_not_a_label_and_omissions_stay_in_the_turn(mini_page: str) -> None:
    ev = next(parse_text(mini_page, path="mini_page.html"))
    last = ev.turns[-1]
    assert last.text == "It will grow. (Laughter.)\n<…>\nContact telephone numbers: +7 000 000."


def test_offsets_point_into_the_markup(mini_page: str) -> None:
    ev = next(parse_text(mini_page, path="mini_page.html"))
    turn = ev.turns[0]
    assert mini_page[turn.label_start : turn.label_end] == "President of Russia\nVladimir Putin:"
    assert mini_page[turn.label_start - 3 : turn.label_start] == "<b>"
    a, b = ev.spans["title"]
    assert mini_page[a:b] == ev.title
