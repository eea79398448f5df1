"""en.kremlin.ru, the English website of the President of Russia: events as published
(HTML) and as copied to plain text, its person catalogue, its day listings, its licence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Event, Source
from ..base import Format, Site, TeiMetadata, untitled
from .crawl import BASE_URL, CRAWL, event_id_of_url
from .html import parse_kremlin_html
from .text import parse_kremlin_text

NAME = "kremlin"
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S)
_EVENT_ARTICLE = re.compile(r"<article\b[^>]*\bread__in\b", re.I)
_TEXT_EVENTS = re.compile(r"^\ufeff?(Text version)?Events[ \t]*\r?$", re.M)
_HEAD = 4096  # characters in which an HTML document shows that it is one


def _is_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:_HEAD]))


def _is_event_page(text: str) -> bool:
    return _is_html(text) and bool(_EVENT_ARTICLE.search(text))


def _is_text_dump(text: str) -> bool:
    return not _is_html(text) and bool(_TEXT_EVENTS.search(text))


def _html_near_miss(text: str) -> str | None:
    if _is_html(text):
        return 'HTML page without an en.kremlin.ru event (no <article class="read__in">)'
    return None


def _text_near_miss(text: str) -> str | None:
    if not _is_html(text):
        return "not a Kremlin transcript: no line reading 'Events' that starts an event"
    return None


def _parse_page(text: str, source: Source) -> Iterator[Event]:
    yield parse_kremlin_html(text, source)


def _truncation(ev: Event) -> str | None:
    """A page cut before its footer has no publication status (nor sections)."""
    if ev.title is not None and ev.published is None and not ev.sections:
        return "truncated event: no 'Publication status' footer"
    return untitled(ev)


def person_url(ref: str) -> str:
    return f"{BASE_URL}/catalog/persons/{ref}/events"


SITE = Site(
    name=NAME,
    title="en.kremlin.ru",
    formats=(
        Format(
            "kremlin-html",
            "an en.kremlin.ru event page as published",
            _is_event_page,
            _parse_page,
            rank=2,  # the page as published is the reference: a text copy never replaces it
            markup=True,
            near_miss=_html_near_miss,
            truncation=_truncation,
        ),
        Format(
            "kremlin-text",
            "en.kremlin.ru events copied as plain text",
            _is_text_dump,
            parse_kremlin_text,
            rank=1,
            near_miss=_text_near_miss,
            truncation=_truncation,
        ),
    ),
    tei=TeiMetadata(
        corpus_id="stenogram-kremlin",
        title="Transcripts of en.kremlin.ru events (stenogram export)",
        publisher="Presidential Executive Office of the Russian Federation (en.kremlin.ru)",
        home_url=f"{BASE_URL}/",
        listing_url=f"{BASE_URL}/events/president/news",
        listing_title="President of Russia: Events",
        licence="The text of en.kremlin.ru is available under the Creative Commons Attribution 4.0 licence.",
        country="Russia",
        event_type=("kremlin.event", "Event", "an event of the Russian President published on en.kremlin.ru"),
        person_url=person_url,
    ),
    crawl=CRAWL,
    event_id_of_url=event_id_of_url,
)

__all__ = ["SITE"]
