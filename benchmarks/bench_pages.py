"""Server time of each web page and API route: the first request (nothing kept) and the
median of repeats (results kept by the cache), in one process, no network.

    .venv/bin/python benchmarks/bench_pages.py --db DEV.db [--repeats 20]

DEV.db: ``stenogram ingest ../shared/corpus/kremlin-en/html --db DEV.db``. The pages
are asked in a fresh process, so the first figure includes nothing kept from before.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from stenogram.http.app import ServerSettings, create_app

PATHS = (
    "/",
    "/search?q=the",
    "/search?q=gas&speaker=Putin",
    "/search?q=%22gas+transit%22",
    "/kwic?q=sanctions",
    "/persons",
    "/persons/vladimir-putin",
    "/events",
    "/events?month=2019-06",
    "/events/63311?q=Trump",
    "/api/v1/search?q=the",
    "/api/v1/search?q=the&total=true",
    "/api/v1/events?from=2019&to=2019",
    "/api/v1/persons/vladimir-putin",
    "/api/v1/kwic?q=economy",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    if not args.db.exists():
        print(f"{args.db}: no corpus here", file=sys.stderr)
        return 2
    client = TestClient(create_app(ServerSettings(db=str(args.db), semantic=False)))
    client.get("/api/v1/stats")  # opens the corpus
    print(f"{'path':42} {'status':>6} {'first ms':>9} {'repeat ms':>10}")
    for path in PATHS:
        start = time.perf_counter()
        status = client.get(path).status_code
        first = (time.perf_counter() - start) * 1000
        laps = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            client.get(path)
            laps.append((time.perf_counter() - start) * 1000)
        print(f"{path:42} {status:>6} {first:>9.1f} {statistics.median(laps):>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
