"""The ``stenogram`` command: argument parsing and presentation only.

Every command calls the public Python API and renders what it returns. Errors the user
can cause come out as one line, ``error: <file>: <reason>``, never as a traceback.
Commands live in one module per group: ``parse.py`` (parse), ``corpus.py`` (ingest,
search, kwic, show, speakers, stats), ``quotes.py`` (quotes), ``check.py`` (check, embed) and ``serve.py`` (serve).
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from .._version import __version__
from ..errors import StenogramError
from .output import err, escape

app = typer.Typer(
    name="stenogram",
    help="Official political transcripts as structured, searchable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


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


from . import check as _check_commands  # noqa: E402,F401  (registers the commands)
from . import corpus as _corpus_commands  # noqa: E402,F401
from . import export as _export_commands  # noqa: E402,F401
from . import fetch as _fetch_commands  # noqa: E402,F401
from . import parse as _parse_commands  # noqa: E402,F401
from . import quotes as _quotes_commands  # noqa: E402,F401
from . import serve as _serve_commands  # noqa: E402,F401


def main() -> None:
    """Entry point: run the app; a StenogramError that escapes becomes one line."""
    try:
        app()
    except StenogramError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:  # Ctrl-C: what was committed stays (every batch is its own transaction)
        err.print("[yellow]interrupted[/]: work committed before this point is kept")
        sys.exit(130)
    except BrokenPipeError:  # `stenogram parse ... | head`
        sys.stderr.close()
        sys.exit(0)
