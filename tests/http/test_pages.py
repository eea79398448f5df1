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
    assert re.search(r'href="/events/90001\?q=river#turn-\d+"', r.text)  # the event page, words marked
    assert "<h3>Year</h3>" in r.text and "2026" in r.text
    m = re.search(r'<p class="count" id="count">(\d+) passages? match', r.text)
    assert m and int(m.group(1)) == r.text.count('class="hit"')  # all of them fit on the page here
    assert 'href="http://en.kremlin.ru/events/president/news/90001" rel="noreferrer">official page' in r.text
    assert "Statement of Vladimir Putin" in r.text and "Cite" in r.text
    bad = client.get("/search", params={"q": '"river'})
    assert bad.status_code == 400 and "unbalanced quote" in bad.text
    dangling = client.get("/search", params={"q": "river AND"})
    assert dangling.status_code == 400 and "plain words" in dangling.text  # the web's advice,
    assert "--literal" not in dangling.text  # not the command line's


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
    key = re.search(r'href="/events/([^"#?]+)\?q=bridges#turn-\d+"[^>]*>Meeting with Governor', found.text)
    assert key, found.text[:500]
    page = client.get(f"/events/{key.group(1)}").text
    assert "<script>" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_person_page(client: TestClient) -> None:
    r = client.get("/persons/vladimir-putin")
    assert r.status_code == 200
    assert "Roles over time" in r.text and "President of Russia" in r.text and "<svg" in r.text
    assert client.get("/persons/nobody").status_code == 404
    latest = r.text.split("Latest statements", 1)[1]
    assert latest.count('class="hit"') >= 1 and "Good afternoon.</p>" not in latest


def test_filters_are_shown_and_each_can_be_cleared(client: TestClient) -> None:
    import html

    r = client.get("/search", params={"q": "river", "speaker": "Putin", "from": "2020"})
    chips = r.text.split('aria-label="Active filters"', 1)[1].split("</ul>", 1)[0]
    assert "speaker: <strong>Putin</strong>" in chips and "from: <strong>2020</strong>" in chips
    clears = [html.unescape(u) for u in re.findall(r'<a href="([^"]+)" aria-label="Remove', chips)]
    assert clears == ["/search?q=river&from=2020", "/search?q=river&speaker=Putin"]
    assert 'href="/search?q=river">Clear all filters' in chips


def test_bad_filters_are_explained(client: TestClient) -> None:
    r = client.get("/search", params={"q": "river", "from": "2020-02-30"})
    assert r.status_code == 400 and "no such day" in r.text
    r = client.get("/search", params={"q": "river", "from": "2021", "to": "2020"})
    assert r.status_code == 400 and "wrong way round" in r.text
    r = client.get("/search", params={"q": "river", "speaker": "Vladimr Putin"})
    assert r.status_code == 400 and "did you mean &#39;Vladimir Putin&#39;" in r.text
    assert "stenogram speakers" not in r.text
    zero = client.get("/search", params={"q": "river", "page": 0})
    assert zero.status_code == 400 and zero.headers["content-type"].startswith("text/html")


def test_search_results_download_as_csv_and_json(client: TestClient) -> None:
    import csv
    import io
    import json

    page = client.get("/search", params={"q": "river"})
    total = int(re.search(r'id="count">(\d+)', page.text).group(1))  # type: ignore[union-attr]
    r = client.get("/search/download", params={"q": "river", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and all("<mark>" not in row["snippet"] for row in rows)
    assert {"citation", "url", "source_start", "source_end", "speaker"} <= set(rows[0])
    data = json.loads(client.get("/search/download", params={"q": "river", "format": "json"}).text)
    assert [h["citation"] for h in data["hits"]] == [row["citation"] for row in rows]
    assert client.get("/search/download", params={"q": "river", "format": "xml"}).status_code == 400


def test_event_page_marks_the_words_searched_and_cites_each_turn(client: TestClient) -> None:
    r = client.get("/events/90001", params={"q": "river"})
    assert r.status_code == 200 and "<mark>river</mark>" in r.text.replace("<mark>River</mark>", "<mark>river</mark>")
    found = int(re.search(r"(\d+) match(?:es)? of <strong>river</strong>", r.text).group(1))  # type: ignore[union-attr]
    assert found == r.text.count("<mark>")
    assert "Vladimir Putin, “" in r.text and "en.kremlin.ru" in r.text and "(turn 1)." in r.text
    assert 'href="/events/90001#turn-0"' in r.text  # the permalink of a turn
    by_url = client.get("/events/https://en.kremlin.ru/events/president/news/90001")
    assert by_url.status_code == 200 and by_url.text.count('class="turn') == r.text.count('class="turn')


def test_kwic_people_and_events_pages(client: TestClient) -> None:
    k = client.get("/kwic", params={"q": "river"})
    assert k.status_code == 200 and k.text.count('<td class="match"><mark>') >= 2
    assert re.search(r'href="/events/[^"]+\?q=river#turn-\d+"', k.text)
    people = client.get("/persons")
    assert people.status_code == 200 and 'href="/persons/vladimir-putin"' in people.text
    years = client.get("/events")
    assert years.status_code == 200 and 'href="/events?month=2026"' in years.text
    month = client.get("/events", params={"month": "2026"})
    listed = re.findall(r'<li><a href="/events/([^"]+)">', month.text)
    total = int(re.search(r'class="count">(\d+) events?', month.text).group(1))  # type: ignore[union-attr]
    assert listed and len(listed) == total
    for ref in listed:
        assert client.get(f"/events/{ref}").status_code == 200
    assert client.get("/events", params={"month": "2026-13"}).status_code == 400


def test_checker_page(client: TestClient) -> None:
    said = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."
    r = client.post("/check", data={"quote": said.replace("a fifth", "a third"), "speaker": "Vladimir Putin"})
    assert r.status_code == 200 and 'class="ALTERED"' in r.text
    assert 'href="http://en.kremlin.ru/events/president/news/90001" rel="noreferrer">official page' in r.text
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


def test_a_stored_check_has_a_permalink_page_a_citation_and_json(tmp_path: Path) -> None:
    said = "Trade between us grew by almost a fifth last year, and most of that growth travelled by water."
    db = tmp_path / "c.db"
    with stenogram.Corpus(db) as corpus:
        corpus.ingest([EXAMPLES])
        result = corpus.check(said.replace("a fifth", "a third"), claimed_speaker="Vladimir Putin", semantic=False)
        corpus.save_verdicts([result], article_url="https://news.example/a", article_date="2026-02-26")
        [stored] = list(corpus.verdicts())
    web = TestClient(create_app(ServerSettings(db=str(db), semantic=False)))
    listing = web.get("/checks")
    assert listing.status_code == 200 and f'href="/checks/{stored["verdict_key"]}">ALTERED' in listing.text
    page = web.get(f"/checks/{stored['verdict_key']}")
    assert page.status_code == 200 and 'class="ALTERED"' in page.text and "<mark>" in page.text
    assert "Vladimir Putin, “" in page.text and "(turn " in page.text  # the source, cited
    api = web.get(f"/api/v1/checks/{stored['verdict_key']}").json()
    assert api["result"]["verdict"] == "ALTERED" and api["quote"] == stored["quote"]
    assert web.get("/api/v1/checks").json()["checks"][0]["verdict_key"] == stored["verdict_key"]
    assert web.get("/checks/0123abcd").status_code == 404 and web.get("/checks/not-hex").status_code in (400, 422)
