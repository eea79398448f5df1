"""Quotation extraction speed: articles per second on one core.

    .venv/bin/python benchmarks/bench_quotes.py [ARTICLE ...] [--seconds S]

Without arguments it uses the seed article in ../shared/seeds (004_*.txt). Each article is
read and its quotations extracted repeatedly for about ``--seconds``; prints articles/s,
MB/s and quotations per article.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from stenogram.parse.news import read_article

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="*", type=Path)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    paths = args.articles or sorted(SEEDS.glob("004_*.txt"))
    if not paths:
        print("no articles: pass files, or provide ../shared/seeds", file=sys.stderr)
        return 2
    texts = [p.read_text(encoding="utf-8") for p in paths]
    n = size = quotes = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for text in texts:
            quotes += len(read_article(text).quotes)
            n += 1
            size += len(text.encode("utf-8"))
    seconds = time.perf_counter() - start
    print(
        f"{n} articles in {seconds:.2f} s: {n / seconds:.0f} articles/s, {size / seconds / 1e6:.2f} MB/s, "
        f"{quotes / n:.1f} quotations per article"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
