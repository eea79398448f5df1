"""Normalisation for *derived* fields only; the kept original is never touched."""

from __future__ import annotations

import re

_WS = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
OMISSION = re.compile(r"^[<\[(]\s*(?:…|\.\s*\.\s*\.)\s*[>\])]$")
SEPARATOR = re.compile(r"^\*(?:\s*\*){2,}$")


def squash(text: str) -> str:
    """Collapse every run of whitespace (NBSP and thin spaces included) to one space."""
    return _WS.sub(" ", text).strip()


def is_omission(text: str) -> bool:
    return bool(OMISSION.match(text))


def is_separator(text: str) -> bool:
    return bool(SEPARATOR.match(text))
