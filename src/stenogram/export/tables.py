"""Tables for pandas, polars and DuckDB, and JSON Lines in the parse contract.

``jsonl`` writes ``events.jsonl``: one event per line, the parse contract, and
``verdicts.jsonl``, the stored check results in the check contract. ``csv`` and ``parquet``
write one table per record type, joined by stable ids (docs/export.md): ``events``,
``turns``, ``persons``, ``person_roles``, ``tags``, ``articles``, ``quotations``,
``verdicts``. Everything streams, event by event, in batches: memory stays flat
whatever the size of the corpus.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..corpus import Corpus
from ..model import Event, count_words
from ..search.filters import Filters

BATCH = 1000

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "events": [
        ("event_key", "string"),
        ("site_id", "string"),
        ("url", "string"),
        ("title", "string"),
        ("lead", "string"),
        ("date", "string"),
        ("time", "string"),
        ("place", "string"),
        ("announcement", "string"),
        ("published", "string"),
        ("format", "string"),
        ("source_path", "string"),
        ("source_member", "string"),
        ("start", "int64"),
        ("end", "int64"),
        ("turns", "int64"),
    ],
    "turns": [
        ("turn_key", "string"),
        ("event_key", "string"),
        ("seq", "int64"),
        ("speaker", "string"),
        ("person_id", "string"),
        ("role", "string"),
        ("note", "string"),
        ("text", "string"),
        ("words", "int64"),
        ("start", "int64"),
        ("end", "int64"),
        ("label_start", "int64"),
        ("label_end", "int64"),
    ],
    "tags": [("event_key", "string"), ("kind", "string"), ("value", "string")],
    "persons": [
        ("person_id", "string"),
        ("name", "string"),
        ("events", "int64"),
        ("turns", "int64"),
        ("words", "int64"),
        ("first", "string"),
        ("last", "string"),
    ],
    "person_roles": [
        ("person_id", "string"),
        ("role", "string"),
        ("first", "string"),
        ("last", "string"),
        ("turns", "int64"),
    ],
    "articles": [
        ("article_key", "string"),
        ("title", "string"),
        ("date", "string"),
        ("outlet", "string"),
        ("url", "string"),
        ("path", "string"),
        ("format", "string"),
    ],
    "quotations": [
        ("quotation_key", "string"),
        ("article_key", "string"),
        ("seq", "int64"),
        ("kind", "string"),
        ("text", "string"),
        ("speaker", "string"),
        ("person", "string"),
        ("cue", "string"),
        ("confidence", "double"),
        ("start", "int64"),
        ("end", "int64"),
    ],
    "verdicts": [
        ("verdict_key", "string"),
        ("quote_id", "string"),
        ("quote", "string"),
        ("claimed_speaker", "string"),
        ("article_url", "string"),
        ("article_date", "string"),
        ("verdict", "string"),
        ("score", "double"),
        ("reason", "string"),
        ("source_event_key", "string"),
        ("source_turn", "int64"),
        ("source_url", "string"),
        ("source_text", "string"),
        ("checked_at", "string"),
    ],
}


def iter_events(corpus: Corpus, filters: Filters) -> Iterator[tuple[str, Event]]:
    """(event key, Event) of the selected events, one at a time."""
    yield from corpus.iter_events(filters)


def rows(
    corpus: Corpus, filters: Filters, progress: Callable[[], None] | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(table, row)`` for every record, event by event, then persons and articles."""
    persons: set[str] = set()
    for key, ev in iter_events(corpus, filters):
        yield (
            "events",
            {
                "event_key": key,
                "site_id": ev.id,
                "url": ev.url,
                "title": ev.title,
                "lead": ev.lead,
                "date": ev.date,
                "time": ev.time,
                "place": ev.place,
                "announcement": ev.announcement,
                "published": ev.published,
                "format": ev.source.format,
                "source_path": ev.source.path,
                "source_member": ev.source.member,
                "start": ev.source.start,
                "end": ev.source.end,
                "turns": len(ev.turns),
            },
        )
        for i, t in enumerate(ev.turns):
            if t.person_id:
                persons.add(t.person_id)
            yield (
                "turns",
                {
                    "turn_key": f"{key}#{i}",
                    "event_key": key,
                    "seq": i,
                    "speaker": t.speaker,
                    "person_id": t.person_id,
                    "role": t.role,
                    "note": t.note,
                    "text": t.text,
                    "words": count_words(t.text),
                    "start": t.start,
                    "end": t.end,
                    "label_start": t.label_start,
                    "label_end": t.label_end,
                },
            )
        for kind, values in (
            ("section", ev.sections),
            ("geography", ev.geography),
            ("topic", ev.topics),
            ("person", ev.persons),
        ):
            for value in values:
                yield "tags", {"event_key": key, "kind": kind, "value": value}
        if progress:
            progress()
    for s in corpus.speakers(date_from=filters.date_from, date_to=filters.date_to, topic=filters.topic or None):
        if s.person_id not in persons:
            continue
        yield (
            "persons",
            {
                "person_id": s.person_id,
                "name": s.person,
                "events": s.events,
                "turns": s.turns,
                "words": s.words,
                "first": s.first,
                "last": s.last,
            },
        )
        for p in s.role_periods:
            yield (
                "person_roles",
                {"person_id": s.person_id, "role": p.role, "first": p.first, "last": p.last, "turns": p.turns},
            )
    for n, article in enumerate(corpus.articles()):
        akey = f"article:{n}:{article.url or article.path}"
        yield (
            "articles",
            {
                "article_key": akey,
                "title": article.title,
                "date": article.date,
                "outlet": article.outlet,
                "url": article.url,
                "path": article.path,
                "format": article.format,
            },
        )
        for i, q in enumerate(article.quotes):
            yield (
                "quotations",
                {
                    "quotation_key": f"{akey}#{i}",
                    "article_key": akey,
                    "seq": i,
                    "kind": q.kind,
                    "text": q.text,
                    "speaker": q.speaker,
                    "person": q.person,
                    "cue": q.cue,
                    "confidence": q.confidence,
                    "start": q.start,
                    "end": q.end,
                },
            )
    yield from _verdict_rows(corpus)


