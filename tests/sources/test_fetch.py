"""Fetching into a WARC archive: link forms, politeness, retries, resume, ingest."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("warcio")
pytest.importorskip("protego")
import httpx

import stenogram
from stenogram.sites.kremlin.crawl import CRAWL, event_ids
from stenogram.sources.fetch import Fetcher, iter_warc, repair_warc

from ..conftest import FIXTURES, corpus_signature

PAGE = (FIXTURES / "mini_page.html").read_text(encoding="utf-8")
DAY = dt.date(2026, 2, 14)
LISTING_PATH = "/events/president/news/by-date/14.02.2026"


def _page(event_id: int) -> str:
    return PAGE.replace("99001", str(event_id))


def _listing(*links: str) -> str:
    return "<html><body>" + "".join(f'<a href="{href}" rel="bookmark">x</a>' for href in links) + "</body></html>"


def test_event_links_in_every_form() -> None:
    base = "http://en.kremlin.ru/events/president/news/by-date/14.02.2026"
    html = _listing(
        "../101.html",
        "/events/president/news/102",
        "http://en.kremlin.ru/events/president/news/103/",
        "../104/photos.html",
        "../101.html",
        "/events/president/news/by-date/13.02.2026",
    )
    assert event_ids(html, base) == ["101", "102", "103"]


class Site:
    """A scripted site for httpx.MockTransport: counts requests, can fail on purpose."""

    def __init__(self, robots: str = "", failures: dict[str, list[httpx.Response]] | None = None) -> None:
        self.robots = robots
        self.failures = failures or {}
        self.requests: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.requests.append(path)
        if self.failures.get(path):
            return self.failures[path].pop(0)
        if path == "/robots.txt":
            return httpx.Response(200, text=self.robots) if self.robots else httpx.Response(404)
        if path == LISTING_PATH:
            if request.headers.get("if-none-match") == '"v1"':
                return httpx.Response(304)
            return httpx.Response(
                200, text=_listing("../201.html", "../202.html", "../203.html"), headers={"ETag": '"v1"'}
            )
        if path.startswith("/events/president/news/by-date/"):
            return httpx.Response(200, text=_listing())
        if path == "/events/president/news/203":
            return httpx.Response(404, text="gone")
        event_id = path.rsplit("/", 1)[-1]
        return httpx.Response(200, text=_page(int(event_id)), headers={"Content-Type": "text/html"})


def _fetcher(tmp_path: Path, site: Site) -> Fetcher:
    return Fetcher(
        tmp_path / "archive",
        CRAWL,
        base_url="http://site.test",
        rate=1000,
        transport=httpx.MockTransport(site),
        sleep=lambda s: None,
    )


def test_fetch_archive_index_and_incremental_rerun(tmp_path: Path) -> None:
    site = Site(
        failures={
            "/events/president/news/202": [httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(503)]
        }
    )
    f = _fetcher(tmp_path, site)
    report = f.fetch(DAY, DAY)
    f.close()
    assert (report.listed, report.fetched, report.already) == (3, 2, 0)
    assert report.failed == {"http://site.test/events/president/news/203": "HTTP 404"}
    assert site.requests.count("/events/president/news/202") == 3  # two retries, then success
    warcs = sorted((tmp_path / "archive").glob("*.warc.gz"))
    uris = [uri for w in warcs for uri, _ in iter_warc(w)]
    assert "http://site.test/events/president/news/201" in uris and "http://site.test/events/president/news/202" in uris
    site.requests.clear()
    again = _fetcher(tmp_path, site)
    second = again.fetch(DAY, DAY)
    again.close()
    assert (second.fetched, second.already) == (0, 3)  # the 404 is recorded, not retried
    assert "/events/president/news/201" not in site.requests
    assert site.requests.count(LISTING_PATH) == 1  # a conditional request, answered 304


def test_robots_txt_is_obeyed(tmp_path: Path) -> None:
    site = Site(robots="User-agent: *\nDisallow: /events/president/news/202\n")
    f = _fetcher(tmp_path, site)
    report = f.fetch(DAY, DAY)
    f.close()
    assert report.failed["http://site.test/events/president/news/202"] == "disallowed by robots.txt"
    assert "/events/president/news/202" not in site.requests


def test_a_torn_warc_record_is_cut_off_and_the_fetch_resumes(tmp_path: Path) -> None:
    site = Site()
    f = _fetcher(tmp_path, site)
    f.fetch(DAY, DAY)
    f.close()
    (warc,) = (tmp_path / "archive").glob("*.warc.gz")
    whole = warc.stat().st_size
    with warc.open("ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00garbage of a record cut by kill -9")
    assert repair_warc(warc) > 0
    assert warc.stat().st_size == whole
    assert len(list(iter_warc(warc))) == 3  # listing + two pages


def test_warc_files_are_ingested_directly(tmp_path: Path) -> None:
    f = _fetcher(tmp_path, Site())
    f.fetch(DAY, DAY)
    f.close()
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([tmp_path / "archive"])
        assert report.new == 2  # the listing page is not an event: reported, not stored
        assert corpus.event("201") is not None and corpus.event("202") is not None


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == LISTING_PATH:
            body = _listing("../301.html").encode()
        elif self.path == "/events/president/news/301":
            body = _page(301).encode()
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_real_local_server(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        f = Fetcher(tmp_path / "a", CRAWL, base_url=f"http://127.0.0.1:{server.server_port}", rate=50)
        report = f.fetch(DAY, DAY)
        f.close()
    finally:
        server.shutdown()
        server.server_close()
    assert (report.listed, report.fetched) == (1, 1)


@pytest.mark.shared
def test_against_the_saved_site(tmp_path: Path, kremlin_corpus: Path) -> None:
    """The saved day listings link events as ../ID.html; a local server answers the live
    URL forms from the saved files (pages not in the sample are 404)."""
    site = kremlin_corpus / "site" / "by-date"

    class Saved(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.rstrip("/")
            if path.startswith("/events/president/news/by-date/"):
                target = site / (path.rsplit("/", 1)[-1] + ".html")
            else:
                target = kremlin_corpus / "html" / (path.rsplit("/", 1)[-1] + ".html")
            if not target.is_file():
                self.send_response(404)
                self.end_headers()
                return
            body = target.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Saved)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        f = Fetcher(tmp_path / "a", CRAWL, base_url=f"http://127.0.0.1:{server.server_port}", rate=1000)
        report = f.fetch(dt.date(2018, 2, 1), dt.date(2018, 2, 2))
        f.close()
    finally:
        server.shutdown()
        server.server_close()
    listing = "http://x/events/president/news/by-date/x"
    per_day = [
        event_ids((site / f"{d}.html").read_text(encoding="utf-8"), listing) for d in ("01.02.2018", "02.02.2018")
    ]
    have = {i for ids in per_day for i in ids if (kremlin_corpus / "html" / f"{i}.html").exists()}
    assert report.listed == sum(len(ids) for ids in per_day)  # an event listed on both days counts twice
    assert report.fetched == len(have) and have
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        assert corpus.ingest([tmp_path / "a"]).new == len(have)


def _responses(archive: Path) -> list[str]:
    return [uri for w in sorted(archive.glob("*.warc.gz")) for uri, _ in iter_warc(w)]


@pytest.mark.shared
def test_fetch_with_faults_archives_each_page_once_and_equals_a_direct_ingest(
    tmp_path: Path, kremlin_corpus: Path
) -> None:
    from typer.testing import CliRunner

    from stenogram.cli import app

    from .replay import replay_server

    with replay_server(kremlin_corpus, faults=0.2) as base:
        result = CliRunner().invoke(
            app,
            [
                "fetch",
                "kremlin",
                "--base-url",
                base,
                "--from",
                "2019-06-01",
                "--to",
                "2019-06-20",
                "--archive",
                str(tmp_path / "a"),
                "--rate",
                "200",
                "--backoff",
                "0.05",
                "--ingest",
                "--db",
                str(tmp_path / "f.db"),
                "--json",
            ],
        )
    report = json.loads(result.stdout.splitlines()[0])
    pages = [u for u in _responses(tmp_path / "a") if "/by-date/" not in u]
    assert len(pages) == len(set(pages)) == report["fetched"] > 0  # each available page exactly once
    assert all(reason == "HTTP 404" for reason in report["failed"].values())  # only what is missing
    ids = sorted(u.rsplit("/", 1)[-1] for u in pages)
    with stenogram.Corpus(tmp_path / "direct.db") as direct:
        direct.ingest([kremlin_corpus / "html" / f"{i}.html" for i in ids])
    assert corpus_signature(tmp_path / "f.db") == corpus_signature(tmp_path / "direct.db")


@pytest.mark.shared
def test_kill_9_mid_fetch_then_rerun(tmp_path: Path, kremlin_corpus: Path) -> None:
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time
    from contextlib import closing

    from .replay import replay_server

    archive = tmp_path / "a"
    args = ["--from", "2019-03-01", "--to", "2019-04-30", "--archive", str(archive), "--rate", "100"]
    with replay_server(kremlin_corpus) as base:
        cmd = [sys.executable, "-m", "stenogram", "fetch", "kremlin", "--base-url", base, *args]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with closing(sqlite3.connect(archive / "index.sqlite")) as con:
                    if con.execute("SELECT count(*) FROM records WHERE kind = 'page'").fetchone()[0] >= 5:
                        break
            except sqlite3.Error:
                pass
            time.sleep(0.02)
        assert proc.poll() is None, "the fetch ended before it could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done = subprocess.run([*cmd, "--json"], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    pages = [u for u in _responses(archive) if "/by-date/" not in u]
    assert pages and len(pages) == len(set(pages))  # no page archived twice, every file reads back
