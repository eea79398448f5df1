"""The API's documentation page, served whole from this host.

Swagger UI's files (version 5, which reads OpenAPI 3.1) come from the installed
``fastapi-offline`` package (MIT, part of the ``web`` extra) and its start-up script is a
file of ours, so the page loads nothing from another host and runs under a CSP that
allows scripts and styles from this host only.
Without the package the page still answers: it links the OpenAPI document.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

HERE = Path(__file__).parent
DOCS_PATH = "/api/v1/docs"
ASSETS_PATH = DOCS_PATH + "/assets"
OPENAPI_PATH = "/api/v1/openapi.json"
# Swagger UI sets style attributes from its scripts ('unsafe-inline' for styles only) and
# draws its icons as data: images; it fetches the OpenAPI document from this host.
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
# The files the page uses, by the name it asks for: Swagger UI's own and our start-up script.
_SWAGGER_FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon.png")
_MEDIA_TYPES = {".css": "text/css", ".js": "text/javascript", ".png": "image/png"}

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stenogram API</title>
<link rel="icon" type="image/png" href="{assets}/favicon.png">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<style>.visually-hidden{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}}</style>
</head>
<body>
<main>
<h1 class="visually-hidden">stenogram API</h1>
<div id="swagger-ui"></div>
</main>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/docs.js"></script>
</body>
</html>
"""

_FALLBACK = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stenogram API</title></head>
<body><main><h1>stenogram API</h1>
<p>The interactive documentation needs the <code>fastapi-offline</code> package
(<code>pip install 'stenogram[web]'</code>). The API is described by its
<a href="{openapi}">OpenAPI document</a>.</p></main></body></html>
"""


def swagger_dir() -> Path | None:
    """Where the installed Swagger UI files are, or None without the package."""
    import importlib.util

    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "static"


def asset_file(name: str) -> Path | None:
    """The file served for ``name`` (only the page's own files; no other path)."""
    if name == "docs.js":
        return HERE / "static" / "docs.js"
    folder = swagger_dir()
    if folder is None or name not in _SWAGGER_FILES:
        return None
    return folder / name


def docs_router() -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get(DOCS_PATH, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        page = _PAGE.format(assets=ASSETS_PATH) if swagger_dir() else _FALLBACK.format(openapi=OPENAPI_PATH)
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})

    @r.get(ASSETS_PATH + "/{name}")
    def asset(name: str) -> FileResponse:
        path = asset_file(name)
        if path is None or not path.is_file():
            raise HTTPException(404, f"no documentation file {name!r}")
        return FileResponse(
            path,
            media_type=_MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
            headers={"Content-Security-Policy": "default-src 'none'", "Cache-Control": "public, max-age=86400"},
        )

    return r
