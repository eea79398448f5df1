"""The export formats by name, and ``export()``, which the CLI and the Python API call."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..corpus import Corpus
from ..errors import MissingExtra, OutputError, QueryError
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
    if out.exists() and not out.is_dir():
        raise OutputError("exists and is not a folder: give a folder for the export", path=str(out))

    def write(folder: Path) -> dict[str, int]:
        if fmt == "claimreview":
            return export_claimreview(
                corpus, folder, filters, progress, organisation=organisation, organisation_url=organisation_url
            )
        try:
            return EXPORTERS[fmt](corpus, folder, filters or Filters(), progress)
        except ModuleNotFoundError as exc:  # pyarrow (parquet) or lxml (tei): the export extra
            raise MissingExtra(
                f"export {fmt} needs the export extra ({exc.name}): pip install 'stenogram[export]'"
            ) from None

    return _whole_or_nothing(out, write)


def _whole_or_nothing(out: Path, write: Callable[[Path], dict[str, int]]) -> dict[str, int]:
    """Write the export into a hidden folder beside ``out``, then move its files into
    ``out``: a full disk or a read-only folder leaves no truncated file, and an earlier
    export in ``out`` stays as it was."""
    partial = out.parent / f".{out.name}.partial-{os.getpid()}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        counts = write(partial)
        out.mkdir(exist_ok=True)
        for child in sorted(partial.rglob("*")):
            target = out / child.relative_to(partial)
            if child.is_dir():
                target.mkdir(exist_ok=True)
            else:
                os.replace(child, target)
        return counts
    except OSError as exc:
        raise OutputError(f"cannot write the export ({exc.strerror or exc})", path=str(out)) from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)
