"""From paths to parsed documents: read, decode, detect, parse; failures are values."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import sites
from ..errors import StenogramError
from ..model import Event
from ..sources import Failure, RawDocument, Skipped, decode_document, iter_raw
from . import parse_text
from .persons import PersonRegistry

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ParsedDocument:
    """One input document: its decoded text (the original offsets refer to) and events."""

    name: str
    text: str
    encoding: str
    format: str | None
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # events that could not be parsed


def iter_documents(
    paths: list[str | os.PathLike[str]],
    *,
    registry: PersonRegistry | None = None,
) -> Iterator[ParsedDocument | Failure | Skipped]:
    """Parse every document under ``paths``. Unreadable or unknown documents come out as
    ``Failure`` values (one line of reason each) and the walk goes on; files of a folder
    that are never transcripts come out as ``Skipped`` (to be counted)."""
    registry = registry if registry is not None else PersonRegistry()
    for raw in iter_raw(list(paths)):
        if isinstance(raw, Failure):
            log.warning("%s: %s", raw.path, raw.reason)
            yield raw
            continue
        if isinstance(raw, Skipped):
            yield raw
            continue
        yield _parse_raw(raw, registry)


def _parse_raw(raw: RawDocument, registry: PersonRegistry) -> ParsedDocument | Failure:
    try:
        text, encoding = decode_document(raw.data, raw.name)
        events = list(parse_text(text, path=raw.path, member=raw.member, encoding=encoding, registry=registry))
    except StenogramError as exc:
        return Failure(raw.name, exc.reason)
    doc = ParsedDocument(raw.name, text, encoding, events[0].source.format if events else None)
    for ev in events:
        problem = truncation(ev)
        if problem:
            doc.failures.append(Failure(raw.name, f"{problem} (event at offset {ev.source.start})"))
        else:
            doc.events.append(ev)
    return doc


def truncation(ev: Event) -> str | None:
    """Why an event looks cut short, or None: its body may be incomplete, so it is
    reported, not stored. What "complete" means is its format's to say."""
    fmt = sites.format_named(ev.source.format)
    return fmt.truncation(ev) if fmt else None


def iter_events(paths: list[str | os.PathLike[str]], *, registry: PersonRegistry | None = None) -> Iterator[Event]:
    """Every event under ``paths``; failures are logged and skipped."""
    for item in iter_documents(paths, registry=registry):
        if isinstance(item, Failure | Skipped):
            continue
        for failure in item.failures:
            log.warning("%s: %s", failure.path, failure.reason)
        yield from item.events
