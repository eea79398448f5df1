"""Cross-validated choice of the quotation extractor's thresholds, folds grouped by article.

    .venv/bin/python benchmarks/cv_quotes.py [--folds K] [--seed S]

Reads the annotated peer set in ../shared/eval/news_quotes (texts and gold_dev.jsonl) and
its scorer. Each threshold below is a named constant of ``stenogram.parse.quotes``; for
every fold the value with the best training score (all-quotations F1 at overlap 0.3 plus
speaker accuracy) is chosen on the other folds' articles and scored on the fold's own.
Prints, per threshold, the values chosen per fold and the pooled held-out figures next to
the figures with the shipped values. A threshold whose held-out figures are no better
than the shipped value's keeps the shipped value.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from stenogram.parse.quotes import clauses, cues, discourse, extract, extract_quotes, layout, phrases

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"

# (module, constant name, values tried); the shipped value is the module's own.
GRID: list[tuple[ModuleType, str, list[Any]]] = [
    (layout, "MIN_SPEECH_WORDS", [2, 3, 4]),
    (layout, "LONG_SPEECH_WORDS", [6, 8, 12]),
    (discourse, "GENDER_WINDOW", [80, 160, 320]),
    (discourse, "DESCRIPTION_REACH", [500, 1500, 4000]),
    (cues, "MAX_DESCRIPTION_WORDS", [5, 8, 12]),
    (cues, "MAX_CUE_TAIL", [30, 60, 120]),
    (layout, "MIN_OWN_WORDS", [1, 3, 6]),
    (extract, "SHORT_CUE_REACH", [20, 40, 80]),
    (layout, "HEADLINE_MAX_WORDS", [15, 25, 40]),
]
_EXTRACTOR_MODULES = (clauses, cues, discourse, extract, layout, phrases)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_news_quotes", SHARED / "score_news_quotes.py")
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def _setting(module: ModuleType, name: str, value: Any) -> Iterator[None]:
    """``name`` set to ``value`` in its module and in every module of the extractor that
    imported it by name (a constant read by more than one of them)."""
    holders = [m for m in _EXTRACTOR_MODULES if getattr(m, name, None) is getattr(module, name)]
    old = getattr(module, name)
    for m in holders:
        setattr(m, name, value)
    try:
        yield
    finally:
        for m in holders:
            setattr(m, name, old)


def _units(text: str) -> list[dict[str, Any]]:
    return [
        {"start": a, "end": b, "kind": q.kind, "person": q.person or ""}
        for q in extract_quotes(text)
        for a, b in q.parts
    ]


def _score(score: ModuleType, articles: list[dict[str, Any]], texts: dict[str, str]) -> dict[str, float]:
    t = {"g": 0, "p": 0, "tp": 0, "ok": 0, "n": 0}
    for art in articles:
        gold, pred = art["quotes"], _units(texts[art["id"]])
        t["g"] += len(gold)
        t["p"] += len(pred)
        t["tp"] += len(score.match(gold, pred, 0.3))
        for gi, pj in score.match(gold, pred, 0.8):
            if gold[gi]["reference"]:
                t["n"] += 1
                t["ok"] += score.speaker_ok(pred[pj]["person"], gold[gi]["reference"])
    _, _, f1 = score.prf(t["tp"], t["p"], t["g"])
    return {"f1": f1, "speaker": t["ok"] / t["n"] if t["n"] else 0.0}


def _objective(
    score: ModuleType, module: ModuleType, name: str, value: Any, train: list[dict[str, Any]], texts: dict[str, str]
) -> float:
    with _setting(module, name, value):
        s = _score(score, train, texts)
    return s["f1"] + s["speaker"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not (SHARED / "news_quotes" / "gold_dev.jsonl").exists():
        print("needs ../shared/eval/news_quotes", file=sys.stderr)
        return 2
    score = _scorer()
    gold = [json.loads(line) for line in (SHARED / "news_quotes" / "gold_dev.jsonl").open(encoding="utf-8")]
    texts = {a["id"]: (SHARED / "news_quotes" / "texts" / f"{a['id']}.txt").read_text(encoding="utf-8") for a in gold}
    order = list(range(len(gold)))
    random.Random(args.seed).shuffle(order)
    folds = [[gold[i] for i in order[k :: args.folds]] for k in range(args.folds)]
    shipped = _score(score, gold, texts)
    print(f"shipped values, all {len(gold)} articles: F1@0.3 {shipped['f1']:.3f}, speaker {shipped['speaker']:.3f}")
    for module, name, values in GRID:
        chosen, held = [], []
        for k, test in enumerate(folds):
            train = [a for j, fold in enumerate(folds) if j != k for a in fold]

            best = max(values, key=lambda value: _objective(score, module, name, value, train, texts))
            chosen.append(best)
            with _setting(module, name, best):
                held.append((len(test), _score(score, test, texts)))
        f1 = sum(n * s["f1"] for n, s in held) / len(gold)
        sp = sum(n * s["speaker"] for n, s in held) / len(gold)
        print(
            f"{name:22} shipped {getattr(module, name)!s:>5}; chosen per fold {chosen}; "
            f"held-out F1@0.3 {f1:.3f}, speaker {sp:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
