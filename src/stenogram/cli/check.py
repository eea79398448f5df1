"""``stenogram check`` and ``stenogram embed``: verify quotations against the corpus."""

from __future__ import annotations

import html
import json
import sys
import time
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

import typer

from .. import (
    ENGINES,
    QUALIFIERS,
    SCORE_MEANING,
    VERDICT_MEANINGS,
    CheckResult,
    Claim,
    Failure,
    Skipped,
    article_claims,
    auto_jobs,
    check_batch,
    claim_from_record,
    claim_review,
    iter_articles,
    quote_marked,
    source_marked,
)
from ..corpus import Corpus
from ..errors import InputError
from . import app
from .corpus import DbOption, JsonOption, _open
from .output import err, escape, out, progress_bar, user_errors, write_output

STYLE = MappingProxyType(
    {
        "VERBATIM": "green",
        "CLOSE": "green",
        "TRANSLATION_VARIANT": "cyan",
        "ALTERED": "red",
        "SPLICED": "red",
        "MISATTRIBUTED": "red",
        "NOT_IN_CORPUS": "yellow",
    }
)


@app.command()
def check(
    articles: Annotated[
        list[Path] | None, typer.Argument(help="News articles: every quotation in them is checked.")
    ] = None,
    quote: Annotated[str | None, typer.Option("--quote", help="One quotation to check.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who the quotation is attributed to.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When it was published (YYYY-MM-DD).")] = None,
    quotes_file: Annotated[
        Path | None, typer.Option("--quotes", help="JSON Lines: id, quote, claimed_speaker, article_date, context.")
    ] = None,
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per quotation (the check contract).")
    ] = False,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")
    ] = None,
    lexical: Annotated[bool, typer.Option("--lexical", help="Words only: do not use sentence vectors.")] = False,
    claimreview: Annotated[
        Path | None, typer.Option("--claimreview", help="Also write schema.org ClaimReview JSON-LD (a list) here.")
    ] = None,
    org: Annotated[str, typer.Option("--org", help="ClaimReview author: your organisation.")] = "stenogram user",
    org_url: Annotated[str | None, typer.Option("--org-url", help="Your organisation's URL.")] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Keep the verdicts in the database (for export claimreview and tables).")
    ] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this process) or dask (a Dask cluster; needs the dask extra).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="With --engine dask: the scheduler's address (tcp://HOST:8786).")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=256, help="With --engine dask and no --scheduler: local workers.")
    ] = 2,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
            max=64,
            help="With the local engine: processes sharing the loaded vectors (default: the cores, up to 4, "
            "for batches of more than 32 quotations on Linux; else 1). The output is the same.",
        ),
    ] = None,
) -> None:
    """Find where quotations were said and how faithfully they are quoted."""
    if engine not in ENGINES:
        err.print(f"[red]error:[/] unknown engine {escape(engine)!r}: use one of {', '.join(ENGINES)}")
        raise typer.Exit(2)
    items, failures = _items(articles or [], quote, speaker, date, quotes_file)
    for failure in failures:
        _report_failure(failure, as_json)
    if not items and not failures:
        err.print("[red]error:[/] nothing to check: give --quote TEXT, --quotes FILE or ARTICLE files")
        raise typer.Exit(2)
    results: list[CheckResult] = []
    with user_errors(), _open(db) as corpus:
        with err.status("loading the corpus's sentence vectors and the model…"):
            notice = corpus.prepare_check(semantic=not lexical)
        if notice:
            err.print(f"[yellow]note:[/] {escape(notice)}")
        run = Run(
            engine=engine,
            scheduler=scheduler,
            workers=workers,
            jobs=jobs or auto_jobs(len(items)),
            semantic=not lexical,
        )
        checked = _check_all(corpus, items, failures, as_json=as_json, save=save, run=run)
        results = [r for _, r in checked]
    if html_out:
        write_output(html_out, _html_report(results))
        err.print(f"wrote {html_out}")
    if claimreview:
        reviews = [
            claim_review(r, organisation=org, organisation_url=org_url, article_url=item.url, article_date=item.date)
            for item, r in checked
        ]
        write_output(claimreview, json.dumps(reviews, ensure_ascii=False, indent=1))
        err.print(f"wrote {claimreview}")
    counts: dict[str, int] = {}
    for r in results:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    err.print(
        f"{len(results)} quotations: "
        + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
        + f"; {len(failures)} failed"
    )
    if failures:
        raise typer.Exit(1)


@dataclass(frozen=True, slots=True)
class Run:
    """How a batch is checked: the engine and its settings."""

    engine: str
    scheduler: str | None
    workers: int
    jobs: int
    semantic: bool


