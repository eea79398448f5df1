"""Quality ratchet: parse the development corpus and score it with the shared scorer.

Floors live in tests/eval_baseline.json; raise them when the parser improves, never lower
them to make a change pass. Skipped when ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import stenogram

from .conftest import SHARED

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))
NOISE = 0.0005


def _scorer() -> ModuleType:
    path = SHARED / "eval" / "score_parse.py"
    spec = importlib.util.spec_from_file_location("score_parse", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
@pytest.mark.parametrize("kind", sorted(BASELINE))
def test_parse_quality_does_not_regress(kind: str, kremlin_corpus: Path) -> None:
    scorer = _scorer()
    gold_lines = (kremlin_corpus / "gold_dev.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in gold_lines if line.strip()]
    inputs = {
        "html": kremlin_corpus / "html",
        "text": kremlin_corpus / "text",
        "concat": kremlin_corpus / "text" / "concat",
    }
    # "text" means the single-page files, not the concat/ folder below them.
    paths = sorted(inputs["text"].glob("*.txt")) if kind == "text" else [inputs[kind]]
    if kind == "concat":
        ids = scorer.read_ids(str(inputs["concat"] / "manifest.jsonl"))
        gold = [g for g in gold if g["id"] in ids]
    candidates = [ev.to_dict() for ev in stenogram.parse_files(list(paths))]
    metrics = scorer.score(gold, candidates)
    got = {"meta": metrics["meta"], "turns_f1": metrics["turns"]["f1"], "speaker_words": metrics["speaker_words"]}
    for name, floor in BASELINE[kind].items():
        assert got[name] >= floor - NOISE, f"{kind} {name}: {got[name]:.4f} < floor {floor}"
