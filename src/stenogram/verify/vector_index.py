"""Nearest sentences by meaning, for the check's semantic candidates.

Below ``APPROXIMATE_FROM`` sentences the search is exact: one matrix product over every
stored vector. From there on, a brute-force query grows with the corpus (about 150 ms at a
million sentences on two cores), so ``stenogram embed`` also builds an approximate index
(faiss: an inverted file of ``lists_for(n)`` cells over 8-bit scalar-quantised vectors, the
rows it finds re-scored exactly) and
keeps it beside the store file, ``DB.ann``, with ``DB.ann.json`` saying which vectors it
holds. A check uses that file only when it holds exactly the store's vectors (same rows,
same keys, same model); otherwise, and when faiss is not installed (the ``ann`` extra), it
searches exactly and says why once. ``benchmarks/bench_vectors.py`` measures the index's
recall of the exact candidates.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

# Brute force over 200k sentences of 384 dimensions costs ~20 ms a query here and is exact:
# below that, an approximate index saves little and can only lose candidates.
APPROXIMATE_FROM = 200_000
# Cells of the inverted file: 2*sqrt(n). 4*sqrt(n) (faiss's usual advice) trained 3x slower
# for the same recall at the same share of cells visited (benchmark, 200k vectors).
LISTS_PER_SQRT = 2
# Share of the cells a query visits: 1/6 found 0.98-0.99 of the exact top 10 rows and
# 0.96-0.98 of the top 75 (benchmark: the 48k real vectors, and 200k with perturbed copies);
# 1/12 only 0.95 and 0.91 on the real ones, at two thirds of the time. Never fewer than 32.
NPROBE_SHARE = 6
MIN_NPROBE = 32
# Rows taken from the 8-bit index per row wanted, then re-scored with the float32 vectors,
# so the order of what is found is exact.
RERANK = 4
# Vectors faiss trains the cell centres on: 64 per cell is its own advice; more only costs time.
TRAIN_PER_LIST = 64
INDEX_FORMAT = 2  # bumped when the file's layout or meaning changes: older files are rebuilt


class VectorIndex(Protocol):
    """Rows of the vector matrix nearest a unit query vector, best first."""

    kind: str

    def search(self, query: Any, k: int) -> list[int]: ...


@dataclass
class ExactIndex:
    """Every stored vector scored: exact, for corpora below ``APPROXIMATE_FROM``."""

    matrix: Any
    kind: str = "exact"

    def search(self, query: Any, k: int) -> list[int]:
        import numpy as np

        scores = self.matrix @ query
        k = min(k, len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]  # the best k without sorting every sentence
        return [int(i) for i in top[np.argsort(-scores[top], kind="stable")]]


@dataclass
class ApproximateIndex:
    """A faiss inverted-file index of 8-bit vectors (``nprobe`` cells searched a query);
    what it finds is re-scored with the float32 ``matrix``."""

    index: Any
    matrix: Any
    kind: str = "approximate"

    def search(self, query: Any, k: int) -> list[int]:
        import numpy as np

        q = np.asarray(query, dtype="float32")
        _, found = self.index.search(q.reshape(1, -1), k * RERANK)
        rows = found[0][found[0] >= 0]
        scores = self.matrix[rows] @ q
        best = np.argsort(-scores, kind="stable")[:k]
        return [int(i) for i in rows[best]]


def available() -> bool:
    """Whether faiss is installed (the ``ann`` extra), found without importing it."""
    return importlib.util.find_spec("faiss") is not None


def index_path(db_path: str) -> Path | None:
    """Where the index of the store at ``db_path`` lives (None for an in-memory store)."""
    if not db_path or db_path == ":memory:" or db_path.startswith("file::memory:"):
        return None
    return Path(db_path + ".ann")


def fingerprint(keys: Sequence[tuple[int, int, int]], model: str) -> str:
    """What the index must hold: the model and every sentence's (passage, start, end) in
    row order. Any new, removed or re-split passage changes it."""
    import numpy as np

    h = hashlib.sha256(model.encode())
    h.update(np.asarray(keys, dtype="int64").tobytes())
    return h.hexdigest()


def lists_for(n: int) -> int:
    """Cells of the inverted file for ``n`` vectors: ``LISTS_PER_SQRT``*sqrt(n), at least
    1, and never more than the training set can fill."""
    return max(1, min(int(LISTS_PER_SQRT * math.sqrt(n)), n // TRAIN_PER_LIST))


def nprobe_for(lists: int) -> int:
    """Cells a query visits: ``1/NPROBE_SHARE`` of them, at least ``MIN_NPROBE``."""
    return min(lists, max(MIN_NPROBE, lists // NPROBE_SHARE))


def build(matrix: Any, keys: Sequence[tuple[int, int, int]], model: str, path: Path) -> dict[str, Any]:
    """Train and write the approximate index of ``matrix`` (unit float32 rows) to
    ``path``, and its description beside it; return the description."""
    import faiss
    import numpy as np

    started = time.perf_counter()
    n, dim = matrix.shape
    lists = lists_for(n)
    quantiser = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFScalarQuantizer(
        quantiser, dim, lists, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    rng = np.random.default_rng(0)  # the same training sample, so the same index, each build
    sample = matrix[rng.choice(n, size=min(n, lists * TRAIN_PER_LIST), replace=False)]
    index.train(np.ascontiguousarray(sample, dtype="float32"))
    index.add(np.ascontiguousarray(matrix, dtype="float32"))
    index.nprobe = nprobe_for(lists)
    tmp = path.with_name(path.name + ".tmp")
    faiss.write_index(index, str(tmp))
    tmp.replace(path)  # a reader never sees half a file
    about = {
        "format": INDEX_FORMAT,
        "model": model,
        "rows": n,
        "fingerprint": fingerprint(keys, model),
        "lists": lists,
        "nprobe": nprobe_for(lists),
        "seconds": round(time.perf_counter() - started, 2),
    }
    _description(path).write_text(json.dumps(about, indent=1), encoding="utf-8")
    return about


def remove(path: Path) -> None:
    """Remove an index and its description (the corpus fell below the threshold)."""
    for p in (path, _description(path)):
        p.unlink(missing_ok=True)


def open_index(
    matrix: Any, keys: Sequence[tuple[int, int, int]], model: str, path: Path | None
) -> tuple[VectorIndex, str | None]:
    """The index a check searches, and why it is exact when an approximate one was due
    (None when there is nothing to say)."""
    exact = ExactIndex(matrix)
    if path is None or len(keys) < APPROXIMATE_FROM:
        return exact, None
    why = _unusable(path, keys, model)
    if why:
        return exact, f"{why}: sentences are searched exactly (slower on a corpus this size)"
    import faiss

    index = faiss.read_index(str(path))  # read whole: mapped, a query took 1.8x as long
    ivf = faiss.extract_index_ivf(index)
    ivf.nprobe = nprobe_for(ivf.nlist)
    return ApproximateIndex(index, matrix), None


def _unusable(path: Path, keys: Sequence[tuple[int, int, int]], model: str) -> str | None:
    if not available():
        return "faiss is not installed (pip install 'stenogram[ann]')"
    if not path.exists():
        return f"no approximate index beside the corpus ({path.name}: run `stenogram embed`)"
    try:
        about = json.loads(_description(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"the approximate index {path.name} has no readable description"
    if about.get("format") != INDEX_FORMAT or about.get("rows") != len(keys):
        return f"the approximate index {path.name} is out of date (run `stenogram embed`)"
    if about.get("fingerprint") != fingerprint(keys, model):
        return f"the approximate index {path.name} holds other sentences (run `stenogram embed`)"
    return None


def _description(path: Path) -> Path:
    return path.with_name(path.name + ".json")
