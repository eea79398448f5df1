"""Roles as printed with speaker labels, merged by meaning.

One office is printed in several ways: "President of Russia", "Russian President", "the
President of Russia". Two forms are the same role when they have the same key: case and
a leading "the" do not count, and "<demonym> <office>" is "<office> of <country>" (a
construction of English titles, not a list of cases). The role shown is the form printed
most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..parse.persons import DEMONYMS

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def role_key(role: str) -> str:
    """What a role means, for comparing forms ("Russian President" -> "president of russia")."""
    words = _SPACES.sub(" ", role.strip()).casefold().split(" ")
    if words and words[0] == "the":
        words = words[1:]
    if len(words) >= 2 and words[0] in DEMONYMS and " of " not in " ".join(words):
        words = [*words[1:], "of", DEMONYMS[words[0]]]
    return " ".join(words)


def merged_roles(forms: Iterable[tuple[str, int]]) -> list[tuple[str, int, list[str]]]:
    """``(role, count)`` pairs merged by meaning: ``(the most printed form, total, every
    form)``, most frequent first."""
    groups: dict[str, Counter[str]] = {}
    for form, n in forms:
        groups.setdefault(role_key(form), Counter())[form] += n
    out = [(c.most_common(1)[0][0], sum(c.values()), sorted(c)) for c in groups.values()]
    return sorted(out, key=lambda g: (-g[1], g[0]))
