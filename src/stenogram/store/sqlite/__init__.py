"""The embedded SQLite backend: one file, WAL mode, FTS5 over turns, titles and leads.

Everything SQL lives here, so that another backend (PostgreSQL) can implement the same
methods behind ``stenogram.Corpus`` without its callers changing. Every statement is
parameterised; user text reaches FTS5 only as a compiled, quoted expression.
"""

from __future__ import annotations

from ...model import count_words
from ..bodies import pack_body, unpack_body
from .articles import ArticleTables
from .connection import SQLiteBase
from .passages import PassageReads
from .stats import Statistics
from .vectors import VectorTables


class SQLiteStore(Statistics, VectorTables, PassageReads, ArticleTables, SQLiteBase):
    """A corpus database file (or ``":memory:"``): every concern's tables in one file."""


__all__ = ["SQLiteStore", "count_words", "pack_body", "unpack_body"]