def _check_all(
    corpus: Corpus, items: list[Claim], failures: list[Failure], *, as_json: bool, save: bool, run: Run
) -> list[tuple[Claim, CheckResult]]:
    """Check each item, here or on the Dask engine (the same results, in the same order);
    one that is refused (InputError) is a counted failure, and the batch goes on."""
    checked: list[tuple[Claim, CheckResult]] = []
    with progress_bar(sys.stderr.isatty() and len(items) > 1, rate=True) as bar:
        task = bar.add_task("checking", total=len(items))
        outcomes = check_batch(
            corpus.path,
            items,
            corpus=corpus,
            engine=run.engine,
            semantic=run.semantic,
            scheduler=run.scheduler,
            workers=run.workers,
            jobs=run.jobs,
        )
        for outcome in outcomes:
            bar.advance(task)
            item, result = outcome.claim, outcome.result
            if result is None:
                failures.append(Failure(item.id or "--quote", outcome.error or "not checked"))
                _report_failure(failures[-1], as_json)
                continue
            checked.append((item, result))
            if save:
                corpus.save_verdicts([result], article_url=item.url, article_date=item.date)
            if as_json:
                print(json.dumps(result.to_dict(), ensure_ascii=False))
            else:
                _render(result)
    return checked


def _report_failure(failure: Failure, as_json: bool) -> None:
    """One line on stderr and, under --json, an error object in the output stream."""
    err.print(f"[red]error:[/] {escape(failure.path)}: {escape(failure.reason)}")
    if as_json:
        print(json.dumps({"kind": "error", "path": failure.path, "reason": failure.reason}, ensure_ascii=False))


def _items(
    articles: list[Path], quote: str | None, speaker: str | None, date: str | None, quotes_file: Path | None
) -> tuple[list[Claim], list[Failure]]:
    items: list[Claim] = []
    failures: list[Failure] = []
    if quote:
        items.append(Claim(None, quote, claimed_speaker=speaker, date=date))
    if quotes_file:
        items += _read_quotes_file(quotes_file, failures)
    for article in iter_articles(list(articles), date=date):
        if isinstance(article, Skipped):
            err.print(f"[dim]passed over (not an article): {escape(article.path)}[/]")
            continue
        if isinstance(article, Failure):
            failures.append(article)
            continue
        for claim in article_claims(article):
            items.append(replace(claim, claimed_speaker=claim.claimed_speaker or speaker) if speaker else claim)
    return items, failures


def _read_quotes_file(path: Path, failures: list[Failure]) -> list[Claim]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        failures.append(Failure(str(path), f"cannot read: {exc}"))
        return []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(claim_from_record(json.loads(line), str(n)))
        except (ValueError, RecursionError) as exc:  # not JSON (or nested past the parser's depth)
            failures.append(Failure(f"{path}:{n}", f"not a JSON line ({exc})"))
        except InputError as exc:
            failures.append(Failure(f"{path}:{n}", str(exc)))
    return items


def _render(r: CheckResult) -> None:
    style = STYLE.get(r.verdict, "white")
    who = f" — claimed for {r.claimed_speaker}" if r.claimed_speaker else ""
    out.print(f"[bold {style}]{r.verdict}[/] ({r.score:.2f}){escape(who)}  [dim]{escape(r.reason)}[/]")
    for code in r.qualifiers:
        out.print(f"  [yellow]note:[/] {escape(QUALIFIERS.get(code, code))}")
    out.print(f"  quoted: {escape(r.quote)}")
    if r.article_speaker is not None or (r.id and "#" in r.id):
        said_by = (r.source or {}).get("person") or (r.source or {}).get("speaker") or "—"
        in_article = _article_speaker(r) or "according to the article: —"
        out.print(f"  who: {escape(in_article)}; according to the transcript: {escape(said_by)}")
    if r.source:
        s = r.source
        out.print(f"  source: {escape(s['text'] or '(the event, without this passage)')}")
        out.print(
            f"  [dim]{escape(str(s.get('person') or s.get('speaker') or '(no speaker label)'))} · "
            f"{escape(str(s.get('date')))} · {escape(str(s.get('title')))} · {escape(str(s.get('url')))}[/]"
        )
        changes = r.differences_as_written[:8]
        if changes:
            out.print(
                "  differences: "
                + "; ".join(
                    f"[red]{escape(d['quote_text'] or '∅')}[/] → [green]{escape(d['source_text'] or '∅')}[/]"
                    for d in changes
                )
            )
    out.print()


