"""Batch checks on the Dask engine: a local cluster of two worker processes gives the
results of the local engine, in the input's order, with failures per quotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stenogram
from stenogram import Claim, check_batch

from ..conftest import EXAMPLES

SAID = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."
CLAIMS = [
    Claim("q1", SAID, claimed_speaker="Vladimir Putin"),
    Claim("q2", SAID.replace("a fifth", "a third"), claimed_speaker="Vladimir Putin"),
    Claim("q3", "Nothing of the kind was ever said in these talks about the price of fish.", claimed_speaker="X"),
    Claim("q4", "x" * 6000),  # past the bound: a failure of its own, the batch goes on
] + [Claim(f"r{i}", SAID.replace("water", "river" if i % 2 else "sea")) for i in range(30)]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("batch") / "c.db"
    with stenogram.Corpus(db) as corpus:
        corpus.ingest([EXAMPLES])
    return db


def _records(outcomes: list[stenogram.Outcome]) -> list[object]:
    return [(o.claim.id, o.result.to_dict() if o.result else None, o.error) for o in outcomes]


def test_the_dask_engine_gives_the_local_results_in_order(corpus_file: Path) -> None:
    pytest.importorskip("dask.distributed")
    local = list(check_batch(corpus_file, CLAIMS, semantic=False))
    assert [o.claim.id for o in local] == [c.id for c in CLAIMS]
    assert local[3].result is None and "5,000" in (local[3].error or "")
    assert {o.result.verdict for o in local if o.result} >= {"VERBATIM", "ALTERED", "NOT_IN_CORPUS"}
    on_dask = list(check_batch(corpus_file, CLAIMS, engine="dask", workers=2, semantic=False))
    assert _records(on_dask) == _records(local)


def test_a_dask_bag_of_records_is_checked_in_its_order(corpus_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    import dask.bag

    from stenogram import check_bag

    lines = [{"id": c.id, "quote": c.quote, "claimed_speaker": c.claimed_speaker} for c in CLAIMS[:6]]
    lines.append({"id": "bad", "quote": 42})  # not text: an error record
    (tmp_path / "q.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    bag = dask.bag.read_text(str(tmp_path / "q.jsonl")).map(json.loads).repartition(3)
    out = check_bag(bag, corpus_file, semantic=False).compute(scheduler="processes", num_workers=2)
    assert [r.get("id") for r in out] == [x["id"] for x in lines]
    assert out[-1]["kind"] == "error" and out[0]["verdict"] == "VERBATIM"


def test_the_cli_runs_the_dask_engine_with_the_same_output(corpus_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from typer.testing import CliRunner

    from stenogram.cli import app

    quotes = tmp_path / "q.jsonl"
    quotes.write_text("\n".join(json.dumps({"id": c.id, "quote": c.quote}) for c in CLAIMS[:8]), encoding="utf-8")
    args = ["check", "--quotes", str(quotes), "--db", str(corpus_file), "--json", "--lexical"]
    local = CliRunner().invoke(app, args)
    dask = CliRunner().invoke(app, [*args, "--engine", "dask", "--workers", "2"])
    assert local.exit_code == dask.exit_code == 1  # q4 failed, in both
    assert local.stdout == dask.stdout and local.stdout.count("\n") == 8
    unknown = CliRunner().invoke(app, [*args, "--engine", "spark"])
    assert unknown.exit_code == 2 and "unknown engine" in unknown.stderr


def test_forked_processes_give_the_results_of_one_in_order(corpus_file: Path) -> None:
    """``jobs`` processes forked after the vectors are loaded (the default for a large
    batch on Linux): the same outcomes as one process, in the input's order."""
    import sys

    from stenogram import auto_jobs

    one = list(check_batch(corpus_file, CLAIMS, semantic=False))
    forked = list(check_batch(corpus_file, CLAIMS, semantic=False, jobs=2))
    assert _records(forked) == _records(one)
    assert auto_jobs(5) == 1  # a small batch is not worth the processes
    if sys.platform.startswith("linux"):
        assert auto_jobs(1000) >= 1
