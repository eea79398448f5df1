"""The export formats by name, and ``export()``, which the CLI and the Python API call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..corpus import Corpus
from ..errors import QueryError
from ..search.filters import Filters
from .claimreview import export_claimreview
from .tables import export_csv, export_jsonl, export_parquet

Exporter = Callable[[Corpus, Path, Filters, Callable[[], None] | None], dict[str, int]]


def _export_tei(
    corpus: Corpus, out: Path, filters: Filters, progress: Callable[[], None] | None = None
) -> dict[str, int]:
    from .tei import export_tei  # lxml only when asked for

    return export_tei(corpus, out, filters, progress)


EXPORTERS: dict[str, Exporter] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "parquet": export_parquet,
    "tei": _export_tei,
    "claimreview": export_claimreview,
}


def export(
    corpus: Corpus,
    fmt: str,
    out: Path,
    filters: Filters | None = None,
    progress: Callable[[], None] | None = None,
    *,
    organisation: str = "stenogram user",
    organisation_url: str | None = None,
) -> dict[str, int]:
    """Write ``fmt`` into the folder ``out``; returns the records written per table.
    ``organisation``/``organisation_url``: the ClaimReview author (``claimreview`` only)."""
    if fmt not in EXPORTERS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORTERS)}")
    if fmt == "claimreview":
        return export_claimreview(
            corpus, out, filters, progress, organisation=organisation, organisation_url=organisation_url
        )
    return EXPORTERS[fmt](corpus, out, filters or Filters(), progress)
