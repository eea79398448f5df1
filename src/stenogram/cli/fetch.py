"""``stenogram fetch SITE``: build and update a local WARC archive of a registered site."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID

from .. import sites
from ..sites import Crawl
from . import app
from .corpus import DbOption, _open
from .output import err, escape, progress_bar, user_errors


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        err.print(f"[red]error:[/] {option} {escape(value)!r}: use YYYY-MM-DD")
        raise typer.Exit(2) from None


def _crawl_of(name: str) -> Crawl:
    site = sites.site_named(name)
    if site is None or site.crawl is None:
        known = ", ".join(s.name for s in sites.all_sites() if s.crawl) or "none"
        err.print(f"[red]error:[/] no site to fetch named {escape(name)!r} (sites that can be fetched: {known})")
        raise typer.Exit(2)
    return site.crawl


@app.command("fetch")
def fetch(
    site: Annotated[str, typer.Argument(help="The site to fetch, by name (`stenogram sites` lists them).")],
    date_from: Annotated[str | None, typer.Option("--from", help="First day (default: the newest archived).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day (default: today).")] = None,
    archive: Annotated[Path, typer.Option("--archive", help="Archive folder (WARC files + index).")] = Path("archive"),
    ingest: Annotated[bool, typer.Option("--ingest", help="Parse and store what was fetched.")] = False,
    db: DbOption = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where to fetch it from (default: the site's own address).")
    ] = None,
    rate: Annotated[
        float | None,
        typer.Option("--rate", min=0.01, max=1000, help="Requests per second (default: the site's, be polite)."),
    ] = None,
    backoff: Annotated[
        float, typer.Option("--backoff", min=0, max=60, help="First wait before a retry, doubled each time (s).")
    ] = 1.0,
    max_pages: Annotated[int | None, typer.Option("--max-pages", min=0, help="Stop after N new pages.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Fetch a site's day listings and the event pages they link, politely, into WARC files."""
    crawl = _crawl_of(site)
    try:  # the fetch extra is imported by this command only: the rest of the CLI works without it
        from .. import Fetcher
    except ImportError as exc:
        err.print(
            f"[red]error:[/] fetch needs the fetch extra ({exc.name}): " + escape("pip install 'stenogram[fetch]'")
        )
        raise typer.Exit(2) from None
    last = _date(date_to, "--to") or dt.date.today()
    with user_errors():
        fetcher = Fetcher(archive, crawl, base_url=base_url, rate=rate, backoff=backoff)
        try:
            first = _date(date_from, "--from") or fetcher.index.newest_listing_date(crawl.listing_day) or last
            with progress_bar(sys.stderr.isatty(), rate=True) as bar:
                tasks: dict[str, TaskID] = {}

                def advance(stage: str, done: int, total: int) -> None:
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(stage, total=total)
                    bar.update(tasks[stage], completed=done, total=total)

                report = fetcher.fetch(first, last, max_pages=max_pages, progress=advance)
        finally:
            fetcher.close()
        if ingest and report.new_files:
            with _open(db, must_exist=False) as corpus:
                stored = corpus.ingest(list(report.new_files))
            err.print(f"ingested: {stored.new} new, {stored.updated} updated, {stored.unchanged} unchanged")
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    for url, reason in report.failed.items():
        err.print(f"[red]failed:[/] {escape(url)}: {escape(reason)}")
    err.print(
        f"{report.days} days: {report.listed} listed, {report.fetched} fetched, {report.already} already archived, "
        f"{len(report.failed)} failed ({report.seconds:.1f} s) -> {archive}"
    )
    if report.failed:
        raise typer.Exit(1)
