"""Who spoke: site ids from HTML, namesakes told apart by role, context within an event."""

from __future__ import annotations

from stenogram.parse import parse_text
from stenogram.parse.persons import PersonRegistry

PAGE = """<!doctype html><html><head><meta property="og:url" content="http://en.kremlin.ru/events/president/news/{id}"/>
</head><body><article class="read__in hentry h-entry" id="event-{id}">
<h1 class="entry-title p-name">Meeting {id}</h1>
<div class="read__meta"><time class="read__published" datetime="2026-01-1{d}">January 1{d}, 2026</time></div>
<div class="entry-content e-content read__internal_content">
<p><b>{role} <a href="http://en.kremlin.ru/catalog/persons/{ref}/events" class="person_tag read__tag">Dmitry
 Peskov<span class="read__tooltip tooltip_person hidden masha-ignore"><span class="tooltip_title">Peskov Dmitry</span>
 </span></a>:</b> Good afternoon.</p>
<p><b>Dmitry Peskov:</b> One more thing.</p>
<div class="read__bottommeta hidden-copy"><div class="read__tags masha-ignore">
<div class="read__tagscol"><h3>Persons</h3><ul class="read__taglist">
<li><a href="http://en.kremlin.ru/catalog/persons/{ref}/events" rel="tag">Peskov Dmitry</a></li></ul>
</div></div><div class="read__status masha-ignore"><p>Published in sections: <a href="#">News</a></p>
<p>Publication date: <time datetime="2026-01-1{d}">January 1{d}, 2026, 10:00</time></p></div></div>
</div></article></body></html>"""

PRESS = "Presidential Press Secretary"
DIGITAL = "Special Presidential Representative for Digital and Technological Development"


def _dump(role: str) -> str:
    return (
        f"Events\nTalk\nJanuary 20, 2026\n10:00\n{role} Dmitry Peskov: Hello.\nDmitry Peskov: Again.\n"
        "Publication status\nPublished in sections: News\nPublication date: January 20, 2026, 10:00\nText version"
    )


def test_site_ids_tell_namesakes_apart_and_carry_over_to_text() -> None:
    registry = PersonRegistry()
    press = next(parse_text(PAGE.format(id=1, d=1, role=PRESS, ref=111), path="a.html", registry=registry))
    digital = next(parse_text(PAGE.format(id=2, d=2, role=DIGITAL, ref=222), path="b.html", registry=registry))
    assert [t.person_id for t in press.turns] == ["kremlin-person-111"] * 2
    assert [t.person_id for t in digital.turns] == ["kremlin-person-222"] * 2
    assert {t.person for t in press.turns + digital.turns} == {"Dmitry Peskov"}
    # Text dumps carry no ids: the role printed in the label picks the namesake, and a
    # later bare label in the same event is the same person.
    text_digital = next(parse_text(_dump(DIGITAL), path="c.txt", registry=registry))
    assert [t.person_id for t in text_digital.turns] == ["kremlin-person-222"] * 2
    text_press = next(parse_text(_dump("Press Secretary"), path="d.txt", registry=registry))
    assert [t.person_id for t in text_press.turns] == ["kremlin-person-111"] * 2


def test_without_site_ids_an_ambiguous_name_is_not_guessed() -> None:
    registry = PersonRegistry()
    for i, (role, ref) in enumerate(((PRESS, 111), (DIGITAL, 222))):
        next(parse_text(PAGE.format(id=i, d=i, role=role, ref=ref), path=f"{i}.html", registry=registry))
    bare = next(
        parse_text(
            _dump("Moderator").replace("Moderator Dmitry Peskov", "Dmitry Peskov"), path="e.txt", registry=registry
        )
    )
    assert [t.person_id for t in bare.turns] == ["dmitry-peskov"] * 2
