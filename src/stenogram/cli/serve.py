"""``stenogram serve``: the HTTP API over a corpus."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..corpus import default_db_path
from . import app
from .output import err, escape


@app.command()
def serve(
    db: Annotated[
        Path | None, typer.Option("--db", help="Corpus database (default: $STENOGRAM_DB, else ./stenogram.db).")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help="Worker processes.")] = 1,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Accept POST /api/v1/ingest (needs $STENOGRAM_TOKEN).")
    ] = False,
) -> None:
    """Serve the JSON API (/api/v1, OpenAPI at /api/v1/docs); read-only unless --allow-ingest."""
    try:
        import uvicorn

        from ..http.app import ServerSettings, create_app
    except ImportError:
        err.print("[red]error:[/] the web extra is not installed: pip install 'stenogram\\[web]'")
        raise typer.Exit(1) from None
    token = os.environ.get("STENOGRAM_TOKEN")
    if allow_ingest and not token:
        err.print("[red]error:[/] --allow-ingest needs a token: set STENOGRAM_TOKEN")
        raise typer.Exit(2)
    path = str(db) if db else default_db_path()
    if not Path(path).exists():
        err.print(f"[red]error:[/] {escape(path)}: no corpus database here; create one with: stenogram ingest PATH")
        raise typer.Exit(1)
    err.print(f"serving {escape(path)} on http://{host}:{port}/ (read-only: {not allow_ingest}, workers: {workers})")
    if workers == 1:
        settings = ServerSettings(db=path, allow_ingest=allow_ingest, token=token)
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
        return
    os.environ["STENOGRAM_SERVE_DB"] = path  # worker processes build the app from these
    os.environ["STENOGRAM_SERVE_INGEST"] = "1" if allow_ingest else "0"
    uvicorn.run(
        "stenogram.http.app:app_from_env", factory=True, workers=workers, host=host, port=port, log_level="warning"
    )
