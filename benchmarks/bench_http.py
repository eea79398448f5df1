"""Load test of the search endpoint on loopback: requests/s and latency percentiles with
N concurrent clients (default 20) over the dev corpus.

    .venv/bin/python benchmarks/bench_http.py [--db FILE] [--clients 20] [--seconds 10]

Starts ``stenogram serve`` in a subprocess (ingesting ../shared/corpus/kremlin-en/html
into a temporary database unless --db is given) and drives it with asyncio + httpx,
cycling through the queries of benchmarks/queries.jsonl. The Python client shares the
cores with the server; for a lighter client, the same queries as a wrk script:

    stenogram serve --db FILE --port 8765 --workers 2 &
    wrk -t2 -c20 -d10s --latency -s benchmarks/search_paths.lua http://127.0.0.1:8765
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

import stenogram

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import running_server  # noqa: E402  (shared with the tests)

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent.parent / "shared" / "corpus" / "kremlin-en" / "html"


def _params(spec: dict[str, str]) -> dict[str, str]:
    names = {"query": "q", "date_from": "from", "date_to": "to"}
    return {names.get(k, k): v for k, v in spec.items()}


async def _client(base: str, specs: list[dict[str, str]], stop: float, lat: list[float], errors: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        i = 0
        while time.monotonic() < stop:
            spec = specs[i % len(specs)]
            i += 1
            start = time.perf_counter()
            r = await http.get("/api/v1/search", params=_params(spec))
            lat.append((time.perf_counter() - start) * 1000)
            if r.status_code != 200:
                errors.append(r.status_code)


async def _load(base: str, specs: list[dict[str, str]], clients: int, seconds: float) -> dict[str, float]:
    lat: list[float] = []
    errors: list[int] = []
    stop = time.monotonic() + seconds
    began = time.perf_counter()
    await asyncio.gather(*(_client(base, specs[k:] + specs[:k], stop, lat, errors) for k in range(clients)))
    elapsed = time.perf_counter() - began
    lat.sort()
    return {
        "requests": len(lat),
        "errors": len(errors),
        "req_per_s": round(len(lat) / elapsed, 1),
        "p50_ms": round(statistics.median(lat), 1),
        "p99_ms": round(lat[int(len(lat) * 0.99)], 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = ap.parse_args()
    specs = [json.loads(line) for line in (HERE / "queries.jsonl").read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            if not PAGES.is_dir():
                print(f"needs --db or the dev pages at {PAGES}", file=sys.stderr)
                return 2
            with stenogram.Corpus(db) as corpus:
                corpus.ingest([PAGES])
        with running_server(db, workers=args.workers) as base:
            result = asyncio.run(_load(base, specs, args.clients, args.seconds))
    print(json.dumps({"clients": args.clients, "workers": args.workers, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
