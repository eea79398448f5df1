"""The connection: opening (read-only media, schema version), transactions, time limits."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import QueryError, StoreError
from ..migrations import check_version, migrate

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
TEXT_CACHE = 512  # events whose turn texts stay decompressed in memory


def _read_only(path: Path) -> bool:
    """An existing corpus that cannot be written: the file, or the folder its journal
    files go in (WAL needs both)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


class SQLiteBase:
    """The connection: opening (read-only media, schema version), transactions, time limits."""

    def __init__(self, path: str | Path, *, query_timeout: float = 10.0, read_only: bool = False) -> None:
        """Open the corpus at ``path``; ``read_only`` opens it for reading even where it
        could be written (a batch worker: many readers of one shared file)."""
        self.path = str(path)
        self.query_timeout = query_timeout
        self._deadline: float | None = None  # of the request under way (``time_limit``)
        self._texts: dict[int, list[str]] = {}  # event id -> turn texts, oldest first
        self._version = -1
        # A corpus on read-only media (or a file without write permission) is opened for
        # reading only: searches and checks work, writes say why they cannot.
        self.read_only = self.path != ":memory:" and (read_only or _read_only(Path(self.path)))
        if self.read_only and not Path(self.path).exists():
            raise StoreError("no corpus database here (read-only: it cannot be created)", path=self.path)
        try:
            if self.read_only and read_only and _read_only(Path(self.path)) is False:
                # asked for reading only, on a file others may write: never "immutable"
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            elif self.read_only:
                # immutable: no journal files needed; only when no write-ahead log holds
                # pages not yet in the file (it would be ignored)
                wal = Path(self.path + "-wal")
                settled = not wal.exists() or wal.stat().st_size == 0
                uri = Path(self.path).resolve().as_uri() + ("?mode=ro&immutable=1" if settled else "?mode=ro")
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            check_version(self.db, read_only=self.read_only)
            if not self.read_only:
                if self.path != ":memory:":
                    self.db.execute("PRAGMA journal_mode = WAL")
                    self.db.execute("PRAGMA synchronous = NORMAL")
                self.db.execute("PRAGMA busy_timeout = 30000")
                migrate(self.db)
        except StoreError as exc:
            exc.path = self.path
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the corpus database: {exc}", path=self.path) from exc

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: everything inside commits together or not at all."""
        if self.read_only:
            raise StoreError("the corpus is read-only (no write permission on the file or its folder)", path=self.path)
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write the corpus ({exc})", path=self.path) from None
        try:
            yield
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:  # a full disk, an I/O error: nothing of this write is kept
            self._rollback()
            raise StoreError(f"cannot write the corpus ({exc}); this batch was not stored", path=self.path) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    @contextmanager
    def time_limit(self) -> Iterator[None]:
        """One time limit for everything inside: every SQL statement, and the Python
        matching and snippets that ``check_time`` guards (a search is several of each)."""
        if self._deadline is not None:  # already inside a limit
            yield
            return
        self._deadline = time.monotonic() + self.query_timeout
        try:
            yield
        finally:
            self._deadline = None

    def check_time(self) -> None:
        """QueryError once the limit of ``time_limit`` has passed."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise QueryError(self._too_long())

    def state(self) -> tuple[int, int]:
        """(the corpus file's random id, its count of writes that can change a search):
        the same for every connection to the file, and new after every such write."""
        rows = dict(self.db.execute("SELECT key, value FROM meta WHERE key IN ('corpus_id', 'generation')"))
        return int(rows["corpus_id"]), int(rows["generation"])

    def _too_long(self) -> str:
        return f"the query took longer than {self.query_timeout:g} s; narrow it with filters or fewer words"

    def _run(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Run a read query, bounded in time (a server must not hang on one query)."""
        deadline = self._deadline or time.monotonic() + self.query_timeout
        self.db.set_progress_handler(lambda: int(time.monotonic() > deadline), 1_000)
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # the compiled query should never fail; say so plainly
            if "interrupted" in str(exc):
                raise QueryError(self._too_long()) from exc
            raise QueryError(f"the index could not run this query ({exc})", hint="literal") from exc
        finally:
            self.db.set_progress_handler(None, 0)
