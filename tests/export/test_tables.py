"""Exports load back in DuckDB with the store's counts and texts; JSONL is the contract."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import stenogram
from stenogram.export import export
from stenogram.search.filters import Filters

from ..conftest import EXAMPLES, FIXTURES, ROOT

duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> stenogram.Corpus:
    folder = tmp_path_factory.mktemp("export")
    c = stenogram.Corpus(folder / "c.db")
    c.ingest([EXAMPLES, FIXTURES])
    c.ingest_articles([EXAMPLES.parent / "news"])
    return c


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_round_trip(corpus: stenogram.Corpus, tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    counts = export(corpus, fmt, tmp_path)
    store = corpus.store.db
    assert counts["events"] == store.execute("SELECT count(*) FROM events").fetchone()[0]
    assert counts["turns"] == store.execute("SELECT count(*) FROM turns").fetchone()[0]
    assert counts["tags"] == store.execute("SELECT count(*) FROM tags").fetchone()[0]
    assert counts["quotations"] == sum(len(a.quotes) for a in corpus.articles()) > 0
    reader = "read_csv_auto" if fmt == "csv" else "read_parquet"
    con = duckdb.connect()
    for table, n in counts.items():
        assert con.execute(f"SELECT count(*) FROM {reader}('{tmp_path}/{table}.{fmt}')").fetchone()[0] == n
    turns = dict(con.execute(f"SELECT turn_key, text FROM {reader}('{tmp_path}/turns.{fmt}')").fetchall())
    ev = corpus.event("90001")
    assert ev is not None
    key = store.execute("SELECT event_key FROM events WHERE site_id = '90001'").fetchone()[0]
    assert [turns[f"{key}#{i}"] for i in range(len(ev.turns))] == [t.text for t in ev.turns]
    joined = con.execute(
        f"SELECT count(*) FROM {reader}('{tmp_path}/turns.{fmt}') t JOIN {reader}('{tmp_path}/events.{fmt}') e "
        "USING (event_key)"
    ).fetchone()[0]
    assert joined == counts["turns"]


def test_jsonl_is_the_parse_contract_and_filters_apply(corpus: stenogram.Corpus, tmp_path: Path) -> None:
    schema = json.loads((ROOT / "docs" / "schemas" / "parse-event.schema.json").read_text(encoding="utf-8"))
    export(corpus, "jsonl", tmp_path / "all")
    lines = (tmp_path / "all" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == corpus.stats().events
    for line in lines:
        jsonschema.validate(json.loads(line), schema)
    export(corpus, "jsonl", tmp_path / "some", Filters.build(speaker="Teodor Halvik"))
    some = [json.loads(x) for x in (tmp_path / "some" / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert some and all(any(t["person"] == "Teodor Halvik" for t in e["turns"]) for e in some)
    assert len(some) < len(lines)
