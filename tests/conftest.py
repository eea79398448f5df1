"""Shared fixtures: our own tiny documents, and the ../shared corpus when it exists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"
KREMLIN = SHARED / "corpus" / "kremlin-en"


@pytest.fixture(scope="session")
def mini_dump() -> str:
    return (FIXTURES / "mini_dump.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mini_page() -> str:
    return (FIXTURES / "mini_page.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kremlin_corpus() -> Path:
    if not (KREMLIN / "gold_dev.jsonl").exists():
        pytest.skip("../shared/corpus/kremlin-en is absent")
    return KREMLIN


EXAMPLES = ROOT / "examples" / "kremlin"


@pytest.fixture(scope="session")
def example_corpus(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The example corpus and our fixtures ingested once; tests must not write to it."""
    import stenogram

    path = tmp_path_factory.mktemp("corpus") / "examples.db"
    corpus = stenogram.Corpus(path)
    report = corpus.ingest([EXAMPLES, FIXTURES])
    assert not report.failed, report.failed
    yield corpus
    corpus.close()


@contextmanager
def running_server(db: Path, *, workers: int = 1) -> Iterator[str]:
    """``stenogram serve`` on a free loopback port, as a real process; yields its base URL."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "stenogram", "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(base + "/api/v1/stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def corpus_signature(db: Path) -> list[tuple[object, ...]]:
    """What a corpus holds, for comparing two: (site id, title, turns) per event."""
    import stenogram

    with stenogram.Corpus(db) as corpus:
        return corpus.store.db.execute(
            "SELECT site_id, title, (SELECT count(*) FROM turns t WHERE t.event_id = e.id) FROM events e ORDER BY 1"
        ).fetchall()
