"""Page routes: render templates from what ``Corpus`` returns. Everything is escaped
(Jinja2 autoescape); only the ``<mark>`` of search snippets is markup, added here."""

from __future__ import annotations

import calendar
import csv
import io
import json
from collections.abc import Callable
from html import escape
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .. import (
    QUALIFIERS,
    SCORE_MEANING,
    VERDICT_MEANINGS,
    CheckResult,
    Claim,
    FilterArgs,
    Hit,
    article_claims,
    citation,
    quote_marked,
    read_article,
    source_marked,
)
from ..corpus import Corpus
from ..errors import QueryError, StenogramError
from ..model import Event
from .charts import bar_chart

HERE = Path(__file__).parent
PAGE_SIZE = 20
MAX_DOWNLOAD = 5_000  # hits in one downloaded file: a search's whole useful tail, in a few seconds
KWIC_LIMIT = 200  # lines on the page (the API gives up to 500): a page to read, in ~50 ms
KWIC_WIDTH = 60
PEOPLE_LIMIT = 1_000
STORED_CHECKS_SHOWN = 1_000
EVENTS_PAGE = 100
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


def said(exc: StenogramError) -> str:
    """An error as this page says it (a query error's next step in the web's words)."""
    return exc.message_for("web") if isinstance(exc, QueryError) else str(exc)


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
    r = APIRouter(include_in_schema=False)  # pages, not API: left out of the OpenAPI document

    @r.get("/", response_class=HTMLResponse)
    def overview() -> HTMLResponse:
        c = corpus()
        chart = Markup(bar_chart(c.events_per_month(), label="events per month"))
        return _page("overview.html", stats=c.stats(), chart=chart, speakers=c.speakers(limit=15))

    @r.get("/search", response_class=HTMLResponse)
    def search(form: Annotated[SearchForm, Depends()], page: Annotated[int, Query(ge=1, le=500)] = 1) -> HTMLResponse:
        q, literal, params, filters = form.q, form.literal, form.params(), form.filters()
        context: dict[str, Any] = {
            "q": q,
            "speaker": form.speaker,
            "date_from": form.date_from,
            "date_to": form.date_to,
            "topic": form.topic,
            "geo": form.geo,
            "sort": form.sort,
            "literal": literal,
            "page": page,
            "hits": [],
            "facets": {},
            "facet_names": FACET_NAMES,
            "more": False,
            "total": 0,
            "error": None,
            "chips": filter_chips("/search", params),
            "clear_all": _url("/search", {"q": q}),
            "hit_kind": hit_kind,
            "hit_url": lambda h: hit_url(h, q, literal),
        }
        context["page_url"] = lambda n: _url("/search", params | {"page": n})
        context["download_url"] = lambda fmt: _url("/search/download", params | {"format": fmt})
        context["facet_url"] = lambda name, value: _url("/search", params | _facet_params(name, value))
        if q.strip():
            try:
                c = corpus()
                offset = (page - 1) * PAGE_SIZE
                hits = c.search(q, sort=form.order, limit=PAGE_SIZE + 1, offset=offset, literal_text=literal, **filters)
                context["total"] = c.count(q, literal_text=literal, **filters)
                context["more"] = len(hits) > PAGE_SIZE
                context["hits"] = hits[:PAGE_SIZE]
                context["facets"] = c.facets(q, literal_text=literal, **filters)
            except StenogramError as exc:
                context["error"] = said(exc)
                return _page("search.html", status=400, **context)
        return _page("search.html", **context)

    @r.get("/search/download")
    def download(
        form: Annotated[SearchForm, Depends()], format: Annotated[str, Query(pattern="^(csv|json)$")] = "csv"
    ) -> Response:
        """Every hit of a search (up to ``MAX_DOWNLOAD``) as a CSV or JSON file."""
        if not form.q.strip():
            return error_page(400, "Nothing to download", "Give the words to search for (q).")
        filters = form.filters()
        try:
            hits = corpus().search(form.q, sort=form.order, limit=MAX_DOWNLOAD, literal_text=form.literal, **filters)
        except StenogramError as exc:
            return error_page(400, "That search cannot be run", said(exc))
        records = [hit_record(h) for h in hits]
        name = "stenogram-search." + format
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        if format == "json":
            body = json.dumps({"query": form.q, "filters": filters, "hits": records}, ensure_ascii=False, indent=1)
            return Response(body, media_type="application/json", headers=disposition)
        return Response(_csv_text(records), media_type="text/csv; charset=utf-8", headers=disposition)

    @r.get("/kwic", response_class=HTMLResponse)
    def kwic(
        q: Annotated[str, Query(max_length=2000)] = "",
        speaker: Annotated[str | None, Query(max_length=300)] = None,
        sort: str = "right",
    ) -> HTMLResponse:
        sorts = (("right", "the words after"), ("left", "the words before"), ("date", "date"))
        if sort not in dict(sorts):
            sort = "right"
        api_query = urlencode({k: v for k, v in {"q": q, "speaker": speaker, "sort": sort, "limit": 500}.items() if v})
        context: dict[str, Any] = {"q": q, "speaker": speaker, "sort": sort, "sorts": sorts, "lines": []}
        context |= {"limit": KWIC_LIMIT, "error": None, "api_query": api_query}
        if q.strip():
            try:
                context["lines"] = corpus().kwic(q, width=KWIC_WIDTH, sort=sort, limit=KWIC_LIMIT, speaker=speaker)
            except StenogramError as exc:
                context["error"] = said(exc)
                return _page("kwic.html", status=400, **context)
        return _page("kwic.html", **context)

    @r.get("/persons", response_class=HTMLResponse)
    def persons(
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        topic: Annotated[str | None, Query(max_length=300)] = None,
    ) -> HTMLResponse:
        context: dict[str, Any] = {"date_from": date_from, "date_to": date_to, "topic": topic, "error": None}
        try:
            people = corpus().speakers(date_from=date_from, date_to=date_to, topic=topic, limit=PEOPLE_LIMIT)
        except StenogramError as exc:
            return _page("persons.html", status=400, people=[], **(context | {"error": said(exc)}))
        return _page("persons.html", people=people, **context)

    @r.get("/events", response_class=HTMLResponse)
    def events(
        month: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2})?$", description="YYYY or YYYY-MM")] = None,
        speaker: Annotated[str | None, Query(max_length=300)] = None,
        topic: Annotated[str | None, Query(max_length=300)] = None,
        geo: Annotated[str | None, Query(max_length=300)] = None,
        page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    ) -> HTMLResponse:
        c = corpus()
        per_month = c.events_per_month()
        params = {"month": month, "speaker": speaker, "topic": topic, "geo": geo}
        years: dict[str, int] = {}
        for m, n in per_month:
            years[m[:4]] = years.get(m[:4], 0) + n
        context: dict[str, Any] = {
            "period": month,
            "years": sorted(years.items()),
            "months": [(m, n) for m, n in per_month if month and m.startswith(month[:4])],
            "month_name": _month_name,
            "chips": filter_chips("/events", params, keep=("month",)),
            "events": [],
            "total": 0,
            "offset": (page - 1) * EVENTS_PAGE,
            "error": None,
            "prev_url": _url("/events", params | {"page": page - 1}) if page > 1 else None,
            "next_url": None,
        }
        filters: FilterArgs = {"date_from": month, "date_to": month, "speaker": speaker, "topic": topic, "geo": geo}
        try:
            total, found = c.events(limit=EVENTS_PAGE, offset=context["offset"], **filters)
        except StenogramError as exc:
            return _page("events.html", status=400, **(context | {"error": said(exc)}))
        context |= {"events": found, "total": total}
        if context["offset"] + len(found) < total:
            context["next_url"] = _url("/events", params | {"page": page + 1})
        return _page("events.html", **context)

    @r.get("/events/{ref:path}", response_class=HTMLResponse)
    def event(ref: str, q: Annotated[str, Query(max_length=2000)] = "", literal: bool = False) -> HTMLResponse:
        c = corpus()
        ev = c.event(ref)
        if ev is None:
            return _not_found("No such event", f"There is no event {ref!r} in this corpus.", "an event")
        spans: list[list[tuple[int, int]]] = [[] for _ in ev.paragraphs]
        if q.strip():
            try:
                spans = c.highlights(q, (p.text for p in ev.paragraphs), literal_text=literal)
            except StenogramError:
                spans = [[] for _ in ev.paragraphs]  # a query that is not one marks nothing
        here = f"/events/{ev.id or ref}"
        return _page(
            "event.html",
            ev=ev,
            blocks=_blocks(ev, spans),
            q=q,
            found=sum(len(s) for s in spans),
            here=here,
            permalink=here,
        )

    @r.get("/persons/{person_id}", response_class=HTMLResponse)
    def person(person_id: str) -> HTMLResponse:
        profile = corpus().person(person_id)
        if profile is None:
            return _not_found("No such person", f"No one with the id {person_id!r} speaks in this corpus.", "a person")
        label = f"appearances of {profile.stats.person} per month"
        chart = Markup(bar_chart(profile.months, label=label))
        return _page("person.html", p=profile.stats, chart=chart, topics=profile.topics, recent=profile.recent)

    @r.get("/checks", response_class=HTMLResponse)
    def stored_checks() -> HTMLResponse:
        """The checks kept with ``check --save``, newest first, each with its permalink."""
        kept = list(corpus().verdicts())[::-1][:STORED_CHECKS_SHOWN]
        return _page("checks.html", checks=kept)

    @r.get("/checks/{key}", response_class=HTMLResponse)
    def stored_check(key: Annotated[str, PathParam(pattern="^[0-9a-f]{1,64}$")]) -> HTMLResponse:
        stored = corpus().verdict(key)
        if stored is None:
            return error_page(404, "No such check", f"No stored check {key!r}. See the checks kept: /checks.")
        result = stored["result"] | {"permalink": f"/checks/{key}"}
        source = result.get("source") or {}
        cite = citation(
            speaker=source.get("person") or source.get("speaker"),
            title=source.get("title"),
            date=source.get("date"),
            url=source.get("url"),
            turn=source.get("turn"),
        )
        return _page("stored_check.html", stored=stored, results=[result], citation=cite if source else None)

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
            return _page("check.html", status=400, quote=quote, speaker=speaker, date=date, error=said(exc))
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
            context["error"] = said(exc)
            return _page("check.html", status=400, **context)
        return _page("check.html", **context)

    return r


