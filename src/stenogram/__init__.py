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
``sites`` is the registry of source sites. The command line, the HTTP API and the web
pages use only what this module exports (and ``Corpus``'s methods).
"""

from __future__ import annotations

import logging
import typing

from . import sites
from ._version import __version__
from .batch import ENGINES, Outcome, auto_jobs, check_bag, check_batch
from .corpus import Corpus, check, default_db_path
from .errors import (
    FormatError,
    InputError,
    MissingExtra,
    OutputError,
    ParseError,
    QueryError,
    SourceError,
    StenogramError,
    StoreError,
)
from .export import EXPORTERS, export
from .export.report import event_html, event_markdown
from .model import CONTRACT_VERSION, Event, Paragraph, Source, Span, Turn
from .parse import parse_text
from .parse.documents import ParsedDocument, auto_parse_jobs, iter_documents
from .parse.documents import iter_events as parse_files
from .parse.lossless import check_event
from .parse.news import Article, iter_articles, read_article
from .parse.persons import PersonRegistry
from .parse.quotes import Quote, extract_quotes
from .search.cite import citation
from .search.filters import FilterArgs, Filters
from .search.results import CorpusStats, EventSummary, Hit, KwicLine, SpeakerStats
from .sources import Failure, Skipped
from .store.ingest import IngestReport
from .verify.claimreview import claim_review
from .verify.claims import Claim, article_claims, claim_from_record
from .verify.marked import quote_marked, source_marked
from .verify.result import QUALIFIERS, SCORE_MEANING, VERDICT_MEANINGS, CheckResult

if typing.TYPE_CHECKING:
    from .sources.fetch import Fetcher as Fetcher


def __getattr__(name: str) -> object:
    """``Fetcher`` needs the fetch extra: imported when asked for (ImportError without it)."""
    if name == "Fetcher":
        from .sources.fetch import Fetcher as Fetcher

        return Fetcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CONTRACT_VERSION",
    "ENGINES",
    "EXPORTERS",
    "QUALIFIERS",
    "SCORE_MEANING",
    "VERDICT_MEANINGS",
    "Article",
    "CheckResult",
    "Claim",
    "Corpus",
    "CorpusStats",
    "Event",
    "EventSummary",
    "Failure",
    "FilterArgs",
    "Filters",
    "FormatError",
    "Hit",
    "IngestReport",
    "InputError",
    "KwicLine",
    "MissingExtra",
    "Outcome",
    "OutputError",
    "Paragraph",
    "ParseError",
    "ParsedDocument",
    "PersonRegistry",
    "QueryError",
    "Quote",
    "Skipped",
    "Source",
    "SourceError",
    "Span",
    "SpeakerStats",
    "StenogramError",
    "StoreError",
    "Turn",
    "__version__",
    "article_claims",
    "auto_jobs",
    "auto_parse_jobs",
    "check",
    "check_bag",
    "check_batch",
    "check_event",
    "citation",
    "claim_from_record",
    "claim_review",
    "default_db_path",
    "event_html",
    "event_markdown",
    "export",
    "extract_quotes",
    "iter_articles",
    "iter_documents",
    "parse_files",
    "parse_text",
    "quote_marked",
    "read_article",
    "sites",
    "source_marked",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
