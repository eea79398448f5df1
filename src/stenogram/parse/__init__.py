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
    found = sites.format_named(fmt) if fmt else sites.detect(text)
    if found is None:
        raise FormatError(sites.explain_unknown(text), path=path)
    source = Source(path=path, format=found.name, member=member, encoding=encoding)
    registry = registry if registry is not None else PersonRegistry()
    site = sites.site_of_format(found.name)
    for event in found.parse(text, source):
        resolve_speakers(event, registry, site)
        yield event


__all__ = ["PersonRegistry", "parse_text"]
