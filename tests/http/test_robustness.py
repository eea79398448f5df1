"""The server under hostile or careless input: JSON errors with the security headers, no
500 for user input, bounded bodies, no server paths, no unsafe links."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

import stenogram
from stenogram.http.app import MAX_BODY_BYTES, ServerSettings, create_app

from ..conftest import EXAMPLES, FIXTURES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("robust") / "c.db"
    with stenogram.Corpus(path) as corpus:
        corpus.ingest([EXAMPLES, FIXTURES])
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    app = create_app(ServerSettings(db=str(db), semantic=False, allow_ingest=True, token="s3cret"))
    return TestClient(app, raise_server_exceptions=False)


def _status(response: object, status: int) -> None:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.json()["error"]["status"] == status  # type: ignore[attr-defined]
    assert response.headers["x-content-type-options"] == "nosniff"  # type: ignore[attr-defined]


@pytest.mark.parametrize("ref", ["1" * 26, "²", "Привет", "%00", "9" * 19])
def test_odd_event_ids_are_404_not_500(client: TestClient, ref: str) -> None:
    _status(client.get(f"/api/v1/events/{ref}"), 404)
    _status(client.get(f"/api/v1/events/{ref}/turns"), 404)


def test_bounded_filters_and_queries_are_400(client: TestClient) -> None:
    _status(client.get("/api/v1/search", params={"q": "river", "event": [str(i) for i in range(1000)]}), 400)
    _status(client.get("/api/v1/search", params={"q": "(" * 300 + "river" + ")" * 300}), 400)
    _status(client.get("/api/v1/search", params={"q": "river", "speaker": "x" * 5000}), 400)


def test_a_non_ascii_authorization_header_is_401(client: TestClient) -> None:
    r = client.post(
        "/api/v1/ingest",
        json={"documents": []},
        headers={"Authorization": "Bearer s3crét".encode("latin-1")},  # type: ignore[dict-item]
    )
    _status(r, 401)


def test_a_chunked_body_past_the_limit_is_cut_off_with_413(client: TestClient) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"quote": "'
        while sent < MAX_BODY_BYTES * 3:
            sent += 65536
            yield b"a" * 65536
        yield b'"}'

    r = client.post("/api/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
    _status(r, 413)


def test_an_internal_error_is_json_with_the_security_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(stenogram.Corpus, "stats", broken)
    r = client.get("/api/v1/stats")
    _status(r, 500)
    assert "boom" not in r.text and r.headers["content-security-policy"]


def test_responses_never_show_the_servers_paths(client: TestClient, db: Path) -> None:
    body = client.get("/api/v1/search", params={"q": "river"}).text
    assert body.count('"path"') > 0 and str(db.parent) not in body and str(EXAMPLES) not in body
    event = client.get("/api/v1/search", params={"q": "river"}).json()["hits"][0]["event_id"]
    assert str(EXAMPLES) not in client.get(f"/api/v1/events/{event}").text


def test_api_ingest_keeps_its_documents_beside_the_corpus(client: TestClient, db: Path) -> None:
    text = (FIXTURES / "mini_dump.txt").read_text(encoding="utf-8").replace("Pavel Ostrov", "Pavel Ostrov-Lensky")
    r = client.post(
        "/api/v1/ingest",
        json={"documents": [{"name": "../../evil.txt", "text": text}]},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert r.status_code == 200, r.text
    with stenogram.Corpus(db) as corpus:
        paths = [Path(p) for (p,) in corpus.store.db.execute("SELECT path FROM documents")]
    uploaded = [p for p in paths if ".uploads" in str(p)]
    assert uploaded and all(p.exists() for p in uploaded)
    assert all(p.resolve().is_relative_to(db.parent) for p in uploaded)
    shutil.rmtree(Path(str(db) + ".uploads"))


def test_a_javascript_source_url_is_never_a_link(db: Path, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    copy = tmp_path / "js.db"
    shutil.copy(db, copy)
    with stenogram.Corpus(copy) as corpus:
        event_id = corpus.store.db.execute("SELECT id FROM events ORDER BY id LIMIT 1").fetchone()[0]
        corpus.store.db.execute("UPDATE events SET url = 'javascript:alert(1)' WHERE id = ?", (event_id,))
    page = TestClient(create_app(ServerSettings(db=str(copy), semantic=False))).get(f"/events/{event_id}")
    assert page.status_code == 200
    assert 'href="javascript' not in page.text and "javascript:alert(1)" in page.text


def test_a_search_in_progress_does_not_hold_up_other_requests(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The slow search waits until a second request has been answered: if searches ran on
    the event loop, the second request could never be served and this would time out."""
    import socket
    import threading
    import time

    httpx = pytest.importorskip("httpx")
    uvicorn = pytest.importorskip("uvicorn")
    entered, released = threading.Event(), threading.Event()
    real_search = stenogram.Corpus.search

    def slow_search(self: stenogram.Corpus, *args: object, **kwargs: object) -> object:
        entered.set()
        released.wait(20)
        return real_search(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stenogram.Corpus, "search", slow_search)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(ServerSettings(db=str(db), semantic=False)), port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        while not server.started:
            time.sleep(0.05)
        searching = threading.Thread(target=lambda: httpx.get(base + "/api/v1/search?q=river", timeout=30))
        searching.start()
        assert entered.wait(10)
        assert httpx.get(base + "/api/v1/stats", timeout=5).status_code == 200  # answered while the search waits
        released.set()
        searching.join(30)
    finally:
        released.set()
        server.should_exit = True
        thread.join(10)


def test_page_errors_are_html_pages_and_api_errors_json(client: TestClient) -> None:
    pytest.importorskip("jinja2")
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in page.text and page.headers["x-content-type-options"] == "nosniff"
    bad = client.get("/search", params={"q": "(" * 300 + "x"})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html") and "nested" in bad.text
    _status(client.get("/api/v1/no/such"), 404)  # the API stays JSON
