"""``stenogram export``: the corpus as tables (CSV, Parquet), JSON Lines or TEI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import EXPORTERS, Filters, export
from . import app
from .corpus import DbOption, FromOption, SpeakerOption, ToOption, TopicOption, _open
from .output import err, escape, progress_bar, user_errors


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Argument(help=f"Format: {', '.join(EXPORTERS)}.")],
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the files into.")] = Path("export"),
    date_from: FromOption = None,
    date_to: ToOption = None,
    speaker: SpeakerOption = None,
    topic: TopicOption = None,
    event: Annotated[list[str] | None, typer.Option("--event", help="Only these events.")] = None,
    org: Annotated[str, typer.Option("--org", help="claimreview: your organisation, the review's author.")] = (
        "stenogram user"
    ),
    org_url: Annotated[str | None, typer.Option("--org-url", help="claimreview: your organisation's URL.")] = None,
) -> None:
    """Export the corpus, streaming: tables of events, turns, persons (with roles over time), tags,
    quotations and stored verdicts (jsonl, csv, parquet), TEI in the ParlaMint encoding (tei), or
    the stored verdicts as schema.org ClaimReview (claimreview)."""
    if fmt not in EXPORTERS:
        err.print(f"[red]error:[/] unknown export format {escape(fmt)!r}: use one of {', '.join(EXPORTERS)}")
        raise typer.Exit(2)
    with user_errors(), _open(db) as corpus, progress_bar(sys.stderr.isatty()) as bar:
        filters = Filters.build(date_from=date_from, date_to=date_to, speaker=speaker, topic=topic, event=event)
        task = bar.add_task(f"exporting {fmt}", total=None if fmt == "claimreview" else corpus.stats().events)
        counts = export(
            corpus, fmt, out, filters, progress=lambda: bar.advance(task), organisation=org, organisation_url=org_url
        )
    err.print(", ".join(f"{n} {name}" for name, n in counts.items()) + f" -> {out}/")
