"""Quality ratchet for news quotations: extract the quotations of the annotated peer set
(../shared/eval/news_quotes) and score them with the shared scorer, as the issue's check
does (`stenogram quotes texts --json` then score_news_quotes.py).

Floors live in tests/quotes_baseline.json; raise them when extraction improves, never lower
them to make a change pass. Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stenogram.parse.news import iter_articles
from stenogram.sources import Failure

from .conftest import SHARED

NEWS = SHARED / "eval" / "news_quotes"
BASELINE = json.loads((Path(__file__).parent / "quotes_baseline.json").read_text(encoding="utf-8"))
NOISE = 0.0005


@pytest.mark.shared
def test_news_quotation_quality_does_not_regress(tmp_path: Path) -> None:
    if not (NEWS / "gold_dev.jsonl").exists():
        pytest.skip("../shared/eval/news_quotes is absent")
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for article in iter_articles([NEWS / "texts"]):
            assert not isinstance(article, Failure), article
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    run = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score_news_quotes.py"), str(NEWS / "gold_dev.jsonl"), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    )
    last = run.stdout.strip().splitlines()[-1]
    got = {k: float(v) for k, v in (pair.split("=") for pair in last.split(": ", 1)[1].split())}
    for name, floor in BASELINE.items():
        assert got[name] >= floor - NOISE, f"{name}: {got[name]:.3f} < floor {floor}"
