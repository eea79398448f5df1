"""An event's texts as stored: its paragraphs and captions, compressed once (the bulk of a
corpus's bytes), and which of its captions the caption index holds."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable


def pack_body(paragraphs: list[str], captions: list[str]) -> bytes:
    """An event's texts, compressed: most of a corpus's bytes, stored once."""
    return zlib.compress(json.dumps({"p": paragraphs, "c": captions}, ensure_ascii=False).encode("utf-8"), 6)


def unpack_body(blob: bytes) -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(zlib.decompress(blob).decode("utf-8"))
    return data


def indexed_captions(captions: Iterable[tuple[str, str]]) -> list[tuple[int, str]]:
    """``(seq, text)`` of the captions to index among an event's ``(kind, text)`` rows (its
    captions, "See also" lines and remainders, in order): each caption text once (a page
    may print a photo's caption twice)."""
    seen: set[str] = set()
    out = []
    for i, (kind, text) in enumerate(captions):
        if kind == "caption" and text not in seen:
            seen.add(text)
            out.append((i, text))
    return out
