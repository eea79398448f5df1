"""Sentence vectors for meaning-level checks: which model and key, and the embedding pass
(``stenogram embed``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from ..store.protocols import CheckStore
from . import embeddings
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


def numpy_rows(vectors: list[Any]) -> bytes:
    """Unit vectors as one float32 blob, a row each."""
    import numpy as np

    return np.asarray(vectors, dtype="float32").tobytes()
