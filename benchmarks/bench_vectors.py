"""The approximate sentence index (issue 17 item 2): recall of the check's semantic
candidates against exact search, build time, query time and memory, at sizes past the
corpus we have.

    .venv/bin/python benchmarks/bench_vectors.py --db DEV.db [--sizes 200000,500000] [--dev-checks]

The stored vectors of ``--db`` (run ``stenogram embed`` first) are grown to each size by
copies of them with noise (each copy a unit vector at cosine ~0.9 to its original, under a
new passage id): a corpus with many near neighbours, harder for an inverted file than
distinct sentences. Queries: the dev check quotations (``../shared/eval``), encoded, and
300 stored sentences with noise (cosine ~0.8, a loose translation). For each size it
reports the build seconds and file size, exact and approximate query time (p50/p99, one
query at a time, as checks ask), recall@10 and @75 of rows (a row whose score equals the
exact k-th counts: identical sentences are interchangeable) and recall of the 25 candidate passages
the check takes (``SEMANTIC_CANDIDATES``), and peak RSS.

``--dev-checks`` also runs the dev quotation checks on ``--db`` with the approximate index
forced on (its 48k sentences are below the threshold) and compares every verdict and source
with the exact run, and scores both.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

import stenogram
from bench_check import CASES, _run, _score  # the dev checks run and scored as bench_check does
from stenogram.verify import embeddings, vector_index
from stenogram.verify.check import SEMANTIC_CANDIDATES
from stenogram.verify.vectors import VECTOR_KEY, stored_matrix

TIE = 1e-5  # scores this close are the same vector
ROWS = SEMANTIC_CANDIDATES * 3  # rows the check asks for, to find 25 distinct passages


def _noisy(rows: Any, cosine: float, rng: np.random.Generator) -> Any:
    """Unit vectors at about ``cosine`` to ``rows``."""
    noise = rng.normal(size=rows.shape).astype("float32")
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    out = cosine * rows + np.sqrt(1 - cosine**2) * noise
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype("float32")


def _grown(keys: list[tuple[int, int, int]], matrix: Any, size: int, rng: np.random.Generator) -> tuple[list[Any], Any]:
    parts, all_keys = [matrix], list(keys)
    offset = max(abs(k[0]) for k in keys) + 1
    copy = 1
    while sum(len(p) for p in parts) < size:
        parts.append(_noisy(matrix, 0.9, rng))
        all_keys += [(k[0] + copy * offset * (1 if k[0] > 0 else -1), k[1], k[2]) for k in keys]
        copy += 1
    grown = np.vstack(parts)[:size]
    return all_keys[:size], np.ascontiguousarray(grown)


def _passages(keys: list[Any], rows: list[int]) -> list[int]:
    seen: list[int] = []
    for i in rows:
        if keys[i][0] not in seen:
            seen.append(keys[i][0])
        if len(seen) >= SEMANTIC_CANDIDATES:
            break
    return seen


def _queries(matrix: Any, rng: np.random.Generator) -> Any:
    lines = CASES.read_text(encoding="utf-8").splitlines() if CASES.exists() else []
    quotes = [json.loads(line)["quote"] for line in lines]
    encoded = np.asarray(embeddings.encode(quotes), dtype="float32") if quotes else np.zeros((0, matrix.shape[1]))
    sampled = _noisy(matrix[rng.choice(len(matrix), size=300, replace=False)], 0.8, rng)
    return np.vstack([encoded, sampled]).astype("float32")


def _found(matrix: Any, q: Any, exact: list[int], approximate: list[int]) -> int:
    """Rows of the approximate answer as good as the exact k-th: a sentence found in place
    of another with the same vector (a formula said in many turns) is not a miss."""
    if not exact:
        return 0
    kth = float(matrix[exact[-1]] @ q) - TIE
    return min(len(exact), sum(float(matrix[i] @ q) >= kth for i in approximate))


def _ms(values: list[float]) -> str:
    values = sorted(values)
    return f"p50 {statistics.median(values):.2f} ms, p99 {values[int(len(values) * 0.99) - 1]:.2f} ms"


def _size_report(keys: list[Any], matrix: Any, queries: Any, workdir: Path) -> dict[str, Any]:
    path = workdir / f"bench-{len(keys)}.ann"
    about = vector_index.build(matrix, keys, VECTOR_KEY, path)
    exact = vector_index.ExactIndex(matrix)
    vector_index.APPROXIMATE_FROM = 0  # the index at every size measured
    approximate, why = vector_index.open_index(matrix, keys, VECTOR_KEY, path)
    assert why is None, why
    times: dict[str, list[float]] = {"exact": [], "approximate": []}
    row_hits = passage_hits = rows_total = passages_total = top10_hits = 0
    for q in queries:
        results = {}
        for name, index in (("exact", exact), ("approximate", approximate)):
            t = time.perf_counter()
            results[name] = index.search(q, ROWS)
            times[name].append((time.perf_counter() - t) * 1000)
        row_hits += _found(matrix, q, results["exact"], results["approximate"])
        top10_hits += _found(matrix, q, results["exact"][:10], results["approximate"][:10])
        rows_total += len(results["exact"])
        best = _passages(keys, results["exact"])
        passage_hits += len(set(best) & set(_passages(keys, results["approximate"])))
        passages_total += len(best)
    report = {
        "sentences": len(keys),
        "build_s": about["seconds"],
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "cells": about["lists"],
        "nprobe": about["nprobe"],
        "exact": _ms(times["exact"]),
        "approximate": _ms(times["approximate"]),
        "recall@10_rows": round(top10_hits / (10 * len(queries)), 4),
        f"recall@{ROWS}_rows": round(row_hits / rows_total, 4),
        f"recall_{SEMANTIC_CANDIDATES}_passages": round(passage_hits / passages_total, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    vector_index.remove(path)
    return report


def _dev_checks(db: Path, workdir: Path) -> None:
    if not CASES.exists():
        print("no ../shared/eval: dev checks skipped", file=sys.stderr)
        return
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    outputs = {}
    for name, force in (("exact", 10**12), ("approximate", 0)):
        vector_index.APPROXIMATE_FROM = force
        with stenogram.Corpus(db, read_only=name == "exact") as corpus:
            if name == "approximate":
                corpus.index_vectors(approximate=True)
            pred = workdir / f"{name}.jsonl"
            _run(corpus, cases, True, pred)
            kind = corpus._checker(True)._nearest
            outputs[name] = pred
            print(f"dev checks, {kind.kind if kind else '?'} search: {_score(pred)}")
    exact = outputs["exact"].read_text(encoding="utf-8").splitlines()
    approximate = outputs["approximate"].read_text(encoding="utf-8").splitlines()
    pairs = [(json.loads(a), json.loads(b)) for a, b in zip(exact, approximate, strict=True)]
    differ = [a["id"] for a, b in pairs if a != b]
    verdicts = sum(a["verdict"] != b["verdict"] for a, b in pairs)
    print(f"dev checks: {len(differ)} of {len(cases)} records differ ({verdicts} verdicts): {differ}")
    vector_index.remove(vector_index.index_path(str(db)))  # type: ignore[arg-type]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--sizes", default="200000,500000", help="sentences; the stored count: no copies")
    ap.add_argument("--dev-checks", action="store_true")
    ap.add_argument("--share", type=int, help="visit 1/SHARE of the cells (default: NPROBE_SHARE)")
    args = ap.parse_args()
    if not vector_index.available():
        print("faiss is not installed: pip install 'stenogram[ann]'", file=sys.stderr)
        return 2
    with stenogram.Corpus(args.db, read_only=True) as corpus:
        keys, matrix = stored_matrix(corpus.store)
    if not keys:
        print(f"{args.db}: no sentence vectors (run stenogram embed)", file=sys.stderr)
        return 2
    if args.share:
        vector_index.NPROBE_SHARE = args.share
    rng = np.random.default_rng(0)
    queries = _queries(matrix, rng)
    print(f"{len(keys):,} stored sentences, {len(queries)} queries")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            grown_keys, grown = _grown(keys, matrix, size, rng)
            print(json.dumps(_size_report(grown_keys, grown, queries, Path(tmp))))
            del grown
        if args.dev_checks:
            _dev_checks(args.db, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
