"""Sentence vectors for meaning-level checks: which model and key, and the embedding pass
(``stenogram embed``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..store.protocols import CheckStore
from . import embeddings
from .align import Sentence, sentences

# Stored vectors are per sentence, so their key names the model and the sentence split:
# vectors made with another split (before figures were kept whole) do not line up and are
# made again by `stenogram embed`.
VECTOR_KEY = f"{embeddings.MODEL_NAME}/sentences-2"


Key = TypeVar("Key", bound=int)  # a turn id, or a narrative passage id
NO_VECTORS_NOTICE = (
    "the corpus has no sentence vectors (run `stenogram embed`): independent translations will be missed"
)


def build_vectors(store: CheckStore, progress: Any = None, batch: int = 512) -> int:
    """Compute and store the sentence vectors of every turn and narrative paragraph that
    has none yet; return how many sentences were encoded."""
    done = _embed_pending(store.turns_without_vectors(VECTOR_KEY), store.put_vectors, store, progress, batch)
    put_narrative = store.put_narrative_vectors
    return done + _embed_pending(store.narratives_without_vectors(VECTOR_KEY), put_narrative, store, progress, batch)


def _embed_pending(
    texts: Iterable[tuple[Key, str]],
    put: Callable[[list[tuple[Key, str, list[tuple[int, int]], bytes]]], None],
    store: CheckStore,
    progress: Any,
    batch: int,
) -> int:
    """Encode ``(id, text)`` pairs by batches of about ``batch`` sentences, storing each
    batch in its own transaction (an interrupted run keeps what it finished)."""
    pending: list[tuple[Key, list[Sentence]]] = []
    done = 0

    def flush() -> None:
        nonlocal pending, done
        flat = [sent.text for _, sents in pending for sent in sents]
        if flat:
            vecs = embeddings.encode_bulk(flat)
            rows, at = [], 0
            for key, sents in pending:
                block = vecs[at : at + len(sents)]
                at += len(sents)
                rows.append((key, VECTOR_KEY, [(x.start, x.end) for x in sents], block.tobytes()))
            with store.transaction():
                put(rows)
            done += len(flat)
            if progress:
                progress(len(flat))
        pending = []

    count = 0
    for key, text in list(texts):
        sents = sentences(text)
        pending.append((key, sents))
        count += len(sents)
        if count >= batch:
            flush()
            count = 0
    flush()
    return done
