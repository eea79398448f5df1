"""Give every turn of an event its person and role, learning names as it goes."""

from __future__ import annotations

import re

from ..model import Event, Turn
from ..sites.base import Site
from .persons import PersonRegistry, fold, is_generic, repair_joins, split_role_name, strip_notes, tag_to_name

_SLUG = re.compile(r"[^a-z0-9]+")


def resolve_speakers(event: Event, registry: PersonRegistry, site: Site | None = None) -> None:
    """Learn the event's Persons tags and bare-name labels, then resolve each turn; the
    ids the site gives (person links, Persons tags) are written as ``site``'s person ids."""
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
    tag_refs = {fold(tag_to_name(tag)): ref for tag, ref in event.person_refs.items()}
    in_event: dict[str, str] = {}  # person -> id given earlier in this event
    for turn in event.turns:
        ident = registry.resolve(turn.speaker)
        turn.person, turn.role = ident.person, ident.role
        if ident.person is None:
            turn.person_id = None
            continue
        turn.person_id = _identify(turn, ident.person, ident.role, tag_refs, in_event, registry, site)
        in_event.setdefault(ident.person, turn.person_id)


def _identify(
    turn: Turn,
    person: str,
    role: str | None,
    tag_refs: dict[str, str],
    in_event: dict[str, str],
    registry: PersonRegistry,
    site: Site | None,
) -> str:
    """The person's id: the site's own id when the label or a Persons tag links one; the
    id given to the same name earlier in this event (a later "Dmitry Peskov:" is the one
    introduced with his title); else the site id known for that name and role; else a
    slug of the name."""
    ref = turn.site_ref or tag_refs.get(fold(person))
    if ref and site is not None:
        key = site.person_key(ref)
        registry.learn_ref(person, key, role)
        return key
    if role is None and person in in_event:
        return in_event[person]
    return registry.pick_ref(person, role) or person_id(person)


def person_id(name: str) -> str:
    """A stable id from the canonical name ("vladimir-putin")."""
    return _SLUG.sub("-", fold(name)).strip("-")
