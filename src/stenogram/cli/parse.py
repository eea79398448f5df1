"""``stenogram parse``: structure from transcripts, as JSON Lines or a readable summary."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from .. import Failure, ParsedDocument, Skipped, check_event, iter_documents, sites
from ..model import Event
from . import app
from .output import count_inputs, err, escape, out, progress_bar


def _report_failure(failure: Failure, as_json: bool) -> None:
    err.print(f"[red]error:[/] {escape(failure.path)}: {escape(failure.reason)}")
    if as_json:
        print(json.dumps({"kind": "error", "path": failure.path, "reason": failure.reason}, ensure_ascii=False))


def _render_event(ev: Event) -> None:
    when = " ".join(x for x in (ev.date, ev.time) if x)
    where = f" · {ev.place}" if ev.place else ""
    ident = f"[dim]{escape(ev.id)}[/] " if ev.id else ""
    out.print(f"{ident}[bold]{escape(ev.title or '(untitled)')}[/]  {escape(when)}{escape(where)}")
    speakers = Counter(t.person or t.speaker for t in ev.turns)
    who = ", ".join(f"{escape(name)} ({n})" for name, n in speakers.most_common())
    out.print(f"  {len(ev.turns)} turns" + (f" · {who}" if who else ""))


@app.command()
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Files, directories or archives (.zip, .tar, .tar.gz).")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON Lines, one event per line (the parse contract).")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Audit that every character of the input is accounted for; exit 1 if not.")
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when it is a terminal).")
    ] = sys.stderr.isatty(),
) -> None:
    """Parse transcripts of the registered sites (`stenogram sites`) into events and speaker turns."""
    stats: Counter[str] = Counter()
    with progress_bar(progress) as bar:
        task = bar.add_task("parsing", total=count_inputs(paths))
        for item in iter_documents(list(paths)):
            bar.advance(task)
            if isinstance(item, Failure):
                stats["failed"] += 1
                _report_failure(item, as_json)
                continue
            if isinstance(item, Skipped):
                stats["skipped"] += 1
                continue
            _emit_document(item, as_json, check, stats)
    _summary(stats, check)
    if stats["failed"] or stats["lost"]:
        raise typer.Exit(1)


def _emit_document(doc: ParsedDocument, as_json: bool, check: bool, stats: Counter[str]) -> None:
    stats["documents"] += 1
    for failure in doc.failures:
        stats["failed"] += 1
        _report_failure(failure, as_json)
    for ev in doc.events:
        stats["events"] += 1
        stats["turns"] += len(ev.turns)
        stats["remainder"] += bool(ev.remainder)
        if as_json:
            print(json.dumps(ev.to_dict(), ensure_ascii=False))
        else:
            _render_event(ev)
        if check:
            problems = check_event(doc.text, ev)
            if problems:
                stats["lost"] += 1
                for problem in problems:
                    err.print(f"[red]lost:[/] {escape(doc.name)}: {escape(problem)}")


def _summary(stats: Counter[str], check: bool) -> None:
    line = (
        f"{stats['events']} events, {stats['turns']} turns from {stats['documents']} documents; "
        f"{stats['failed']} failed"
    )
    if stats["skipped"]:
        line += f"; {stats['skipped']} files passed over (not transcripts: documentation, data, page assets)"
    if stats["remainder"]:
        line += f"; {stats['remainder']} events with unparsed remainder (kept in 'remainder')"
    if check:
        line += (
            f"; check: {stats['lost']} events lost text" if stats["lost"] else "; check: every character accounted for"
        )
    err.print(line)


@app.command("sites")
def list_sites(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per site.")] = False,
) -> None:
    """The source sites stenogram reads: their formats and whether they can be fetched."""
    for site in sites.all_sites():
        formats = [{"name": f.name, "description": f.description, "rank": f.rank} for f in site.formats]
        if as_json:
            record = {"name": site.name, "title": site.title, "formats": formats, "fetch": site.crawl is not None}
            print(json.dumps(record, ensure_ascii=False))
            continue
        fetchable = f"stenogram fetch {site.name}" if site.crawl else "not fetched"
        out.print(f"[bold]{escape(site.name)}[/]  {escape(site.title)}  ({escape(fetchable)})")
        for f in site.formats:
            out.print(f"  {escape(f.name)}: {escape(f.description)}")