def _blocks(ev: Event, spans: list[list[tuple[int, int]]]) -> list[dict[str, Any]]:
    """Paragraphs grouped into turns (with a style per speaker and a citation) and free
    paragraphs, each paragraph's text with the spans of ``spans`` marked."""
    styles: dict[str, int] = {}
    blocks: list[dict[str, Any]] = []
    for i, p in enumerate(ev.paragraphs):
        text = mark_spans(p.text, spans[i] if i < len(spans) else [])
        if p.turn is None:
            blocks.append({"turn": None, "kind": p.kind, "marked": text})
            continue
        if blocks and blocks[-1]["turn"] == p.turn:
            blocks[-1]["paragraphs"].append({"kind": p.kind, "marked": text})
            continue
        t = ev.turns[p.turn]
        key = t.person_id or t.speaker
        style = styles.setdefault(key, len(styles) % 8)
        cite = citation(speaker=t.person or t.speaker, title=ev.title, date=ev.date, url=ev.url, turn=p.turn)
        blocks.append(
            {
                "turn": p.turn,
                "speaker": t.speaker,
                "person_id": t.person_id,
                "style": style,
                "citation": cite,
                "paragraphs": [{"kind": p.kind, "marked": text}],
            }
        )
    return blocks


class SearchForm:
    """The search page's fields, as the page and its downloads read them from the URL."""

    def __init__(
        self,
        q: Annotated[str, Query(max_length=2000)] = "",
        speaker: Annotated[str | None, Query(max_length=300)] = None,
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        topic: Annotated[str | None, Query(max_length=300)] = None,
        geo: Annotated[str | None, Query(max_length=300)] = None,
        sort: str = "relevance",
        literal: bool = False,
    ) -> None:
        self.q, self.speaker, self.topic, self.geo = q, speaker, topic, geo
        self.date_from, self.date_to, self.sort, self.literal = date_from, date_to, sort, literal

    @property
    def order(self) -> str:
        return self.sort if self.sort in ("relevance", "date") else "relevance"

    def filters(self) -> FilterArgs:
        return {
            "speaker": self.speaker,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "topic": self.topic,
            "geo": self.geo,
        }

    def params(self) -> dict[str, Any]:
        """The URL's parameters (defaults left out), for links that change one of them."""
        return {
            "q": self.q,
            "speaker": self.speaker,
            "from": self.date_from,
            "to": self.date_to,
            "topic": self.topic,
            "geo": self.geo,
            "sort": self.sort if self.sort != "relevance" else None,
            "literal": "1" if self.literal else None,
        }


