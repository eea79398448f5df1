"""Recent query results, shared by every open corpus of the process.

A result is kept under the store's ``state()`` (which names the corpus file and changes
with every write that can change a search) and the request, so it is never served after
a write, by this process or another. The same request asked by several threads at once is
computed once, the others wait for it (a burst of one common search costs one search).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

# Recent search, count and facet results kept: a newsroom repeats its searches (a common
# word is ~40 ms to rank on the dev corpus, a kept answer ~0.1 ms). Each entry is one page
# of hits (20 by default) or a count or the facets: a few KB.
RESULT_CACHE_SIZE = 512


class ResultCache:
    """A bounded LRU of results by ``(state, request)``, safe across threads."""

    def __init__(self, size: int = RESULT_CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The kept result of ``key``, else ``compute()`` (once, however many threads ask);
        an exception is raised to each asker and nothing is kept."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            flight = self._computing.setdefault(key, threading.Lock())
        with flight:
            with self._lock:  # another thread may have computed it while this one waited
                if key in self._entries:
                    return self._entries[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self._entries[key] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            return value


RESULTS = ResultCache()
