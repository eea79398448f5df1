"""Turn bytes into text without guessing wildly: UTF-8 (with or without BOM), UTF-16 with
BOM, then cp1251 when the bytes read as Russian, else cp1252/latin-1.

The decoded text is the *original* that every offset refers to; nothing is normalised here.
"""

from __future__ import annotations

import codecs
import re

# A handful of invalid bytes in otherwise valid UTF-8 is a damaged UTF-8 file, not cp1251.
MAX_REPLACED_SHARE = 0.001
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; ``encoding`` names what was used, with any repair."""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _decode_utf8(data[len(codecs.BOM_UTF8) :])
        return text, enc.replace("utf-8", "utf-8-sig", 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text, enc = _decode_utf8(data)
    if enc != "unknown":
        return text, enc
    return decode_legacy(data)


def _decode_utf8(data: bytes) -> tuple[str, str]:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    if bad <= 0:
        return text, "utf-8"
    if bad <= max(1, int(len(text) * MAX_REPLACED_SHARE)):
        return text, f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"
    return text, "unknown"


def decode_legacy(data: bytes) -> tuple[str, str]:
    """cp1251 when the bytes make Cyrillic words, else cp1252, else latin-1.

    Accented Latin letters of cp1252 also decode to Cyrillic in cp1251, but inside Latin
    words ("Cafй"); real cp1251 text makes whole Cyrillic words."""
    as_1251 = data[:65536].decode("cp1251", errors="replace")
    cyrillic = mixed = 0
    for word in _WORD.findall(as_1251):
        has_cyr = bool(_CYRILLIC.search(word))
        if has_cyr and _LATIN.search(word):
            mixed += 1
        elif has_cyr:
            cyrillic += 1
    if cyrillic > mixed:
        return data.decode("cp1251", errors="replace"), "cp1251"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters in the first bytes: not a text document."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.05


def decode_document(data: bytes, name: str) -> tuple[str, str]:
    """``(text, encoding)`` of a document's bytes; ``SourceError`` when they are empty or
    binary (the one place that decides what is not a text document)."""
    from ..errors import SourceError

    if not data.strip():
        raise SourceError("empty file", path=name)
    if looks_binary(data[:8192]):
        raise SourceError("binary file, not text or HTML", path=name)
    return decode_bytes(data)