def _article_speaker(r: CheckResult) -> str:
    """Who said it according to the article: the resolved person, and the words it used."""
    if not (r.claimed_speaker or r.article_speaker):
        return ""
    said = r.claimed_speaker or "—"
    if r.article_speaker and r.article_speaker != r.claimed_speaker:
        said += f" ({r.article_speaker})"
    return f"according to the article: {said}"


def _html_report(results: list[CheckResult]) -> str:
    rows = []
    for r in results:
        s = r.source or {}
        record = r.to_dict()
        diffs = "".join(
            f"<li><del>{html.escape(d['quote_text'] or '∅')}</del> → "
            f"<ins>{html.escape(d['source_text'] or '∅')}</ins></li>"
            for d in r.differences_as_written[:20]
        )
        link = f'<a href="{html.escape(str(s.get("url")))}">{html.escape(str(s.get("title")))}</a>' if s else ""
        rows.append(
            f"<tr class='{r.verdict.lower()}'><td><b>{r.verdict}</b><br>{r.score:.2f}<br><small>"
            f"{html.escape(r.reason)}</small></td><td>{quote_marked(record)}<br><small>"
            f"{html.escape(_article_speaker(r))}</small></td>"
            f"<td>{source_marked(record)}{_html_qualifiers(r)}<br><small>"
            f"according to the transcript: {html.escape(str(s.get('person') or s.get('speaker') or '—'))} · "
            f"{html.escape(str(s.get('date', '')))} · "
            f"{link}</small></td><td><ul>{diffs}</ul></td></tr>"
        )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>stenogram check</title>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}td{border:1px solid #ccc;"
        "padding:.5em;vertical-align:top;max-width:40em}.verbatim,.close{background:#efe}.altered,.spliced,"
        ".misattributed{background:#fee}.not_in_corpus{background:#ffd}.translation_variant{background:#eef}"
        "del{color:#a00}ins{color:#070}mark{background:#fd8}</style></head><body><h1>Quotation check</h1>"
        "<table><tr><th>verdict</th>"
        "<th>quoted</th><th>source passage</th><th>differences</th></tr>"
        + "".join(rows)
        + "</table>"
        + _html_legend()
        + "</body></html>"
    )


def _html_qualifiers(r: CheckResult) -> str:
    return "".join(f"<br><strong>note:</strong> {html.escape(QUALIFIERS.get(q, q))}" for q in r.qualifiers)


def _html_legend() -> str:
    """What the verdicts and the score mean, under the table."""
    items = "".join(f"<dt>{v}</dt><dd>{html.escape(meaning)}</dd>" for v, meaning in VERDICT_MEANINGS.items())
    return f"<h2>Legend</h2><dl>{items}</dl><p>{html.escape(SCORE_MEANING)}</p>"


class IndexChoice(StrEnum):
    auto = "auto"
    approximate = "approximate"
    exact = "exact"


@app.command()
def embed(
    db: DbOption = None,
    index: Annotated[
        IndexChoice,
        typer.Option(
            help="auto: an approximate index (faiss, the ann extra) beside the corpus from "
            "200,000 sentences on; approximate: always; exact: none (every vector scored)"
        ),
    ] = IndexChoice.auto,
    as_json: JsonOption = False,
) -> None:
    """Compute sentence vectors of the corpus, for matching independent translations (once),
    and the approximate index that large corpora are searched with."""
    started = time.perf_counter()
    with user_errors(), _open(db) as corpus:
        with progress_bar(sys.stderr.isatty(), rate=True) as bar:
            task = bar.add_task("embedding sentences", total=None)
            err.print("reading the passages without vectors (an interrupted run goes on where it stopped)")
            n = corpus.embed(progress=lambda done, total: bar.update(task, completed=done, total=total))
        seconds = time.perf_counter() - started
        err.print(f"{n:,} sentences embedded in {seconds:.0f} s ({n / seconds if seconds else 0:.0f} sentences/s)")
        wanted = {IndexChoice.auto: None, IndexChoice.approximate: True, IndexChoice.exact: False}[index]
        if wanted is not False:
            err.print("building the approximate index (faiss) if the corpus needs one")
        done = corpus.index_vectors(wanted)
    if done["kind"] == "approximate":
        err.print(
            f"approximate index of {done['rows']:,} sentences ({done['lists']:,} cells, {done['nprobe']} searched "
            f"a query) in {done['seconds']:.0f} s"
        )
    else:
        err.print(f"no approximate index: {done['why']}")
    if as_json:
        print(json.dumps({"embedded": n, "seconds": round(seconds, 2), "index": done}))
