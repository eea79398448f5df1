"""Corpus benchmark: ingest time, database size, query latency, and index correctness.

    ./run bench-corpus [--pages DIR] [--queries FILE] [--repeat N]

1. Ingests every page under ``--pages`` (default: ../shared/corpus/kremlin-en/html) into
   a fresh database and reports the time and the database size against the size of the
   extracted text (titles, leads, captions, tags, paragraph and turn texts, UTF-8).
2. Runs each query of ``--queries`` (default: benchmarks/queries.jsonl, one JSON object
   per line: ``query`` plus optional ``Corpus.search`` filters) ``--repeat`` times and
   reports p50/p99 latency of ``Corpus.search(limit=20)``.
3. For every query, compares the set of matching turns from the index with a brute-force
   scan of the parsed turns in Python (same filters applied), and reports mismatches.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import stenogram
from stenogram.search.filters import Filters
from stenogram.search.query import matches, parse_query, tokens

HERE = Path(__file__).resolve().parent
DEFAULT_PAGES = HERE.parent.parent / "shared" / "corpus" / "kremlin-en" / "html"


def extracted_bytes(events: list[stenogram.Event]) -> int:
    total = 0
    for ev in events:
        fields = [ev.title, ev.lead, ev.place, *ev.sections, *ev.geography, *ev.topics, *ev.persons]
        fields += [c.text for c in ev.captions] + [t.text for t in ev.turns]
        fields += [p.text for p in ev.paragraphs if p.turn is None]
        total += sum(len(f.encode("utf-8")) for f in fields if f)
    return total


def brute_force(corpus: stenogram.Corpus, spec: dict[str, Any]) -> set[int]:
    """Turn ids matching ``spec``, by scanning every turn in Python."""
    node = parse_query(spec["query"])
    filters = Filters.build(**{k: v for k, v in spec.items() if k not in ("query", "sort")})
    ids = _filtered_turn_ids(corpus, filters)  # the filters, applied without the text index
    return {tid for tid, text in corpus.store.all_turns() if tid in ids and matches(node, tokens(text))}


def _filtered_turn_ids(corpus: stenogram.Corpus, f: Filters) -> set[int]:
    where, params = corpus.store.filter_sql(f, turns=True)  # the same filters, no text index
    sql = "SELECT t.id FROM turns t JOIN events e ON e.id = t.event_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return {row[0] for row in corpus.store.db.execute(sql, params)}


def index_turns(corpus: stenogram.Corpus, spec: dict[str, Any]) -> set[int]:
    filters = Filters.build(**{k: v for k, v in spec.items() if k not in ("query", "sort")})
    return {row["turn_id"] for row in corpus.store.matching_turns(parse_query(spec["query"]), filters, limit=10**9)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--queries", type=Path, default=HERE / "queries.jsonl")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not args.pages.exists():
        print(f"benchmark needs pages at {args.pages}", file=sys.stderr)
        return 2
    specs = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        corpus = stenogram.Corpus(db)
        report = corpus.ingest([args.pages])
        corpus.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the size at rest, WAL folded in
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        text = extracted_bytes(list(stenogram.parse_files([args.pages])))
        timings: list[float] = []
        for _ in range(args.repeat):
            for spec in specs:
                kwargs = {k: v for k, v in spec.items() if k != "query"}
                start = time.perf_counter()
                corpus.search(spec["query"], limit=20, **kwargs)
                timings.append((time.perf_counter() - start) * 1000)
        mismatches = []
        total_hits = 0
        for spec in specs:
            got, want = index_turns(corpus, spec), brute_force(corpus, spec)
            total_hits += len(want)
            if got != want:
                mismatches.append({"query": spec, "index_only": len(got - want), "scan_only": len(want - got)})
        corpus.close()
    timings.sort()
    result = {
        "pages": report.documents,
        "events": report.events,
        "ingest_seconds": round(report.seconds, 2),
        "db_mb": round(size / 1e6, 2),
        "extracted_text_mb": round(text / 1e6, 2),
        "db_to_text": round(size / text, 2),
        "queries": len(specs),
        "runs": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 2),
        "max_ms": round(timings[-1], 2),
        "turns_matched_total": total_hits,
        "index_vs_scan_mismatches": mismatches,
    }
    print(json.dumps(result, indent=1) if args.json else "\n".join(f"{k:>24}: {v}" for k, v in result.items()))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
