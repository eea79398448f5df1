"""Page routes: render templates from what ``Corpus`` returns. Everything is escaped
(Jinja2 autoescape); only the ``<mark>`` of search snippets is markup, added here."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .. import (
    QUALIFIERS,
    SCORE_MEANING,
    VERDICT_MEANINGS,
    CheckResult,
    Claim,
    article_claims,
    quote_marked,
    read_article,
    source_marked,
)
from ..corpus import Corpus
from ..errors import StenogramError
from ..model import Event
from .charts import bar_chart

HERE = Path(__file__).parent
PAGE_SIZE = 20
MAX_FORM_TEXT = 200_000
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))


def safe_url(url: str | None) -> str | None:
    """A URL that may be a link: http(s) only (a source page's ``javascript:`` or ``data:``
    URL is shown as text, never followed)."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


templates.globals["safe_url"] = safe_url
# The legend of the check page: what the verdicts, the qualifiers and the score mean.
templates.globals.update(
    verdict_meanings=VERDICT_MEANINGS,
    qualifiers=QUALIFIERS,
    score_meaning=SCORE_MEANING,
    quote_marked=lambda r: Markup(quote_marked(r)),  # escaped by marked.py, only <mark> added
    source_marked=lambda r: Markup(source_marked(r)),
)


def marked(snippet: str) -> Markup:
    """Escape a snippet, keeping only its ``<mark>`` highlights as markup."""
    out = []
    for i, part in enumerate(snippet.split("<mark>")):
        if i == 0:
            out.append(escape(part))
            continue
        hit, _, rest = part.partition("</mark>")
        out.append(f"<mark>{escape(hit)}</mark>{escape(rest)}")
    return Markup("".join(out))


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = templates.get_template(name).render(marked=marked, **context)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})


def _not_found(title: str, message: str, what: str) -> HTMLResponse:
    """A 404 page that says what was not found and how to find it."""
    advice = f" Search for {what} by words, or open it by its site id, its URL or its key (SITE:ID)."
    return error_page(404, title, message + advice)


def error_page(status: int, title: str, message: str) -> HTMLResponse:
    """An error as a page: what went wrong, in words, and the way on."""
    html = templates.get_template("error.html").render(status=status, title=title, message=message)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})


MAX_PERMALINK_TEXT = 4000  # characters of a quotation or its context in a permalink (URLs stay short)


def _with_permalink(result: CheckResult, claim: Claim) -> dict[str, Any]:
    """The result's record with ``permalink``: the check page with its inputs, which
    checks the quotation again."""
    query = {"quote": claim.quote, "speaker": result.claimed_speaker or "", "date": claim.date or ""}
    if claim.context:
        query["context"] = claim.context[:MAX_PERMALINK_TEXT]
    return result.to_dict() | {"permalink": "/check?" + urlencode({k: v for k, v in query.items() if v})}


