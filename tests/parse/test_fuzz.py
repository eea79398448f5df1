"""Mutated pages and dumps never crash the parsers, never hang, and lose nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stenogram.errors import StenogramError
from stenogram.parse import parse_text
from stenogram.parse.lossless import check_event
from stenogram.parse.persons import PersonRegistry

from ..conftest import FIXTURES

DUMP = (FIXTURES / "mini_dump.txt").read_text(encoding="utf-8")
PAGE = (FIXTURES / "mini_page.html").read_text(encoding="utf-8")
NOISE = st.lists(
    st.sampled_from([*"<>/:\"'=*…\n\r\t ,.()abcQ", "<b>", "</b>", "<p>", "</p>", "Events\n", "&lt;"]),
    max_size=40,
).map("".join)


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    text = base
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(NOISE) + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i]
    return text


def _parse_all(text: str) -> None:
    try:
        events = list(parse_text(text, path="fuzz", registry=PersonRegistry()))
    except StenogramError:
        return
    for ev in events:
        assert check_event(text, ev) == []


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(DUMP))
def test_mutated_dumps(text: str) -> None:
    _parse_all(text)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(PAGE))
def test_mutated_pages(text: str) -> None:
    _parse_all(text)


@settings(max_examples=100, deadline=2000)
@given(st.text(max_size=500))
def test_arbitrary_text(text: str) -> None:
    _parse_all("Events\n" + text)


def test_pathological_pages_finish() -> None:
    head = PAGE[: PAGE.index('<div class="entry-content')]
    for body in (
        "<div>" * 50_000,
        "</span>" * 50_000,
        '<a href="' * 20_000,
        "<" * 100_000,
        "<b>Label:</b>" * 20_000,
    ):
        _parse_all(head + '<div class="entry-content">' + body)


def test_pathological_dumps_finish() -> None:
    for body in ("Events\n" * 20_000, ("Name Surname: x\n" * 20_000), (":" * 100_000), ("a\n" * 100_000)):
        _parse_all("Events\nTitle\nJanuary 1, 2026\n" + body)
