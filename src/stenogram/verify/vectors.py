"""Sentence vectors for meaning-level checks: which model and key, and the embedding pass
(``stenogram embed``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from ..model import PassageId
from ..store.protocols import CheckStore
from . import embeddings, vector_index
from .align import Sentence, sentences

# Stored vectors are per sentence, so their key names the model and the sentence split:
# vectors made with another split (before figures were kept whole) do not line up and are
# made again by `stenogram embed`.
VECTOR_KEY = f"{embeddings.MODEL_NAME}/sentences-2"


NO_VECTORS_NOTICE = (
    "the corpus has no sentence vectors (run `stenogram embed`): independent translations will be missed"
)


Row = tuple[int, str, list[tuple[int, int]], bytes]  # passage id, vector key, sentence spans, vectors
Putter = Callable[[list[Row]], None]


# Sentences encoded per call and stored per transaction. The model sorts the sentences of
# one call by length, so a larger window pads less (4,096: ~15% faster than 512, measured);
# an interrupted run loses at most one window.
EMBED_WINDOW = 4096


def build_vectors(store: CheckStore, progress: Any = None, window: int = EMBED_WINDOW) -> int:
    """Compute and store the sentence vectors of every turn and narrative paragraph that
    has none yet; return how many sentences were encoded. ``progress(done, total)`` is
    called after each window, ``total`` being every sentence still to encode."""
    pending = [
        (put, key, sentences(text))
        for texts, put in (
            (store.turns_without_vectors(VECTOR_KEY), cast(Putter, store.put_vectors)),
            # a passage id is an int: the one putter type serves both
            (store.narratives_without_vectors(VECTOR_KEY), cast(Putter, store.put_narrative_vectors)),
        )
        for key, text in list(texts)
    ]
    total = sum(len(sents) for _, _, sents in pending)
    if progress:
        progress(0, total)
    done = 0
    block: list[tuple[Putter, int, list[Sentence]]] = []
    size = 0
    for item in pending:
        block.append(item)
        size += len(item[2])
        if size >= window:
            done += _embed_block(block, store)
            block, size = [], 0
            if progress:
                progress(done, total)
    done += _embed_block(block, store)
    if progress:
        progress(done, total)
    return done


def _embed_block(block: list[tuple[Putter, int, list[Sentence]]], store: CheckStore) -> int:
    """Encode the sentences of whole passages at once (each distinct text once: greetings
    and formulas recur) and store their rows in one transaction."""
    texts = list(dict.fromkeys(sent.text for _, _, sents in block for sent in sents))
    if not texts:
        return 0
    vectors = dict(zip(texts, embeddings.encode_bulk(texts), strict=True))
    rows: dict[int, tuple[Putter, list[Row]]] = {}
    for put, key, sents in block:
        if not sents:
            continue
        matrix = numpy_rows([vectors[sent.text] for sent in sents])
        rows.setdefault(id(put), (put, []))[1].append((key, VECTOR_KEY, [(x.start, x.end) for x in sents], matrix))
    with store.transaction():
        for put, batch in rows.values():
            put(batch)
    return sum(len(sents) for _, _, sents in block)


def stored_matrix(store: CheckStore) -> tuple[list[tuple[PassageId, int, int]], Any]:
    """Every stored sentence's ``(passage, start, end)`` and its vectors as one float32
    matrix, a row each, in the store's order."""
    import numpy as np

    keys, blobs = store.vectors(VECTOR_KEY)
    if not keys:
        return [], np.zeros((0, 0), dtype="float32")  # no vectors yet: nothing to reshape
    matrix = np.frombuffer(b"".join(blobs), dtype="float32").reshape(len(keys), -1)
    return keys, matrix


def build_index(store: CheckStore, path: Path | None, approximate: bool | None = None) -> dict[str, Any]:
    """Build (or remove) the approximate index of the store's vectors at ``path``.
    ``approximate`` None: from ``APPROXIMATE_FROM`` sentences on, when faiss is installed.
    Returns what was done: ``{"kind": "approximate", ...}`` with the index's description,
    or ``{"kind": "exact", "rows": n, "why": ...}``."""
    keys, matrix = stored_matrix(store)
    due = len(keys) >= vector_index.APPROXIMATE_FROM if approximate is None else approximate
    why = None
    if not due:
        why = f"{len(keys):,} sentences, fewer than {vector_index.APPROXIMATE_FROM:,}: exact search is fast enough"
    elif path is None:
        why = "an in-memory corpus keeps no index file"
    elif not vector_index.available():
        why = "faiss is not installed (pip install 'stenogram[ann]')"
    elif not keys:
        why = "no sentence vectors"
    if why is None and path is not None:
        return {"kind": "approximate", **vector_index.build(matrix, keys, VECTOR_KEY, path)}
    if path is not None:
        vector_index.remove(path)  # an index of other vectors must not outlive them
    return {"kind": "exact", "rows": len(keys), "why": why}


def numpy_rows(vectors: list[Any]) -> bytes:
    """Unit vectors as one float32 blob, a row each."""
    import numpy as np

    return np.asarray(vectors, dtype="float32").tobytes()
