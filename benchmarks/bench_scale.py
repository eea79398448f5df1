"""Scale benchmark (issue 17): the mirror's pages copied under new ids, ingested, searched.

    .venv/bin/python benchmarks/bench_scale.py [--pages DIR] [--copies 10] [--work DIR] [--repeat 3]

1. Writes ``--copies`` copies of every page under ``--pages`` (default: the dev mirror in
   ../shared/corpus/kremlin-en/html) into ``--work``, copy k with every occurrence of the
   page's event number n replaced by n + k * 10,000,000 (its URL, its id), so that each
   copy is a new event with the same text.
2. Ingests them into a fresh database with ``stenogram ingest`` in a child process and
   reports pages/s, the child's peak memory (RSS) and the database size.
3. Runs the queries of benchmarks/queries.jsonl (common words, phrases, speaker and date
   filters) through ``Corpus.search(limit=20)`` ``--repeat`` times, each with a cold
   result cache, and reports p50/p99 by query kind.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import stenogram
from stenogram.search import cache

HERE = Path(__file__).resolve().parent
DEFAULT_PAGES = HERE.parent.parent / "shared" / "corpus" / "kremlin-en" / "html"
STRIDE = 10_000_000  # larger than any event number on the site, so copies never collide


def write_copies(pages: Path, copies: int, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for page in sorted(pages.glob("*.html")):
        number = page.stem
        html = page.read_text(encoding="utf-8")
        pattern = re.compile(rf"(?<!\d){re.escape(number)}(?!\d)")  # URL, canonical link, id="event-N"
        for k in range(copies):
            new = str(int(number) + k * STRIDE) if number.isdigit() else f"{number}-{k}"
            (out / f"{new}.html").write_text(pattern.sub(new, html) if k else html, encoding="utf-8")
            n += 1
    return n


def ingest(pages: Path, db: Path) -> tuple[float, float]:
    start = time.perf_counter()
    cli = Path(sys.executable).with_name("stenogram")
    subprocess.run([str(cli), "ingest", str(pages), "--db", str(db), "--json"], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


def kind_of(q: dict[str, Any]) -> str:
    if any(k in q for k in ("speaker", "date_from", "date_to", "topic", "geo", "person")):
        return "filtered"
    return "phrase" if '"' in q["query"] or " " in q["query"].strip() else "word"


def search_latency(db: Path, queries: list[dict[str, Any]], repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    with stenogram.Corpus(db, read_only=True) as corpus:
        corpus._results = cache.ResultCache(size=0)  # keep nothing: every search does its work
        for _ in range(repeat):
            for q in queries:
                args = {k: v for k, v in q.items() if k != "query"}
                start = time.perf_counter()
                corpus.search(q["query"], limit=20, **args)
                times.setdefault(kind_of(q), []).append((time.perf_counter() - start) * 1000)
    return times


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--work", type=Path, default=Path("/tmp/stenogram-scale"))
    ap.add_argument("--queries", type=Path, default=HERE / "queries.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", action="store_true", help="keep the copies and the database in --work")
    args = ap.parse_args()
    if not args.pages.is_dir():
        print(f"{args.pages}: no such directory of pages", file=sys.stderr)
        return 2
    pages, db = args.work / "pages", args.work / "scale.db"
    if args.work.exists():
        shutil.rmtree(args.work)
    n = write_copies(args.pages, args.copies, pages)
    seconds, peak_mb = ingest(pages, db)
    print(
        f"ingest: {n} pages in {seconds:.1f} s = {n / seconds:.0f} pages/s, peak RSS {peak_mb:.0f} MB, "
        f"database {os.path.getsize(db) / 1e6:.0f} MB"
    )
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    times = search_latency(db, queries, args.repeat)
    for kind, values in sorted(times.items()):
        print(
            f"search {kind}: {len(values)} runs, p50 {statistics.median(values):.1f} ms, p99 {pct(values, 99):.1f} ms"
        )
    everything = [t for v in times.values() for t in v]
    print(f"search all: p50 {statistics.median(everything):.1f} ms, p99 {pct(everything, 99):.1f} ms")
    if not args.keep:
        shutil.rmtree(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
