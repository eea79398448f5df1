"""Fetch a whole year from a local replay of the site (with injected faults), ingest it,
and compare the corpus with a direct ingest of the same pages.

    .venv/bin/python benchmarks/bench_fetch.py [--year 2019] [--faults 0.1] [--rate 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

import stenogram
from stenogram.cli import app
from stenogram.sources.fetch import iter_warc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import corpus_signature  # noqa: E402  (shared with the tests)
from tests.sources.replay import replay_server  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "kremlin-en"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--year", type=int, default=2019)
    ap.add_argument("--faults", type=float, default=0.1)
    ap.add_argument("--rate", type=float, default=200)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, replay_server(CORPUS, faults=args.faults) as base:
        start = time.perf_counter()
        result = CliRunner().invoke(
            app,
            [
                "fetch",
                "kremlin",
                "--base-url",
                base,
                "--from",
                f"{args.year}-01-01",
                "--to",
                f"{args.year}-12-31",
                "--archive",
                f"{tmp}/a",
                "--rate",
                str(args.rate),
                "--backoff",
                "0.05",
                "--ingest",
                "--db",
                f"{tmp}/f.db",
                "--json",
            ],
        )
        seconds = time.perf_counter() - start
        report = json.loads(result.stdout.splitlines()[0])
        pages = [u for w in sorted(Path(tmp, "a").glob("*.warc.gz")) for u, _ in iter_warc(w) if "/by-date/" not in u]
        with stenogram.Corpus(f"{tmp}/d.db") as direct:
            direct.ingest([CORPUS / "html" / f"{u.rsplit('/', 1)[-1]}.html" for u in pages])
        same = corpus_signature(Path(tmp, "f.db")) == corpus_signature(Path(tmp, "d.db"))
    print(
        json.dumps(
            {
                "year": args.year,
                "faults": args.faults,
                "days": report["days"],
                "listed": report["listed"],
                "fetched": report["fetched"],
                "missing_404": len(report["failed"]),
                "archived_once": len(pages) == len(set(pages)),
                "corpus_equals_direct_ingest": same,
                "seconds": round(seconds, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
