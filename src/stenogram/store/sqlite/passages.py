"""Passages for verification: candidate turns and narrative paragraphs, their records."""

from __future__ import annotations

from collections.abc import Sequence

from ...model import EventRef, Passage, PassageId, narrative_place, passage_of_rowid, turn_passage
from ...search.query import Node
from .events import EventTables
from .fts5 import to_fts5


class PassageReads(EventTables):
    """Passages for verification: candidate turns and narrative paragraphs, their records."""

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

    def turn_info(self, turn_id: int) -> Passage | None:
        """A turn with its event and text: what a verification result cites."""
        return self.turn_infos([turn_id]).get(turn_id)

    def turn_infos(self, turn_ids: Sequence[int]) -> dict[int, Passage]:
        """``turn_info`` of several turns in one query (a check reads dozens)."""
        out: dict[int, Passage] = {}
        ids = list(dict.fromkeys(turn_ids))
        for at in range(0, len(ids), 500):  # SQLite's bound on parameters
            chunk = ids[at : at + 500]
            sql = self._TURN_INFO_SQL + "(" + ",".join("?" * len(chunk)) + ")"
            for row in self.db.execute(sql, chunk):
                record = dict(zip(self._TURN_INFO_KEYS, row, strict=True))
                record["text"] = self.turn_texts(record["event_id"])[record["seq"]]
                out[record["turn_id"]] = Passage(**record)  # type: ignore[typeddict-item]
        return out

    def narrative_candidates(self, query: Node, limit: int) -> list[PassageId]:
        """Passages outside speaker turns matching a query tree, best first, as negative ids."""
        rows = self._run(
            "SELECT rowid FROM narrative_fts WHERE narrative_fts MATCH ? ORDER BY rank LIMIT ?", [to_fts5(query), limit]
        )
        return [passage_of_rowid(int(r[0])) for r in rows]

    def narrative_info(self, passage_id: PassageId) -> Passage | None:
        """A narrative paragraph (with the next one, when a quotation runs on) as a passage
        with no speaker: a written statement, an article, the page's own text."""
        event_id, seq = narrative_place(passage_id)
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
        return Passage(
            {
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
                "voices": self._voices(event_id, row[3]),
            }
        )

    def _voices(self, event_id: int, date: str | None) -> list[str]:
        """Whose words a narrative paragraph of this event may give: the event's speakers,
        and the person with the most turns in the corpus in the event's year (the one a
        press office writes for: an article, a message, "the President noted")."""
        names = [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT p.name FROM turns t JOIN persons p ON p.id = t.person_id WHERE t.event_id = ?",
                (event_id,),
            )
        ]
        year = (date or "")[:4]
        principal = self._principal(year) if year.isdigit() else None
        return names + ([principal] if principal and principal not in names else [])

    def _principal(self, year: str) -> str | None:
        """The person with the most turns at events of ``year`` (cached per corpus state)."""
        key = (self.state(), year)
        cache: dict[tuple[object, str], str | None] = self.__dict__.setdefault("_principals", {})
        if key not in cache:
            row = self.db.execute(
                "SELECT p.name FROM turns t JOIN events e ON e.id = t.event_id JOIN persons p ON p.id = t.person_id "
                "WHERE e.date >= ? AND e.date < ? GROUP BY t.person_id ORDER BY count(*) DESC LIMIT 1",
                (year, str(int(year) + 1)),
            ).fetchone()
            cache[key] = row[0] if row else None
        return cache[key]

    def events_between(self, first: str, last: str) -> list[EventRef]:
        rows = self.db.execute(
            "SELECT e.id, e.site_id, e.url, e.title, e.date, e.event_key, d.path, e.start, e.end FROM events e "
            "JOIN documents d ON d.id = e.document_id WHERE e.date BETWEEN ? AND ? ORDER BY e.date",
            (first, last),
        ).fetchall()
        keys = ("id", "site_id", "url", "title", "date", "event_key", "path", "start", "end")
        return [EventRef(**dict(zip(keys, r, strict=True))) for r in rows]  # type: ignore[typeddict-item]

    def turns_of_persons_between(self, person_ids: Sequence[int], first: str, last: str, limit: int) -> list[PassageId]:
        """Turn ids of these persons at events dated first..last, newest first."""
        if not person_ids:
            return []
        marks = ", ".join("?" * len(person_ids))
        rows = self.db.execute(
            f"SELECT t.id FROM turns t JOIN events e ON e.id = t.event_id WHERE e.date BETWEEN ? AND ? "
            f"AND t.person_id IN ({marks}) ORDER BY e.date DESC, t.id LIMIT ?",
            (first, last, *person_ids, limit),
        ).fetchall()
        return [turn_passage(int(r[0])) for r in rows]

    def turns_of_event(self, event_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM turns WHERE event_id = ? ORDER BY seq", (event_id,))]

    def candidate_turns(self, query: Node, limit: int) -> list[PassageId]:
        """Turn ids matching a query tree, best first."""
        sql = "SELECT rowid FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rank LIMIT ?"
        rows = self._run(sql, [to_fts5(query), limit])
        return [turn_passage(int(r[0])) for r in rows]
