"""Schema changes as named, ordered migrations, recorded in the database.

Never edit a migration that has shipped: add a new one. Each runs in its own
transaction and is recorded in ``schema_migrations`` with the time it was applied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from ..errors import StoreError
from ..model import narrative_rowid
from .bodies import indexed_captions, unpack_body

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one, inside the caller's transaction (``executescript``
    would commit it first)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


@migration("0001_initial")
def _initial(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            member TEXT,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            sha256 TEXT NOT NULL,                 -- first 128 bits, hex
            size INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            UNIQUE (path, member)
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            event_key TEXT NOT NULL UNIQUE,      -- "SITE:ID" (the site numbers it), else "hash:<sha256>"
            site_id TEXT,
            url TEXT,
            title TEXT,
            lead TEXT,
            date TEXT,
            time TEXT,
            place TEXT,
            announcement TEXT,
            published TEXT,
            format TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,               -- span of the event in its document
            end INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            spans TEXT NOT NULL,                  -- JSON: field -> [start, end]
            body BLOB NOT NULL                    -- zlib(JSON {"p": paragraph texts, "c": caption texts})
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE tags (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,                   -- section | geography | topic | person
            value TEXT NOT NULL,
            seq INTEGER NOT NULL,                 -- order on the page
            PRIMARY KEY (event_id, kind, value)
        ) WITHOUT ROWID;
        CREATE INDEX tags_kind_value ON tags(kind, value COLLATE NOCASE);
        CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            person_key TEXT NOT NULL UNIQUE,      -- the parse contract's person_id
            name TEXT NOT NULL
        );
        CREATE INDEX persons_name ON persons(name COLLATE NOCASE);
        CREATE TABLE turns (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            person_id INTEGER REFERENCES persons(id),
            role TEXT,
            note TEXT,
            words INTEGER NOT NULL,               -- text: the turn's paragraphs, in events.body
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label_start INTEGER NOT NULL,
            label_end INTEGER NOT NULL,
            UNIQUE (event_id, seq)
        );
        CREATE INDEX turns_person ON turns(person_id);
        CREATE TABLE paragraphs (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,                   -- text: events.body["p"][seq]
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            turn_seq INTEGER,
            PRIMARY KEY (event_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE captions (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,                   -- caption | see_also | remainder
            start INTEGER NOT NULL,               -- text: events.body["c"][seq]
            end INTEGER NOT NULL,
            PRIMARY KEY (event_id, kind, seq)
        ) WITHOUT ROWID;
        -- Contentless: the text lives compressed in events.body; rows are added and
        -- deleted by SQLiteStore (a contentless delete needs the original text).
        CREATE VIRTUAL TABLE turns_fts USING fts5(
            text, content='', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE events_fts USING fts5(
            title, lead, content='events', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, title, lead) VALUES (new.id, coalesce(new.title, ''), coalesce(new.lead, ''));
        END;
        CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, title, lead)
            VALUES ('delete', old.id, coalesce(old.title, ''), coalesce(old.lead, ''));
        END;
        """,
    )


