"""Consoles and shared presentation helpers for the CLI."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

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
