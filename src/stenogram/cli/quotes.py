"""``stenogram quotes``: every quotation in news articles, with who said it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .. import Article, Failure, Skipped, iter_articles
from . import app
from .output import err, escape, out


@app.command()
def quotes(
    articles: Annotated[list[Path], typer.Argument(help="News articles: plain text or HTML files, or directories.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines, one article per line (the quotes contract).")
    ] = False,
    date: Annotated[str | None, typer.Option("--date", help="The articles' date (overrides the page).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="The outlet that published them.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The article's URL (one article).")] = None,
) -> None:
    """Extract every quotation (direct, partial, reported) with its speaker, cue and offsets."""
    failed = skipped = 0
    total = 0
    for article in iter_articles(list(articles), date=date, outlet=outlet, url=url):
        if isinstance(article, Skipped):
            skipped += 1
            continue
        if isinstance(article, Failure):
            failed += 1
            err.print(f"[red]error:[/] {escape(article.path)}: {escape(article.reason)}")
            if as_json:
                print(json.dumps({"kind": "error", "path": article.path, "reason": article.reason}, ensure_ascii=False))
            continue
        total += len(article.quotes)
        if as_json:
            print(json.dumps(article.to_dict(), ensure_ascii=False))
        else:
            _render(article)
    err.print(
        f"{total} quotations; {failed} failed" + (f"; {skipped} files passed over (not articles)" if skipped else "")
    )
    if failed:
        raise typer.Exit(1)


def _render(article: Article) -> None:
    meta = " · ".join(x for x in (article.outlet, article.date, article.url) if x)
    out.print(f"[bold]{escape(article.title or article.path)}[/]" + (f"  [dim]{escape(meta)}[/]" if meta else ""))
    table = Table(show_lines=False)
    for col in ("kind", "speaker", "conf.", "quotation"):
        table.add_column(col, overflow="fold")
    for q in article.quotes:
        who = q.person or (f"? ({q.speaker})" if q.speaker else "?")
        text = q.text if len(q.text) < 300 else q.text[:297] + "..."
        table.add_row(q.kind, escape(who), f"{q.confidence:.2f}", escape(text))
    out.print(table)
