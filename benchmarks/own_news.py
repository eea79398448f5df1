"""Quotations in short news articles about Kremlin events that we wrote ourselves.

    .venv/bin/python benchmarks/own_news.py [--show-errors] [--out DIR]

The articles in ``benchmarks/news_own/`` are our own writing, in the styles of wire copy,
state-agency items, live blogs, analyses, interviews and press-conference excerpts. Each
quotation is marked inline as ``⟦words⟧{Who said them}`` (``⟦!words⟧`` for a dash-led direct
quotation; ``{}`` or a description such as ``{a NATO official}`` for no one named), following
the peer set's conventions (reported speech is the clause; the words inside the marks of a
direct quotation). The script strips the marks, runs ``extract_quotes`` on the plain texts
and scores the quotations the same way as ``../shared/eval/score_news_quotes.py``: overlap
matching at 0.3 and 0.8, direct quotations at 0.8, and speaker accuracy by surname on the
quotations matched at 0.8. With ``--out`` it also writes the plain texts and the gold in
the scorer's format, so that scorer can be run on them.

Batches: ``n*`` were written before the rules of their session, ``m*`` after those rules
and before running them, and ``c*`` (in the style of the Canadian peer set: sports, courts,
provincial politics, business, health, police) after the ``m*`` rules, and ``k*`` (New York
Times, FT, RIA, BBC, Interfax and Guardian styles) after the ``c*`` rules, and ``p*``
(written to stress speakers: epithets, two leaders, colon turns) after the ``k*`` rules, and
``q*`` (readouts, continued paragraphs, agency quotes, "says X") after the ``p*`` rules, and
``r*`` after the ``q*`` rules, ``s*`` (AFP, Al Jazeera, Xinhua, Kyiv Independent) after the
``r*`` rules. The first look
at each batch is the figure to compare with unseen text (docs/measurements.md); after the
rules written from it, a batch measures only that they still hold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from stenogram.parse.quotes import extract_quotes

HERE = Path(__file__).resolve().parent / "news_own"
_MARK = re.compile(r"⟦(!?)(.*?)⟧\{(.*?)\}", re.S)
# A reference that only describes the speaker: right when no person is claimed.
_GENERIC = re.compile(
    r"^(a|an|the|another|some|one|two|three|several|many|other|his|her|their|officials?|police)\b", re.I
)


@dataclass
class Gold:
    start: int
    end: int
    direct: bool
    reference: str


def strip_marks(raw: str) -> tuple[str, list[Gold]]:
    """The plain text of a marked article and its quotations, with offsets into it."""
    pieces: list[str] = []
    gold: list[Gold] = []
    pos = size = 0
    for m in _MARK.finditer(raw):
        pieces.append(raw[pos : m.start()])
        size += m.start() - pos
        words = m.group(2)
        before = pieces[-1][-1:] if pieces and pieces[-1] else ""
        gold.append(Gold(size, size + len(words), bool(m.group(1)) or before in "\"“«'", m.group(3)))
        pieces.append(words)
        size += len(words)
        pos = m.end()
    pieces.append(raw[pos:])
    return "".join(pieces), gold


def _surname(name: str) -> str:
    found = re.findall(r"[\w'-]+", name or "")
    return found[-1].casefold() if found else ""


def _speaker_ok(person: str, reference: str) -> bool:
    named = bool(reference) and not _GENERIC.match(reference) and any(w[:1].isupper() for w in reference.split())
    return _surname(person) == _surname(reference) if named else not person


def _match(gold: list[Gold], pred: list[tuple[int, int, str, str]], threshold: float) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        best, best_j = 0.0, None
        for pj, (a, b, _, _) in enumerate(pred):
            if pj not in used:
                overlap = max(0, min(g.end, b) - max(g.start, a)) / max(1, g.end - g.start)
                if overlap > best:
                    best, best_j = overlap, pj
        if best_j is not None and best >= threshold:
            used.add(best_j)
            pairs.append((gi, best_j))
    return pairs


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p, r = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show-errors", action="store_true", help="print missed quotations and wrong speakers")
    ap.add_argument("--out", type=Path, help="also write DIR/texts/*.txt and DIR/gold.jsonl")
    args = ap.parse_args()
    paths = sorted(HERE.glob("*.txt"))
    if not paths:
        print(f"no articles in {HERE}", file=sys.stderr)
        return 2
    totals = dict.fromkeys(("gold", "pred", "tp03", "tp08", "dgold", "dpred", "dtp", "sp_ok", "sp_n"), 0)
    records = []
    for path in paths:
        text, gold = strip_marks(path.read_text(encoding="utf-8"))
        records.append((path, text, gold))
        pred = [
            (a, b, q.kind, q.person or "") for q in extract_quotes(text) for a, b in (q.parts or [(q.start, q.end)])
        ]
        totals["gold"] += len(gold)
        totals["pred"] += len(pred)
        totals["tp03"] += len(_match(gold, pred, 0.3))
        matched = _match(gold, pred, 0.8)
        totals["tp08"] += len(matched)
        for gi, pj in matched:
            if not gold[gi].reference:
                continue  # "{}": who said it is not known, as the scorer counts
            ok = _speaker_ok(pred[pj][3], gold[gi].reference)
            totals["sp_n"] += 1
            totals["sp_ok"] += ok
            if args.show_errors and not ok:
                print(f"speaker\t{path.stem}\twant {gold[gi].reference!r} got {pred[pj][3]!r}")
        if args.show_errors:
            found = {gi for gi, _ in _match(gold, pred, 0.3)}
            for gi in set(range(len(gold))) - found:
                print(f"missed\t{path.stem}\t{text[gold[gi].start : gold[gi].end][:80]!r}")
        direct_gold = [g for g in gold if g.direct]
        direct_pred = [p for p in pred if p[2] in ("direct", "partial")]
        totals["dgold"] += len(direct_gold)
        totals["dpred"] += len(direct_pred)
        totals["dtp"] += len(_match(direct_gold, direct_pred, 0.8))
    if args.out is not None:
        (args.out / "texts").mkdir(parents=True, exist_ok=True)
        with (args.out / "gold.jsonl").open("w", encoding="utf-8") as out:
            for path, text, gold in records:
                (args.out / "texts" / path.name).write_text(text, encoding="utf-8")
                quotes = [{"start": g.start, "end": g.end, "direct": g.direct, "reference": g.reference} for g in gold]
                out.write(json.dumps({"id": path.stem, "quotes": quotes}, ensure_ascii=False) + "\n")
    t = totals
    print(
        f"{len(paths)} articles, {t['gold']} quotations: all F1@0.3 {_f1(t['tp03'], t['pred'], t['gold']):.3f} "
        f"@0.8 {_f1(t['tp08'], t['pred'], t['gold']):.3f}, direct F1 {_f1(t['dtp'], t['dpred'], t['dgold']):.3f}, "
        f"speaker accuracy {t['sp_ok'] / max(1, t['sp_n']):.3f} on {t['sp_n']} matched"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
