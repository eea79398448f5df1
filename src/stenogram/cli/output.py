"""Consoles and shared presentation helpers for the CLI."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape as _escape_markup
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ..errors import StenogramError

# Control characters (C0 but tab and line break, DEL, C1): an ESC sequence in a transcript
# or a file name must not reach the terminal, where it could rewrite the screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Text safe to print on a terminal: control characters shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def escape(text: str) -> str:
    """Text safe inside rich markup and on a terminal."""
    return _escape_markup(plain(text))


out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def count_inputs(paths: list[Path]) -> int:
    """How many files a walk will see (archives count as one): the progress total."""
    total = 0
    for p in paths:
        if p.is_dir():
            total += sum(len(files) for _, _, files in os.walk(p))
        else:
            total += 1
    return total


class RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "–/s", style="progress.data.speed")


def progress_bar(enabled: bool, *, rate: bool = False) -> Progress:
    """A progress bar on stderr: count, elapsed time and time remaining (ETA), and the rate."""
    columns: list[ProgressColumn | str] = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    if rate:
        columns.append(RateColumn())
    return Progress(*columns, console=err, transient=True, disable=not enabled)


@contextmanager
def user_errors() -> Iterator[None]:
    """A StenogramError (bad query, unreadable database, ...) becomes one line and exit 1."""
    try:
        yield
    except StenogramError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None


def write_output(path: Path, text: str) -> None:
    """Write a report file whole or not at all: a temporary file beside it, then renamed
    (a full disk or a read-only folder leaves no truncated file); an error is one line
    naming the file, and exit 1."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        err.print(f"[red]error:[/] {escape(str(path))}: cannot write ({escape(exc.strerror or str(exc))})")
        raise typer.Exit(1) from None
