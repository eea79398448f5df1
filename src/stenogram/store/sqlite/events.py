"""Events: documents, events, turns, paragraphs, tags and persons, written and read back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from ...model import Event, Paragraph, Source, Span, Turn, count_words, narrative_rowid
from ..bodies import indexed_captions, pack_body, unpack_body
from .connection import TEXT_CACHE, SQLiteBase


def _is_narrative(p: Paragraph) -> bool:
    return p.turn is None and p.kind == "narrative"


def _tag_form(name: str) -> str:
    """ "Nikol Pashinyan" -> "Pashinyan Nikol", the site's Persons tag form."""
    parts = name.split()
    return " ".join(parts[-1:] + parts[:-1]) if len(parts) > 1 else name


class EventTables(SQLiteBase):
    """Events: documents, events, turns, paragraphs, tags and persons, written and read back."""

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
        self.db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")  # kept results are stale
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
            [(narrative_rowid(event_id, i), p.text) for i, p in enumerate(ev.paragraphs) if _is_narrative(p)],
        )
        self.db.executemany(
            "INSERT INTO captions (event_id, seq, kind, start, end) VALUES (?, ?, ?, ?, ?)",
            [(event_id, i, kind, s.start, s.end) for i, (kind, s) in enumerate(captions)],
        )
        self.db.executemany(
            "INSERT INTO captions_fts (rowid, text) VALUES (?, ?)",
            [(narrative_rowid(event_id, i), text) for i, text in indexed_captions((k, s.text) for k, s in captions)],
        )
        return event_id

    def _unindex_turns(self, event_id: int) -> None:
        """Remove an event's turns, narrative paragraphs and captions from the contentless
        indexes (they need the text to remove it)."""
        body = self._body(event_id)["p"]
        self.db.executemany(
            "INSERT INTO narrative_fts (narrative_fts, rowid, text) VALUES ('delete', ?, ?)",
            [
                (narrative_rowid(event_id, seq), body[seq])
                for (seq,) in self.db.execute(
                    "SELECT seq FROM paragraphs WHERE event_id = ? AND turn_seq IS NULL AND kind = 'narrative'",
                    (event_id,),
                ).fetchall()
            ],
        )
        texts = self._body(event_id)["c"]
        kinds = [
            k for (k,) in self.db.execute("SELECT kind FROM captions WHERE event_id = ? ORDER BY seq", (event_id,))
        ]
        self.db.executemany(
            "INSERT INTO captions_fts (captions_fts, rowid, text) VALUES ('delete', ?, ?)",
            [(narrative_rowid(event_id, seq), text) for seq, text in indexed_captions(zip(kinds, texts, strict=True))],
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
        return self.turn_texts_of([event_id])[event_id]

    def turn_texts_of(
        self, event_ids: Iterable[int], bodies: dict[int, dict[str, list[str]]] | None = None
    ) -> dict[int, list[str]]:
        """``turn_texts`` of several events, those not cached read in three queries for all
        of them (a page of hits comes from up to 20 events: 60 queries before). The bodies
        read on the way are added to ``bodies`` when given."""
        wanted = list(event_ids)
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:  # another connection committed: the cache may be stale
            self._texts.clear()
            self._version = version
        out = {i: self._texts[i] for i in wanted if i in self._texts}
        missing = sorted({i for i in wanted if i not in out})
        if not missing:
            return out
        read = self.bodies_of(missing)
        if bodies is not None:
            bodies.update(read)
        ids = json.dumps(missing)
        turn_of: dict[int, list[tuple[int, int]]] = {i: [] for i in missing}
        for event_id, seq, turn in self.db.execute(
            "SELECT event_id, seq, turn_seq FROM paragraphs WHERE event_id IN (SELECT value FROM json_each(?)) "
            "AND turn_seq IS NOT NULL ORDER BY event_id, seq",
            (ids,),
        ):
            turn_of[event_id].append((seq, turn))
        counts = dict(
            self.db.execute(
                "SELECT event_id, count(*) FROM turns WHERE event_id IN (SELECT value FROM json_each(?)) "
                "GROUP BY event_id",
                (ids,),
            ).fetchall()
        )
        for event_id in missing:
            paragraphs = read.get(event_id, {"p": []})["p"]
            texts = _joined_turns(paragraphs, turn_of[event_id], counts.get(event_id, 0))
            if len(self._texts) >= TEXT_CACHE:
                self._texts.pop(next(iter(self._texts)))
            self._texts[event_id] = out[event_id] = texts
        return out

    def bodies_of(self, event_ids: Iterable[int]) -> dict[int, dict[str, list[str]]]:
        """The bodies (paragraphs and captions) of several events, read in one query."""
        wanted = sorted(set(event_ids))
        if not wanted:
            return {}  # a page with no passages outside turns: no query
        ids = json.dumps(wanted)
        rows = self.db.execute("SELECT id, body FROM events WHERE id IN (SELECT value FROM json_each(?))", (ids,))
        return {int(event_id): unpack_body(body) for event_id, body in rows}

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

    def all_turns(self) -> Iterator[tuple[int, str]]:
        """``(turn id, text)`` of every turn (for checks and exports)."""
        for (event_id,) in self.db.execute("SELECT id FROM events ORDER BY id").fetchall():
            ids = [r[0] for r in self.db.execute("SELECT id FROM turns WHERE event_id = ? ORDER BY seq", (event_id,))]
            yield from zip(ids, self.turn_texts(event_id), strict=True)


def _joined_turns(paragraphs: list[str], turn_of: list[tuple[int, int]], n: int) -> list[str]:
    """The text of each of ``n`` turns: its paragraphs (``(seq, turn)`` in order) joined by
    newlines."""
    parts: list[list[str]] = [[] for _ in range(n)]
    for seq, turn in turn_of:
        if paragraphs[seq] and turn < n:
            parts[turn].append(paragraphs[seq])
    return ["\n".join(p) for p in parts]
