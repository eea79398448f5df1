from stenogram.model import Event
from stenogram.parse import parse_text


def _events(text: str) -> list[Event]:
    return list(parse_text(text, path="mini_dump.txt"))


def test_a_dump_holds_events_back_to_back(mini_dump: str) -> None:
    first, second = _events(mini_dump)
    assert first.source.format == "kremlin-text"
    assert mini_dump[first.source.start : first.source.end].startswith("Events\nMeeting with Governor")
    assert mini_dump[first.source.start : first.source.end].endswith("Text version")
    assert mini_dump[second.source.start : second.source.end].startswith("Events\nVladimir Putin will visit")


def test_header_and_footer_fields(mini_dump: str) -> None:
    ev = _events(mini_dump)[0]
    assert (ev.title, ev.date, ev.time, ev.place) == (
        "Meeting with Governor of Northern Region Pavel Ostrov",
        "2026-03-03",
        "11:30",
        "The Kremlin, Moscow",
    )
    assert ev.lead == "Vladimir Putin met with Governor Pavel Ostrov to discuss the regional road programme."
    assert [c.text for c in ev.captions] == ["Before the meeting with Governor of Northern Region Pavel Ostrov."]
    assert ev.geography == ["Northern Region"]
    assert ev.topics == ["Regions", "Transport"]
    assert ev.persons == ["Ostrov Pavel"]
    assert ev.sections == ["News", "Transcripts"]
    assert ev.published == "2026-03-03T14:00"
    assert ev.id is None and ev.url is None


def test_announcement_takes_the_publication_date(mini_dump: str) -> None:
    ev = _events(mini_dump)[1]
    assert ev.announcement == "Announcement, March 10, 2026"
    assert (ev.date, ev.time, ev.place) == ("2026-03-04", "09:15", None)
    assert ev.sections == ["Announcements"]
    assert ev.turns == []


def test_turns_labels_persons_and_prose_with_colons(mini_dump: str) -> None:
    ev = _events(mini_dump)[0]
    assert [t.speaker for t in ev.turns] == [
        "President of Russia Vladimir Putin",
        "Governor of Northern Region Pavel Ostrov",
        "Vladimir Putin",
        "Pavel Ostrov",
        "Question (retranslated)",
        "Vlaidmir Putin",
    ]
    assert [t.person for t in ev.turns] == [
        "Vladimir Putin",
        "Pavel Ostrov",
        "Vladimir Putin",
        "Pavel Ostrov",
        None,
        "Vladimir Putin",
    ]
    assert ev.turns[1].role == "Governor of Northern Region"
    assert ev.turns[4].note == "retranslated"
    # The salutation stays inside the President's turn; the omission ends the Governor's.
    assert ev.turns[0].text == "Mr Ostrov, colleagues,\nFriends,\nLet us begin with the roads."
    assert ev.turns[1].text == "Mr President, we have built 412 kilometres this year.\n<…>"
    narrative = [p.text for p in ev.paragraphs if p.kind == "narrative"]
    assert narrative[0].startswith("Taking part in the meeting were Deputy Prime Minister Irina Lesnaya, Transport")
    assert "The statement reads, in part:" in narrative


def test_offsets_point_at_the_original(mini_dump: str) -> None:
    ev = _events(mini_dump)[0]
    broken = ev.turns[1]
    assert mini_dump[broken.label_start : broken.label_end] == "Governor of Northern Region Pavel Ostrov\n:"
    assert mini_dump[broken.start : broken.end].endswith("<…>")
    title = ev.spans["title"]
    assert mini_dump[title[0] : title[1]] == ev.title


def test_crlf_and_bom_keep_offsets_exact(mini_dump: str) -> None:
    text = "\ufeff" + mini_dump.replace("\n", "\r\n")
    ev = next(parse_text(text, path="crlf.txt"))
    assert len(ev.turns) == 6
    turn = ev.turns[3]
    assert text[turn.label_start : turn.label_end] == "Pavel Ostrov:"
    assert text[turn.start : turn.end] == "Pavel Ostrov: Nine bridges are ready."
