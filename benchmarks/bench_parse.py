"""Parser throughput and memory on the development pages (../shared), single process.

    ./run bench [--repeat N] [--json]

Prints pages/s and MB/s for HTML pages and for plain-text dumps (single-page files and
three-page files), with and without JSON serialisation, and the peak RSS of the process.
``--repeat`` walks the inputs N times to show that memory does not grow with input size.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from stenogram.parse.documents import iter_documents
from stenogram.sources import Failure

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "kremlin-en"


def _inputs(kind: str) -> list[Path]:
    if kind == "html":
        return sorted((CORPUS / "html").glob("*.html"))
    if kind == "text":
        return sorted((CORPUS / "text").glob("*.txt"))
    return sorted((CORPUS / "text" / "concat").glob("*.txt"))


def _run(paths: list[Path], repeat: int, serialise: bool) -> dict[str, float]:
    size = sum(p.stat().st_size for p in paths) * repeat
    events = failures = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for doc in iter_documents(list(paths)):
            if isinstance(doc, Failure):
                failures += 1
                continue
            events += len(doc.events)
            if serialise:
                for ev in doc.events:
                    json.dumps(ev.to_dict(), ensure_ascii=False)
    seconds = time.perf_counter() - start
    return {
        "documents": len(paths) * repeat,
        "events": events,
        "failures": failures,
        "seconds": round(seconds, 3),
        "docs_per_s": round(len(paths) * repeat / seconds, 1),
        "events_per_s": round(events / seconds, 1),
        "mb_per_s": round(size / seconds / 1e6, 2),
    }


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1, help="walk the inputs this many times")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not (CORPUS / "html").is_dir():
        print(f"benchmark needs the development corpus at {CORPUS}", file=sys.stderr)
        return 2
    results = {}
    for kind in ("html", "text", "concat"):
        paths = _inputs(kind)
        results[kind] = _run(paths, args.repeat, serialise=False)
        results[f"{kind}+json"] = _run(paths, args.repeat, serialise=True)
    results["peak_rss_mb"] = round(_peak_rss_mb(), 1)  # type: ignore[assignment]
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{'input':<12} {'docs':>7} {'events':>7} {'docs/s':>9} {'events/s':>9} {'MB/s':>7}")
    for kind, r in results.items():
        if isinstance(r, dict):
            print(
                f"{kind:<12} {r['documents']:>7} {r['events']:>7} {r['docs_per_s']:>9} "
                f"{r['events_per_s']:>9} {r['mb_per_s']:>7}"
            )
    print(f"peak RSS: {results['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
