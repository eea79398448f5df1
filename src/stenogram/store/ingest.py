"""Ingest documents into a store: idempotent, transactional per batch of documents.

Identity of an event: the site's id when the page carries one; else an event already
stored with the same date and title; else a hash of its content. Re-ingesting an
unchanged event does nothing; a changed one is replaced in place. A batch of documents
commits as one transaction, so an interrupted ingest (Ctrl-C, ``kill -9``) leaves every
batch either wholly stored or not at all, and re-running completes the job.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import sites
from ..model import Event
from ..parse.documents import ParsedDocument, iter_documents
from ..parse.persons import PersonRegistry
from ..sources import Failure, Skipped
from .protocols import EventWriter

log = logging.getLogger(__name__)
DEFAULT_BATCH = 200
HASH_CHARS = 32  # 128 bits of SHA-256: ample to tell versions apart, half the bytes


@dataclass(slots=True)
class IngestReport:
    """What an ingest did."""

    documents: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files of a folder that are never transcripts
    seconds: float = 0.0

    @property
    def events(self) -> int:
        return self.new + self.updated + self.unchanged

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"path": f.path, "reason": f.reason} for f in self.failed],
            "skipped": [{"path": f.path, "reason": f.reason} for f in self.skipped],
            "seconds": round(self.seconds, 3),
        }


def content_hash(ev: Event) -> str:
    """A hash of everything parsed from the event except where the file lies and the
    person ids (identity is settled corpus-wide: ``EventWriter.reconcile_persons``)."""
    record = ev.to_dict()
    record.pop("source")
    for turn in record["turns"]:
        turn.pop("person_id")
    data = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS]


def registry_from_store(store: EventWriter) -> PersonRegistry:
    """Persons already in the corpus, so that new documents resolve to the same ids."""
    registry = PersonRegistry()
    for key, name, role in store.person_roles():
        registry.learn_name(name)
        if sites.person_ref(key) is not None:
            registry.learn_ref(name, key, role)
    return registry


def ingest(
    store: EventWriter,
    paths: list[str | os.PathLike[str]],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[ParsedDocument | Failure | Skipped], None] | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Parse (with ``jobs`` processes) and store everything under ``paths``, in order, a
    transaction per ``batch_size`` documents."""
    report = IngestReport()
    started = time.perf_counter()
    batch: list[ParsedDocument] = []
    for item in iter_documents(paths, registry=registry_from_store(store), jobs=jobs):
        if progress:
            progress(item)
        if isinstance(item, Failure):
            report.failed.append(item)
            continue
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        report.failed.extend(item.failures)
        batch.append(item)
        if len(batch) >= batch_size:
            _write_batch(store, batch, report)
            batch = []
    if batch:
        _write_batch(store, batch, report)
    report.seconds = time.perf_counter() - started
    return report


def _write_batch(store: EventWriter, batch: list[ParsedDocument], report: IngestReport) -> None:
    with store.transaction():
        for doc in batch:
            report.documents += 1
            if not doc.events:
                continue
            data = doc.text.encode("utf-8")
            first = doc.events[0].source
            doc_id = store.put_document(
                first.path,
                first.member,
                first.format,
                doc.encoding,
                hashlib.sha256(data).hexdigest()[:HASH_CHARS],
                len(data),
            )
            for ev in doc.events:
                status = _write_event(store, ev, doc_id)
                setattr(report, status, getattr(report, status) + 1)
        store.reconcile_persons(sites.person_key_prefixes())
    log.info("committed a batch of %d documents", len(batch))


def _write_event(store: EventWriter, ev: Event, doc_id: int) -> str:
    digest = content_hash(ev)
    key, existing = _identity(store, ev, digest)
    if existing is None:
        store.write_event(ev, key, digest, doc_id, None)
        return "new"
    event_id, old_hash, old_format = existing
    if old_hash == digest or sites.format_rank(old_format) > sites.format_rank(ev.source.format):
        return "unchanged"  # never replace a page as published with a copy of it as text
    store.write_event(ev, key, digest, doc_id, event_id)
    return "updated"


def _identity(store: EventWriter, ev: Event, digest: str) -> tuple[str, tuple[int, str, str] | None]:
    if ev.id:
        site = sites.site_of_format(ev.source.format)
        key = site.event_key(ev.id) if site else f"{ev.source.format}:{ev.id}"
        found = store.find_event(key)
        if found:
            return key, found
        same = [e for e in store.find_events_by_title(ev.date, ev.title) if e[1].startswith("hash:")]
        if len(same) == 1:  # stored before from a text copy: the page takes its place
            return key, (same[0][0], same[0][2], same[0][3])
        return key, None
    same = store.find_events_by_title(ev.date, ev.title)
    if len(same) == 1:
        return same[0][1], (same[0][0], same[0][2], same[0][3])
    key = f"hash:{digest[:32]}"
    return key, store.find_event(key)


def ingest_articles(
    store: EventWriter,
    paths: list[str | os.PathLike[str]],
    *,
    date: str | None = None,
    outlet: str | None = None,
    progress: Callable[[object], None] | None = None,
) -> IngestReport:
    """Store news articles with their quotations, apart from transcripts. Identity: the
    article's URL, else a hash of its text; unchanged articles are left alone."""
    from ..parse.news import iter_articles

    report = IngestReport()
    started = time.perf_counter()
    with store.transaction():
        for article in iter_articles(list(paths), date=date, outlet=outlet):
            if progress:
                progress(article)
            if isinstance(article, Failure):
                report.failed.append(article)
                continue
            if isinstance(article, Skipped):
                report.skipped.append(article)
                continue
            report.documents += 1
            digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:HASH_CHARS]
            key = f"url:{article.url}" if article.url else f"hash:{digest}"
            found = store.find_article(key)
            if found and found[1] == digest:
                report.unchanged += 1
                continue
            store.write_article(article, key, digest, found[0] if found else None)
            if found:
                report.updated += 1
            else:
                report.new += 1
    report.seconds = time.perf_counter() - started
    return report
