"""Ingest: idempotent, updates in place, survives kill -9, readable while it runs."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import stenogram

from ..conftest import FIXTURES

PAGE = (FIXTURES / "mini_page.html").read_text(encoding="utf-8")


def _pages(folder: Path, n: int, first_id: int = 100_000) -> Path:
    """``n`` distinct event pages made from the fixture page."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        page = PAGE.replace("99001", str(first_id + i)).replace("trade &amp; grain", f"trade &amp; grain {i}")
        (folder / f"{first_id + i}.html").write_text(page, encoding="utf-8")
    return folder


def _counts(db: Path) -> tuple[int, int, int]:
    with closing(sqlite3.connect(db)) as con:
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        keys = con.execute("SELECT count(DISTINCT event_key) FROM events").fetchone()[0]
        turns = con.execute("SELECT count(*) FROM turns").fetchone()[0]
    return events, keys, turns


def test_reingest_is_idempotent_and_updates_in_place(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "pages", 3)
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        first = corpus.ingest([folder, FIXTURES / "mini_dump.txt"])
        assert (first.new, first.updated, first.unchanged) == (5, 0, 0)
        again = corpus.ingest([folder, FIXTURES / "mini_dump.txt"])
        assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
        page = folder / "100001.html"
        page.write_text(page.read_text().replace("It will grow.", "It will grow fast."), encoding="utf-8")
        changed = corpus.ingest([folder])
        assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 2)
        hits = corpus.search('"grow fast"')
        assert [h.site_id for h in hits] == ["100001"]
        assert corpus.search('"will grow" NOT fast', event="100001") == []
        page.write_text(page.read_text().replace("During the talks.", "At the working lunch."), encoding="utf-8")
        corpus.ingest([folder])
        assert [h.kind for h in corpus.search('"working lunch"')] == ["caption"]
        assert corpus.search('"During the talks"', event="100001") == []  # the old caption left the index
        assert len(corpus.search('"During the talks"', event="100000")) == 1
    assert _counts(tmp_path / "c.db")[:2] == (5, 5)


def test_a_text_copy_does_not_duplicate_or_replace_the_page(tmp_path: Path) -> None:
    text = (
        "Events\nTalks with President of Freedonia Rufus Firefly\nFebruary 14, 2026\n15:05\nSochi\n"
        "Vladimir Putin: It will grow.\nPublication status\nPublished in sections: News\n"
        "Publication date: February 14, 2026, 15:05\nText version\n"
    )
    (tmp_path / "copy.txt").write_text(text, encoding="utf-8")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([FIXTURES / "mini_page.html"])
        report = corpus.ingest([tmp_path / "copy.txt"])
        assert (report.new, report.updated, report.unchanged) == (0, 0, 1)
        ev = corpus.event("99001")
        assert ev is not None and ev.source.format == "kremlin-html"


def test_failures_are_reported_and_nothing_stored_is_lost(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_bytes(b"\x00\x01 binary")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([FIXTURES])
        before = corpus.stats()
        report = corpus.ingest([tmp_path / "bad.html", tmp_path / "missing.txt"])
        assert [f.reason for f in report.failed] == ["binary file, not text or HTML", "no such file or directory"]
        assert corpus.stats() == before


def _ingest_process(folder: Path, db: Path, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "stenogram", "ingest", str(folder), "--db", str(db), "--batch-size", "25"]
    with log.open("wb") as fh:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=fh)


