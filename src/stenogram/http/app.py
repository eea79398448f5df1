"""The HTTP API: JSON over the same Python API as the CLI, versioned under ``/api/v1``.

Read-only unless started with ``allow_ingest`` and a token. Every error is JSON,
``{"error": {"status": 400, "message": "..."}}``, with the right status code: 400 for a
malformed query or filter, 404 for an unknown event or person, 413 for oversized input,
401 for a missing or wrong token; never a 500 for user input. Input sizes are bounded.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

from fastapi import Body, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import FilterArgs, read_article
from .._version import __version__
from ..corpus import Corpus
from ..errors import QueryError, StenogramError
from .docs import OPENAPI_PATH, docs_router

# Filters: each may be given once or repeated (any of the values matches).
Speakers = Annotated[list[str] | None, Query(description="Speaker: a name or a person id; repeat for any of several.")]
Roles = Annotated[list[str] | None, Query(description="The speaker's role as printed, e.g. 'Foreign Minister'.")]
Topics = Annotated[list[str] | None, Query(description="A topic tag of the event, e.g. 'Foreign policy'.")]
Places = Annotated[list[str] | None, Query(description="A place of the event or a geography tag, e.g. 'Moscow'.")]
Persons = Annotated[list[str] | None, Query(description="A person tag of the event (someone the event is about).")]
Events = Annotated[list[str] | None, Query(description="An event id, key or URL: search inside it.")]
DateFrom = Annotated[str | None, Query(alias="from", description="Earliest date, YYYY-MM-DD (or YYYY, YYYY-MM).")]
DateTo = Annotated[str | None, Query(alias="to", description="Latest date, YYYY-MM-DD (or YYYY, YYYY-MM).")]
MAX_TEXT = 200_000  # characters of an article or quotation sent to the API
MAX_LIMIT = 500
MAX_BODY_BYTES = MAX_TEXT * 4  # UTF-8 of the largest text, with room for JSON escapes
log = logging.getLogger(__name__)
SECURITY_HEADERS = MappingProxyType(
    {
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
)


API_DESCRIPTION = """\
JSON over the same Python API as the `stenogram` command line: the same input gives the
same answer. Version 1 lives under `/api/v1`; fields are added within a version, never
removed or renamed (the data contracts: `docs/parse-contract.md`, `docs/quotes-contract.md`,
`docs/check-contract.md`).

