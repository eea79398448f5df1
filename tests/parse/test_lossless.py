from stenogram.model import Span
from stenogram.parse import parse_text
from stenogram.parse.lossless import check_event, lost_text


def test_fixtures_lose_nothing(mini_dump: str, mini_page: str) -> None:
    for text, name in ((mini_dump, "d.txt"), (mini_page, "p.html")):
        for ev in parse_text(text, path=name):
            assert check_event(text, ev) == []


def test_a_dropped_paragraph_is_detected(mini_dump: str) -> None:
    ev = next(parse_text(mini_dump, path="d.txt"))
    gone = ev.paragraphs.pop(7)
    ev.turns = []  # the turn spans would still cover it
    lost = lost_text(mini_dump, ev)
    assert lost and lost[0][0] >= gone.start
    assert any("not accounted for" in p for p in check_event(mini_dump, ev))


def test_unknown_lines_go_to_the_remainder_not_away() -> None:
    text = (
        "Events\nTitle of the event\nJanuary 5, 2026\n10:00\nMoscow\nBody line.\nTopics\nRegions\n"
        "Publication status\nPublished in sections: News\nSomething unexpected here\n"
        "Publication date: January 5, 2026, 10:00\nText version\n"
    )
    ev = next(parse_text(text, path="x.txt"))
    assert check_event(text, ev) == []
    assert [r.text for r in ev.remainder] == ["Something unexpected here"]
    assert isinstance(ev.remainder[0], Span)


def test_altered_derived_text_is_detected(mini_dump: str) -> None:
    ev = next(parse_text(mini_dump, path="d.txt"))
    ev.paragraphs[6].text = "Let us begin with the bridges."
    assert any("differs from its source" in p for p in check_event(mini_dump, ev))
