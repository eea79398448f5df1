"""stenogram: official political transcripts as structured, searchable data.

The public API::

    import stenogram
    for event in stenogram.parse_files(["pages/"]):
        for turn in event.turns:
            print(turn.person, turn.role, turn.text[:60])

``Corpus(path)`` opens a corpus database: ``.ingest()``, ``.search()``, ``.kwic()``,
``.event()``, ``.speakers()``, ``.stats()``. Without a database, ``parse_text`` parses
one decoded document, ``iter_documents`` yields parsed documents and failures (for tools
that report errors per file), and ``check_event`` audits that a parse lost nothing.
"""

from __future__ import annotations

import logging

from ._version import __version__
from .corpus import Corpus, check
from .errors import FormatError, ParseError, QueryError, SourceError, StenogramError, StoreError
from .model import CONTRACT_VERSION, Event, Paragraph, Source, Span, Turn
from .parse import parse_text
from .parse.documents import ParsedDocument, iter_documents
from .parse.documents import iter_events as parse_files
from .parse.lossless import check_event
from .parse.news import Article, read_article
from .parse.persons import PersonRegistry
from .parse.quotes import Quote, extract_quotes
from .search.results import CorpusStats, Hit, KwicLine, SpeakerStats
from .sources import Failure
from .store.ingest import IngestReport
from .verify.check import CheckResult

__all__ = [
    "CONTRACT_VERSION",
    "Article",
    "CheckResult",
    "Corpus",
    "CorpusStats",
    "Event",
    "Failure",
    "FormatError",
    "Hit",
    "IngestReport",
    "KwicLine",
    "Paragraph",
    "ParseError",
    "ParsedDocument",
    "PersonRegistry",
    "QueryError",
    "Quote",
    "Source",
    "SourceError",
    "Span",
    "SpeakerStats",
    "StenogramError",
    "StoreError",
    "Turn",
    "__version__",
    "check",
    "check_event",
    "extract_quotes",
    "iter_documents",
    "parse_files",
    "parse_text",
    "read_article",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
