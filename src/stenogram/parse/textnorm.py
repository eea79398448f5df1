"""Normalisation for *derived* fields only; the kept original is never touched."""

from __future__ import annotations

import re

OMISSION = re.compile(r"^[<\[(]\s*(?:…|\.\s*\.\s*\.)\s*[>\])]$")
SEPARATOR = re.compile(r"^\*(?:\s*\*){2,}$")


def squash(text: str) -> str:
    """Collapse every run of whitespace (NBSP and thin spaces included) to one space."""
    # str.split() knows every Unicode space but the zero-width one.
    return " ".join(text.replace("\u200b", " ").split())


def is_omission(text: str) -> bool:
    return bool(OMISSION.match(text))


def is_separator(text: str) -> bool:
    return bool(SEPARATOR.match(text))