Every error is `{"error": {"status": N, "message": "..."}}` with its status code: 400 for
a malformed query or filter, 401 for a missing or wrong token, 403 when ingest is off, 404
for an unknown event or person, 413 for oversized input. Read-only unless the server was
started with `--allow-ingest` and a token.
"""
API_TAGS = [
    {"name": "search", "description": "Full-text search of every passage, counts and keyword in context."},
    {"name": "events", "description": "Events (transcripts and press-office texts) with their turns."},
    {"name": "persons", "description": "Speakers: who speaks, how often, on what."},
    {"name": "verify", "description": "Quotations found in articles and checked against the transcripts."},
    {"name": "corpus", "description": "What the corpus holds, and adding to it."},
]


@dataclass(frozen=True, slots=True)
class ServerSettings:
    db: str
    allow_ingest: bool = False
    token: str | None = None
    semantic: bool = True


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse a request body past ``limit`` bytes however it is sent: Content-Length is
    checked up front (in ``security_headers``), a chunked body is counted as it arrives
    and cut off with a 413 the moment it passes the limit, never read whole."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0
        exceeded = replaced = False

        async def counted() -> Any:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise _TooLarge  # stops the read; the app answers with an error, replaced below
            return message

        async def watched(message: Any) -> None:
            nonlocal replaced
            if exceeded and not replaced and message["type"] == "http.response.start":
                replaced = True
                await _error(413, f"request body too large (limit {self.limit:,} bytes)")(scope, receive, send)
            if not replaced:
                await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not replaced:
                await _error(413, f"request body too large (limit {self.limit:,} bytes)")(scope, receive, send)


# Titles of the HTML error pages (the web pages; the API answers JSON).
_ERROR_TITLES = MappingProxyType(
    {
        400: "That request cannot be answered",
        404: "Not found",
        413: "Too large",
        500: "Something went wrong",
    }
)


def _error_for(request: Request, status: int, message: str) -> Response:
    """The error as JSON for the API, as an HTML page for the web pages; both with the
    security headers."""
    if request.url.path.startswith("/api/") or not _pages_available():
        return _error(status, message)
    from ..web.pages import error_page

    page = error_page(status, _ERROR_TITLES.get(status, "Error"), message)
    for name, value in SECURITY_HEADERS.items():
        page.headers.setdefault(name, value)  # the page's own CSP stays
    return page


def _pages_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("jinja2") is not None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=SECURITY_HEADERS)


def create_app(settings: ServerSettings) -> FastAPI:
    """The application; one corpus connection per thread (SQLite connections are not shared)."""
    app = FastAPI(
        title="stenogram",
        version=__version__,
        summary="Official transcripts as searchable data; quotations checked against what was said.",
        description=API_DESCRIPTION,
        openapi_url=OPENAPI_PATH,
        openapi_tags=API_TAGS,
        docs_url=None,  # served by docs_router: offline, under a strict CSP
        redoc_url=None,
    )
    local = threading.local()

    def corpus() -> Corpus:
        if getattr(local, "corpus", None) is None:
            if settings.db != ":memory:" and not Path(settings.db).exists():
                raise ApiError(503, f"no corpus database at {settings.db}")
            local.corpus = Corpus(settings.db)
        value: Corpus = local.corpus
        return value

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return _error(413, f"request body too large (limit {MAX_BODY_BYTES:,} bytes)")
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith("/static/"):
            response.headers["Content-Security-Policy"] = "default-src 'none'"
        return response

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _error_for(request, exc.status, exc.message)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return _error_for(request, 400, exc.message_for("api" if request.url.path.startswith("/api/") else "web"))

    @app.exception_handler(StenogramError)
    async def stenogram_error(request: Request, exc: StenogramError) -> Response:
        return _error_for(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        return _error_for(request, 400, f"invalid {where or 'request'}: {first.get('msg', 'bad value')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error_for(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error", exc_info=exc)
        return _error_for(request, 500, "internal error: the server could not answer this request (logged)")

    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)

    _routes(app, corpus, settings)
    app.include_router(docs_router())
    try:  # the pages need jinja2 (the web extra); the JSON API does not
        from fastapi.staticfiles import StaticFiles

        from ..web.pages import HERE, router

        app.include_router(router(corpus, settings.semantic))
        app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    except ImportError:  # pragma: no cover - depends on the installed extras
        pass
    return app


def _uploads(db: str) -> Path:
    """Where documents sent to the API are kept: ``<corpus>.uploads/`` beside the corpus."""
    return Path(db).with_name(Path(db).name + ".uploads")


def _public(data: dict[str, Any]) -> dict[str, Any]:
    """A response without the server's file system: every ``path`` is cut to its file name."""
    out: dict[str, Any] = _scrubbed(data)
    return out


