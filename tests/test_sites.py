"""Sites are plug-ins: a site of our own, added through the entry point group, is parsed,
audited, stored, searched and identified without any change outside its definition; and no
module outside a site's package names a site."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stenogram import Corpus, sites
from stenogram.model import Event, Paragraph, Source, Turn
from stenogram.parse import parse_text
from stenogram.parse.lossless import check_event

SRC = Path(__file__).resolve().parent.parent / "src" / "stenogram"
_LINE = re.compile(
    r"^(?P<label>(?P<role>Chair|Member) (?P<name>[A-Z]\w+ [A-Z]\w+))(?: \[(?P<ref>\d+)\])?: (?P<text>.+)$"
)

MINUTES = """MINUTES 17
Title: Harbour council meeting
Date: 2026-03-01
Chair Anna Berg [5]: We open the meeting on the new harbour crane.
Member Olav Lind: The crane will be delivered in May.
Chair Anna Berg: Thank you, the meeting is closed.
"""


def _parse_minutes(text: str, source: Source) -> Iterator[Event]:
    """A toy format: a header, then one line per turn, "ROLE NAME [REF]: TEXT"."""
    source.start, source.end = 0, len(text.rstrip("\n"))
    ev = Event(source=source, id=text.split("\n", 1)[0].split()[1])
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if line.startswith("Title: "):
            ev.title, ev.spans["title"] = line[7:], (start + 7, start + len(line))
            ev.furniture.append((start, start + 6))
        elif line.startswith("Date: "):
            ev.date, ev.spans["date"] = line[6:], (start + 6, start + len(line))
            ev.furniture.append((start, start + 5))
        elif line.startswith("MINUTES "):
            ev.furniture.append((start, start + len(line)))
        elif m := _LINE.match(line):
            a = start + m.start("text")
            ev.paragraphs.append(Paragraph("speech", m["text"], a, start + len(line), len(ev.turns)))
            turn = Turn(
                m["label"], None, None, None, m["text"], start, start + len(line), start, start + m.end("label")
            )
            turn.site_ref = m["ref"]
            ev.turns.append(turn)
    yield ev


MINUTES_SITE = sites.Site(
    name="harbourtown",
    title="harbourtown.example",
    formats=(
        sites.Format(
            "harbourtown-minutes",
            "Harbourtown council minutes",
            lambda text: text.startswith("MINUTES "),
            _parse_minutes,
        ),
    ),
    tei=sites.TeiMetadata(
        corpus_id="stenogram-harbourtown",
        title="Harbourtown council minutes",
        publisher="Harbourtown council",
        home_url="https://harbourtown.example/",
        listing_url="https://harbourtown.example/minutes",
        listing_title="Minutes",
        licence="Public domain.",
        country="Norvania",
        event_type=("harbourtown.meeting", "Meeting", "a council meeting"),
    ),
)


class _EntryPoint:
    def __init__(self, name: str, value: Any) -> None:
        self.name, self.value = name, value

    def load(self) -> Any:
        if isinstance(self.value, Exception):
            raise self.value
        return self.value


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    points = [_EntryPoint("harbourtown", MINUTES_SITE), _EntryPoint("broken", ImportError("no module named x"))]
    monkeypatch.setattr(sites, "entry_points", lambda group: points if group == sites.ENTRY_POINT_GROUP else [])
    sites.refresh()
    yield
    monkeypatch.undo()
    sites.refresh()


def test_the_built_in_site_is_found_without_entry_points() -> None:
    assert [s.name for s in sites.all_sites()] == ["kremlin"]
    assert sites.format_named("kremlin-html") is not None
    assert sites.format_rank("kremlin-html") > sites.format_rank("kremlin-text")


def test_a_plugin_site_is_registered_and_a_broken_one_left_out(plugin: None, caplog: pytest.LogCaptureFixture) -> None:
    names = [s.name for s in sites.all_sites()]
    assert "harbourtown" in names and "kremlin" in names and "broken" not in names
    assert sites.detect(MINUTES) is sites.format_named("harbourtown-minutes")


def test_a_plugin_site_is_parsed_audited_and_identified(plugin: None) -> None:
    [ev] = parse_text(MINUTES, path="m.txt")
    assert ev.source.format == "harbourtown-minutes"
    assert [t.person for t in ev.turns] == ["Anna Berg", "Olav Lind", "Anna Berg"]
    # the site's ref becomes its person id; the later bare mention is the same person
    assert ev.turns[0].person_id == "harbourtown-person-5" == ev.turns[2].person_id
    assert ev.turns[1].person_id == "olav-lind"
    assert check_event(MINUTES, ev) == []


def test_a_plugin_site_is_stored_under_its_own_keys(plugin: None, tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text(MINUTES, encoding="utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([tmp_path / "m.txt"])
        assert report.new == 1
        [hit] = corpus.search("crane delivered")
        assert hit.person == "Olav Lind"
        stored = corpus.event("harbourtown:17")  # the site's event key
        assert stored is not None and stored.title == "Harbour council meeting"
        assert {s.person_id for s in corpus.speakers()} == {"harbourtown-person-5", "olav-lind"}
        assert corpus.ingest([tmp_path / "m.txt"]).unchanged == 1


def _site_words() -> dict[str, re.Pattern[str]]:
    """For each site, a pattern of the words that name it: its name, title, formats, host."""
    found = {}
    for site in sites.all_sites():
        words = {site.name, site.title, *(f.name for f in site.formats)}
        if site.crawl:
            words.add(re.sub(r"^\w+://", "", site.crawl.base_url).split("/")[0])
        found[site.name] = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b", re.I)
    return found


def test_no_module_outside_a_site_package_names_a_site() -> None:
    offenders = []
    for name, pattern in _site_words().items():
        own = SRC / "sites" / name
        for path in SRC.rglob("*.py"):
            if own in path.parents:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()[:80]}")
    assert offenders == []
