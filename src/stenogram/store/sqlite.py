"""The embedded SQLite backend: one file, WAL mode, FTS5 over turns, titles and leads.

Everything SQL lives here, so that another backend (PostgreSQL) can implement the same
methods behind ``stenogram.Corpus`` without its callers changing. Every statement is
parameterised; user text reaches FTS5 only as a compiled, quoted expression.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import QueryError, StoreError
from ..model import Event, Paragraph, Source, Span, Turn
from ..parse.news import Article
from ..parse.persons import fold, tag_to_name
from ..parse.quotes import Quote
from ..search.filters import Filters
from ..search.query import Node, to_fts5
from ..search.results import CorpusStats, Hit, RolePeriod, SpeakerStats, YearStats
from ..search.snippets import make_snippet
from .migrations import NARRATIVE_ROWID, check_version, migrate

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
TEXT_CACHE = 512  # events whose turn texts stay decompressed in memory
_WORD = re.compile(r"[^\W_]+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _read_only(path: Path) -> bool:
    """An existing corpus that cannot be written: the file, or the folder its journal
    files go in (WAL needs both)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


class SQLiteStore:
    """A corpus database file (or ``":memory:"``)."""

    def __init__(self, path: str | Path, *, query_timeout: float = 10.0) -> None:
        self.path = str(path)
        self.query_timeout = query_timeout
        self._deadline: float | None = None  # of the request under way (``time_limit``)
        self._texts: dict[int, list[str]] = {}  # event id -> turn texts, oldest first
        self._version = -1
        # A corpus on read-only media (or a file without write permission) is opened for
        # reading only: searches and checks work, writes say why they cannot.
        self.read_only = self.path != ":memory:" and _read_only(Path(self.path))
        try:
            if self.read_only:
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

    # ------------------------------------------------------------------ writing
    def put_document(self, path: str, member: str | None, fmt: str, encoding: str, sha256: str, size: int) -> int:
        row = self.db.execute("SELECT id FROM documents WHERE path = ? AND member IS ?", (path, member)).fetchone()
        if row:
            self.db.execute(
                "UPDATE documents SET format = ?, encoding = ?, sha256 = ?, size = ?, ingested_at = datetime('now') "
                "WHERE id = ?",
                (fmt, encoding, sha256, size, row[0]),
            )
            return int(row[0])
        cur = self.db.execute(
            "INSERT INTO documents (path, member, format, encoding, sha256, size, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, datetime('now'))",
            (path, member, fmt, encoding, sha256, size),
        )
        return int(cur.lastrowid or 0)

    def find_event(self, key: str) -> tuple[int, str, str] | None:
        """``(id, content_hash, format)`` of the event stored under ``key``."""
        row = self.db.execute("SELECT id, content_hash, format FROM events WHERE event_key = ?", (key,)).fetchone()
        return (int(row[0]), str(row[1]), str(row[2])) if row else None

    def find_events_by_title(self, date: str | None, title: str | None) -> list[tuple[int, str, str, str]]:
        """``(id, key, content_hash, format)`` of events with this date and title."""
        rows = self.db.execute(
            "SELECT id, event_key, content_hash, format FROM events WHERE date IS ? AND title = ? COLLATE NOCASE",
            (date, title),
        ).fetchall()
        return [(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]

    def write_event(self, ev: Event, key: str, content_hash: str, document_id: int, replace: int | None) -> int:
        """Store ``ev`` (replacing event ``replace`` and everything hanging from it)."""
        self._texts.clear()
        if replace is not None:
            self._unindex_turns(replace)
            self.db.execute("DELETE FROM events WHERE id = ?", (replace,))
        captions = [("caption", s) for s in ev.captions] + [("see_also", s) for s in ev.see_also]
        captions += [("remainder", s) for s in ev.remainder]
        body = pack_body([p.text for p in ev.paragraphs], [s.text for _, s in captions])
        cur = self.db.execute(
            "INSERT INTO events (id, event_key, site_id, url, title, lead, date, time, place, announcement, "
            "published, format, document_id, start, end, content_hash, spans, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                replace,
                key,
                ev.id,
                ev.url,
                ev.title,
                ev.lead,
                ev.date,
                ev.time,
                ev.place,
                ev.announcement,
                ev.published,
                ev.source.format,
                document_id,
                ev.source.start,
                ev.source.end,
                content_hash,
                json.dumps(ev.spans),
                body,
            ),
        )
        event_id = int(cur.lastrowid or 0)
        tags = [("section", v) for v in ev.sections] + [("geography", v) for v in ev.geography]
        tags += [("topic", v) for v in ev.topics] + [("person", v) for v in ev.persons]
        self.db.executemany(
            "INSERT OR IGNORE INTO tags (event_id, kind, value, seq) VALUES (?, ?, ?, ?)",
            [(event_id, kind, value, i) for i, (kind, value) in enumerate(tags)],
        )
        persons = {t.person_id: t.person for t in ev.turns if t.person_id and t.person}
        ids = self._person_ids(persons)
        for i, t in enumerate(ev.turns):
            cur = self.db.execute(
                "INSERT INTO turns (event_id, seq, speaker, person_id, role, note, words, start, end, "
                "label_start, label_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    i,
                    t.speaker,
                    ids.get(t.person_id or ""),
                    t.role,
                    t.note,
                    count_words(t.text),
                    t.start,
                    t.end,
                    t.label_start,
                    t.label_end,
                ),
            )
            self.db.execute("INSERT INTO turns_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, t.text))
        self.db.executemany(
            "INSERT INTO paragraphs (event_id, seq, kind, start, end, turn_seq) VALUES (?, ?, ?, ?, ?, ?)",
            [(event_id, i, p.kind, p.start, p.end, p.turn) for i, p in enumerate(ev.paragraphs)],
        )
        self.db.executemany(
            "INSERT INTO narrative_fts (rowid, text) VALUES (?, ?)",
            [(event_id * NARRATIVE_ROWID + i, p.text) for i, p in enumerate(ev.paragraphs) if _is_narrative(p)],
        )
        self.db.executemany(
            "INSERT INTO captions (event_id, seq, kind, start, end) VALUES (?, ?, ?, ?, ?)",
            [(event_id, i, kind, s.start, s.end) for i, (kind, s) in enumerate(captions)],
        )
        return event_id

    def _unindex_turns(self, event_id: int) -> None:
        """Remove an event's turns from the contentless index (it needs their text)."""
        body = self._body(event_id)["p"]
        self.db.executemany(
            "INSERT INTO narrative_fts (narrative_fts, rowid, text) VALUES ('delete', ?, ?)",
            [
                (event_id * NARRATIVE_ROWID + seq, body[seq])
                for (seq,) in self.db.execute(
                    "SELECT seq FROM paragraphs WHERE event_id = ? AND turn_seq IS NULL AND kind = 'narrative'",
                    (event_id,),
                ).fetchall()
            ],
        )
        texts = self.turn_texts(event_id)
        rows = self.db.execute("SELECT id, seq FROM turns WHERE event_id = ?", (event_id,)).fetchall()
        self.db.executemany(
            "INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', ?, ?)",
            [(turn_id, texts[seq]) for turn_id, seq in rows],
        )

    # ------------------------------------------------------------------ texts
    def _body(self, event_id: int) -> dict[str, list[str]]:
        row = self.db.execute("SELECT body FROM events WHERE id = ?", (event_id,)).fetchone()
        return unpack_body(row[0]) if row else {"p": [], "c": []}

    def turn_texts(self, event_id: int) -> list[str]:
        """The texts of an event's turns, rebuilt from its paragraphs (cached: events are
        read far more often than written, and every write clears the cache)."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:  # another connection committed: the cache may be stale
            self._texts.clear()
            self._version = version
        cached = self._texts.get(event_id)
        if cached is not None:
            return cached
        texts = self._turn_texts(event_id)
        if len(self._texts) >= TEXT_CACHE:
            self._texts.pop(next(iter(self._texts)))
        self._texts[event_id] = texts
        return texts

    def _turn_texts(self, event_id: int) -> list[str]:
        texts = self._body(event_id)["p"]
        rows = self.db.execute(
            "SELECT seq, turn_seq FROM paragraphs WHERE event_id = ? AND turn_seq IS NOT NULL ORDER BY seq",
            (event_id,),
        ).fetchall()
        n = self.db.execute("SELECT count(*) FROM turns WHERE event_id = ?", (event_id,)).fetchone()[0]
        parts: list[list[str]] = [[] for _ in range(n)]
        for seq, turn in rows:
            if texts[seq] and turn < n:
                parts[turn].append(texts[seq])
        return ["\n".join(p) for p in parts]

    def _person_ids(self, persons: dict[str, str]) -> dict[str, int]:
        ids = {}
        for key, name in persons.items():
            self.db.execute("INSERT OR IGNORE INTO persons (person_key, name) VALUES (?, ?)", (key, name))
            row = self.db.execute("SELECT id FROM persons WHERE person_key = ?", (key,)).fetchone()
            ids[key] = int(row[0])
        return ids

    def reconcile_persons(self, site_prefixes: Sequence[str]) -> int:
        """A person first stored under a name slug and later identified by a site (a
        person link or tag: a person key that starts with one of ``site_prefixes``) is one
        person: move their turns to the site id, unless two site persons share that name.
        Returns how many turns moved."""
        if not site_prefixes:
            return 0
        given = " OR ".join("substr({0}.person_key, 1, ?) = ?" for _ in site_prefixes)
        args = [x for prefix in site_prefixes for x in (len(prefix), prefix)]
        k_given, s_given = given.format("k"), given.format("s")
        cur = self.db.execute(
            f"UPDATE turns SET person_id = (SELECT k.id FROM persons k, persons s WHERE s.id = turns.person_id "
            f"AND k.name = s.name AND ({k_given})) "
            f"WHERE person_id IN (SELECT s.id FROM persons s WHERE NOT ({s_given}) "
            f"AND (SELECT count(*) FROM persons k WHERE k.name = s.name AND ({k_given})) = 1)",
            [*args, *args, *args],
        )
        self.db.execute(
            f"DELETE FROM persons WHERE NOT ({given.format('persons')}) "
            "AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.person_id = persons.id)",
            args,
        )
        return cur.rowcount

    def person_roles(self) -> list[tuple[str, str, str | None]]:
        """``(person_key, name, role)`` for every role a person was printed with."""
        rows = self.db.execute(
            "SELECT p.person_key, p.name, t.role FROM persons p LEFT JOIN turns t ON t.person_id = p.id "
            "GROUP BY p.id, t.role"
        ).fetchall()
        return [(str(r[0]), str(r[1]), r[2]) for r in rows]

    # ------------------------------------------------------------------ vectors
    def turns_without_vectors(self, model: str) -> Iterator[tuple[int, str]]:
        """``(turn id, text)`` of turns that have no sentence vectors from ``model``."""
        done = {r[0] for r in self.db.execute("SELECT turn_id FROM turn_vectors WHERE model = ?", (model,))}
        for turn_id, text in self.all_turns():
            if turn_id not in done:
                yield turn_id, text

    def put_vectors(self, rows: list[tuple[int, str, list[tuple[int, int]], bytes]]) -> None:
        """``(turn id, model, sentence spans, vectors)`` per turn."""
        self.db.executemany(
            "INSERT OR REPLACE INTO turn_vectors (turn_id, model, spans, vectors) VALUES (?, ?, ?, ?)",
            [(t, m, json.dumps(spans), blob) for t, m, spans, blob in rows],
        )

    def narratives_without_vectors(self, model: str) -> Iterator[tuple[int, str]]:
        """``(passage id, text)`` of the narrative paragraphs that have no sentence vectors
        from ``model`` (the paragraph alone: a passage's run-on is the next one's vectors)."""
        done = set(self.db.execute("SELECT event_id, seq FROM narrative_vectors WHERE model = ?", (model,)))
        rows = self.db.execute(
            "SELECT event_id, seq FROM paragraphs WHERE turn_seq IS NULL AND kind = 'narrative' ORDER BY event_id, seq"
        ).fetchall()
        for event_id, seq in rows:
            if (event_id, seq) not in done:
                yield -(event_id * NARRATIVE_ROWID + seq), self._body(event_id)["p"][seq]

    def put_narrative_vectors(self, rows: list[tuple[int, str, list[tuple[int, int]], bytes]]) -> None:
        """``(passage id, model, sentence spans, vectors)`` per narrative paragraph."""
        self.db.executemany(
            "INSERT OR REPLACE INTO narrative_vectors (event_id, seq, model, spans, vectors) VALUES (?, ?, ?, ?, ?)",
            [(*divmod(-p, NARRATIVE_ROWID), m, json.dumps(spans), blob) for p, m, spans, blob in rows],
        )

    def vectors(self, model: str) -> tuple[list[tuple[int, int, int]], list[bytes]]:
        """``[(id, start, end)]`` per sentence, and the vector blobs in order: turns (by turn
        id), then narrative paragraphs (by passage id, negative)."""
        keys: list[tuple[int, int, int]] = []
        blobs = []
        for turn_id, spans, blob in self.db.execute(
            "SELECT turn_id, spans, vectors FROM turn_vectors WHERE model = ? ORDER BY turn_id", (model,)
        ):
            keys += [(turn_id, a, b) for a, b in json.loads(spans)]
            blobs.append(blob)
        for event_id, seq, spans, blob in self.db.execute(
            "SELECT event_id, seq, spans, vectors FROM narrative_vectors WHERE model = ? ORDER BY event_id, seq",
            (model,),
        ):
            passage_id = -(event_id * NARRATIVE_ROWID + seq)
            keys += [(passage_id, a, b) for a, b in json.loads(spans)]
            blobs.append(blob)
        return keys, blobs

    _TURN_INFO_KEYS = (
        "turn_id",
        "event_id",
        "seq",
        "speaker",
        "person",
        "person_id",
        "role",
        "start",
        "end",
        "site_id",
        "url",
        "title",
        "date",
        "path",
        "event_key",
    )
    _TURN_INFO_SQL = (
        "SELECT t.id, t.event_id, t.seq, t.speaker, p.name, p.person_key, t.role, t.start, t.end, e.site_id, e.url, "
        "e.title, e.date, d.path, e.event_key FROM turns t JOIN events e ON e.id = t.event_id "
        "JOIN documents d ON d.id = e.document_id LEFT JOIN persons p ON p.id = t.person_id WHERE t.id IN "
    )

    def turn_info(self, turn_id: int) -> dict[str, Any] | None:
        """A turn with its event and text: what a verification result cites."""
        return self.turn_infos([turn_id]).get(turn_id)

    def turn_infos(self, turn_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """``turn_info`` of several turns in one query (a check reads dozens)."""
        out: dict[int, dict[str, Any]] = {}
        ids = list(dict.fromkeys(turn_ids))
        for at in range(0, len(ids), 500):  # SQLite's bound on parameters
            chunk = ids[at : at + 500]
            sql = self._TURN_INFO_SQL + "(" + ",".join("?" * len(chunk)) + ")"
            for row in self.db.execute(sql, chunk):
                info = dict(zip(self._TURN_INFO_KEYS, row, strict=True))
                info["text"] = self.turn_texts(info["event_id"])[info["seq"]]
                out[info["turn_id"]] = info
        return out

    def narrative_candidates(self, fts: str, limit: int) -> list[int]:
        """Passages outside speaker turns matching an FTS5 expression, as negative ids."""
        rows = self._run(
            "SELECT rowid FROM narrative_fts WHERE narrative_fts MATCH ? ORDER BY rank LIMIT ?", [fts, limit]
        )
        return [-int(r[0]) for r in rows]

    def narrative_info(self, passage_id: int) -> dict[str, Any] | None:
        """A narrative paragraph (with the next one, when a quotation runs on) as a passage
        with no speaker: a written statement, an article, the page's own text."""
        event_id, seq = divmod(-passage_id, NARRATIVE_ROWID)
        row = self.db.execute(
            "SELECT e.site_id, e.url, e.title, e.date, d.path, p.start, p.end, e.event_key FROM events e "
            "JOIN documents d ON d.id = e.document_id JOIN paragraphs p ON p.event_id = e.id AND p.seq = ? "
            "WHERE e.id = ?",
            (seq, event_id),
        ).fetchone()
        if not row:
            return None
        body = self._body(event_id)["p"]
        text = body[seq] + ("\n" + body[seq + 1] if seq + 1 < len(body) else "")
        return {
            "event_id": event_id,
            "seq": None,
            "speaker": None,
            "person": None,
            "person_id": None,
            "role": None,
            "start": row[5],
            "end": row[6],
            "site_id": row[0],
            "url": row[1],
            "title": row[2],
            "date": row[3],
            "path": row[4],
            "event_key": row[7],
            "text": text,
            "turn_id": passage_id,
            "narrative": True,
        }

    def events_between(self, first: str, last: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT e.id, e.site_id, e.url, e.title, e.date, e.event_key, d.path, e.start, e.end FROM events e "
            "JOIN documents d ON d.id = e.document_id WHERE e.date BETWEEN ? AND ? ORDER BY e.date",
            (first, last),
        ).fetchall()
        keys = ("id", "site_id", "url", "title", "date", "event_key", "path", "start", "end")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def turns_of_persons_between(self, person_ids: Sequence[int], first: str, last: str, limit: int) -> list[int]:
        """Turn ids of these persons at events dated first..last, newest first."""
        if not person_ids:
            return []
        marks = ", ".join("?" * len(person_ids))
        rows = self.db.execute(
            f"SELECT t.id FROM turns t JOIN events e ON e.id = t.event_id WHERE e.date BETWEEN ? AND ? "
            f"AND t.person_id IN ({marks}) ORDER BY e.date DESC, t.id LIMIT ?",
            (first, last, *person_ids, limit),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def turns_of_event(self, event_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM turns WHERE event_id = ? ORDER BY seq", (event_id,))]

    def candidate_turns(self, fts: str, limit: int) -> list[int]:
        """Turn ids matching an FTS5 expression, best first."""
        rows = self._run("SELECT rowid FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rank LIMIT ?", [fts, limit])
        return [int(r[0]) for r in rows]

    # ------------------------------------------------------------------ articles
    def find_article(self, key: str) -> tuple[int, str] | None:
        row = self.db.execute("SELECT id, content_hash FROM articles WHERE article_key = ?", (key,)).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def write_article(self, article: Article, key: str, content_hash: str, replace: int | None) -> int:
        if replace is not None:
            self.db.execute("DELETE FROM articles WHERE id = ?", (replace,))
        cur = self.db.execute(
            "INSERT INTO articles (id, article_key, title, date, outlet, url, path, format, content_hash, text, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, datetime('now'))",
            (
                replace,
                key,
                article.title,
                article.date,
                article.outlet,
                article.url,
                article.path,
                article.format,
                content_hash,
                zlib.compress(article.text.encode("utf-8"), 6),
            ),
        )
        article_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO article_quotes (article_id, seq, kind, text, speaker, person, cue, confidence, start, end, "
            "parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    i,
                    q.kind,
                    q.text,
                    q.speaker,
                    q.person,
                    q.cue,
                    q.confidence,
                    q.start,
                    q.end,
                    json.dumps([list(p) for p in q.parts]),
                )
                for i, q in enumerate(article.quotes)
            ],
        )
        return article_id

    def put_verdicts(self, records: Sequence[tuple[dict[str, Any], str | None, str | None]]) -> int:
        """Store check results (contract records, with the article's URL and date), in one
        transaction; checking the same quotation again replaces the earlier verdict."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction():
            for record, article_url, article_date in records:
                key = hashlib.sha256(
                    json.dumps(
                        [record["quote"], record.get("claimed_speaker"), article_url, article_date], ensure_ascii=False
                    ).encode("utf-8")
                ).hexdigest()[:32]
                source = record.get("source") or {}
                self.db.execute(
                    "INSERT INTO verdicts (verdict_key, quote_id, quote, claimed_speaker, article_url, article_date, "
                    "verdict, score, reason, source_event_key, source_turn, source_url, result, checked_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (verdict_key) DO UPDATE SET "
                    "quote_id = excluded.quote_id, verdict = excluded.verdict, score = excluded.score, "
                    "reason = excluded.reason, source_event_key = excluded.source_event_key, "
                    "source_turn = excluded.source_turn, source_url = excluded.source_url, "
                    "result = excluded.result, checked_at = excluded.checked_at",
                    (
                        key,
                        record.get("id"),
                        record["quote"],
                        record.get("claimed_speaker"),
                        article_url,
                        article_date,
                        record["verdict"],
                        record["score"],
                        record["reason"],
                        source.get("event_key"),
                        source.get("turn"),
                        source.get("url"),
                        json.dumps(record, ensure_ascii=False),
                        now,
                    ),
                )
        return len(records)

    def verdicts(self) -> Iterator[dict[str, Any]]:
        """Stored verdicts, oldest first, one at a time: the table's columns, with the
        check contract record under ``result``."""
        cursor = self.db.execute(
            "SELECT verdict_key, quote_id, quote, claimed_speaker, article_url, article_date, verdict, score, reason, "
            "source_event_key, source_turn, source_url, result, checked_at FROM verdicts ORDER BY id"
        )
        names = [d[0] for d in cursor.description]
        for row in cursor:
            item = dict(zip(names, row, strict=True))
            item["result"] = json.loads(item["result"])
            yield item

    def articles(self) -> list[Article]:
        """Every stored article with its quotations, oldest first."""
        out = []
        rows = self.db.execute(
            "SELECT id, title, date, outlet, url, path, format, text FROM articles ORDER BY date, id"
        ).fetchall()
        for article_id, title, date, outlet, url, path, fmt, blob in rows:
            article = Article(
                text=zlib.decompress(blob).decode("utf-8"),
                path=path,
                title=title,
                date=date,
                outlet=outlet,
                url=url,
                format=fmt,
            )
            for r in self.db.execute(
                "SELECT text, kind, speaker, person, cue, confidence, start, end, parts FROM article_quotes "
                "WHERE article_id = ? ORDER BY seq",
                (article_id,),
            ):
                parts = [(int(a), int(b)) for a, b in json.loads(r[8])]
                article.quotes.append(Quote(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], parts))
            out.append(article)
        return out

    # ------------------------------------------------------------------ filters
    def filter_sql(self, f: Filters, *, turns: bool) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if f.date_from:
            where.append("e.date >= ?")
            params.append(f.date_from)
        if f.date_to:
            where.append("e.date <= ?")
            params.append(f.date_to)
        for kind, values in (("topic", f.topic), ("geography", f.geo)):
            if values:
                marks = ", ".join("?" for _ in values)
                where.append(
                    f"EXISTS (SELECT 1 FROM tags g WHERE g.event_id = e.id AND g.kind = '{kind}' "
                    f"AND g.value COLLATE NOCASE IN ({marks}))"
                )
                params += list(values)
        if f.person:
            forms = [v for name in f.person for v in {name, _tag_form(name)}]
            marks = ", ".join("?" for _ in forms)
            where.append(
                "EXISTS (SELECT 1 FROM tags g WHERE g.event_id = e.id AND g.kind = 'person' "
                f"AND g.value COLLATE NOCASE IN ({marks}))"
            )
            params += forms
        if f.event:
            clauses = []
            for ref in f.event:
                clauses.append("(e.site_id = ? OR e.url = ? OR e.event_key = ? OR e.id = ?)")
                params += [ref, ref, ref, int(ref) if ref.isdigit() else -1]
            where.append("(" + " OR ".join(clauses) + ")")
        if turns and f.speaker:
            ids = self.speaker_ids(f.speaker)
            if not ids:
                raise QueryError(
                    f"no speaker matches {', '.join(map(repr, f.speaker))}; list them with: stenogram speakers"
                )
            where.append(f"t.person_id IN ({', '.join('?' for _ in ids) or 'NULL'})")
            params += ids
        if turns and f.role:
            where.append("(" + " OR ".join("t.role LIKE ? ESCAPE '\\'" for _ in f.role) + ")")
            params += [f"%{_like(r)}%" for r in f.role]
        return where, params

    def selected_events(self, f: Filters) -> list[tuple[int, str]]:
        """``(id, event key)`` of the events the filters admit (a speaker filter admits the
        events where that person spoke), in storage order."""
        where, params = self.filter_sql(f, turns=False)
        if f.speaker:
            ids = self.speaker_ids(f.speaker)
            where.append(f"e.id IN (SELECT event_id FROM turns WHERE person_id IN ({', '.join('?' * len(ids))}))")
            params += ids
        sql = "SELECT e.id, e.event_key FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
        return [(int(r[0]), str(r[1])) for r in self._run(sql + " ORDER BY e.id", params)]

    def speaker_ids(self, names: Sequence[str]) -> list[int]:
        """Persons meant by a name, a surname, a label they spoke under, or an id."""
        ids: set[int] = set()
        for name in names:
            folded = fold(name)
            rows = self.db.execute(
                "SELECT id FROM persons WHERE person_key = ? OR name = ? COLLATE NOCASE "
                "OR name LIKE ? ESCAPE '\\' "
                "UNION SELECT DISTINCT person_id FROM turns WHERE speaker = ? COLLATE NOCASE AND person_id IS NOT NULL",
                (name, name, f"% {_like(name)}", name),
            ).fetchall()
            ids.update(int(r[0]) for r in rows)
            if not rows:  # accents and case beyond ASCII: compare folded names in Python
                for pid, pname in self.db.execute("SELECT id, name FROM persons"):
                    if fold(pname) == folded or fold(pname).endswith(" " + folded):
                        ids.add(int(pid))
        return sorted(ids)

    # ------------------------------------------------------------------ search
    def search_sql(self, node: Node, f: Filters, *, sort: str, limit: int, offset: int) -> list[tuple[str, list[Any]]]:
        """The statements ``search`` runs (turns, then titles and leads), with parameters."""
        fts = to_fts5(node)
        order = "rank" if sort == "relevance" else "e.date DESC, e.time DESC, seq"
        where, params = self.filter_sql(f, turns=True)
        turn_sql = (
            "SELECT 'turn' AS kind, NULL AS snip, bm25(turns_fts) AS rank, e.id, e.site_id, e.url, e.title, e.date, "
            "e.time, t.speaker, p.name, p.person_key, t.role, t.seq AS seq, d.path, d.member, t.start, t.end "
            "FROM turns_fts JOIN turns t ON t.id = turns_fts.rowid JOIN events e ON e.id = t.event_id "
            "JOIN documents d ON d.id = e.document_id LEFT JOIN persons p ON p.id = t.person_id "
            "WHERE turns_fts MATCH ?" + "".join(f" AND {w}" for w in where) + f" ORDER BY {order} LIMIT ?"
        )
        statements = [(turn_sql, [fts, *params, limit + offset])]
        if not f.turn_only:
            ewhere, eparams = self.filter_sql(f, turns=False)
            event_sql = (
                "SELECT 'event' AS kind, snippet(events_fts, -1, char(2), char(3), '…', 32) AS snip, "
                "bm25(events_fts) AS rank, e.id, e.site_id, e.url, e.title, e.date, e.time, NULL, NULL, NULL, "
                "NULL, -1 AS seq, d.path, d.member, e.start, e.end, e.spans "
                "FROM events_fts JOIN events e ON e.id = events_fts.rowid JOIN documents d ON d.id = e.document_id "
                "WHERE events_fts MATCH ?" + "".join(f" AND {w}" for w in ewhere) + f" ORDER BY {order} LIMIT ?"
            )
            statements.append((event_sql, [fts, *eparams, limit + offset]))
        return statements

    def search(self, node: Node, f: Filters, *, sort: str = "relevance", limit: int = 20, offset: int = 0) -> list[Hit]:
        hits: list[Hit] = []
        for sql, params in self.search_sql(node, f, sort=sort, limit=limit, offset=offset):
            for row in self._run(sql, params):
                hits.append(_hit(row))
        if sort == "relevance":
            hits.sort(key=lambda h: h.score)
        else:
            hits.sort(key=lambda h: (h.date or "", h.time or ""), reverse=True)
        hits = hits[offset : offset + limit]
        texts: dict[int, list[str]] = {}
        for h in hits:
            self.check_time()
            if h.kind == "turn" and h.turn is not None:
                if h.event_id not in texts:
                    texts[h.event_id] = self.turn_texts(h.event_id)
                h.snippet = make_snippet(texts[h.event_id][h.turn], node)
        return hits

    def facets(self, node: Node, f: Filters, *, top: int = 10) -> dict[str, list[tuple[str, int]]]:
        """Counts of matching turns by speaker, year, topic and geography."""
        where, params = self.filter_sql(f, turns=True)
        base = (
            "FROM turns_fts JOIN turns t ON t.id = turns_fts.rowid JOIN events e ON e.id = t.event_id "
            "WHERE turns_fts MATCH ?" + "".join(f" AND {w}" for w in where)
        )
        args = [to_fts5(node), *params]
        queries = {
            "speaker": "SELECT coalesce(p.name, t.speaker), count(*) "
            + base.replace("JOIN events e", "LEFT JOIN persons p ON p.id = t.person_id JOIN events e")
            + " GROUP BY 1",
            "year": "SELECT substr(e.date, 1, 4), count(*) " + base + " GROUP BY 1",
            "topic": "SELECT g.value, count(*) "
            + base.replace("WHERE turns_fts", "JOIN tags g ON g.event_id = e.id AND g.kind = 'topic' WHERE turns_fts")
            + " GROUP BY 1",
            "geography": "SELECT g.value, count(*) "
            + base.replace(
                "WHERE turns_fts", "JOIN tags g ON g.event_id = e.id AND g.kind = 'geography' WHERE turns_fts"
            )
            + " GROUP BY 1",
        }
        out = {}
        for name, sql in queries.items():
            rows = self._run(sql + " ORDER BY 2 DESC, 1 LIMIT ?", [*args, top])
            out[name] = [(str(r[0]), int(r[1])) for r in rows if r[0]]
        return out

    def person_months(self, person_key: str) -> list[tuple[str, int]]:
        """Events per month at which the person spoke."""
        rows = self.db.execute(
            "SELECT substr(e.date, 1, 7), count(DISTINCT e.id) FROM turns t JOIN persons p ON p.id = t.person_id "
            "JOIN events e ON e.id = t.event_id WHERE p.person_key = ? GROUP BY 1 ORDER BY 1",
            (person_key,),
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows if r[0]]

    def person_topics(self, person_key: str, top: int = 10) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT g.value, count(DISTINCT e.id) FROM turns t JOIN persons p ON p.id = t.person_id "
            "JOIN events e ON e.id = t.event_id JOIN tags g ON g.event_id = e.id AND g.kind = 'topic' "
            "WHERE p.person_key = ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            (person_key, top),
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def recent_turns(self, person_key: str, limit: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT t.event_id, t.seq, e.site_id, e.title, e.date FROM turns t JOIN persons p ON p.id = t.person_id "
            "JOIN events e ON e.id = t.event_id WHERE p.person_key = ? ORDER BY e.date DESC, t.seq LIMIT ?",
            (person_key, limit),
        ).fetchall()
        out = []
        for event_id, seq, site_id, title, date in rows:
            out.append(
                {
                    "event": site_id or event_id,
                    "turn": seq,
                    "title": title,
                    "date": date,
                    "text": self.turn_texts(event_id)[seq],
                }
            )
        return out

    def events_per_month(self) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT substr(date, 1, 7), count(*) FROM events WHERE date IS NOT NULL GROUP BY 1 ORDER BY 1"
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def matching_turns(self, node: Node, f: Filters, *, limit: int) -> list[dict[str, Any]]:
        """Turns whose text matches, with what a concordance needs, oldest first."""
        where, params = self.filter_sql(f, turns=True)
        sql = (
            "SELECT t.id, t.seq, t.speaker, t.start, t.end, p.name, e.id, e.url, e.title, e.date, d.path "
            "FROM turns_fts JOIN turns t ON t.id = turns_fts.rowid JOIN events e ON e.id = t.event_id "
            "JOIN documents d ON d.id = e.document_id LEFT JOIN persons p ON p.id = t.person_id "
            "WHERE turns_fts MATCH ?"
            + "".join(f" AND {w}" for w in where)
            + " ORDER BY e.date, t.event_id, t.seq LIMIT ?"
        )
        keys = ("turn_id", "turn", "speaker", "start", "end", "person", "event_id", "url", "title", "date", "path")
        rows = [dict(zip(keys, row, strict=True)) for row in self._run(sql, [to_fts5(node), *params, limit])]
        texts: dict[int, list[str]] = {}
        for row in rows:
            if row["event_id"] not in texts:
                texts[row["event_id"]] = self.turn_texts(row["event_id"])
            row["text"] = texts[row["event_id"]][row["turn"]]
        return rows

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
            raise QueryError(f"the index could not run this query ({exc}); try --literal") from exc
        finally:
            self.db.set_progress_handler(None, 0)

    def all_turns(self) -> Iterator[tuple[int, str]]:
        """``(turn id, text)`` of every turn (for checks and exports)."""
        for (event_id,) in self.db.execute("SELECT id FROM events ORDER BY id").fetchall():
            ids = [r[0] for r in self.db.execute("SELECT id FROM turns WHERE event_id = ? ORDER BY seq", (event_id,))]
            yield from zip(ids, self.turn_texts(event_id), strict=True)

    # ------------------------------------------------------------------ events
    def resolve_event(self, ref: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM events WHERE site_id = ? OR url = ? OR event_key = ? OR id = ? ORDER BY id LIMIT 1",
            (ref, ref, ref, int(ref) if ref.isascii() and ref.isdigit() and len(ref) <= 18 else -1),
        ).fetchone()
        return int(row[0]) if row else None

    def event(self, event_id: int) -> Event | None:
        row = self.db.execute(
            "SELECT e.site_id, e.url, e.title, e.lead, e.date, e.time, e.place, e.announcement, e.published, "
            "e.format, e.start, e.end, e.spans, d.path, d.member, d.encoding "
            "FROM events e JOIN documents d ON d.id = e.document_id WHERE e.id = ?",
            (event_id,),
        ).fetchone()
        if not row:
            return None
        ev = Event(source=Source(row[13], row[9], row[14], row[15], row[10], row[11]))
        (ev.id, ev.url, ev.title, ev.lead, ev.date, ev.time, ev.place, ev.announcement, ev.published) = row[:9]
        ev.spans = {k: (v[0], v[1]) for k, v in json.loads(row[12]).items()}
        for kind, value in self.db.execute("SELECT kind, value FROM tags WHERE event_id = ? ORDER BY seq", (event_id,)):
            {"section": ev.sections, "geography": ev.geography, "topic": ev.topics, "person": ev.persons}[kind].append(
                value
            )
        body = self._body(event_id)
        texts = self.turn_texts(event_id)
        for r in self.db.execute(
            "SELECT t.speaker, p.name, p.person_key, t.role, t.note, t.start, t.end, t.label_start, t.label_end "
            "FROM turns t LEFT JOIN persons p ON p.id = t.person_id WHERE t.event_id = ? ORDER BY t.seq",
            (event_id,),
        ):
            ev.turns.append(
                Turn(
                    speaker=r[0],
                    person=r[1],
                    role=r[3],
                    note=r[4],
                    text=texts[len(ev.turns)],
                    start=r[5],
                    end=r[6],
                    label_start=r[7],
                    label_end=r[8],
                    person_id=r[2],
                )
            )
        for seq, kind, start, end, turn in self.db.execute(
            "SELECT seq, kind, start, end, turn_seq FROM paragraphs WHERE event_id = ? ORDER BY seq", (event_id,)
        ):
            ev.paragraphs.append(Paragraph(kind, body["p"][seq], start, end, turn))
        for seq, kind, start, end in self.db.execute(
            "SELECT seq, kind, start, end FROM captions WHERE event_id = ? ORDER BY seq", (event_id,)
        ):
            {"caption": ev.captions, "see_also": ev.see_also, "remainder": ev.remainder}[kind].append(
                Span(body["c"][seq], start, end)
            )
        return ev

    # ------------------------------------------------------------------ statistics
    def speakers(self, f: Filters, *, limit: int | None = None) -> list[SpeakerStats]:
        where, params = self.filter_sql(f, turns=True)
        sql = (
            "SELECT p.name, p.person_key, count(DISTINCT e.id), count(*), sum(t.words), min(e.date), max(e.date), "
            "json_group_array(DISTINCT t.role), json_group_array(DISTINCT t.speaker) "
            "FROM turns t JOIN persons p ON p.id = t.person_id JOIN events e ON e.id = t.event_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY p.id ORDER BY count(*) DESC, p.name"
            + (" LIMIT ?" if limit else "")
        )
        out = []
        for r in self._run(sql, [*params, limit] if limit else params):
            roles = sorted(x for x in json.loads(r[7]) if x)
            labels = sorted(x for x in json.loads(r[8]) if x)
            out.append(SpeakerStats(r[0], r[1], r[2], r[3], r[4] or 0, r[5], r[6], roles, labels))
        periods = self._role_periods(where, params)
        for stats in out:
            stats.role_periods = periods.get(stats.person_id, [])
        return out

    def _role_periods(self, where: list[str], params: list[Any]) -> dict[str, list[RolePeriod]]:
        sql = (
            "SELECT p.person_key, t.role, min(e.date), max(e.date), count(*) FROM turns t "
            "JOIN persons p ON p.id = t.person_id JOIN events e ON e.id = t.event_id WHERE t.role IS NOT NULL"
            + "".join(f" AND {w}" for w in where)
            + " GROUP BY p.id, t.role ORDER BY min(e.date)"
        )
        periods: dict[str, list[RolePeriod]] = {}
        for key, role, first, last, n in self._run(sql, params):
            periods.setdefault(key, []).append(RolePeriod(role, first, last, n))
        return periods

    def stats(self) -> CorpusStats:
        docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        ev, first, last = self.db.execute("SELECT count(*), min(date), max(date) FROM events").fetchone()
        turns, words = self.db.execute("SELECT count(*), coalesce(sum(words), 0) FROM turns").fetchone()
        persons = self.db.execute("SELECT count(*) FROM persons").fetchone()[0]
        years = [
            YearStats(r[0] or "unknown", r[1], r[2] or 0, r[3] or 0)
            for r in self.db.execute(
                "SELECT substr(e.date, 1, 4) AS y, count(DISTINCT e.id), count(t.id), sum(t.words) "
                "FROM events e LEFT JOIN turns t ON t.event_id = e.id GROUP BY y ORDER BY y"
            )
        ]
        return CorpusStats(docs, ev, turns, words, persons, first, last, years)


def _is_narrative(p: Paragraph) -> bool:
    return p.turn is None and p.kind == "narrative"


def pack_body(paragraphs: list[str], captions: list[str]) -> bytes:
    """An event's texts, compressed: most of a corpus's bytes, stored once."""
    return zlib.compress(json.dumps({"p": paragraphs, "c": captions}, ensure_ascii=False).encode("utf-8"), 6)


def unpack_body(blob: bytes) -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(zlib.decompress(blob).decode("utf-8"))
    return data


def _hit(row: tuple[Any, ...]) -> Hit:
    kind, snip = row[0], (row[1] or "").replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
    start, end = row[16], row[17]
    if kind == "event":
        spans = json.loads(row[18])
        plain = snip.replace("<mark>", "").replace("</mark>", "").strip("…")
        kind = "title" if row[6] and plain and plain in row[6] else "lead"
        if kind in spans:
            start, end = spans[kind]
    return Hit(
        kind=kind,
        snippet=snip,
        score=float(row[2]),
        event_id=row[3],
        site_id=row[4],
        url=row[5],
        title=row[6],
        date=row[7],
        time=row[8],
        speaker=row[9],
        person=row[10],
        person_id=row[11],
        role=row[12],
        turn=None if row[13] < 0 else row[13],
        path=row[14],
        member=row[15],
        start=start,
        end=end,
    )


def _tag_form(name: str) -> str:
    """ "Nikol Pashinyan" -> "Pashinyan Nikol", the site's Persons tag form."""
    parts = name.split()
    return " ".join(parts[-1:] + parts[:-1]) if len(parts) > 1 else name


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


__all__ = ["SQLiteStore", "count_words", "tag_to_name"]
