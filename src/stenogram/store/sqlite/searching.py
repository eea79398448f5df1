"""Search: filters, the compiled query, hits, facets, matching turns."""

from __future__ import annotations

import json
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from ... import sites
from ...errors import QueryError
from ...model import NARRATIVE_STRIDE
from ...parse.persons import fold
from ...search.filters import MAX_SUGGESTIONS, Filters, similar_values
from ...search.query import Node
from ...search.results import ConcordanceTurn, Hit
from ...search.snippets import make_snippet
from .connection import MARK_CLOSE, MARK_OPEN
from .events import EventTables, _tag_form
from .fts5 import to_fts5


def _hit(row: tuple[Any, ...]) -> Hit:
    kind, snip = row[0], (row[1] or "").replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
    start, end = row[16], row[17]
    if kind == "event":
        spans = json.loads(row[18])
        plain = snip.replace("<mark>", "").replace("</mark>", "").strip("…")
        kind = "title" if row[6] and plain and plain in row[6] else "lead"
        if kind in spans:
            start, end = spans[kind]
    paragraph = row[18] if kind == "narrative" else None
    return Hit(
        kind=kind,
        snippet=snip,
        score=float(row[2]) * KIND_WEIGHTS.get(kind, 1.0),
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
        paragraph=paragraph,
        caption=row[18] if kind == "caption" else None,
    )


# Texts outside speaker turns, each in a contentless index whose rowid is event id * stride
# + the text's seq: narrative paragraphs (press-office text, written statements) and the
# captions of photos and videos. Per kind: the index, the table that holds its offsets
# (with its alias) and what a kwic row puts in its turn_id column to say which it is.
# A FROM clause's parameters: the stride twice, then the FTS5 expression.
_OUTSIDE_TURNS = (
    ("narrative", "narrative_fts", "paragraphs", "g", 0),
    ("caption", "captions_fts", "captions", "c", -1),
)


def _best(index: str, top: int | None) -> str:
    """A subquery of an index's ``top`` best rows by bm25, as ``x(rid, rank)``."""
    return (
        f"(SELECT rowid AS rid, bm25({index}) AS rank FROM {index} WHERE {index} MATCH ? "
        f"ORDER BY rank LIMIT {int(top or 0)}) x"
    )


# Every query that matches an index reads the index first ("CROSS JOIN" fixes SQLite's
# join order): left to itself the planner walks a filter's rows (all of a speaker's turns)
# and asks the index about each one, 100-400 times slower for a count at ten copies of the
# dev pages ("gas" said by Putin: 882 ms against 1.9 ms), and never faster by much.
def _outside_from(index: str, table: str, alias: str) -> str:
    return (
        f"FROM {index} CROSS JOIN events e ON e.id = {index}.rowid / ? "
        f"JOIN {table} {alias} ON {alias}.event_id = e.id AND {alias}.seq = {index}.rowid % ? "
        f"JOIN documents d ON d.id = e.document_id WHERE {index} MATCH ?"
    )


# Relevance: bm25 of each kind of passage, weighted before hits of all kinds are merged. A
# title, lead or caption is a few words, so bm25's length normalisation alone puts it above
# the statements that discuss the same thing ("gas": four titles above every statement);
# what was said comes first, then the press office's text, then the short fields.
KIND_WEIGHTS = MappingProxyType({"turn": 1.0, "narrative": 0.9, "title": 0.6, "lead": 0.6, "caption": 0.6})


