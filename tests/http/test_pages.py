"""Web pages through the ASGI client: content, links, escaping, security headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")
from fastapi.testclient import TestClient

import stenogram
from stenogram.http.app import ServerSettings, create_app

from ..conftest import EXAMPLES, FIXTURES

HOSTILE = (
    (FIXTURES / "mini_dump.txt")
    .read_text(encoding="utf-8")
    .replace(
        "Nine bridges are ready.", "Nine bridges are ready. <script>alert('x')</script> <img src=x onerror=alert(1)>"
    )
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("pages")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "c.db"
    with stenogram.Corpus(db) as corpus:
        corpus.ingest([EXAMPLES, folder])
    return TestClient(create_app(ServerSettings(db=str(db), semantic=False)))


def test_overview(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "<svg" in r.text and 'href="/persons/vladimir-putin"' in r.text
    assert "script-src" not in r.headers["content-security-policy"]  # no script may run at all


def test_search_page_with_facets_highlights_and_links(client: TestClient) -> None:
    r = client.get("/search", params={"q": "river", "speaker": "Putin"})
    assert r.status_code == 200
    assert "<mark>river</mark>" in r.text
    assert re.search(r'href="/events/90001#turn-\d+"', r.text)
    assert "<h3>year</h3>" in r.text and "2026" in r.text
    m = re.search(r'<p class="count">(\d+) passages? match</p>', r.text)
    assert m and int(m.group(1)) == r.text.count('class="hit"')  # all of them fit on the page here
    bad = client.get("/search", params={"q": '"river'})
    assert bad.status_code == 400 and "unbalanced quote" in bad.text


def test_event_page_turn_anchors_omissions_and_source_link(client: TestClient) -> None:
    r = client.get("/events/90001")
    assert r.status_code == 200
    assert 'id="turn-0"' in r.text and 'href="#turn-0"' in r.text
    assert 'class="omission"' in r.text and "&lt;…&gt;" in r.text
    assert 'href="http://en.kremlin.ru/events/president/news/90001"' in r.text
    missing = client.get("/events/424242")
    assert missing.status_code == 404 and "No such event" in missing.text and "424242" in missing.text
    assert 'href="/search"' in missing.text  # the way forward
    nobody = client.get("/persons/no-such-person")
    assert nobody.status_code == 404 and "No such person" in nobody.text


def test_transcript_text_is_escaped(client: TestClient) -> None:
    found = client.get("/search", params={"q": "bridges"})
    key = re.search(r'href="/events/([^"#]+)#turn-\d+"[^>]*>Meeting with Governor', found.text)
    assert key, found.text[:500]
    page = client.get(f"/events/{key.group(1)}").text
    assert "<script>" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_person_page(client: TestClient) -> None:
    r = client.get("/persons/vladimir-putin")
    assert r.status_code == 200
    assert "Roles over time" in r.text and "President of Russia" in r.text and "<svg" in r.text
    assert client.get("/persons/nobody").status_code == 404


def test_checker_page(client: TestClient) -> None:
    said = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."
    r = client.post("/check", data={"quote": said.replace("a fifth", "a third"), "speaker": "Vladimir Putin"})
    assert r.status_code == 200 and 'class="ALTERED"' in r.text
    article = f"Talks\nVladimir Putin spoke.\n“{said}” Vladimir Putin said.\n"
    r = client.post("/check", data={"article": article})
    assert 'class="VERBATIM"' in r.text
    assert client.post("/check", data={}).status_code == 400


def test_static_files_are_served(client: TestClient, tmp_path: Path) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "mark{" in r.text


def test_a_check_result_has_a_permalink_that_gives_the_same_result(client: TestClient) -> None:
    import html
    import re

    said = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."
    r = client.post("/check", data={"quote": said.replace("a fifth", "a third"), "speaker": "Vladimir Putin"})
    links = re.findall(r'href="(/check\?[^"]+)"', r.text)
    assert len(links) == 1
    again = client.get(html.unescape(links[0]))
    assert again.status_code == 200 and 'class="ALTERED"' in again.text
    assert "Legend" in again.text and "<mark>" in again.text  # the changed words marked
    assert client.get("/check?quote=" + "x" * 5000).status_code == 400  # bounded
