"""The registry of source sites: each site is one plug-in (``base.Site``).

Sites are found in two ways, once, on first use: every subpackage of this package that
defines ``SITE`` (the built-in ones), and every entry point of the group
``stenogram.sites`` (a third party's: ``[project.entry-points."stenogram.sites"]
mysite = "mypackage.site:SITE"``). A plug-in that fails to load is logged and left out.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from functools import cache
from importlib.metadata import entry_points
from types import MappingProxyType

from .base import Crawl, Format, Site, TeiMetadata

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "stenogram.sites"


@cache
def _registry() -> MappingProxyType[str, Site]:
    found: dict[str, Site] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg:
            _add(found, getattr(importlib.import_module(f"{__name__}.{module.name}"), "SITE", None), module.name)
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            _add(found, point.load(), point.name)
        except Exception as exc:  # a broken plug-in must not take the tool down
            log.warning("site plug-in %s could not be loaded: %s", point.name, exc)
    return MappingProxyType(found)


def _add(found: dict[str, Site], site: object, origin: str) -> None:
    if not isinstance(site, Site):
        log.warning("site plug-in %s gives no Site", origin)
        return
    if site.name in found and found[site.name] is not site:
        log.warning("site %s is defined twice; %s is left out", site.name, origin)
        return
    found[site.name] = site


def refresh() -> None:
    """Look for sites again (after a plug-in was installed in a running process)."""
    _registry.cache_clear()
    _formats.cache_clear()


def all_sites() -> tuple[Site, ...]:
    return tuple(_registry().values())


def site_named(name: str) -> Site | None:
    return _registry().get(name)


@cache
def _formats() -> MappingProxyType[str, tuple[Site, Format]]:
    return MappingProxyType({f.name: (s, f) for s in all_sites() for f in s.formats})


def format_named(name: str) -> Format | None:
    found = _formats().get(name)
    return found[1] if found else None


def site_of_format(name: str) -> Site | None:
    found = _formats().get(name)
    return found[0] if found else None


def format_rank(name: str) -> int:
    fmt = format_named(name)
    return fmt.rank if fmt else 0


def detect(text: str) -> Format | None:
    """The first registered format that recognises ``text``, else None."""
    for _, fmt in _formats().values():
        if fmt.detect(text):
            return fmt
    return None


def explain_unknown(text: str) -> str:
    """Why a document was not recognised, for a one-line error."""
    if not text.strip():
        return "empty document"
    for _, fmt in _formats().values():
        hint = fmt.near_miss(text)
        if hint:
            return hint
    names = ", ".join(s.title for s in all_sites()) or "none registered"
    return f"not a transcript of a known site ({names})"


def person_ref(key: str) -> str | None:
    """Whether a person id was given by a site (its ref), else None (a name slug)."""
    for site in all_sites():
        ref = site.person_ref(key)
        if ref is not None:
            return ref
    return None


def event_key_of_url(url: str) -> str | None:
    """The event key (``NAME:ID``) of a site's URL of an event, else None."""
    for site in all_sites():
        event_id = site.event_id_of_url(url) if site.event_id_of_url else None
        if event_id:
            return site.event_key(event_id)
    return None


def person_key_prefixes() -> tuple[str, ...]:
    return tuple(s.person_key_prefix for s in all_sites())


__all__ = [
    "ENTRY_POINT_GROUP",
    "Crawl",
    "Format",
    "Site",
    "TeiMetadata",
    "all_sites",
    "detect",
    "event_key_of_url",
    "explain_unknown",
    "format_named",
    "format_rank",
    "person_key_prefixes",
    "person_ref",
    "refresh",
    "site_named",
    "site_of_format",
]
