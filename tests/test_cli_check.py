"""``stenogram check``: inputs, the contract, reports, errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from stenogram.cli import app

from .conftest import EXAMPLES, ROOT

SCHEMA = json.loads((ROOT / "docs" / "schemas" / "check-result.schema.json").read_text(encoding="utf-8"))
SAID = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "c.db"
    assert CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(path)]).exit_code == 0
    return path


def test_batch_of_quotations_echoes_ids_and_follows_the_contract(db: Path, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    lines = [
        {"id": "a", "quote": SAID, "claimed_speaker": "Vladimir Putin", "article_date": "2026-03-01"},
        {"id": "b", "quote": SAID.replace("a fifth", "a third"), "claimed_speaker": "Putin"},
        {"id": "c", "quote": SAID, "claimed_speaker": "Teodor Halvik"},
        {
            "id": "d",
            "quote": "Penguins will be taxed on every Tuesday of the year from now on.",
            "claimed_speaker": None,
        },
        {"id": "e", "quote": SAID, "context": f"“{SAID}” Halvik said at the talks."},
    ]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--quotes", str(batch), "--db", str(db), "--json", "--lexical"])
    assert result.exit_code == 1  # the malformed line
    lines_out = [json.loads(line) for line in result.stdout.splitlines()]
    records = [r for r in lines_out if r["kind"] != "error"]
    for record in records:
        jsonschema.validate(record, SCHEMA)
    assert [e["path"] for e in lines_out if e["kind"] == "error"] == [f"{batch}:6"]  # in the stream, under --json
    assert [(r["id"], r["verdict"]) for r in records] == [
        ("a", "VERBATIM"),
        ("b", "ALTERED"),  # "a fifth" became "a third"
        ("c", "MISATTRIBUTED"),
        ("d", "NOT_IN_CORPUS"),
        ("e", "MISATTRIBUTED"),  # the context names the speaker
    ]
    assert records[0]["source"]["id"] == "90001" and SAID in records[0]["source"]["text"]
    assert f"error: {batch}:6: not a JSON line" in result.stderr


def test_one_quotation_readable_and_html(db: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        app,
        ["check", "--quote", SAID, "--speaker", "Vladimir Putin", "--db", str(db), "--html", str(report), "--lexical"],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("VERBATIM (1.00) — claimed for Vladimir Putin")
    page = report.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "<script" not in page and "VERBATIM" in page


def test_articles_are_checked_quotation_by_quotation(db: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        f"Talks in Moscow\nVladimir Putin received the President of Norvania.\n“{SAID}” Vladimir Putin said.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(article), "--db", str(db), "--json", "--lexical"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == f"{article}#0" and record["verdict"] == "VERBATIM"


def test_nothing_to_check_is_a_usage_error(db: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr == "error: nothing to check: give --quote TEXT, --quotes FILE or ARTICLE files\n"


def test_the_example_article_gets_one_verdict_of_each_kind_it_was_written_for(db: Path) -> None:
    article = EXAMPLES.parent / "news" / "northern_daily_2026-02-25.txt"
    result = CliRunner().invoke(app, ["check", str(article), "--db", str(db), "--json", "--lexical"])
    assert result.exit_code == 0, result.output
    verdicts = [json.loads(line)["verdict"] for line in result.stdout.splitlines()]
    assert verdicts == ["VERBATIM", "ALTERED", "MISATTRIBUTED", "NOT_IN_CORPUS"]


def test_claimreview_json_ld_validates(db: Path, tmp_path: Path) -> None:
    schema = json.loads((ROOT / "docs" / "schemas" / "claimreview.schema.json").read_text(encoding="utf-8"))
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps(x)
            for x in [
                {
                    "id": "a",
                    "quote": SAID,
                    "claimed_speaker": "Vladimir Putin",
                    "article_date": "2026-02-25",
                    "article_url": "https://news.example/putin-river",
                },
                {"id": "b", "quote": SAID, "claimed_speaker": "Teodor Halvik"},
                {"id": "c", "quote": "Nothing like this was ever said by anyone at all.", "claimed_speaker": None},
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "reviews.json"
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--quotes",
            str(batch),
            "--db",
            str(db),
            "--lexical",
            "--claimreview",
            str(out),
            "--org",
            "Example Fact Desk",
            "--org-url",
            "https://facts.example",
        ],
    )
    assert result.exit_code == 0, result.output
    reviews = json.loads(out.read_text(encoding="utf-8"))
    for review in reviews:
        jsonschema.validate(review, schema)
    first, second, third = reviews
    assert first["reviewRating"]["ratingValue"] == 5 and first["reviewRating"]["alternateName"] == "Accurate quotation"
    assert first["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://news.example/putin-river",
        "datePublished": "2026-02-25",
    }
    assert first["url"] == "http://en.kremlin.ru/events/president/news/90001"
    assert second["reviewRating"]["ratingValue"] == 1
    assert "ratingValue" not in third["reviewRating"] and "url" not in third
    assert first["author"] == {"@type": "Organization", "name": "Example Fact Desk", "url": "https://facts.example"}


def test_saved_verdicts_export_as_claimreview(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)]).exit_code == 0
    for _ in range(2):  # checking again replaces the stored verdict
        result = runner.invoke(app, ["check", "--quote", SAID, "--speaker", "Putin", "--db", str(db), "--save"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "claimreview", "--db", str(db), "--out", str(tmp_path / "x"), "--org", "D"])
    assert result.exit_code == 0, result.output
    reviews = json.loads((tmp_path / "x" / "claimreview.json").read_text(encoding="utf-8"))
    assert len(reviews) == 1 and reviews[0]["claimReviewed"] == SAID and reviews[0]["author"]["name"] == "D"


@pytest.mark.shared
def test_claimreview_for_the_dev_quotation_cases_validates(kremlin_corpus: Path, tmp_path: Path) -> None:
    cases = kremlin_corpus.parent.parent / "eval" / "quotes_dev_input.jsonl"
    if not cases.exists():
        pytest.skip("../shared/eval is absent")
    schema = json.loads((ROOT / "docs" / "schemas" / "claimreview.schema.json").read_text(encoding="utf-8"))
    db = tmp_path / "dev.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(kremlin_corpus / "html"), "--db", str(db)]).exit_code == 0
    checked = runner.invoke(app, ["check", "--quotes", str(cases), "--db", str(db), "--lexical", "--save", "--json"])
    assert checked.exit_code == 0, checked.stderr[-500:]
    result = runner.invoke(app, ["export", "claimreview", "--db", str(db), "--out", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    reviews = json.loads((tmp_path / "x" / "claimreview.json").read_text(encoding="utf-8"))
    assert len(reviews) == len(cases.read_text(encoding="utf-8").splitlines())
    for review in reviews:
        jsonschema.validate(review, schema)