def mark_spans(text: str, spans: list[tuple[int, int]]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark>``."""
    out, at = Markup(), 0
    for a, b in spans:
        out += Markup("{}<mark>{}</mark>").format(text[at:a], text[a:b])
        at = b
    return out + text[at:]  # Markup escapes what is added to it


FACET_NAMES = MappingProxyType({"speaker": "Speaker", "year": "Year", "topic": "Topic", "geography": "Place"})
_FILTER_LABELS = MappingProxyType(
    {"speaker": "speaker", "from": "from", "to": "to", "topic": "topic", "geo": "place", "month": "period"}
)


def _url(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


def _facet_params(name: str, value: str) -> dict[str, Any]:
    """The filters a facet link sets: a year is a range of dates."""
    if name == "year":
        return {"from": f"{value}-01-01", "to": f"{value}-12-31", "page": None}
    return {{"speaker": "speaker", "topic": "topic", "geography": "geo"}[name]: value, "page": None}


def filter_chips(path: str, params: dict[str, Any], keep: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The filters in force, each with the link that removes it (the query and the
    parameters in ``keep`` are not filters a person clears here)."""
    chips = []
    for key, label in _FILTER_LABELS.items():
        value = params.get(key)
        if value and key not in keep:
            chips.append(
                {"label": label, "value": str(value), "remove": _url(path, params | {key: None, "page": None})}
            )
    return chips


def hit_kind(h: Hit) -> str:
    """What a hit is, in words: whose turn, or which text of the press office."""
    if h.kind == "turn":
        return f"Statement of {h.person or h.speaker}" + (f", {h.role}" if h.role else "")
    return {"narrative": "Press-office text", "caption": "Caption", "title": "Title", "lead": "Lead"}.get(
        h.kind, h.kind
    )


def hit_url(h: Hit, q: str, literal: bool) -> str:
    """The event page at the hit, with the words searched for marked."""
    params = {"q": q, "literal": "1" if literal else None}
    anchor = f"#turn-{h.turn}" if h.turn is not None else ""
    return _url(f"/events/{h.site_id or h.event_id}", params) + anchor


def hit_record(h: Hit) -> dict[str, Any]:
    """A hit as a downloaded row: its fields, the snippet without marks, the citation."""
    d = h.to_dict()
    source = d.pop("source")
    d["snippet"] = d["snippet"].replace("<mark>", "").replace("</mark>", "")
    return d | {f"source_{k}": (Path(v).name if k == "path" and v else v) for k, v in source.items()}


def _csv_text(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return buffer.getvalue()


def _month_name(month: str) -> str:
    """ "2020-05" -> "May"."""
    return calendar.month_abbr[int(month[5:7])] if len(month) == 7 else month
