"""Cross-validated thresholds of the verdict rules, folds grouped by transcript event.

    .venv/bin/python benchmarks/cv_check.py --db DEV.db [--per-kind N] [--folds K] [--lexical]

Cases: the labelled dev cases (../shared/eval/quotes_dev*.jsonl, grouped by the event
of their expected source; NOT_IN_CORPUS cases each a group of their own) and a generated
suite from DEV.db's transcript sentences (tests/verify/perturb.py, grouped by the event
the sentence comes from). The evidence of every case is gathered once; deciding is pure
(``verify.rules.decide``), so each threshold value is tried on the same evidence. For each
threshold of ``CheckSettings`` (one at a time, the others as shipped) and each fold, the
value with the best score on the other folds is chosen and scored on the fold's own
cases: the pooled held-out figures are printed next to the shipped ones. The score is
verdict accuracy minus twice the rate of false confirmations (an altered, spliced,
misattributed or absent quotation called VERBATIM, CLOSE or TRANSLATION_VARIANT).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import stenogram
from stenogram.verify.check import Checker
from stenogram.verify.context import claimed_speaker_of
from stenogram.verify.rules import RULES, CheckSettings, Evidence, decide

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.generated_checks import MIN_CONTENT_WORDS
from tests.verify.perturb import CONFIRMING, generated_cases, short_unique_sentences, transcript_sentences

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
GRID: dict[str, list[Any]] = {
    "close_coverage": [0.7, 0.75, 0.8, 0.85, 0.9],
    "close_density": [0.5, 0.6, 0.7, 0.8],
    "altered_coverage": [0.6, 0.7, 0.8],
    "translation_similarity_with_words": [0.5, 0.55, 0.6, 0.65, 0.7],
    "translation_min_overlap": [0.2, 0.3, 0.4],
    "short_quote_words": [4, 5, 6, 7, 8],
    "distinctive_tokens": [6, 7, 8, 10, 12],
    "short_margin": [0.04, 0.08, 0.12],
    "splice_gap_sentences": [1, 2, 3],
    "misattribution_similarity": [0.6, 0.7, 0.8, 0.9],
}


@dataclasses.dataclass
class Case:
    source: str  # dev | generated
    group: str
    expected: str
    evidence: Evidence | None


def verdict(case: Case, st: CheckSettings) -> str:
    if case.evidence is None:
        return "NOT_IN_CORPUS"
    d = decide(case.evidence, st)
    return d.verdict if d else "NOT_IN_CORPUS"


def score(cases: list[Case], st: CheckSettings) -> tuple[float, float]:
    """(accuracy, false-confirmation rate)"""
    if not cases:
        return 0.0, 0.0
    right = false = 0
    for c in cases:
        v = verdict(c, st)
        right += v == c.expected
        false += c.expected not in CONFIRMING and v in CONFIRMING
    return right / len(cases), false / len(cases)


def with_value(st: CheckSettings, name: str, value: Any) -> CheckSettings:
    """The settings with one threshold changed (ties go to the shipped value)."""
    return dataclasses.replace(st, **{name: value})


def objective(cases: list[Case], st: CheckSettings) -> float:
    acc, false = score(cases, st)
    return acc - 2 * false


def dev_cases(checker: Checker) -> list[Case]:
    inputs = {r["id"]: r for r in map(json.loads, (SHARED / "quotes_dev_input.jsonl").open(encoding="utf-8"))}
    out = []
    for gold in map(json.loads, (SHARED / "quotes_dev.jsonl").open(encoding="utf-8")):
        x = inputs[gold["id"]]
        claimed = claimed_speaker_of(x["quote"], x.get("claimed_speaker"), x.get("context"))
        ev = checker.evidence(x["quote"], claimed_speaker=claimed, date=x.get("article_date"), context=x.get("context"))
        expected = gold["expected"]
        group = f"event:{expected.get('kremlin_id')}" if expected.get("kremlin_id") else f"case:{gold['id']}"
        out.append(Case("dev", group, expected["verdict"], ev))
    return out


def ablate(cases: list[Case], st: CheckSettings) -> None:
    """Each rule left out in turn: how many cases it decides rightly, and wrongly (a rule
    that serves one case and nothing else is a rule fitted to that case)."""
    shipped = {id(c): verdict(c, st) for c in cases}
    for rule in RULES:
        rules = tuple(r for r in RULES if r is not rule)
        gained = lost = 0
        for c in cases:
            d = decide(c.evidence, st, rules) if c.evidence is not None else None
            v = d.verdict if d else "NOT_IN_CORPUS"
            if v != shipped[id(c)]:
                gained += shipped[id(c)] == c.expected
                lost += v == c.expected
        print(f"without {rule.__name__:24} {gained} cases lose their right verdict, {lost} gain it")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--per-kind", type=int, default=40)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--lexical", action="store_true", help="words only (no sentence vectors)")
    args = ap.parse_args()
    if not args.db.exists() or not (SHARED / "quotes_dev.jsonl").exists():
        print("needs --db (the dev pages ingested) and ../shared/eval", file=sys.stderr)
        return 2
    start = time.perf_counter()
    with stenogram.Corpus(args.db) as corpus:
        checker = Checker(corpus.store, semantic=not args.lexical)
        checker.prepare()
        cases = dev_cases(checker)
        rng = random.Random(args.seed)
        short = short_unique_sentences(corpus, 8, 5)
        for g in generated_cases(transcript_sentences(corpus, MIN_CONTENT_WORDS), args.per_kind, rng, short):
            ev = checker.evidence(g.quote, claimed_speaker=g.claimed or None)
            cases.append(Case("generated", f"event:{g.event}", g.expected, ev))
        print(f"{len(cases)} cases' evidence gathered in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        groups = sorted({c.group for c in cases})
        random.Random(args.seed).shuffle(groups)
        fold_of = {g: i % args.folds for i, g in enumerate(groups)}
        shipped = CheckSettings()
        for source in ("dev", "generated"):
            acc, false = score([c for c in cases if c.source == source], shipped)
            print(f"shipped settings, {source} cases: accuracy {acc:.3f}, false confirmations {false:.3f}")
        ablate(cases, shipped)
        for name, values in GRID.items():
            chosen = []
            held_out: list[tuple[Case, str]] = []
            for k in range(args.folds):
                train = [c for c in cases if fold_of[c.group] != k]
                test = [c for c in cases if fold_of[c.group] == k]
                best = max(
                    values,
                    key=lambda v: (
                        objective(train, dataclasses.replace(shipped, **{name: v})),
                        v == getattr(shipped, name),
                    ),
                )
                chosen.append(best)
                st = dataclasses.replace(shipped, **{name: best})
                held_out += [(c, verdict(c, st)) for c in test]
            line = [f"{name:34} shipped {getattr(shipped, name)!s:5} chosen {chosen}"]
            for source in ("dev", "generated"):
                pairs = [(c, v) for c, v in held_out if c.source == source]
                acc = sum(v == c.expected for c, v in pairs) / max(1, len(pairs))
                false = sum(c.expected not in CONFIRMING and v in CONFIRMING for c, v in pairs) / max(1, len(pairs))
                line.append(f"held-out {source} {acc:.3f} (false {false:.3f})")
            print("; ".join(line))
    print(f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