def _wait_for_rows(db: Path, proc: subprocess.Popen[bytes], at_least: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                n = _counts(db)[0]
            except sqlite3.OperationalError:  # schema not created yet
                n = 0
            if n >= at_least:
                return n
        time.sleep(0.01)
    return -1


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9")
def test_kill_9_mid_ingest_leaves_a_consistent_database_and_rerun_completes(tmp_path: Path) -> None:
    n = 1500
    folder = _pages(tmp_path / "pages", n)
    db = tmp_path / "c.db"
    proc = _ingest_process(folder, db, tmp_path / "ingest.log")
    seen = _wait_for_rows(db, proc, 50)
    assert seen > 0, "the ingest finished before it could be interrupted; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with closing(sqlite3.connect(db)) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        events, keys, turns = _counts(db)
        assert 0 < events < n and events == keys
        assert events % 25 == 0  # only whole batches were committed
        assert turns == 4 * events  # every stored event has all its turns
        orphans = con.execute("SELECT count(*) FROM turns WHERE event_id NOT IN (SELECT id FROM events)").fetchone()
        assert orphans[0] == 0
    rerun = subprocess.run(
        [sys.executable, "-m", "stenogram", "ingest", str(folder), "--db", str(db), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f'"new": {n - events}' in rerun.stdout and f'"unchanged": {events}' in rerun.stdout
    assert _counts(db) == (n, n, 4 * n)


def test_readers_query_while_an_ingest_runs(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "pages", 1500)
    db = tmp_path / "c.db"
    log = tmp_path / "ingest.log"
    proc = _ingest_process(folder, db, log)
    assert _wait_for_rows(db, proc, 1) > 0
    counts = []
    with stenogram.Corpus(db) as reader:
        while proc.poll() is None:
            counts.append(len(reader.search("grain", limit=100_000)))
            time.sleep(0.005)
    assert proc.returncode == 0, log.read_text()
    assert len(counts) >= 3 and counts == sorted(counts)
    with stenogram.Corpus(db) as reader:
        assert len(reader.search("grain", limit=100_000)) >= counts[-1]


def test_articles_are_stored_apart_with_their_quotations(tmp_path: Path) -> None:
    article = (
        "Minister promises roads\n"
        "Transport Minister Oleg Brodsky visited the region.\n"
        "- The new road will be finished in May, - Oleg Brodsky said.\n"
    )
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([FIXTURES / "mini_page.html"])
        first = corpus.ingest_articles([tmp_path / "a.txt"], outlet="Northern Daily", date="2026-03-05")
        again = corpus.ingest_articles([tmp_path / "a.txt"], outlet="Northern Daily", date="2026-03-05")
        assert (first.new, again.unchanged) == (1, 1)
        (stored,) = corpus.articles()
        assert (stored.title, stored.outlet, stored.date) == ("Minister promises roads", "Northern Daily", "2026-03-05")
        assert [(q.text, q.person) for q in stored.quotes] == [("The new road will be finished in May", "Oleg Brodsky")]
        q = stored.quotes[0]
        assert stored.text[q.start : q.end] == q.text
        assert corpus.stats().events == 1  # transcripts are not mixed with articles
        assert corpus.search("road") == []


def test_a_reader_sees_what_another_connection_changed(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "pages", 1)
    with stenogram.Corpus(tmp_path / "c.db") as reader, stenogram.Corpus(tmp_path / "c.db") as writer:
        writer.ingest([folder])
        assert reader.search("grow")[0].snippet.startswith("It will <mark>grow</mark>")
        page = folder / "100000.html"
        page.write_text(page.read_text().replace("It will grow.", "It will grow fast."), encoding="utf-8")
        writer.ingest([folder])
        assert "fast" in reader.search("grow")[0].snippet  # no stale text from the reader's cache


def test_parsing_in_processes_stores_the_same_as_one_process(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "pages", 70)
    (folder / "bad.html").write_bytes(b"\x00\x01 binary")
    stored = []
    for jobs in (1, 2):
        with stenogram.Corpus(tmp_path / f"c{jobs}.db") as corpus:
            report = corpus.ingest([folder], jobs=jobs, batch_size=16)
            assert (report.new, [f.reason for f in report.failed]) == (70, ["binary file, not text or HTML"])
            _total, events = corpus.events(limit=100)
            stored.append([repr(corpus.event(e["event"])) for e in events])
            stored.append([h.to_dict() for h in corpus.search("grain", limit=100)])
    assert stored[0] == stored[2] and stored[1] == stored[3]
    assert len(stored[0]) == 70


def test_parsing_jobs_by_default() -> None:
    assert stenogram.auto_parse_jobs(10) == 1
    many = stenogram.auto_parse_jobs(1000)
    assert 1 <= many <= 4 and (many > 1) == (sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1)
