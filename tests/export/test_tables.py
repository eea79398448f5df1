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
    said = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."
    checks = [
        c.check(said, claimed_speaker="Vladimir Putin", semantic=False, id="a"),
        c.check(said.replace("a fifth", "a third"), claimed_speaker="Putin", semantic=False, id="b"),
        c.check("Penguins will be taxed on every Tuesday.", semantic=False, id="c"),
    ]
    c.save_verdicts(checks, article_url="https://news.example/a", article_date="2026-02-25")
    c.save_verdicts(checks[:1], article_url="https://news.example/a", article_date="2026-02-25")  # replaces
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
    assert counts["verdicts"] == 3
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
    # A verdict joins the turn it cites; a quotation not found cites nothing.
    cited = con.execute(
        "SELECT v.quote_id, v.verdict, t.text LIKE '%' || v.source_text || '%' "
        f"FROM {reader}('{tmp_path}/verdicts.{fmt}') v LEFT JOIN {reader}('{tmp_path}/turns.{fmt}') t "
        "ON t.turn_key = v.source_event_key || '#' || v.source_turn"
        " ORDER BY v.quote_id"
    ).fetchall()
    assert cited == [("a", "VERBATIM", True), ("b", "ALTERED", True), ("c", "NOT_IN_CORPUS", None)]


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


def test_stored_verdicts_export_as_claimreview(corpus: stenogram.Corpus, tmp_path: Path) -> None:
    schema = json.loads((ROOT / "docs" / "schemas" / "claimreview.schema.json").read_text(encoding="utf-8"))
    counts = export(corpus, "claimreview", tmp_path, organisation="Desk", organisation_url="https://desk.example")
    reviews = json.loads((tmp_path / "claimreview.json").read_text(encoding="utf-8"))
    assert counts["claimreviews"] == len(reviews) == 3
    for review in reviews:
        jsonschema.validate(review, schema)
        assert review["author"] == {"@type": "Organization", "name": "Desk", "url": "https://desk.example"}
        assert review["itemReviewed"]["appearance"]["url"] == "https://news.example/a"
    by_quote = {r["claimReviewed"]: r for r in reviews}
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "Accurate quotation",
        "Altered quotation",
        "Not found in the official transcripts",
    ]
    assert "url" not in by_quote["Penguins will be taxed on every Tuesday."]
    lines = export(corpus, "jsonl", tmp_path / "j")
    assert lines["verdicts"] == 3


@pytest.mark.shared
def test_the_dev_corpus_round_trips_in_every_table_format(kremlin_corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    schema = json.loads((ROOT / "docs" / "schemas" / "parse-event.schema.json").read_text(encoding="utf-8"))
    with stenogram.Corpus(tmp_path / "dev.db") as dev:
        dev.ingest([kremlin_corpus / "html"])
        store = dev.store.db
        expected = {
            "events": store.execute("SELECT count(*) FROM events").fetchone()[0],
            "turns": store.execute("SELECT count(*) FROM turns").fetchone()[0],
            "tags": store.execute("SELECT count(*) FROM tags").fetchone()[0],
            "persons": store.execute("SELECT count(DISTINCT person_id) FROM turns").fetchone()[0],
        }
        words = store.execute("SELECT sum(words) FROM turns").fetchone()[0]
        for fmt in ("csv", "parquet"):
            counts = export(dev, fmt, tmp_path / fmt)
            reader = "read_csv_auto" if fmt == "csv" else "read_parquet"
            con = duckdb.connect()
            for table, n in expected.items():
                assert counts[table] == n, (fmt, table)
                assert (
                    con.execute(f"SELECT count(*) FROM {reader}('{tmp_path}/{fmt}/{table}.{fmt}')").fetchone()[0] == n
                )
            assert (
                con.execute(f"SELECT sum(words) FROM {reader}('{tmp_path}/{fmt}/turns.{fmt}')").fetchone()[0] == words
            )
        export(dev, "jsonl", tmp_path / "jsonl")
    lines = (tmp_path / "jsonl" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == expected["events"]
    validator = jsonschema.Draft202012Validator(schema)
    assert all(validator.is_valid(json.loads(line)) for line in lines)
