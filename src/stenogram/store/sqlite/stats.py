"""Counts: speakers, roles over time, per-month and per-year figures."""

from __future__ import annotations

import json
from typing import Any

from ...search.filters import Filters
from ...search.results import CorpusStats, EventSummary, RecentTurn, RolePeriod, SpeakerStats, YearStats
from ...search.roles import role_key
from .searching import Searching

# A turn this long says something: "Good afternoon.", "Thank you very much." and
# "Please, go ahead." (2-5 words) are not what a person's page should show as statements.
STATEMENT_MIN_WORDS = 20


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
        """A person's latest statements: turns of some length, not greetings and thanks."""
        rows = self.db.execute(
            "SELECT t.event_id, t.seq, e.site_id, e.title, e.date FROM turns t JOIN persons p ON p.id = t.person_id "
            "JOIN events e ON e.id = t.event_id WHERE p.person_key = ? AND t.words >= ? "
            "ORDER BY e.date DESC, t.seq LIMIT ?",
            (person_key, STATEMENT_MIN_WORDS, limit),
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

    def list_events(self, f: Filters, *, limit: int, offset: int = 0) -> list[EventSummary]:
        """The events the filters admit, by date and time (oldest first), with their counts
        of turns and speakers."""
        where, params = self.filter_sql(f, turns=False)
        sql = (
            "SELECT e.id, e.site_id, e.event_key, e.title, e.date, e.time, e.place, e.url, "
            "(SELECT count(*) FROM turns t WHERE t.event_id = e.id), "
            "(SELECT count(DISTINCT coalesce(t.person_id, t.speaker)) FROM turns t WHERE t.event_id = e.id) "
            "FROM events e" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY e.date, e.time, e.id "
            "LIMIT ? OFFSET ?"
        )
        return [
            {
                "event": site_id or eid,
                "key": key,
                "title": title,
                "date": date,
                "time": time,
                "place": place,
                "url": url,
                "turns": turns,
                "speakers": speakers,
            }
            for eid, site_id, key, title, date, time, place, url, turns, speakers in self._run(
                sql, [*params, limit, offset]
            )
        ]

    def count_events(self, f: Filters) -> int:
        where, params = self.filter_sql(f, turns=False)
        sql = "SELECT count(*) FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
        return int(self._run(sql, params)[0][0])

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
        keys = [stats.person_id for stats in out]
        periods = self._role_periods(where, params, keys if limit else None) if keys else {}
        for stats in out:
            stats.role_periods = periods.get(stats.person_id, [])
        return out

    def _role_periods(
        self, where: list[str], params: list[Any], person_keys: list[str] | None
    ) -> dict[str, list[RolePeriod]]:
        """Each person's roles over time (of ``person_keys`` only, when given). A turn
        labelled by name alone ("Vladimir Putin") holds the role printed at the same
        person's last labelled turn before it in the event ("President of Russia Vladimir
        Putin"); forms of one role are merged (``roles.role_key``) and shown as printed
        most often."""
        among = ""
        if person_keys is not None:
            marks = ", ".join("?" * len(person_keys))
            among = f" AND t.person_id IN (SELECT id FROM persons WHERE person_key IN ({marks}))"
        sql = (
            # rs: the seq of the person's last turn with a printed role, up to this one
            "WITH r AS (SELECT t.id, max(CASE WHEN t.role IS NOT NULL THEN t.seq END) "
            "OVER (PARTITION BY t.event_id, t.person_id ORDER BY t.seq) AS rs FROM turns t "
            "WHERE t.person_id IS NOT NULL" + among + ") "
            "SELECT p.person_key, held.role, min(e.date), max(e.date), count(*) FROM r JOIN turns t ON t.id = r.id "
            "JOIN turns held ON held.event_id = t.event_id AND held.seq = r.rs "
            "JOIN persons p ON p.id = t.person_id JOIN events e ON e.id = t.event_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY p.id, held.role"
        )
        args = [*(person_keys or []), *params]
        by_meaning: dict[tuple[str, str], list[tuple[str, str | None, str | None, int]]] = {}
        for key, role, first, last, n in self._run(sql, args):
            by_meaning.setdefault((key, role_key(role)), []).append((role, first, last, n))
        periods: dict[str, list[RolePeriod]] = {}
        for (key, _), forms in by_meaning.items():
            shown = max(forms, key=lambda f: (f[3], f[0]))[0]
            firsts = [f[1] for f in forms if f[1]]
            lasts = [f[2] for f in forms if f[2]]
            turns = sum(f[3] for f in forms)
            periods.setdefault(key, []).append(
                RolePeriod(shown, min(firsts, default=None), max(lasts, default=None), turns)
            )
        for found in periods.values():
            found.sort(key=lambda p: (p.first or "", p.role))
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
