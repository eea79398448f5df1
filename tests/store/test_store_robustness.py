"""A corpus that cannot be written, or was written by a newer stenogram."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import stenogram
from stenogram.errors import StoreError

from ..conftest import EXAMPLES, FIXTURES


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "ro" / "c.db"
    path.parent.mkdir()
    with stenogram.Corpus(path) as corpus:
        corpus.ingest([FIXTURES])
    return path


def test_a_read_only_corpus_is_searched_and_refuses_writes_with_a_reason(
    corpus_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access
    # the file and its folder unwritable (as on read-only media; root ignores chmod)
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with stenogram.Corpus(corpus_file) as corpus:
        assert corpus.store.read_only
        assert corpus.search("road")  # hits, read from the unwritable file
        with pytest.raises(StoreError, match="read-only"):
            corpus.ingest([FIXTURES])
    assert not Path(str(corpus_file) + "-wal").exists() or Path(str(corpus_file) + "-wal").stat().st_size == 0


def test_a_corpus_of_a_newer_schema_is_refused(corpus_file: Path, tmp_path: Path) -> None:
    import sqlite3

    copy = tmp_path / "newer.db"
    shutil.copy(corpus_file, copy)
    db = sqlite3.connect(copy)
    db.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_from_the_future', 'now')")
    db.commit()
    db.close()
    before = copy.read_bytes()
    with pytest.raises(StoreError, match="newer stenogram"):
        stenogram.Corpus(copy)
    assert copy.read_bytes() == before  # nothing written


def test_a_full_disk_during_ingest_is_one_error_and_the_corpus_stays_consistent(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    with stenogram.Corpus(path) as corpus:
        corpus.ingest([FIXTURES / "mini_dump.txt"])
        events_before = corpus.stats().events
        pages = corpus.store.db.execute("PRAGMA page_count").fetchone()[0]
        corpus.store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: the file cannot grow
        with pytest.raises(StoreError, match="full"):
            corpus.ingest([EXAMPLES], batch_size=1)
    with stenogram.Corpus(path) as corpus:
        assert corpus.store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert corpus.stats().events >= events_before  # the batches committed before the disk filled stay
        halves = "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.event_id = e.id)"
        assert corpus.store.db.execute(halves).fetchone()[0] == 0  # no event stored without its text


def test_processes_opening_an_old_corpus_at_once_migrate_it_once(tmp_path: Path) -> None:
    """Two server workers start on a corpus of an older schema: one applies the missing
    migrations, the other waits and finds them applied (it failed with "table already
    exists")."""
    import sqlite3
    import subprocess
    import sys
    from contextlib import closing

    db = tmp_path / "old.db"
    with stenogram.Corpus(db) as corpus:
        corpus.ingest([FIXTURES])
    with closing(sqlite3.connect(db)) as con:  # the schema before the last two migrations
        con.execute("DROP TABLE captions_fts")
        con.execute("DROP TABLE meta")
        con.execute("DELETE FROM schema_migrations WHERE name IN ('0007_caption_index', '0008_generation')")
        con.commit()
    code = f"import stenogram; print(len(stenogram.Corpus({str(db)!r}).search('Firefly')))"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)
    ]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err.decode()[-300:] for _, err in results]
    assert len({out for out, _ in results}) == 1 and int(results[0][0]) > 0
