"""Sentence vectors of turns and narrative paragraphs."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...model import PassageId, narrative_passage, narrative_place, turn_passage
from .events import EventTables


class VectorTables(EventTables):
    """Sentence vectors of turns and narrative paragraphs."""

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

    def narratives_without_vectors(self, model: str) -> Iterator[tuple[PassageId, str]]:
        """``(passage id, text)`` of the narrative paragraphs that have no sentence vectors
        from ``model`` (the paragraph alone: a passage's run-on is the next one's vectors)."""
        done = set(self.db.execute("SELECT event_id, seq FROM narrative_vectors WHERE model = ?", (model,)))
        rows = self.db.execute(
            "SELECT event_id, seq FROM paragraphs WHERE turn_seq IS NULL AND kind = 'narrative' ORDER BY event_id, seq"
        ).fetchall()
        for event_id, seq in rows:
            if (event_id, seq) not in done:
                yield narrative_passage(event_id, seq), self._body(event_id)["p"][seq]

    def put_narrative_vectors(self, rows: list[tuple[PassageId, str, list[tuple[int, int]], bytes]]) -> None:
        """``(passage id, model, sentence spans, vectors)`` per narrative paragraph."""
        self.db.executemany(
            "INSERT OR REPLACE INTO narrative_vectors (event_id, seq, model, spans, vectors) VALUES (?, ?, ?, ?, ?)",
            [(*narrative_place(p), m, json.dumps(spans), blob) for p, m, spans, blob in rows],
        )

    def vectors(self, model: str) -> tuple[list[tuple[PassageId, int, int]], list[bytes]]:
        """``[(id, start, end)]`` per sentence, and the vector blobs in order: turns (by turn
        id), then narrative paragraphs (by passage id, negative)."""
        keys: list[tuple[PassageId, int, int]] = []
        blobs = []
        for turn_id, spans, blob in self.db.execute(
            "SELECT turn_id, spans, vectors FROM turn_vectors WHERE model = ? ORDER BY turn_id", (model,)
        ):
            keys += [(turn_passage(turn_id), a, b) for a, b in json.loads(spans)]
            blobs.append(blob)
        for event_id, seq, spans, blob in self.db.execute(
            "SELECT event_id, seq, spans, vectors FROM narrative_vectors WHERE model = ? ORDER BY event_id, seq",
            (model,),
        ):
            passage_id = narrative_passage(event_id, seq)
            keys += [(passage_id, a, b) for a, b in json.loads(spans)]
            blobs.append(blob)
        return keys, blobs
