"""The shipped sample corpus parses as its hand-written expectations say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stenogram

from .conftest import ROOT

EXAMPLES = ROOT / "examples" / "kremlin"
EXPECTED = {k: v for k, v in json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8")).items() if "|" in k}


def _parsed() -> dict[str, stenogram.Event]:
    out = {}
    for ev in stenogram.parse_files([EXAMPLES]):
        rel = Path(ev.source.path).relative_to(EXAMPLES).as_posix()
        out[f"{rel} | {ev.title}"] = ev
    return out


PARSED = _parsed()


def test_every_expected_event_is_parsed() -> None:
    assert sorted(PARSED) == sorted(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_event_matches_expectations(key: str) -> None:
    want, ev = EXPECTED[key], PARSED[key]
    got = {
        "date": ev.date,
        "time": ev.time,
        "place": ev.place,
        "announcement": ev.announcement,
        "sections": ev.sections,
        "geography": ev.geography,
        "topics": ev.topics,
        "tag_persons": ev.persons,
        "turns": len(ev.turns),
        "speakers": [t.speaker for t in ev.turns],
        "persons": [t.person for t in ev.turns],
        "roles": [t.role for t in ev.turns],
        "notes": [t.note for t in ev.turns],
    }
    assert got == {k: want[k] for k in got}
    for turn, start in zip(ev.turns, want["text_starts"], strict=True):
        assert turn.text.startswith(start)
