"""Parse structure: Kremlin event pages (HTML) and plain-text dumps into ``Event`` records."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..errors import FormatError
from ..model import Event, Source
from ..sources.detect import detect_format, explain_unknown
from .identity import resolve_speakers
from .kremlin_html import parse_kremlin_html
from .kremlin_text import parse_kremlin_text
from .persons import PersonRegistry

Parser = Callable[[str, Source], Iterator[Event]]


def _html(text: str, source: Source) -> Iterator[Event]:
    yield parse_kremlin_html(text, source)


PARSERS: dict[str, Parser] = {
    "kremlin-html": _html,
    "kremlin-text": parse_kremlin_text,
}


def parse_text(
    text: str,
    *,
    path: str = "<string>",
    member: str | None = None,
    encoding: str = "utf-8",
    fmt: str | None = None,
    registry: PersonRegistry | None = None,
) -> Iterator[Event]:
    """Parse decoded text (any known format) into events, resolving speakers."""
    fmt = fmt or detect_format(text)
    if fmt is None or fmt not in PARSERS:
        raise FormatError(explain_unknown(text), path=path)
    source = Source(path=path, format=fmt, member=member, encoding=encoding)
    registry = registry if registry is not None else PersonRegistry()
    for event in PARSERS[fmt](text, source):
        resolve_speakers(event, registry)
        yield event


__all__ = ["PARSERS", "PersonRegistry", "parse_text"]
