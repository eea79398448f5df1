"""Corpus commands: ingest, search, kwic, show, events, speakers, stats."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .. import Failure, Hit, auto_parse_jobs, event_html, event_markdown
from ..corpus import Corpus, default_db_path
from ..model import Event
from . import app
from .output import count_inputs, err, escape, out, plain, progress_bar, user_errors, write_output

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Corpus database file (default: $STENOGRAM_DB, else ./stenogram.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON Lines, one record per line.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV with a header row.")]
FromOption = Annotated[str | None, typer.Option("--from", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Up to this date, inclusive.")]
SpeakerOption = Annotated[
    list[str] | None, typer.Option("--speaker", help="A person: name, surname or any label they spoke under.")
]
TopicOption = Annotated[list[str] | None, typer.Option("--topic", help="A Topics tag of the event.")]
LiteralOption = Annotated[bool, typer.Option("--literal", help="Search the text as one phrase; no operators.")]


def _open(db: Path | None, *, must_exist: bool = True) -> Corpus:
    path = str(db) if db else default_db_path()
    if must_exist and path != ":memory:" and not Path(path).exists():
        hint = f"create one with: stenogram ingest PATH --db {escape(path)}"
        err.print(f"[red]error:[/] {escape(path)}: no corpus database here; {hint}")
        raise typer.Exit(1)
    return Corpus(path)


def _jsonl(records: list[dict[str, Any]]) -> None:
    for record in records:
        print(json.dumps(record, ensure_ascii=False))


def _machine_output(records: list[dict[str, Any]], as_json: bool, as_csv: bool) -> bool:
    """Print ``records`` as JSON Lines or CSV when asked; False means: render for people."""
    if as_json:
        _jsonl(records)
    elif as_csv:
        _csv(records)
    return as_json or as_csv


def _csv(records: list[dict[str, Any]]) -> None:
    if not records:
        return
    flat = [
        {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v) for k, v in r.items()}
        for r in records
    ]
    writer = csv.DictWriter(sys.stdout, fieldnames=list(flat[0]))
    writer.writeheader()
    writer.writerows(flat)


# ----------------------------------------------------------------------------- ingest
@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, directories or archives to parse and store.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    articles: Annotated[
        bool, typer.Option("--articles", help="The inputs are news articles: store them and their quotations.")
    ] = False,
    date: Annotated[str | None, typer.Option("--date", help="With --articles: their date.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="With --articles: their outlet.")] = None,
    batch_size: Annotated[
        int,
        typer.Option("--batch-size", min=1, help="Documents per transaction (an interruption loses at most one)."),
    ] = 200,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when it is a terminal).")
    ] = sys.stderr.isatty(),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
            max=64,
            help="Processes that parse pages (default: the cores, up to 4, for 64 inputs or more on Linux; "
            "else 1). Speakers are resolved in order: the result is the same.",
        ),
    ] = None,
) -> None:
    """Parse and store transcripts in the corpus database; re-ingesting updates, never duplicates."""
    with user_errors(), _open(db, must_exist=False) as corpus, progress_bar(progress) as bar:
        total = count_inputs(paths)
        task = bar.add_task("ingesting", total=total)

        def advance(item: object) -> None:
            bar.advance(task)
            if articles:  # reported with the summary below
                return
            failures = [item] if isinstance(item, Failure) else getattr(item, "failures", [])
            for failure in failures:
                err.print(f"[red]error:[/] {escape(failure.path)}: {escape(failure.reason)}")

        if articles:
            report = corpus.ingest_articles(list(paths), date=date, outlet=outlet, progress=advance)
            for failure in report.failed:
                err.print(f"[red]error:[/] {escape(failure.path)}: {escape(failure.reason)}")
        else:
            parse_jobs = jobs or auto_parse_jobs(total or 0)
            report = corpus.ingest(list(paths), batch_size=batch_size, progress=advance, jobs=parse_jobs)
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    err.print(
        f"{report.documents} documents, {report.events} {'articles' if articles else 'events'}: "
        f"{report.new} new, {report.updated} updated, "
        f"{report.unchanged} unchanged; {len(report.failed)} failed"
        + (f"; {len(report.skipped)} files passed over (not transcripts)" if report.skipped else "")
        + f" ({report.seconds:.1f} s) -> {corpus.path}"
    )
    if report.failed:
        raise typer.Exit(1)


# ----------------------------------------------------------------------------- search
@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, prefix*, NEAR(a b, 10).')],
    db: DbOption = None,
    speaker: SpeakerOption = None,
    role: Annotated[list[str] | None, typer.Option("--role", help="Words of the role printed with the label.")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    topic: TopicOption = None,
    geo: Annotated[list[str] | None, typer.Option("--geo", help="A Geography tag of the event.")] = None,
    person: Annotated[list[str] | None, typer.Option("--person", help="A Persons tag of the event.")] = None,
    event: Annotated[list[str] | None, typer.Option("--event", help="Only this event (site id or URL).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10000, help="Hits to show.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many hits first.")] = 0,
    sort: Annotated[str, typer.Option("--sort", help="relevance or date (newest first).")] = "relevance",
    literal_text: LiteralOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Full-text search over turns, titles and leads, with filters. Query language: docs/query-language.md."""
    with user_errors(), _open(db) as corpus:
        hits = corpus.search(
            query,
            speaker=speaker,
            role=role,
            date_from=date_from,
            date_to=date_to,
            topic=topic,
            geo=geo,
            person=person,
            event=event,
            limit=limit,
            offset=offset,
            sort=sort,
            literal_text=literal_text,
        )
    if not _machine_output([h.to_dict() for h in hits], as_json, as_csv):
        _hits_table(hits)
    err.print(f"{len(hits)} hits" + (" (more with --offset)" if len(hits) == limit else ""))


