"""A generated suite of quotation checks made from real transcript sentences.

    .venv/bin/python benchmarks/generated_checks.py --db DEV.db [--per-kind N] [--seed S] [--semantic]

Takes sentences said by named speakers in a corpus (DEV.db: the dev pages ingested, for
example), makes cases of known answer from each, checks them and prints, per kind, how
many got the verdict they must get:

- ``copy``: the sentence with typography changed (curly quotes, dashes, no-break spaces,
  case, an extra space): must be VERBATIM;
- ``figures``: a sentence with figures, as printed: must be VERBATIM;
- ``figure_changed``: one figure changed in value: must be ALTERED (never VERBATIM, CLOSE
  or TRANSLATION_VARIANT);
- ``negation_flipped``: "not" added after the first auxiliary, or removed: must not be
  VERBATIM, CLOSE or TRANSLATION_VARIANT.

Words only by default (fast; `--semantic` uses the corpus's sentence vectors).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import stenogram
from stenogram.verify.align import sentences
from stenogram.verify.normalize import content, tokens

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.verify.perturb import CONFIRMING, FIGURE, figure_changed, negation_flipped, retyped

Maker = Callable[[str, random.Random], str | None]
MIN_CONTENT_WORDS = 8  # shorter sentences are often said more than once, in other turns


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--per-kind", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--show", type=int, default=5, help="print up to N failures per kind")
    args = ap.parse_args()
    if not args.db.exists():
        print(f"{args.db}: no such corpus", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    with stenogram.Corpus(args.db) as corpus:
        pool: list[tuple[str, str]] = []
        for turn_id, text in corpus.store.all_turns():
            info = corpus.store.turn_info(turn_id)
            if info is None or not info["person"]:
                continue
            for sent in sentences(text):
                if len(content(tokens(sent.text))) >= MIN_CONTENT_WORDS:
                    pool.append((str(info["person"]), sent.text))
        rng.shuffle(pool)
        with_figures = [(p, s) for p, s in pool if FIGURE.search(s)]
        makers: dict[
            str, tuple[list[tuple[str, str]], Callable[[str, random.Random], str | None], Callable[[str], bool]]
        ]
        makers = {
            "copy": (pool, retyped, lambda v: v == "VERBATIM"),
            "figures": (with_figures, lambda s, _: s, lambda v: v == "VERBATIM"),
            "figure_changed": (with_figures, figure_changed, lambda v: v == "ALTERED"),
            "negation_flipped": (pool, negation_flipped, lambda v: v not in CONFIRMING),
        }
        start = time.perf_counter()
        n_checks = 0
        for kind, (source, make, right) in makers.items():
            verdicts: Counter[str] = Counter()
            good = shown = 0
            cases = 0
            for person, sentence in source:
                if cases >= args.per_kind:
                    break
                quote = make(sentence, rng)
                if quote is None:
                    continue
                cases += 1
                result = corpus.check(quote, claimed_speaker=person, semantic=args.semantic)
                n_checks += 1
                verdicts[result.verdict] += 1
                if right(result.verdict):
                    good += 1
                elif shown < args.show:
                    shown += 1
                    print(f"  {kind}: {result.verdict} {quote[:110]!r}\n    {result.reason[:160]}")
            share = good / cases if cases else 0.0
            print(f"{kind:17} {good}/{cases} right ({share:.3f}); verdicts {dict(verdicts.most_common())}")
        seconds = time.perf_counter() - start
        print(f"{n_checks} checks in {seconds:.1f} s ({n_checks / seconds:.1f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
