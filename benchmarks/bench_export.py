"""Export speed and peak memory, per format, on the dev corpus (issue 8: < 200 MB).

    .venv/bin/python benchmarks/bench_export.py [--db FILE] [--formats jsonl,csv,parquet,tei,claimreview]

Ingests ../shared/corpus/kremlin-en/html into ``--db`` (a temporary file by default) when
it holds no events, then exports each format in a fresh process, once for the first half
of the corpus (by date) and once for all of it: streaming means the peak memory does not
grow with the number of events. Prints seconds, events/s and peak RSS per run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import stenogram
from stenogram.export import export
from stenogram.search.filters import Filters

PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "kremlin-en" / "html"


def _one(db: str, fmt: str, out: str, date_to: str | None) -> None:
    """Child process: one export, then its figures as JSON on stdout."""
    start = time.perf_counter()
    with stenogram.Corpus(db) as corpus:
        counts = export(corpus, fmt, Path(out), Filters.build(date_to=date_to))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"counts": counts, "seconds": seconds, "rss_mb": rss}))


def _median_date(db: str) -> str:
    with stenogram.Corpus(db) as corpus:
        row = corpus.store.db.execute(
            "SELECT date FROM events WHERE date IS NOT NULL ORDER BY date "
            "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM events WHERE date IS NOT NULL)"
        ).fetchone()
    return str(row[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--formats", default="jsonl,csv,parquet,tei,claimreview")
    ap.add_argument("--one", nargs=4, metavar=("DB", "FORMAT", "OUT", "DATE_TO"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        db, fmt, out, date_to = args.one
        _one(db, fmt, out, None if date_to == "-" else date_to)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = str(args.db or Path(tmp) / "dev.db")
        with stenogram.Corpus(db) as corpus:
            if corpus.stats().events == 0:
                if not PAGES.exists():
                    print("../shared/corpus/kremlin-en/html is absent", file=sys.stderr)
                    return 1
                corpus.ingest([PAGES])
            events = corpus.stats().events
        half = _median_date(db)
        print(f"corpus: {events} events; half: events up to {half}")
        print(f"{'format':<12} {'events':>7} {'seconds':>8} {'events/s':>9} {'peak RSS':>9}")
        for fmt in args.formats.split(","):
            for date_to in (half, "-"):
                out = Path(tmp) / f"{fmt}-{date_to}"
                done = subprocess.run(
                    [sys.executable, __file__, "--one", db, fmt, str(out), date_to],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                r = json.loads(done.stdout.strip().splitlines()[-1])
                n = r["counts"].get("events", r["counts"].get("claimreviews", 0))
                rate = n / r["seconds"] if r["seconds"] else 0.0
                label = "half" if date_to != "-" else "all"
                print(f"{fmt + ' ' + label:<12} {n:>7} {r['seconds']:>8.2f} {rate:>9.0f} {r['rss_mb']:>7.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
