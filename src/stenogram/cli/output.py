"""Consoles and shared presentation helpers for the CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
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
