"""From paths to parsed documents: read, decode, detect, parse; failures are values."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult

from .. import sites
from ..errors import StenogramError
from ..model import Event
from ..sources import Failure, RawDocument, Skipped, decode_document, iter_raw
from . import parse_structure
from .identity import resolve_speakers
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


# Documents handed to the parsing processes at a time, per process: enough to keep them
# busy, few enough that the pages in flight stay a few MB (the walk never reads ahead more).
WINDOW_PER_JOB = 32
# Windows in flight: more than a write batch (store.ingest.DEFAULT_BATCH, 200 documents), so
# the processes go on parsing while the writer commits a batch (with one window ahead they
# sat idle through every commit).
WINDOWS_AHEAD = 6


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
MAX_AUTO_JOBS = 4  # parsing processes when none are asked for: past 4 the writer is the bottleneck
MIN_PARALLEL_DOCUMENTS = 64  # fewer documents parse faster than processes start


def auto_parse_jobs(documents: int) -> int:
    """Processes to parse ``documents`` with when none is asked for: the cores, up to
    ``MAX_AUTO_JOBS``, for large inputs on Linux (forking is safe there); else 1."""
    if documents < MIN_PARALLEL_DOCUMENTS or not sys.platform.startswith("linux"):
        return 1
    return max(1, min(MAX_AUTO_JOBS, os.cpu_count() or 1))


def iter_documents(
    paths: list[str | os.PathLike[str]],
    *,
    registry: PersonRegistry | None = None,
    jobs: int = 1,
) -> Iterator[ParsedDocument | Failure | Skipped]:
    """Parse every document under ``paths``. Unreadable or unknown documents come out as
    ``Failure`` values (one line of reason each) and the walk goes on; files of a folder
    that are never transcripts come out as ``Skipped`` (to be counted).

    With ``jobs`` > 1 (Linux), pages are decoded and parsed by that many forked
    processes; speakers are still resolved here, one document after another in the order
    of the walk, so the result is the same as with one process."""
    registry = registry if registry is not None else PersonRegistry()
    items = _logged(iter_raw(list(paths)))
    scanned = _scan_in_processes(items, jobs) if jobs > 1 and sys.platform.startswith("linux") else map(_scan, items)
    for item in scanned:
        yield item if isinstance(item, Failure | Skipped) else _resolved(item, registry)


def _logged(items: Iterator[RawDocument | Failure | Skipped]) -> Iterator[RawDocument | Failure | Skipped]:
    """The walk's items, a warning logged for each that could not be read."""
    for raw in items:
        if isinstance(raw, Failure):
            log.warning("%s: %s", raw.path, raw.reason)
        yield raw


@dataclass(slots=True)
class _Scanned:
    """A document decoded and parsed, its speakers not yet resolved."""

    name: str
    text: str
    encoding: str
    events: list[Event]


def _scan(raw: RawDocument | Failure | Skipped) -> _Scanned | Failure | Skipped:
    if isinstance(raw, Failure | Skipped):
        return raw
    try:
        text, encoding = decode_document(raw.data, raw.name)
        events = list(parse_structure(text, path=raw.path, member=raw.member, encoding=encoding))
    except StenogramError as exc:
        return Failure(raw.name, exc.reason)
    return _Scanned(raw.name, text, encoding, events)


def _scan_in_processes(
    items: Iterator[RawDocument | Failure | Skipped], jobs: int
) -> Iterator[_Scanned | Failure | Skipped]:
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_die_with_parent) as pool:

        def submit() -> AsyncResult[list[_Scanned | Failure | Skipped]] | None:
            window = list(islice(items, jobs * WINDOW_PER_JOB))
            return pool.map_async(_scan, window, chunksize=4) if window else None

        pending: deque[AsyncResult[list[_Scanned | Failure | Skipped]]] = deque()
        while True:
            # the processes parse the windows ahead while the writer stores this one
            while len(pending) < WINDOWS_AHEAD and (window := submit()) is not None:
                pending.append(window)
            if not pending:
                return
            yield from pending.popleft().get()


def _parse_raw(raw: RawDocument, registry: PersonRegistry) -> ParsedDocument | Failure:
    """One document read whole: parsed, then its speakers resolved."""
    scanned = _scan(raw)
    if isinstance(scanned, _Scanned):
        return _resolved(scanned, registry)
    # _scan passes Skipped through but never makes one from a raw document
    return scanned if isinstance(scanned, Failure) else Failure(raw.name, "passed over")


def _die_with_parent() -> None:
    """A parsing process ends when the ingest that started it is killed (Linux: else it
    would wait on its task queue for ever)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _resolved(scanned: _Scanned, registry: PersonRegistry) -> ParsedDocument:
    events = scanned.events
    for ev in events:
        resolve_speakers(ev, registry, sites.site_of_format(ev.source.format))
    raw_name, text, encoding = scanned.name, scanned.text, scanned.encoding
    doc = ParsedDocument(raw_name, text, encoding, events[0].source.format if events else None)
    for ev in events:
        problem = truncation(ev)
        if problem:
            doc.failures.append(Failure(raw_name, f"{problem} (event at offset {ev.source.start})"))
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