def _hits_table(hits: list[Hit]) -> None:
    table = Table(show_lines=True)
    for col in ("date", "speaker", "passage", "event"):
        table.add_column(col, overflow="fold")
    for h in hits:
        snippet = escape(h.snippet).replace("&lt;mark&gt;", "[bold yellow]").replace("&lt;/mark&gt;", "[/]")
        snippet = snippet.replace("<mark>", "[bold yellow]").replace("</mark>", "[/]")
        who = h.person or h.speaker or f"({h.kind})"
        where = f"{escape(h.title or '')}\n[dim]{escape(h.url or h.path)} @{h.start}-{h.end}[/]"
        table.add_row(h.date or "", escape(who), snippet, where)
    out.print(table)


# ----------------------------------------------------------------------------- kwic
@app.command()
def kwic(
    term: Annotated[str, typer.Argument(help="A word, phrase or any query.")],
    db: DbOption = None,
    width: Annotated[int, typer.Option("--width", min=5, max=500, help="Characters of context each side.")] = 40,
    sort: Annotated[str, typer.Option("--sort", help="right (after the match), left (before it) or date.")] = "right",
    limit: Annotated[int, typer.Option("--limit", min=1, help="Lines to show.")] = 200,
    speaker: SpeakerOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    topic: TopicOption = None,
    literal_text: LiteralOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Keyword in context: every occurrence, aligned on the match."""
    if sort not in ("left", "right", "date"):
        err.print(f"[red]error:[/] unknown sort {escape(sort)!r}: use left, right or date")
        raise typer.Exit(2)
    with user_errors(), _open(db) as corpus:
        lines = corpus.kwic(
            term,
            width=width,
            sort=sort,
            limit=limit,
            speaker=speaker,
            date_from=date_from,
            date_to=date_to,
            topic=topic,
            literal_text=literal_text,
        )
    if not _machine_output([k.to_dict() for k in lines], as_json, as_csv):
        for k in lines:
            who = escape((k.person or k.speaker or "")[:18])
            out.print(
                f"[dim]{k.date or '':10}[/] {who:18} {escape(k.left):>{width}} [bold yellow]{escape(k.match)}[/] "
                f"{escape(k.right)}"
            )
    err.print(f"{len(lines)} lines")


# ----------------------------------------------------------------------------- show
SPEAKER_STYLES = ("cyan", "green", "magenta", "yellow", "blue", "red")


@app.command()
def show(
    event: Annotated[str, typer.Argument(help="Site id, URL, event key or database id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the transcript as Markdown.")] = False,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML page here.")] = None,
) -> None:
    """An event's transcript with its speakers told apart (or as Markdown, HTML, JSON)."""
    with user_errors(), _open(db) as corpus:
        ev = corpus.event(event)
    if ev is None:
        err.print(f"[red]error:[/] no event {escape(event)!r} in the corpus; find ids with: stenogram search TEXT")
        raise typer.Exit(1)
    if html_out:
        write_output(html_out, event_html(ev))
        err.print(f"wrote {html_out}")
    if as_json:
        print(json.dumps(ev.to_dict(), ensure_ascii=False))
    elif markdown:
        print(plain(event_markdown(ev)))
    elif not html_out:
        _render_transcript(ev)


def _render_transcript(ev: Event) -> None:
    out.print(f"[bold]{escape(ev.title or '')}[/]")
    meta = " · ".join(x for x in (ev.date, ev.time, ev.place, ev.url) if x)
    out.print(f"[dim]{escape(meta)}[/]")
    if ev.lead:
        out.print(f"[italic]{escape(ev.lead)}[/]")
    tags = [("Topics", ev.topics), ("Geography", ev.geography), ("Persons", ev.persons)]
    for name, values in tags:
        if values:
            out.print(f"[dim]{name}: {escape(', '.join(values))}[/]")
    styles: dict[str, str] = {}
    shown: set[int] = set()
    for p in ev.paragraphs:
        out.print()
        if p.turn is None:
            style = "dim italic" if p.kind in ("caption", "see_also", "separator") else ""
            out.print(f"[{style}]{escape(p.text)}[/]" if style else escape(p.text))
            continue
        if p.turn in shown:
            out.print(escape(p.text) if p.kind != "omission" else f"[dim]{escape(p.text)}[/]")
            continue
        shown.add(p.turn)
        turn = ev.turns[p.turn]
        key = turn.person_id or turn.speaker
        style = styles.setdefault(key, SPEAKER_STYLES[len(styles) % len(SPEAKER_STYLES)])
        out.print(f"[bold {style}]{escape(turn.speaker)}:[/] {escape(p.text)}")


# ----------------------------------------------------------------------------- statistics
@app.command()
def speakers(
    db: DbOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    topic: TopicOption = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show the top N.")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Per person: events, turns, words, first and last appearance, roles seen."""
    with user_errors(), _open(db) as corpus:
        rows = corpus.speakers(date_from=date_from, date_to=date_to, topic=topic, limit=limit)
    if _machine_output([r.to_dict() for r in rows], as_json, as_csv):
        return
    table = Table()
    for col in ("person", "events", "turns", "words", "first", "last", "roles"):
        table.add_column(col, justify="right" if col in ("events", "turns", "words") else "left", overflow="fold")
    for r in rows:
        roles = "; ".join(
            f"{p.role} ({p.first[:4] if p.first else '?'}–{p.last[:4] if p.last else '?'})" for p in r.role_periods
        )
        table.add_row(
            escape(r.person), str(r.events), str(r.turns), str(r.words), r.first or "", r.last or "", escape(roles)
        )
    out.print(table)


@app.command()
def events(
    db: DbOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    speaker: SpeakerOption = None,
    topic: TopicOption = None,
    geo: Annotated[list[str] | None, typer.Option("--geo", help="A place of the event.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100_000, help="At most N events.")] = 100,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip the first N.")] = 0,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Events by date, oldest first: browse a period (--from 2020-05 --to 2020-05)."""
    with user_errors(), _open(db) as corpus:
        total, rows = corpus.events(
            date_from=date_from, date_to=date_to, speaker=speaker, topic=topic, geo=geo, limit=limit, offset=offset
        )
    if _machine_output([dict(r) for r in rows], as_json, as_csv):
        return
    table = Table(caption=f"{len(rows)} of {total:,} events")
    for col in ("date", "time", "event", "title", "place", "turns", "speakers"):
        table.add_column(col, justify="right" if col in ("turns", "speakers") else "left", overflow="fold")
    for r in rows:
        table.add_row(
            r["date"] or "",
            r["time"] or "",
            escape(str(r["event"])),
            escape(r["title"] or ""),
            escape(r["place"] or ""),
            str(r["turns"]),
            str(r["speakers"]),
        )
    out.print(table)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Corpus totals and counts per year."""
    with user_errors(), _open(db) as corpus:
        s = corpus.stats()
    if as_json:
        print(json.dumps(s.to_dict(), ensure_ascii=False))
        return
    out.print(
        f"{s.documents} documents, {s.events} events, {s.turns} turns, {s.words} words, {s.persons} persons; "
        f"{s.first or '-'} to {s.last or '-'}"
    )
    table = Table()
    for col in ("year", "events", "turns", "words"):
        table.add_column(col, justify="right")
    for y in s.years:
        table.add_row(y.year, str(y.events), str(y.turns), str(y.words))
    out.print(table)