def router(corpus: Callable[[], Corpus], semantic: bool) -> APIRouter:
    r = APIRouter()

    @r.get("/", response_class=HTMLResponse)
    def overview() -> HTMLResponse:
        c = corpus()
        chart = Markup(bar_chart(c.events_per_month(), label="events per month"))
        return _page("overview.html", stats=c.stats(), chart=chart, speakers=c.speakers(limit=15))

    @r.get("/search", response_class=HTMLResponse)
    def search(
        q: Annotated[str, Query(max_length=2000)] = "",
        speaker: str | None = None,
        date_from: Annotated[str | None, Query(alias="from")] = None,
        date_to: Annotated[str | None, Query(alias="to")] = None,
        topic: str | None = None,
        geo: str | None = None,
        sort: str = "relevance",
        page: Annotated[int, Query(ge=1, le=500)] = 1,
    ) -> HTMLResponse:
        params = {
            "q": q,
            "speaker": speaker,
            "from": date_from,
            "to": date_to,
            "topic": topic,
            "geo": geo,
            "sort": sort,
        }
        context: dict[str, Any] = {
            "q": q,
            "speaker": speaker,
            "date_from": date_from,
            "date_to": date_to,
            "topic": topic,
            "geo": geo,
            "sort": sort,
            "page": page,
            "hits": [],
            "facets": {},
            "more": False,
            "total": 0,
            "error": None,
        }

        def url(**change: Any) -> str:
            merged = {**params, **change}
            return "/search?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})

        context["page_url"] = lambda n: url(page=n)
        context["facet_url"] = lambda name, value: (
            url(**{{"speaker": "speaker", "year": "from", "topic": "topic", "geography": "geo"}[name]: value})
            + (f"&to={value}-12-31" if name == "year" else "")
        )
        if q.strip():
            try:
                c = corpus()
                order = sort if sort in ("relevance", "date") else "relevance"
                hits = c.search(
                    q,
                    speaker=speaker,
                    date_from=date_from,
                    date_to=date_to,
                    topic=topic,
                    geo=geo,
                    sort=order,
                    limit=PAGE_SIZE + 1,
                    offset=(page - 1) * PAGE_SIZE,
                )
                context["total"] = c.count(
                    q, speaker=speaker, date_from=date_from, date_to=date_to, topic=topic, geo=geo
                )
                context["more"] = len(hits) > PAGE_SIZE
                context["hits"] = hits[:PAGE_SIZE]
                context["facets"] = c.facets(
                    q, speaker=speaker, date_from=date_from, date_to=date_to, topic=topic, geo=geo
                )
            except StenogramError as exc:
                context["error"] = str(exc)
                return _page("search.html", status=400, **context)
        return _page("search.html", **context)

    @r.get("/events/{ref}", response_class=HTMLResponse)
    def event(ref: str) -> HTMLResponse:
        ev = corpus().event(ref)
        if ev is None:
            return _not_found("No such event", f"There is no event {ref!r} in this corpus.", "an event")
        return _page("event.html", ev=ev, blocks=_blocks(ev))

    @r.get("/persons/{person_id}", response_class=HTMLResponse)
    def person(person_id: str) -> HTMLResponse:
        profile = corpus().person(person_id)
        if profile is None:
            return _not_found("No such person", f"No one with the id {person_id!r} speaks in this corpus.", "a person")
        label = f"appearances of {profile.stats.person} per month"
        chart = Markup(bar_chart(profile.months, label=label))
        return _page("person.html", p=profile.stats, chart=chart, topics=profile.topics, recent=profile.recent)

    @r.get("/check", response_class=HTMLResponse)
    def check_form(
        quote: Annotated[str, Query(max_length=MAX_PERMALINK_TEXT)] = "",
        speaker: Annotated[str, Query(max_length=300)] = "",
        date: Annotated[str, Query(max_length=10)] = "",
        context: Annotated[str, Query(max_length=MAX_PERMALINK_TEXT)] = "",
    ) -> HTMLResponse:
        """The form; with ``quote`` (a result's permalink), that quotation checked again:
        checks are deterministic, so the link gives the same result while the corpus is
        the same."""
        if not quote.strip():
            return _page("check.html", results=None)
        claim = Claim(None, quote, claimed_speaker=speaker or None, date=date or None, context=context or None)
        try:
            results = [_with_permalink(corpus().check_claim(claim, semantic=semantic), claim)]
        except StenogramError as exc:
            return _page("check.html", status=400, quote=quote, speaker=speaker, date=date, error=str(exc))
        return _page("check.html", quote=quote, speaker=speaker, date=date, results=results, error=None)

    @r.post("/check", response_class=HTMLResponse)
    def check(
        article: Annotated[str, Form(max_length=MAX_FORM_TEXT)] = "",
        quote: Annotated[str, Form(max_length=MAX_FORM_TEXT)] = "",
        speaker: Annotated[str, Form(max_length=300)] = "",
        date: Annotated[str, Form(max_length=10)] = "",
    ) -> HTMLResponse:
        context: dict[str, Any] = {
            "article": article,
            "quote": quote,
            "speaker": speaker,
            "date": date,
            "results": [],
            "error": None,
        }
        c = corpus()
        try:
            if article.strip():
                claims = article_claims(read_article(article, path="<form>", date=date or None))
            elif quote.strip():
                claims = [Claim(None, quote, claimed_speaker=speaker or None, date=date or None)]
            else:
                context["error"] = "Paste an article, or a quotation."
                return _page("check.html", status=400, **context)
            context["results"] = [_with_permalink(c.check_claim(claim, semantic=semantic), claim) for claim in claims]
        except StenogramError as exc:
            context["error"] = str(exc)
            return _page("check.html", status=400, **context)
        return _page("check.html", **context)

    return r


def _blocks(ev: Event) -> list[dict[str, Any]]:
    """Paragraphs grouped into turns (with a style per speaker) and free paragraphs."""
    styles: dict[str, int] = {}
    blocks: list[dict[str, Any]] = []
    for p in ev.paragraphs:
        if p.turn is None:
            blocks.append({"turn": None, "kind": p.kind, "text": p.text})
            continue
        if blocks and blocks[-1]["turn"] == p.turn:
            blocks[-1]["paragraphs"].append(p)
            continue
        t = ev.turns[p.turn]
        key = t.person_id or t.speaker
        style = styles.setdefault(key, len(styles) % 8)
        blocks.append(
            {"turn": p.turn, "speaker": t.speaker, "person_id": t.person_id, "style": style, "paragraphs": [p]}
        )
    return blocks