@migration("0002_articles")
def _articles(db: sqlite3.Connection) -> None:
    """News articles and their quotations, kept apart from transcripts."""
    run_script(
        db,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            article_key TEXT NOT NULL UNIQUE,     -- "url:<url>", else "hash:<content hash>"
            title TEXT,
            date TEXT,
            outlet TEXT,
            url TEXT,
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text BLOB NOT NULL,                   -- zlib(UTF-8 text the quote offsets index)
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_date ON articles(date);
        CREATE TABLE article_quotes (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,                   -- direct | partial | indirect
            text TEXT NOT NULL,
            speaker TEXT,
            person TEXT,
            cue TEXT,
            confidence REAL NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            parts TEXT NOT NULL,                  -- JSON [[start, end], ...]
            PRIMARY KEY (article_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX article_quotes_person ON article_quotes(person);
        """,
    )


@migration("0003_sentence_vectors")
def _sentence_vectors(db: sqlite3.Connection) -> None:
    """Sentence embeddings of turns, for matching independent translations."""
    run_script(
        db,
        """
        CREATE TABLE turn_vectors (
            turn_id INTEGER PRIMARY KEY REFERENCES turns(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            spans TEXT NOT NULL,                  -- JSON [[start, end], ...]: the sentences in the turn's text
            vectors BLOB NOT NULL                 -- float32, one unit-length row per sentence
        );
        """,
    )


@migration("0004_narrative_index")
def _narrative_index(db: sqlite3.Connection) -> None:
    """Index the paragraphs outside speaker turns (written statements, articles, the
    narrative of a page), so that quotations from them can be found too."""

    run_script(
        db,
        """
        -- rowid = event id * 2^20 + paragraph seq; contentless, like turns_fts
        CREATE VIRTUAL TABLE narrative_fts USING fts5(
            text, content='', tokenize='unicode61 remove_diacritics 2'
        );
        """,
    )
    rows = db.execute(
        "SELECT p.event_id, p.seq, e.body FROM paragraphs p JOIN events e ON e.id = p.event_id "
        "WHERE p.turn_seq IS NULL AND p.kind = 'narrative'"
    ).fetchall()
    _fill_index(db, "narrative_fts", _by_event(rows), lambda _, body, seqs: [(q, body["p"][q]) for q in seqs])


def _by_event(rows: list[tuple[int, int, bytes]]) -> dict[int, tuple[bytes, list[int]]]:
    """``(event id, seq, body)`` rows -> event id: (body, seqs in order)."""
    out: dict[int, tuple[bytes, list[int]]] = {}
    for event_id, seq, blob in rows:
        out.setdefault(event_id, (blob, []))[1].append(seq)
    return out


def _fill_index(
    db: sqlite3.Connection,
    index: str,
    events: dict[int, tuple[bytes, list[int]]],
    texts: Callable[[int, dict[str, list[str]], list[int]], list[tuple[int, str]]],
) -> None:
    """Fill a contentless index (rowid = event id * stride + seq) with the ``(seq, text)``
    that ``texts(event id, body, seqs)`` picks from each event's body."""
    for event_id, (blob, seqs) in events.items():
        db.executemany(
            f"INSERT INTO {index} (rowid, text) VALUES (?, ?)",
            [(narrative_rowid(event_id, seq), text) for seq, text in texts(event_id, unpack_body(blob), seqs)],
        )


@migration("0005_verdicts")
def _verdicts(db: sqlite3.Connection) -> None:
    """Check results kept for publishing (ClaimReview) and for the tables export."""
    run_script(
        db,
        """
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            verdict_key TEXT NOT NULL UNIQUE,    -- hash of quote, claimed speaker, article url and date
            quote_id TEXT,                       -- the id the input gave
            quote TEXT NOT NULL,
            claimed_speaker TEXT,
            article_url TEXT,
            article_date TEXT,
            verdict TEXT NOT NULL,
            score REAL NOT NULL,
            reason TEXT NOT NULL,
            source_event_key TEXT,               -- events.event_key of the source passage
            source_turn INTEGER,                 -- its turn (null: a narrative passage)
            source_url TEXT,
            result TEXT NOT NULL,                -- the check contract record, JSON
            checked_at TEXT NOT NULL
        );
        CREATE INDEX verdicts_by_verdict ON verdicts (verdict);
        """,
    )


@migration("0006_narrative_vectors")
def _narrative_vectors(db: sqlite3.Connection) -> None:
    """Sentence embeddings of the narrative paragraphs (written statements, press-office
    text), so that checks need not encode them: one row per paragraph."""
    run_script(
        db,
        """
        CREATE TABLE narrative_vectors (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,                 -- paragraphs.seq
            model TEXT NOT NULL,
            spans TEXT NOT NULL,                  -- JSON [[start, end], ...]: the sentences in the paragraph's text
            vectors BLOB NOT NULL,                -- float32, one unit-length row per sentence
            PRIMARY KEY (event_id, seq)
        );
        """,
    )


@migration("0007_caption_index")
def _caption_index(db: sqlite3.Connection) -> None:
    """Index the captions of a page's photos and videos (searched like the rest of its
    text): rowid = event id * 2^20 + caption seq, contentless, like narrative_fts."""

    run_script(
        db,
        """
        CREATE VIRTUAL TABLE captions_fts USING fts5(
            text, content='', tokenize='unicode61 remove_diacritics 2'
        );
        """,
    )
    rows = db.execute(
        "SELECT c.event_id, c.seq, e.body FROM captions c JOIN events e ON e.id = c.event_id ORDER BY c.event_id, c.seq"
    ).fetchall()
    kinds: dict[int, list[str]] = {}  # each event's caption kinds, in seq order
    for event_id, kind in db.execute("SELECT event_id, kind FROM captions ORDER BY event_id, seq"):
        kinds.setdefault(event_id, []).append(kind)
    _fill_index(
        db,
        "captions_fts",
        _by_event(rows),
        lambda event, body, _: indexed_captions(zip(kinds[event], body["c"], strict=True)),
    )


@migration("0008_generation")
def _generation(db: sqlite3.Connection) -> None:
    """A random id of the corpus file and a counter of the writes that can change a
    search: together they name what a search sees, so results can be kept until a write."""
    run_script(
        db,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO meta (key, value) VALUES ('corpus_id', abs(random())), ('generation', 0);
        """,
    )


def recorded(db: sqlite3.Connection) -> set[str]:
    """The migrations recorded in the database (none for a new file)."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    return {row[0] for row in db.execute("SELECT name FROM schema_migrations")} if exists else set()


def check_version(db: sqlite3.Connection, *, read_only: bool) -> None:
    """Refuse a corpus written by a newer stenogram (migrations this one does not know:
    reading or writing it could corrupt what that version stored), and a read-only
    corpus that still needs migrations (they cannot be applied)."""
    done = recorded(db)
    known = {name for name, _ in MIGRATIONS}
    newer = sorted(done - known)
    if newer:
        raise StoreError(
            f"the corpus was written by a newer stenogram (schema {newer[-1]}; this version knows up to "
            f"{MIGRATIONS[-1][0]}): upgrade stenogram to open it"
        )
    pending = [name for name, _ in MIGRATIONS if name not in done]
    if read_only and pending and done:
        raise StoreError(
            f"the corpus needs migration {pending[0]}, which a read-only file cannot take: open it once writable"
        )


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = recorded(db)
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")  # waits for another process migrating the same file
        if name in recorded(db):  # which has applied this one meanwhile
            db.execute("COMMIT")
            continue
        try:
            fn(db)
            db.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
