"""What a source site is to stenogram: its formats, keys, person ids, crawler and TEI header.

A site is one value of ``Site``; its package builds it and the registry (``sites``) finds
it. Nothing outside a site's package knows its name, its formats or its URLs: the parser,
the store, the audit, the crawler and the TEI export ask the registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Event, Source

Parse = Callable[[str, Source], Iterator[Event]]


def _no_hint(text: str) -> str | None:
    return None


def untitled(ev: Event) -> str | None:
    """The least any format asks of an event: a title."""
    return "truncated event: no title" if ev.title is None else None


@dataclass(frozen=True, slots=True)
class Format:
    """One form a site's documents come in: how to tell it, read it and audit it."""

    name: str  # stored with every event it gave (``Source.format``): never rename one
    description: str
    detect: Callable[[str], bool]
    parse: Parse
    # A stored event from a format of higher rank is never replaced by the same event read
    # from one of lower rank (the page as published over a copy of it as text).
    rank: int = 0
    # True: the lossless audit accounts for the text between tags, in order; False: for
    # every character of the document.
    markup: bool = False
    # Why a document that looks like this format's kind (HTML, text) is not one, or None.
    near_miss: Callable[[str], str | None] = _no_hint
    # Why a parsed event looks cut short (it is then reported, not stored), or None.
    truncation: Callable[[Event], str | None] = untitled


@dataclass(frozen=True, slots=True)
class Crawl:
    """How the site is crawled day by day: listings, the event pages they link, politeness."""

    base_url: str
    listing_path: Callable[[dt.date], str]  # the day listing's path
    event_path: Callable[[str], str]  # an event page's path, from its id
    event_ids: Callable[[str, str], list[str]]  # ids linked from a listing (html, its url), in order
    listing_day: Callable[[str], dt.date | None]  # the day of a listing URL; None for any other URL
    rate: float = 1.0  # requests per second, by default
    connections: int = 2  # at most this many at once


@dataclass(frozen=True, slots=True)
class TeiMetadata:
    """What the TEI (ParlaMint) header says of the site's transcripts."""

    corpus_id: str
    title: str
    publisher: str
    home_url: str  # also the fallback of an event without a page URL
    listing_url: str
    listing_title: str  # the title of what the site publishes, as a bibliographic source
    licence: str
    country: str  # where the events take place, as ParlaMint's setting names it
    event_type: tuple[str, str, str]  # TEI taxonomy category: (id, label, description)
    person_url: Callable[[str], str] | None = None  # the site's page of a person, from its ref


@dataclass(frozen=True, slots=True)
class Site:
    """A source of official transcripts (see the module's doc)."""

    name: str  # short and stable: the prefix of its event keys ("NAME:ID") and person ids
    title: str  # as users know it, e.g. a domain
    formats: tuple[Format, ...]
    tei: TeiMetadata
    crawl: Crawl | None = None
    # The site's id of the event a URL of it points at (any scheme, with or without the
    # host, a short link), else None: how users refer to an event they read online.
    event_id_of_url: Callable[[str], str | None] | None = None

    def event_key(self, event_id: str) -> str:
        """The corpus-wide key of an event the site numbers."""
        return f"{self.name}:{event_id}"

    @property
    def person_key_prefix(self) -> str:
        return f"{self.name}-person-"

    def person_key(self, ref: str) -> str:
        """The person id of someone the site identifies by ``ref``."""
        return self.person_key_prefix + ref

    def person_ref(self, key: str) -> str | None:
        """The site's own ref in a person id it gave, else None."""
        return key.removeprefix(self.person_key_prefix) if key.startswith(self.person_key_prefix) else None
