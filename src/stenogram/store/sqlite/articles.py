"""News articles, their quotations, and stored verdicts."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from ...model import StoredVerdict
from ...parse.news import Article
from ...parse.quotes import Quote
from .connection import SQLiteBase


class ArticleTables(SQLiteBase):
    """News articles, their quotations, and stored verdicts."""

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

    def verdicts(self, key: str | None = None) -> Iterator[StoredVerdict]:
        """Stored verdicts, oldest first, one at a time (or the one of ``key``): the
        table's columns, with the check contract record under ``result``."""
        cursor = self.db.execute(
            "SELECT verdict_key, quote_id, quote, claimed_speaker, article_url, article_date, verdict, score, reason, "
            "source_event_key, source_turn, source_url, result, checked_at FROM verdicts "
            + ("WHERE verdict_key = ? " if key is not None else "")
            + "ORDER BY id",
            (key,) if key is not None else (),
        )
        names = [d[0] for d in cursor.description]
        for row in cursor:
            item = dict(zip(names, row, strict=True))
            item["result"] = json.loads(item["result"])
            yield StoredVerdict(**item)  # type: ignore[typeddict-item]

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