def _tagged(kind: str, marks: str) -> str:
    """Events with one of the tags of a kind: the tag index read once for the list of
    events (3-6 times faster on common words than a correlated EXISTS per match)."""
    return f"e.id IN (SELECT g.event_id FROM tags g WHERE g.kind = '{kind}' AND g.value COLLATE NOCASE IN ({marks}))"


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Searching(EventTables):
    """Search: filters, the compiled query, hits, facets, matching turns."""

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
                self._known_tags(kind, values)
                marks = ", ".join("?" for _ in values)
                where.append(_tagged(kind, marks))
                params += list(values)
        if f.person:
            forms = [v for name in f.person for v in {name, _tag_form(name)}]
            marks = ", ".join("?" for _ in forms)
            where.append(_tagged("person", marks))
            params += forms
        if f.event:
            clauses = []
            for ref in f.event:
                clauses.append("(e.site_id = ? OR e.url = ? OR e.event_key = ? OR e.id = ?)")
                key = sites.event_key_of_url(ref) or ref  # a URL of the event as published online
                params += [ref, ref, key, int(ref) if ref.isascii() and ref.isdigit() and len(ref) <= 18 else -1]
            where.append("(" + " OR ".join(clauses) + ")")
        if turns and f.speaker:
            ids = self.speaker_ids(f.speaker)
            if not ids:
                raise QueryError(
                    f"no speaker matches {', '.join(map(repr, f.speaker))}",
                    hint="speakers",
                    suggestions=self.similar_speakers(f.speaker),
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

    def _known_tags(self, kind: str, values: Sequence[str]) -> None:
        """Refuse a tag filter that no event has, with the known tags it may have meant: a
        mistyped topic would otherwise quietly find nothing."""
        for value in values:
            sql = "SELECT 1 FROM tags WHERE kind = ? AND value = ? COLLATE NOCASE LIMIT 1"
            if self.db.execute(sql, (kind, value)).fetchone() is None:
                known = (str(r[0]) for r in self.db.execute("SELECT DISTINCT value FROM tags WHERE kind = ?", (kind,)))
                raise QueryError(f"no {kind} {value!r} in the corpus", suggestions=similar_values(value, known))

    def similar_speakers(self, names: Sequence[str]) -> tuple[str, ...]:
        """Names of speakers a mistyped speaker filter may have meant."""
        by_form: dict[str, str] = {}  # a full name, or a surname alone ("Putn" for Putin), -> the name
        for (name,) in self.db.execute("SELECT name FROM persons"):
            by_form.setdefault(str(name), str(name))
            by_form.setdefault(str(name).split()[-1], str(name))
        meant = (by_form[form] for typed in names for form in similar_values(typed, by_form))
        return tuple(dict.fromkeys(meant))[:MAX_SUGGESTIONS]

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
    def _sources(self, node: Node, f: Filters, top: int | None = None) -> list[tuple[str, str, list[Any]]]:
        """What ``search`` reads, as ``(columns, FROM ... WHERE ..., parameters)``: turns,
        then (unless only speech is asked for) titles and leads, and narrative paragraphs.
        With ``top`` and no filter, each index gives its ``top`` best rows before any join
        (the joins then cost ``top`` rows, not every match: half the time of a common word)."""
        fts = to_fts5(node)
        where, params = self.filter_sql(f, turns=True)
        first = top is not None and not where
        turn_columns = (
            "'turn' AS kind, NULL AS snip, {rank} AS rank, e.id, e.site_id, e.url, e.title, e.date, "
            "e.time, t.speaker, p.name, p.person_key, t.role, t.seq AS seq, d.path, d.member, t.start, t.end"
        )
        turn_joins = (
            "JOIN events e ON e.id = t.event_id JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN persons p ON p.id = t.person_id"
        )
        sources: list[tuple[str, str, list[Any]]]
        if first:
            sources = [
                (
                    turn_columns.format(rank="x.rank"),
                    f"FROM {_best('turns_fts', top)} JOIN turns t ON t.id = x.rid {turn_joins}",
                    [fts],
                )
            ]
        else:
            sources = [
                (
                    turn_columns.format(rank="bm25(turns_fts)"),
                    f"FROM turns_fts CROSS JOIN turns t ON t.id = turns_fts.rowid {turn_joins} "
                    "WHERE turns_fts MATCH ?" + "".join(f" AND {w}" for w in where),
                    [fts, *params],
                )
            ]
        if not f.turn_only:
            ewhere, eparams = self.filter_sql(f, turns=False)
            also = "".join(f" AND {w}" for w in ewhere)
            sources.append(
                (
                    "'event' AS kind, snippet(events_fts, -1, char(2), char(3), '…', 32) AS snip, "
                    "bm25(events_fts) AS rank, e.id, e.site_id, e.url, e.title, e.date, e.time, NULL, NULL, NULL, "
                    "NULL, -1 AS seq, d.path, d.member, e.start, e.end, e.spans",
                    "FROM events_fts CROSS JOIN events e ON e.id = events_fts.rowid "
                    "JOIN documents d ON d.id = e.document_id WHERE events_fts MATCH ?" + also,
                    [fts, *eparams],
                )
            )
            for kind, index, table, alias, _ in _OUTSIDE_TURNS:
                columns = (
                    f"'{kind}' AS kind, NULL AS snip, {{rank}} AS rank, e.id, e.site_id, e.url, e.title, "
                    f"e.date, e.time, NULL, NULL, NULL, NULL, -1 AS seq, d.path, d.member, {alias}.start, "
                    f"{alias}.end, {alias}.seq"
                )
                if first:
                    body = (
                        f"FROM {_best(index, top)} JOIN events e ON e.id = x.rid / ? "
                        f"JOIN {table} {alias} ON {alias}.event_id = e.id AND {alias}.seq = x.rid % ? "
                        "JOIN documents d ON d.id = e.document_id"
                    )
                    sources.append((columns.format(rank="x.rank"), body, [fts, NARRATIVE_STRIDE, NARRATIVE_STRIDE]))
                    continue
                sources.append(
                    (
                        columns.format(rank=f"bm25({index})"),
                        _outside_from(index, table, alias) + also,
                        [NARRATIVE_STRIDE, NARRATIVE_STRIDE, fts, *eparams],
                    )
                )
        return sources

    def count(self, node: Node, f: Filters) -> int:
        """How many passages ``search`` would find without a limit: turns, narrative
        paragraphs, titles and leads (an event counted once for its title and lead)."""
        return sum(
            int(self._run(f"SELECT count(*) {body}", params)[0][0]) for _, body, params in self._sources(node, f)
        )

    def search(self, node: Node, f: Filters, *, sort: str = "relevance", limit: int = 20, offset: int = 0) -> list[Hit]:
        order = "rank" if sort == "relevance" else "e.date DESC, e.time DESC, seq"
        hits: list[Hit] = []
        top = limit + offset if sort == "relevance" else None
        for columns, body, params in self._sources(node, f, top):
            for row in self._run(f"SELECT {columns} {body} ORDER BY {order} LIMIT ?", [*params, limit + offset]):
                hits.append(_hit(row))
        if sort == "relevance":
            hits.sort(key=lambda h: h.score)
        else:
            hits.sort(key=lambda h: (h.date or "", h.time or ""), reverse=True)
        hits = hits[offset : offset + limit]
        bodies: dict[int, dict[str, list[str]]] = {}
        texts = self.turn_texts_of([h.event_id for h in hits if h.kind == "turn"], bodies)
        bodies.update(self.bodies_of({h.event_id for h in hits if h.kind in ("narrative", "caption")} - set(bodies)))
        for h in hits:
            self.check_time()
            if h.kind == "turn" and h.turn is not None:
                h.snippet = make_snippet(texts[h.event_id][h.turn], node)
            elif h.kind == "narrative" and h.paragraph is not None:
                h.snippet = make_snippet(bodies[h.event_id]["p"][h.paragraph], node)
            elif h.kind == "caption" and h.caption is not None:
                h.snippet = make_snippet(bodies[h.event_id]["c"][h.caption], node)
        return hits

    def facets(self, node: Node, f: Filters, *, top: int = 10) -> dict[str, list[tuple[str, int]]]:
        """Counts of matching turns by speaker, year, topic and geography."""
        where, params = self.filter_sql(f, turns=True)
        base = (
            "FROM turns_fts CROSS JOIN turns t ON t.id = turns_fts.rowid JOIN events e ON e.id = t.event_id "
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

    def matching_turns(self, node: Node, f: Filters, *, limit: int) -> list[ConcordanceTurn]:
        """Turns (and, unless a speaker or role is asked for, narrative paragraphs and
        captions) whose text matches, with what a concordance needs, oldest first."""
        where, params = self.filter_sql(f, turns=True)
        sql = (
            "SELECT t.id, t.seq, NULL, t.speaker, t.start, t.end, p.name, e.id, e.url, e.title, e.date, d.path, "
            "e.event_key "
            "FROM turns_fts CROSS JOIN turns t ON t.id = turns_fts.rowid JOIN events e ON e.id = t.event_id "
            "JOIN documents d ON d.id = e.document_id LEFT JOIN persons p ON p.id = t.person_id "
            "WHERE turns_fts MATCH ?"
            + "".join(f" AND {w}" for w in where)
            + " ORDER BY e.date, t.event_id, t.seq LIMIT ?"
        )
        found = self._run(sql, [to_fts5(node), *params, limit])
        if not f.turn_only:
            ewhere, eparams = self.filter_sql(f, turns=False)
            for _, index, table, alias, marker in _OUTSIDE_TURNS:
                sql = (
                    f"SELECT {marker}, NULL, {alias}.seq, NULL, {alias}.start, {alias}.end, NULL, e.id, e.url, "
                    "e.title, e.date, d.path, e.event_key "
                    + _outside_from(index, table, alias)
                    + "".join(f" AND {w}" for w in ewhere)
                    + f" ORDER BY e.date, e.id, {alias}.seq LIMIT ?"
                )
                found += self._run(sql, [NARRATIVE_STRIDE, NARRATIVE_STRIDE, to_fts5(node), *eparams, limit])
            found.sort(key=lambda r: (r[10] or "", r[7], r[4]))  # date, event, place in the page
            found = found[:limit]
        keys = (
            "turn_id", "turn", "paragraph", "speaker", "start", "end", "person", "event_id", "url", "title", "date",
            "path", "event_key",
        )  # fmt: skip
        rows: list[ConcordanceTurn] = []
        bodies: dict[int, dict[str, list[str]]] = {}
        texts = self.turn_texts_of([r[7] for r in found if r[1] is not None], bodies)  # r[1]: the turn's seq
        bodies.update(self.bodies_of({r[7] for r in found if r[1] is None} - set(bodies)))
        for values in found:
            row = dict(zip(keys, values, strict=True))
            row["caption"] = None
            if row["turn_id"] == -1:  # a caption: its seq came in the paragraph column
                row["caption"], row["paragraph"], row["turn_id"] = row["paragraph"], None, 0
                row["text"] = bodies[row["event_id"]]["c"][row["caption"]]
            elif row["turn"] is None:
                row["text"] = bodies[row["event_id"]]["p"][row["paragraph"]]
            else:
                row["text"] = texts[row["event_id"]][row["turn"]]
            rows.append(ConcordanceTurn(**row))  # type: ignore[typeddict-item]
        return rows