def _scrubbed(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: (Path(v).name if k == "path" and isinstance(v, str) else _scrubbed(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_scrubbed(v) for v in data]
    return data


def _json(data: Any) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")


def _check_size(text: str, what: str) -> None:
    if len(text) > MAX_TEXT:
        raise ApiError(413, f"{what} too large ({len(text):,} characters; limit {MAX_TEXT:,})")


def _routes(app: FastAPI, corpus: Callable[[], Corpus], settings: ServerSettings) -> None:

    @app.get("/api/v1/search", response_model=None, tags=["search"])
    def search(
        q: Annotated[str, Query(max_length=2000, description="Query: docs/query-language.md")],
        speaker: Speakers = None,
        role: Roles = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        topic: Topics = None,
        geo: Places = None,
        person: Persons = None,
        event: Events = None,
        sort: Annotated[str, Query(description="relevance (statements first) or date (newest first).")] = "relevance",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Hits per page.")] = 20,
        offset: Annotated[int, Query(ge=0, le=100_000, description="Hits to skip (paging).")] = 0,
        literal: Annotated[bool, Query(description="Read the query as plain words, no operators.")] = False,
        with_total: Annotated[bool, Query(alias="total", description="Also count every match (slower).")] = False,
    ) -> Response:
        """Passages that match a query (turns, press-office paragraphs, titles and leads),
        best first, each with its event, speaker, date, character offsets, a snippet with
        `<mark>` around the words found, and the official URL. Query syntax: words,
        "phrases", AND / OR / NOT, NEAR(a b, N), prefix* (docs/query-language.md)."""
        filters: FilterArgs = {
            "speaker": speaker,
            "role": role,
            "date_from": date_from,
            "date_to": date_to,
            "topic": topic,
            "geo": geo,
            "person": person,
            "event": event,
        }
        hits = corpus().search(q, sort=sort, limit=limit, offset=offset, literal_text=literal, **filters)
        # Serialised here: the hits are plain data, and FastAPI's generic encoder is the
        # slowest part of a search request.
        hits_out = [_public(h.to_dict()) for h in hits]
        body: dict[str, Any] = {"query": q, "limit": limit, "offset": offset, "hits": hits_out}
        if with_total:
            body["total"] = corpus().count(q, literal_text=literal, **filters)
        return _json(body)

    @app.get("/api/v1/events", tags=["events"])
    def events(
        date_from: DateFrom = None,
        date_to: DateTo = None,
        speaker: Speakers = None,
        topic: Topics = None,
        geo: Places = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        """Events by date and time, oldest first (browsing: `from=2020-05&to=2020-05`), each
        with its title, place, official URL and counts of turns and speakers; `total` is
        how many the filters admit."""
        filters: FilterArgs = {
            "date_from": date_from,
            "date_to": date_to,
            "speaker": speaker,
            "topic": topic,
            "geo": geo,
        }
        total, found = corpus().events(limit=limit, offset=offset, **filters)
        return {"total": total, "limit": limit, "offset": offset, "events": found}

    @app.get("/api/v1/events/{ref}", tags=["events"])
    def event(ref: str) -> dict[str, Any]:
        """One event in the parse contract (docs/parse-contract.md). `ref` is its site id,
        its key (`SITE:ID`), or its page URL in any form."""
        ev = corpus().event(ref)
        if ev is None:
            raise ApiError(404, f"no event {ref!r} in the corpus")
        return _public(ev.to_dict())

    @app.get("/api/v1/events/{ref}/turns", tags=["events"])
    def turns(ref: str) -> dict[str, Any]:
        """The speech turns of one event, in order, with speakers and offsets."""
        ev = corpus().event(ref)
        if ev is None:
            raise ApiError(404, f"no event {ref!r} in the corpus")
        return {"event": ev.id or ref, "turns": [t.to_dict() for t in ev.turns]}

    @app.get("/api/v1/persons", tags=["persons"])
    def persons(
        date_from: DateFrom = None,
        date_to: DateTo = None,
        topic: Topics = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    ) -> dict[str, Any]:
        """Speakers with their turns, words and events, most turns first."""
        rows = corpus().speakers(date_from=date_from, date_to=date_to, topic=topic, limit=limit)
        return {"persons": [r.to_dict() for r in rows]}

    @app.get("/api/v1/persons/{person_id}", tags=["persons"])
    def person(person_id: str) -> dict[str, Any]:
        """One speaker: turns, words, events, roles, appearances per month, topics and
        recent statements."""
        profile = corpus().person(person_id)
        if profile is None:
            raise ApiError(404, f"no person {person_id!r} in the corpus")
        return {**profile.stats.to_dict(), "months": profile.months, "topics": profile.topics, "recent": profile.recent}

    @app.get("/api/v1/kwic", tags=["search"])
    def kwic(
        q: Annotated[str, Query(max_length=2000, description="Query: docs/query-language.md")],
        width: Annotated[int, Query(ge=5, le=500, description="Characters of context on each side.")] = 40,
        sort: Annotated[str, Query(description="left, right (by the words on that side) or date.")] = "right",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        speaker: Speakers = None,
    ) -> dict[str, Any]:
        """Keyword in context: each occurrence with the words to its left and right,
        its speaker, event, date and offsets."""
        if sort not in ("left", "right", "date"):
            raise ApiError(400, f"unknown sort {sort!r}: use left, right or date")
        lines = corpus().kwic(q, width=width, sort=sort, limit=limit, speaker=speaker)
        return {"query": q, "lines": [k.to_dict() for k in lines]}

    @app.get("/api/v1/stats", tags=["corpus"])
    def stats() -> dict[str, Any]:
        """Counts of the corpus: events, turns, words, speakers, the dates it covers."""
        return corpus().stats().to_dict()

    @app.post("/api/v1/quotes", tags=["verify"])
    def quotes(
        text: Annotated[str, Body(embed=True, description="An article: plain text or HTML")],
        date: Annotated[str | None, Body(embed=True)] = None,
        outlet: Annotated[str | None, Body(embed=True)] = None,
        url: Annotated[str | None, Body(embed=True)] = None,
    ) -> dict[str, Any]:
        """The quotations of an article (direct, partial and reported), each with its
        speaker as the article gives it and exact offsets (docs/quotes-contract.md)."""
        _check_size(text, "article")
        return read_article(text, path="<request>", date=date, outlet=outlet, url=url).to_dict()

    @app.post("/api/v1/check", tags=["verify"])
    def check(
        quote: Annotated[str | None, Body(embed=True)] = None,
        claimed_speaker: Annotated[str | None, Body(embed=True)] = None,
        date: Annotated[str | None, Body(embed=True)] = None,
        context: Annotated[str | None, Body(embed=True, description="The article's text around the quotation")] = None,
        article: Annotated[str | None, Body(embed=True, description="Check every quotation of this article")] = None,
    ) -> dict[str, Any]:
        """Check one quotation, or every quotation of an article, against the transcripts:
        a verdict (VERBATIM, CLOSE, TRANSLATION_VARIANT, ALTERED, SPLICED, MISATTRIBUTED,
        NOT_IN_CORPUS), the source passage with its offsets and URL, and the differences
        (docs/check-contract.md)."""
        if not quote and not article:
            raise ApiError(400, "give a quote, or an article")
        c = corpus()
        if quote:
            _check_size(quote, "quotation")
            _check_size(context or "", "context")
            result = c.check(
                quote, claimed_speaker=claimed_speaker, date=date, semantic=settings.semantic, context=context
            )
            return {"results": [_public(result.to_dict())]}
        assert article is not None
        _check_size(article, "article")
        parsed = read_article(article, path="<request>", date=date)
        results = [_public(r.to_dict()) for r in c.check_article(parsed, semantic=settings.semantic)]
        return {"article": {"title": parsed.title, "date": parsed.date}, "results": results}

    @app.get("/api/v1/checks", tags=["verify"])
    def stored_checks(
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        """Checks kept with `stenogram check --save`, newest first: each with its
        `verdict_key`, whose permalink is `/checks/{verdict_key}` (page) and
        `/api/v1/checks/{verdict_key}` (JSON)."""
        kept = list(corpus().verdicts())[::-1]
        return {"total": len(kept), "checks": [_public(dict(v)) for v in kept[offset : offset + limit]]}

    @app.get("/api/v1/checks/{key}", tags=["verify"])
    def stored_check(key: Annotated[str, PathParam(pattern="^[0-9a-f]{1,64}$")]) -> dict[str, Any]:
        """One stored check: the check contract record under `result`, with the quotation,
        the article's URL and date, and when it was checked."""
        stored = corpus().verdict(key)
        if stored is None:
            raise ApiError(404, f"no stored check {key!r}")
        return _public(dict(stored))

    @app.post("/api/v1/ingest", tags=["corpus"])
    def ingest(
        request: Request,
        documents: Annotated[list[dict[str, str]], Body(embed=True, max_length=1000)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Add documents (`{"name": ..., "text": ...}`: transcripts as HTML or text) to the
        corpus. Needs a server started with `--allow-ingest` and `Authorization: Bearer TOKEN`."""
        if not settings.allow_ingest:
            raise ApiError(403, "this server is read-only; start it with --allow-ingest and a token")
        expected = f"Bearer {settings.token}".encode() if settings.token else None
        given = (authorization or "").encode("utf-8", "surrogateescape")  # any bytes a client sends
        if not expected or not given or not hmac.compare_digest(given, expected):
            raise ApiError(401, "a valid token is required: Authorization: Bearer TOKEN")
        for i, doc in enumerate(documents):
            _check_size(doc.get("text", ""), f"document {i}")
        # Kept beside the corpus (never a temporary folder): every ingested record must
        # point at a file that exists, as for a CLI ingest.
        batch = _uploads(settings.db) / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        batch.mkdir(parents=True)
        for i, doc in enumerate(documents):
            name = os.path.basename(doc.get("name") or f"doc{i}.txt") or f"doc{i}.txt"
            (batch / f"{i:04d}_{name}").write_text(doc.get("text", ""), encoding="utf-8")
        report = corpus().ingest([batch])
        return _public(report.to_dict())


def app_from_env() -> FastAPI:
    """The application as configured by ``stenogram serve`` (for worker processes)."""
    return create_app(
        ServerSettings(
            db=os.environ["STENOGRAM_SERVE_DB"],
            allow_ingest=os.environ.get("STENOGRAM_SERVE_INGEST") == "1",
            token=os.environ.get("STENOGRAM_TOKEN"),
        )
    )
