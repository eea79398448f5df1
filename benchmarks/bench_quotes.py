"""Quotation extraction speed: articles per second on one core, and peak memory.

    .venv/bin/python benchmarks/bench_quotes.py [ARTICLE ...] [--seconds S]

Without arguments it uses the annotated news texts in ../shared/eval/news_quotes/texts
(the issue's "dev texts"), else the seed article in ../shared/seeds (004_*.txt). The
articles are read and their quotations extracted in passes for about ``--seconds``; prints
articles/s over all passes, for the median pass and for the fastest (timings on a shared
machine vary by a third between passes), MB/s, quotations per article and the
process's peak RSS. The caches keyed by paragraph or phrase text are cleared before every
pass, so a pass is not sped up by having read the same articles before (the word caches
stay, as they would over a stream of new articles).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

from stenogram.parse.news import read_article
from stenogram.parse.quotes import clear_text_caches

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEEDS = SHARED / "seeds"
NEWS = SHARED / "eval" / "news_quotes" / "texts"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="*", type=Path)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    paths = args.articles or sorted(NEWS.glob("*.txt")) or sorted(SEEDS.glob("004_*.txt"))
    if not paths:
        print("no articles: pass files, or provide ../shared/seeds", file=sys.stderr)
        return 2
    texts = [p.read_text(encoding="utf-8") for p in paths]
    n = size = quotes = 0
    laps: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        clear_text_caches()  # each pass reads the articles as new text (no hits from the last pass)
        lap = time.perf_counter()
        for text in texts:
            quotes += len(read_article(text).quotes)
            n += 1
            size += len(text.encode("utf-8"))
        laps.append(time.perf_counter() - lap)
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n} articles ({len(texts)} distinct) in {seconds:.2f} s: {n / seconds:.0f} articles/s "
        f"(median pass {len(texts) / statistics.median(laps):.0f}/s, fastest {len(texts) / min(laps):.0f}/s), "
        f"{size / seconds / 1e6:.2f} MB/s, "
        f"{quotes / n:.1f} quotations per article, peak RSS {rss_mb:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
