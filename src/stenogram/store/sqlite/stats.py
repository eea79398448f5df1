"""Counts: speakers, roles over time, per-month and per-year figures."""

from __future__ import annotations

import json
from typing import Any

from ...search.filters import Filters
from ...search.results import CorpusStats, RecentTurn, RolePeriod, SpeakerStats, YearStats
from .searching import Searching


class Statistics(Searching):
    """Counts: speakers, roles over time, per-month and per-year figures."""

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

    def recent_turns(self, person_key: str, limit: int) -> list[RecentTurn]:
        rows = self.db.execute(
            "SELECT t.event_id, t.seq, e.site_id, e.title, e.date FROM turns t JOIN persons p ON p.id = t.person_id "
            "JOIN events e ON e.id = t.event_id WHERE p.person_key = ? ORDER BY e.date DESC, t.seq LIMIT ?",
            (person_key, limit),
        ).fetchall()
        out: list[RecentTurn] = []
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
