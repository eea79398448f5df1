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
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

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


def progress_bar(enabled: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not enabled,
    )


@contextmanager
def user_errors() -> Iterator[None]:
    """A StenogramError (bad query, unreadable database, ...) becomes one line and exit 1."""
    try:
        yield
    except StenogramError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
