"""The public API is small and explicit."""

import types

import stenogram


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name in dir(stenogram)
        if not name.startswith("_")
        and (not isinstance(getattr(stenogram, name), types.ModuleType) or name in stenogram.__all__)
    } - {"annotations"}
    assert set(stenogram.__all__) - {"__version__"} == public


def test_parse_text_returns_events_with_turns(mini_dump: str) -> None:
    events = list(stenogram.parse_text(mini_dump, path="mini_dump.txt"))
    assert [e.title for e in events] == [
        "Meeting with Governor of Northern Region Pavel Ostrov",
        "Vladimir Putin will visit the Northern Region",
    ]
    assert events[0].turns[0].person == "Vladimir Putin"
