"""Decide what a decoded document is. Formats register here (the built-ins too)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S)
_KREMLIN_ARTICLE = re.compile(r"<article\b[^>]*\bread__in\b", re.I)
_TEXT_EVENTS = re.compile(r"^\ufeff?(Text version)?Events[ \t]*\r?$", re.M)


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    detect: Callable[[str], bool]
    description: str


def _is_kremlin_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096])) and bool(_KREMLIN_ARTICLE.search(text))


def _is_kremlin_text(text: str) -> bool:
    return not _HTML_START.match(text[:4096]) and bool(_TEXT_EVENTS.search(text))


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


register(Format("kremlin-html", _is_kremlin_html, "an en.kremlin.ru event page as published"))
register(Format("kremlin-text", _is_kremlin_text, "en.kremlin.ru events copied as plain text"))


def detect_format(text: str) -> str | None:
    """The name of the first registered format that recognises ``text``, else None."""
    for fmt in FORMATS.values():
        if fmt.detect(text):
            return fmt.name
    return None


def explain_unknown(text: str) -> str:
    """Why a document was not recognised, for a one-line error."""
    if not text.strip():
        return "empty document"
    if _HTML_START.match(text[:4096]):
        return 'HTML page without an en.kremlin.ru event (no <article class="read__in">)'
    return "not a Kremlin transcript: no line reading 'Events' that starts an event"
