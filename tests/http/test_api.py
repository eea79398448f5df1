"""The HTTP API with the ASGI test client: every endpoint, and its error cases."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

import stenogram
from stenogram.http.app import MAX_TEXT, ServerSettings, create_app

from ..conftest import EXAMPLES, FIXTURES, running_server

SAID = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "c.db"
    with stenogram.Corpus(path) as corpus:
        corpus.ingest([EXAMPLES, FIXTURES])
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(ServerSettings(db=str(db), semantic=False)))


def _error(response: object, status: int) -> str:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["error"]["status"] == status
    return str(body["error"]["message"])


def test_search_with_filters_and_pagination(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "the", "speaker": "Putin", "limit": 2, "sort": "date"})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert len(hits) == 2 and {h["person"] for h in hits} == {"Vladimir Putin"}
    page2 = client.get(
        "/api/v1/search", params={"q": "the", "speaker": "Putin", "limit": 2, "offset": 2, "sort": "date"}
    ).json()["hits"]
    assert not {(h["event_id"], h["turn"]) for h in hits} & {(h["event_id"], h["turn"]) for h in page2}
    r = client.get("/api/v1/search", params={"q": "Mr", "from": "2026-03-01", "topic": "Regions"})
    assert r.status_code == 200 and all(h["date"] >= "2026-03-01" for h in r.json()["hits"])
    assert r.headers["content-security-policy"].startswith("default-src 'none'")


def test_search_counts_every_match_when_asked(client: TestClient) -> None:
    every = client.get("/api/v1/search", params={"q": "the", "limit": 500}).json()["hits"]
    body = client.get("/api/v1/search", params={"q": "the", "limit": 2, "total": "true"}).json()
    assert len(body["hits"]) == 2 and body["total"] == len(every) > 2
    assert "total" not in client.get("/api/v1/search", params={"q": "the"}).json()


def test_search_errors_are_400_with_a_message(client: TestClient) -> None:
    assert "unbalanced quote" in _error(client.get("/api/v1/search", params={"q": '"gas'}), 400)
    assert "bad date" in _error(client.get("/api/v1/search", params={"q": "gas", "from": "yesterday"}), 400)
    assert "limit" in _error(client.get("/api/v1/search", params={"q": "gas", "limit": 0}), 400)
    assert "no speaker matches" in _error(client.get("/api/v1/search", params={"q": "gas", "speaker": "Nobody"}), 400)
    assert "q" in _error(client.get("/api/v1/search"), 400)


def test_events_turns_persons_kwic_stats(client: TestClient) -> None:
    ev = client.get("/api/v1/events/99001").json()
    assert ev["title"] == "Talks with President of Freedonia Rufus Firefly" and ev["kind"] == "event"
    turns = client.get("/api/v1/events/99001/turns").json()["turns"]
    assert [t["speaker"] for t in turns][:2] == [
        "President of Russia Vladimir Putin",
        "President of Freedonia Rufus Firefly (retranslated)",
    ]
    assert "no event" in _error(client.get("/api/v1/events/424242"), 404)
    assert "no event" in _error(client.get("/api/v1/events/424242/turns"), 404)
    persons = client.get("/api/v1/persons", params={"limit": 3}).json()["persons"]
    assert persons[0]["person"] == "Vladimir Putin"
    one = client.get(f"/api/v1/persons/{persons[1]['person_id']}").json()
    assert one["person"] == persons[1]["person"]
    assert "no person" in _error(client.get("/api/v1/persons/nobody-atall"), 404)
    lines = client.get("/api/v1/kwic", params={"q": "river", "width": 20}).json()["lines"]
    assert lines and all(line["match"].lower() == "river" for line in lines)
    assert "unknown sort" in _error(client.get("/api/v1/kwic", params={"q": "river", "sort": "up"}), 400)
    assert client.get("/api/v1/stats").json()["events"] == 8


def test_quotes_and_check(client: TestClient) -> None:
    article = f"Talks in Moscow\nVladimir Putin met his guest.\n“{SAID}” Vladimir Putin said.\n"
    quotes = client.post("/api/v1/quotes", json={"text": article, "outlet": "Daily"}).json()
    assert quotes["outlet"] == "Daily" and quotes["quotes"][0]["person"] == "Vladimir Putin"
    one = client.post("/api/v1/check", json={"quote": SAID, "claimed_speaker": "Vladimir Putin"}).json()
    assert one["results"][0]["verdict"] == "VERBATIM"
    many = client.post("/api/v1/check", json={"article": article}).json()
    assert [r["verdict"] for r in many["results"]] == ["VERBATIM"]
    context = f"“{SAID}” Halvik said."  # the context names another speaker than the one who said it
    named = client.post("/api/v1/check", json={"quote": SAID, "context": context}).json()["results"][0]
    assert named["verdict"] == "MISATTRIBUTED" and named["claimed_speaker"] == "Halvik"
    assert "give a quote" in _error(client.post("/api/v1/check", json={}), 400)
    assert "too large" in _error(client.post("/api/v1/quotes", json={"text": "x" * (MAX_TEXT + 1)}), 413)
    assert "empty article" in _error(client.post("/api/v1/quotes", json={"text": "   "}), 400)


def test_ingest_is_closed_unless_allowed_with_a_token(db: Path, tmp_path: Path) -> None:
    doc = {"name": "d.txt", "text": (FIXTURES / "mini_dump.txt").read_text(encoding="utf-8")}
    read_only = TestClient(create_app(ServerSettings(db=str(db))))
    assert "read-only" in _error(read_only.post("/api/v1/ingest", json={"documents": [doc]}), 403)
    target = tmp_path / "w.db"
    stenogram.Corpus(target).close()
    writer = TestClient(create_app(ServerSettings(db=str(target), allow_ingest=True, token="s3cret")))
    assert "token" in _error(writer.post("/api/v1/ingest", json={"documents": [doc]}), 401)
    bad = writer.post("/api/v1/ingest", json={"documents": [doc]}, headers={"Authorization": "Bearer nope"})
    assert "token" in _error(bad, 401)
    ok = writer.post("/api/v1/ingest", json={"documents": [doc]}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["new"] == 2


def test_openapi_is_published(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/search", "/api/v1/check", "/api/v1/events/{ref}"} <= set(spec["paths"])


def test_serve_runs_a_real_server(db: Path) -> None:
    import httpx

    with running_server(db) as base:
        r = httpx.get(f"{base}/api/v1/stats", timeout=5)
    assert r.status_code == 200 and r.json()["events"] == 8


def test_serve_refuses_ingest_without_a_token(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from stenogram.cli import app

    monkeypatch.delenv("STENOGRAM_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--allow-ingest"])
    assert result.exit_code == 2
    assert result.stderr == "error: --allow-ingest needs a token: set STENOGRAM_TOKEN\n"


def test_events_by_date_are_the_same_from_the_api_the_cli_and_the_library(client: TestClient, db: Path) -> None:
    import json

    from typer.testing import CliRunner

    from stenogram.cli import app

    body = client.get("/api/v1/events", params={"from": "2026-02", "to": "2026-02"}).json()
    assert body["total"] == len(body["events"]) > 0
    dates = [e["date"] for e in body["events"]]
    assert dates == sorted(dates) and all(d.startswith("2026-02") for d in dates)
    cli = CliRunner().invoke(app, ["events", "--db", str(db), "--from", "2026-02", "--to", "2026-02", "--json"])
    assert cli.exit_code == 0
    assert [json.loads(line) for line in cli.stdout.splitlines()] == body["events"]
    with stenogram.Corpus(db) as corpus:
        assert corpus.events(date_from="2026-02", date_to="2026-02", limit=100)[1] == body["events"]
    page = client.get("/api/v1/events", params={"limit": 1, "offset": 1}).json()
    assert page["events"] == client.get("/api/v1/events").json()["events"][1:2]


def test_mistyped_filters_are_400_with_what_was_meant(client: TestClient) -> None:
    message = _error(client.get("/api/v1/search", params={"q": "river", "topic": "Foreign polcy"}), 400)
    assert "did you mean 'Foreign policy'" in message
    message = _error(client.get("/api/v1/search", params={"q": "river", "speaker": "Putn"}), 400)
    assert "did you mean 'Vladimir Putin'" in message and "GET /api/v1/persons" in message
    assert "no such day" in _error(client.get("/api/v1/events", params={"from": "2026-02-30"}), 400)
    message = _error(client.get("/api/v1/search", params={"q": "river AND"}), 400)
    assert "literal=true" in message and "--literal" not in message