def _verdict_rows(corpus: Corpus) -> Iterator[tuple[str, dict[str, Any]]]:
    for v in corpus.verdicts():
        row = {name: v.get(name) for name, _ in COLUMNS["verdicts"]}
        row["source_text"] = (v["result"].get("source") or {}).get("text")
        yield "verdicts", row


def export_jsonl(
    corpus: Corpus, out: Path, filters: Filters, progress: Callable[[], None] | None = None
) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    with (out / "events.jsonl").open("w", encoding="utf-8") as fh:
        for _, ev in iter_events(corpus, filters):
            fh.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
            n += 1
            if progress:
                progress()
    verdicts = 0
    with (out / "verdicts.jsonl").open("w", encoding="utf-8") as fh:  # the check contract
        for v in corpus.verdicts():
            fh.write(json.dumps(v["result"], ensure_ascii=False) + "\n")
            verdicts += 1
    return {"events": n, "verdicts": verdicts}


def export_csv(
    corpus: Corpus, out: Path, filters: Filters, progress: Callable[[], None] | None = None
) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    files = {name: (out / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in COLUMNS}
    writers = {name: csv.DictWriter(fh, fieldnames=[c for c, _ in COLUMNS[name]]) for name, fh in files.items()}
    counts = dict.fromkeys(COLUMNS, 0)
    try:
        for w in writers.values():
            w.writeheader()
        for table, row in rows(corpus, filters, progress):
            writers[table].writerow(row)
            counts[table] += 1
    finally:
        for fh in files.values():
            fh.close()
    return counts


def export_parquet(
    corpus: Corpus, out: Path, filters: Filters, progress: Callable[[], None] | None = None
) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    types = {"string": pa.string(), "int64": pa.int64(), "double": pa.float64()}
    schemas = {name: pa.schema([(c, types[t]) for c, t in cols]) for name, cols in COLUMNS.items()}
    writers = {name: pq.ParquetWriter(out / f"{name}.parquet", schema) for name, schema in schemas.items()}
    buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    counts = dict.fromkeys(COLUMNS, 0)

    def flush(name: str) -> None:
        if buffers[name]:
            writers[name].write_table(pa.Table.from_pylist(buffers[name], schema=schemas[name]))
            buffers[name] = []

    try:
        for table, row in rows(corpus, filters, progress):
            buffers[table].append(row)
            counts[table] += 1
            if len(buffers[table]) >= BATCH:
                flush(table)
        for name in COLUMNS:
            flush(name)
    finally:
        for w in writers.values():
            w.close()
    return counts
