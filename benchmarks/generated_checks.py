"""A generated suite of quotation checks made from real transcript sentences.

    .venv/bin/python benchmarks/generated_checks.py --db DEV.db [--per-kind N] [--seed S] [--semantic]

Takes sentences said by named speakers in a corpus (DEV.db: the dev pages ingested, for
example), makes cases of known answer from each (``tests/verify/perturb.py``), checks them
and prints, per kind, how many got the verdict they must get:

- ``copy``: the sentence retyped (curly quotes, dashes, no-break spaces, case, a doubled
  space): VERBATIM;
- ``figures``: a sentence with figures, as printed: VERBATIM;
- ``figure_changed`` / ``negation_flipped``: one figure changed in value, a negation
  added or removed: ALTERED (a confirmation, VERBATIM, CLOSE or TRANSLATION_VARIANT, is
  counted apart as a false confirmation);
- ``word_dropped`` / ``word_inserted``: one word left out of the middle, one adverb put
  in: CLOSE;
- ``spliced``: two sentences of one speaker from two events joined: SPLICED;
- ``other_speaker``: a sentence claimed for another speaker of its event: MISATTRIBUTED.

Words only by default (fast; ``--semantic`` uses the corpus's sentence vectors).
``--cases FILE`` also writes the cases with their verdicts as JSON Lines (the input of
``benchmarks/cv_check.py``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import stenogram

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.verify.perturb import CONFIRMING, generated_cases, short_unique_sentences, transcript_sentences

MIN_CONTENT_WORDS = 8  # shorter sentences are often said more than once, in other turns
SHORT_MIN_TOKENS, SHORT_MAX_CONTENT_WORDS = 8, 5  # short_unnamed: sentences of common words, said once


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--per-kind", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--show", type=int, default=3, help="print up to N failures per kind")
    ap.add_argument("--cases", type=Path, help="write the cases and their verdicts here (JSON Lines)")
    args = ap.parse_args()
    if not args.db.exists():
        print(f"{args.db}: no such corpus", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    with stenogram.Corpus(args.db) as corpus:
        short = short_unique_sentences(corpus, SHORT_MIN_TOKENS, SHORT_MAX_CONTENT_WORDS)
        cases = generated_cases(transcript_sentences(corpus, MIN_CONTENT_WORDS), args.per_kind, rng, short)
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        false_confirm: Counter[str] = Counter()
        verdicts: dict[str, Counter[str]] = defaultdict(Counter)
        shown: Counter[str] = Counter()
        records = []
        start = time.perf_counter()
        for case in cases:
            result = corpus.check(case.quote, claimed_speaker=case.claimed or None, semantic=args.semantic)
            total[case.kind] += 1
            verdicts[case.kind][result.verdict] += 1
            if result.verdict == case.expected:
                right[case.kind] += 1
            else:
                if case.expected not in CONFIRMING and result.verdict in CONFIRMING:
                    false_confirm[case.kind] += 1
                if shown[case.kind] < args.show:
                    shown[case.kind] += 1
                    print(f"  {case.kind}: {result.verdict} {case.quote[:110]!r}\n    {result.reason[:160]}")
            records.append({**dataclasses.asdict(case), "verdict": result.verdict})
        seconds = time.perf_counter() - start
    for kind in total:
        print(
            f"{kind:17} {right[kind]}/{total[kind]} right ({right[kind] / total[kind]:.3f}); "
            f"false confirmations {false_confirm[kind]}; verdicts {dict(verdicts[kind].most_common())}"
        )
    n = sum(total.values())
    print(
        f"all: {sum(right.values())}/{n} right ({sum(right.values()) / max(1, n):.3f}), "
        f"false confirmations {sum(false_confirm.values())}; {n} checks in {seconds:.1f} s ({n / seconds:.1f}/s)"
    )
    if args.cases:
        args.cases.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
