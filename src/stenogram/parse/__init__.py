"""Parse structure: documents of the registered sites (``stenogram.sites``) into ``Event``
records, with every turn's person resolved."""

from __future__ import annotations

from collections.abc import Iterator

from .. import sites
from ..errors import FormatError
from ..model import Event, Source
from .identity import resolve_speakers
from .persons import PersonRegistry


def parse_text(
    text: str,
    *,
    path: str = "<string>",
    member: str | None = None,
    encoding: str = "utf-8",
    fmt: str | None = None,
    registry: PersonRegistry | None = None,
) -> Iterator[Event]:
    """Parse decoded text (any registered format) into events, resolving speakers."""
    registry = registry if registry is not None else PersonRegistry()
    for event in parse_structure(text, path=path, member=member, encoding=encoding, fmt=fmt):
        resolve_speakers(event, registry, sites.site_of_format(event.source.format))
        yield event


def parse_structure(
    text: str,
    *,
    path: str = "<string>",
    member: str | None = None,
    encoding: str = "utf-8",
    fmt: str | None = None,
) -> Iterator[Event]:
    """Events of decoded text as its format reads them, speakers not yet resolved (what
    needs no knowledge of other documents, so it can run in another process)."""
    found = sites.format_named(fmt) if fmt else sites.detect(text)
    if found is None:
        raise FormatError(sites.explain_unknown(text), path=path)
    source = Source(path=path, format=found.name, member=member, encoding=encoding)
    yield from found.parse(text, source)


__all__ = ["PersonRegistry", "parse_structure", "parse_text"]
