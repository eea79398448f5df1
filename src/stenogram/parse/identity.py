"""Give every turn of an event its person and role, learning names as it goes."""

from __future__ import annotations

import re

from ..model import Event
from .persons import PersonRegistry, is_generic, repair_joins, split_role_name, strip_notes

_SLUG = re.compile(r"[^a-z0-9]+")


def resolve_speakers(event: Event, registry: PersonRegistry) -> None:
    """Learn the event's Persons tags and bare-name labels, then resolve each turn."""
    for tag in event.persons:
        registry.learn_tag(tag)
    for turn in event.turns:
        bare = repair_joins(strip_notes(turn.speaker))
        if is_generic(bare):
            continue
        ident = split_role_name(bare)
        # A bare name teaches the registry, unless it is a typo of a known name.
        bare_name = ident.role is None and ident.person and " " in ident.person
        if bare_name and ident.person and registry.canonical(ident.person) == ident.person:
            registry.learn_name(ident.person)
    for turn in event.turns:
        ident = registry.resolve(turn.speaker)
        turn.person, turn.role = ident.person, ident.role
        turn.person_id = person_id(ident.person) if ident.person else None


def person_id(name: str) -> str:
    """A stable id from the canonical name ("vladimir-putin")."""
    from .persons import fold

    return _SLUG.sub("-", fold(name)).strip("-")
