"""The packaged sentence model (all-MiniLM-L6-v2, a 6-layer BERT) run in NumPy.

The same weights and tokenizer that sentence-transformers loads, the same arithmetic
(BERT encoder, mean pooling over the real tokens, unit length), without importing torch
or transformers: a check that needs one quotation's vector starts in a fraction of a
second instead of several, and a short text is encoded in a few milliseconds. The vectors
agree with sentence-transformers' to float32 rounding (tests/verify/test_minilm.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

# sentence-transformers' max_seq_length for this model (sentence_bert_config.json): longer
# texts are cut to their first 256 word pieces, as there.
MAX_TOKENS = 256
# Word pieces per batch (texts x longest text): a long text does not make 31 short ones pad
# to its length.
BATCH_TOKENS = 4096
# Tokens whose feed-forward step is computed together: its 1,536-wide activations then
# stay in the processor's cache (a fifth faster than the whole batch at once, measured).
FFN_ROWS = 256
# Abramowitz and Stegun 7.1.26 for erf (absolute error below 1.5e-7, float32's own
# precision): BERT's GELU is x * Phi(x), with erf, which NumPy does not provide.
_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
_INV_SQRT2 = 0.7071067811865476


def _gelu(x: Any) -> Any:
    """x * Phi(x), in place where it can: the widest array of the model (1,536 a token)."""
    z = np.abs(x)
    z *= np.float32(_INV_SQRT2)
    t = z * np.float32(_ERF_P)
    t += 1.0
    np.reciprocal(t, out=t)
    tail = np.full_like(t, _ERF_A[-1])  # erfc(z) = t * (a1 + t * (a2 + ...)) * exp(-z^2)
    for coefficient in reversed(_ERF_A[:-1]):
        tail *= t
        tail += coefficient
    tail *= t
    z *= z
    np.negative(z, out=z)
    np.exp(z, out=z)
    tail *= z
    tail *= 0.5  # Phi(-|x|) = erfc(|x|/sqrt 2) / 2
    below = x * tail
    return np.where(x >= 0, x - below, below)


def _layer_norm(x: Any, weight: Any, bias: Any, eps: float) -> Any:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _batches(order: list[int], encodings: list[Any]) -> list[list[int]]:
    """Texts in order of length, cut into batches of at most BATCH_TOKENS padded pieces."""
    batches: list[list[int]] = [[]]
    for i in order:
        longest = len(encodings[i].ids)  # the longest so far: ``order`` is sorted by length
        if batches[-1] and (len(batches[-1]) + 1) * longest > BATCH_TOKENS:
            batches.append([])
        batches[-1].append(i)
    return batches


@dataclass(frozen=True)
class _Layer:
    qkv: Any  # (hidden, 3*hidden): query, key and value projections side by side
    qkv_bias: Any
    out: Any
    out_bias: Any
    norm1: tuple[Any, Any]
    up: Any
    up_bias: Any
    down: Any
    down_bias: Any
    norm2: tuple[Any, Any]


class MiniLM:
    """Encoder of texts into unit-length float32 vectors (384 numbers each)."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        weights = load_file(str(model_dir / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads every text to 128: batches pad to their longest
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.words = weights["embeddings.word_embeddings.weight"]
        self.positions = weights["embeddings.position_embeddings.weight"]
        self.token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self.norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(weights, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))]

    @staticmethod
    def _layer(w: dict[str, Any], p: str) -> _Layer:
        att = p + "attention."
        qkv = np.concatenate([w[f"{att}self.{name}.weight"].T for name in ("query", "key", "value")], axis=1)
        qkv_bias = np.concatenate([w[f"{att}self.{name}.bias"] for name in ("query", "key", "value")])
        return _Layer(
            qkv=np.ascontiguousarray(qkv),
            qkv_bias=qkv_bias,
            out=np.ascontiguousarray(w[f"{att}output.dense.weight"].T),
            out_bias=w[f"{att}output.dense.bias"],
            norm1=(w[f"{att}output.LayerNorm.weight"], w[f"{att}output.LayerNorm.bias"]),
            up=np.ascontiguousarray(w[f"{p}intermediate.dense.weight"].T),
            up_bias=w[f"{p}intermediate.dense.bias"],
            down=np.ascontiguousarray(w[f"{p}output.dense.weight"].T),
            down_bias=w[f"{p}output.dense.bias"],
            norm2=(w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"]),
        )

    def encode(self, texts: Sequence[str]) -> Any:
        """One unit-length row per text, in the order given."""
        out = np.zeros((len(texts), self.words.shape[1]), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        for rows in _batches(sorted(range(len(texts)), key=lambda i: len(encodings[i].ids)), encodings):
            out[rows] = self._encode_batch([encodings[i].ids for i in rows])
        return out

    def _encode_batch(self, ids: list[list[int]]) -> Any:
        length = max(len(x) for x in ids)
        tokens = np.zeros((len(ids), length), dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=np.float32)
        for row, x in enumerate(ids):
            tokens[row, : len(x)] = x
            mask[row, : len(x)] = 1.0
        hidden = self.words[tokens] + self.positions[:length] + self.token_type
        hidden = _layer_norm(hidden, *self.norm, self.eps)
        # padded positions get no attention (the large negative that transformers adds too)
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in self.layers:
            hidden = self._layer_forward(hidden, blocked, layer)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _layer_forward(self, x: Any, blocked: Any, layer: _Layer) -> Any:
        batch, length, hidden = x.shape
        size = hidden // self.heads
        qkv = x @ layer.qkv + layer.qkv_bias
        q, k, v = (
            qkv[:, :, i * hidden : (i + 1) * hidden].reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)
            for i in range(3)
        )
        scores = (q @ k.transpose(0, 1, 3, 2)) / np.float32(np.sqrt(size)) + blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        attention = scores / scores.sum(axis=-1, keepdims=True)
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = _layer_norm(context @ layer.out + layer.out_bias + x, *layer.norm1, self.eps)
        flat = x.reshape(batch * length, hidden)
        ffn = np.empty_like(flat)
        for start in range(0, len(flat), FFN_ROWS):
            rows = flat[start : start + FFN_ROWS]
            ffn[start : start + FFN_ROWS] = _gelu(rows @ layer.up + layer.up_bias) @ layer.down
        return _layer_norm(ffn.reshape(x.shape) + layer.down_bias + x, *layer.norm2, self.eps)
