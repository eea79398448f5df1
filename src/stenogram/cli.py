"""The ``stenogram`` command: argument parsing and presentation only.

Every command calls the public Python API and renders what it returns. Errors the user
can cause come out as one line, ``error: <file>: <reason>``, never as a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import StenogramError
from .model import Event
from .parse.documents import ParsedDocument, iter_documents
from .parse.lossless import check_event
from .sources import Failure

app = typer.Typer(
    name="stenogram",
    help="Official political transcripts as structured, searchable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        print(f"stenogram {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug).")] = 0,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    level = logging.ERROR - 10 * min(verbose, 2) if verbose else logging.CRITICAL
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _count_inputs(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        if p.is_dir():
            total += sum(len(files) for _, _, files in os.walk(p))
        else:
            total += 1
    return total


def _progress(enabled: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not enabled,
    )


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
    """Parse Kremlin transcripts (HTML pages or plain-text dumps) into events and speaker turns."""
    stats: Counter[str] = Counter()
    with _progress(progress) as bar:
        task = bar.add_task("parsing", total=_count_inputs(paths))
        for item in iter_documents(list(paths)):
            bar.advance(task)
            if isinstance(item, Failure):
                stats["failed"] += 1
                _report_failure(item, as_json)
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
    if stats["remainder"]:
        line += f"; {stats['remainder']} events with unparsed remainder (kept in 'remainder')"
    if check:
        line += (
            f"; check: {stats['lost']} events lost text" if stats["lost"] else "; check: every character accounted for"
        )
    err.print(line)


def main() -> None:
    """Entry point: run the app; a StenogramError that escapes becomes one line."""
    try:
        app()
    except StenogramError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        sys.exit(1)
    except BrokenPipeError:  # `stenogram parse ... | head`
        sys.stderr.close()
        sys.exit(0)
