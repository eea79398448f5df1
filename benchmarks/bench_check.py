"""Quotation checks: speed (lexical and with sentence vectors), embedding cost, memory,
and the verdict scores on the dev cases.

    .venv/bin/python benchmarks/bench_check.py [--db FILE] [--skip-embed]

Ingests ../shared/corpus/kremlin-en/html into ``--db`` (a temporary file by default),
computes sentence vectors (needs the semantic extra), checks every case of
../shared/eval/quotes_dev_input.jsonl twice (words only, then with vectors) and scores
both with ../shared/eval/score_check.py.
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
from stenogram.verify import embeddings

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PAGES = SHARED / "corpus" / "kremlin-en" / "html"
CASES = SHARED / "eval" / "quotes_dev_input.jsonl"
GOLD = SHARED / "eval" / "quotes_dev.jsonl"
SCORER = SHARED / "eval" / "score_check.py"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(corpus: stenogram.Corpus, cases: list[dict[str, str]], semantic: bool, out: Path) -> float:
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for case in cases:
            result = corpus.check(
                case["quote"],
                claimed_speaker=case.get("claimed_speaker"),
                date=case.get("article_date"),
                id=case["id"],
                semantic=semantic,
                context=case.get("context"),
            )
            fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def _score(pred: Path) -> str:
    done = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred)], capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1] if done.stdout else done.stderr.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--skip-embed", action="store_true", help="reuse the vectors already in --db")
    args = ap.parse_args()
    if not (PAGES.is_dir() and CASES.exists()):
        print(f"benchmark needs {PAGES} and {CASES}", file=sys.stderr)
        return 2
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        with stenogram.Corpus(db) as corpus:
            if not corpus.stats().events:
                corpus.ingest([PAGES])
            lexical_s = _run(corpus, cases, False, Path(tmp) / "lexical.jsonl")
            print(
                f"lexical: {len(cases)} quotations in {lexical_s:.1f} s = {len(cases) / lexical_s:.1f}/s; "
                f"{_score(Path(tmp) / 'lexical.jsonl')}"
            )
            if not embeddings.available():
                print("semantic: not measured (install the semantic extra)")
                return 0
            if not args.skip_embed:
                start = time.perf_counter()
                n = corpus.embed()
                print(f"embed: {n} sentences in {time.perf_counter() - start:.1f} s (ingest-time cost, once)")
            corpus.check("warm up the model and the vectors", semantic=True)
            semantic_s = _run(corpus, cases, True, Path(tmp) / "semantic.jsonl")
            print(
                f"semantic: {len(cases)} quotations in {semantic_s:.1f} s = {len(cases) / semantic_s:.1f}/s; "
                f"{_score(Path(tmp) / 'semantic.jsonl')}"
            )
    print(f"peak RSS: {_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
