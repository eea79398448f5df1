"""An event as a Markdown or a self-contained HTML document, for reading and sharing."""

from __future__ import annotations

from html import escape

from ..model import Event


def _groups(ev: Event) -> list[tuple[int | None, list[str]]]:
    """(turn index or None, paragraph texts) in page order."""
    out: list[tuple[int | None, list[str]]] = []
    for p in ev.paragraphs:
        if p.turn is not None and out and out[-1][0] == p.turn:
            out[-1][1].append(p.text)
        else:
            out.append((p.turn, [p.text]))
    return out


def event_markdown(ev: Event) -> str:
    lines = [f"# {ev.title or '(untitled)'}", ""]
    meta = " · ".join(x for x in (ev.date, ev.time, ev.place) if x)
    if meta:
        lines += [f"*{meta}*", ""]
    if ev.lead:
        lines += [ev.lead, ""]
    for name, values in (("Topics", ev.topics), ("Geography", ev.geography), ("Persons", ev.persons)):
        if values:
            lines += [f"**{name}:** {', '.join(values)}", ""]
    for turn, texts in _groups(ev):
        if turn is None:
            lines += [f"_{t}_" for t in texts] + [""]
            continue
        speaker = ev.turns[turn].speaker
        lines += [f"**{speaker}:** {texts[0]}", *texts[1:], ""]
    if ev.url:
        lines += [f"Source: <{ev.url}> (CC BY 4.0)", ""]
    return "\n".join(lines)


def event_html(ev: Event) -> str:
    body = [f"<h1>{escape(ev.title or '(untitled)')}</h1>"]
    meta = " · ".join(x for x in (ev.date, ev.time, ev.place) if x)
    body.append(f"<p class='meta'>{escape(meta)}</p>")
    if ev.lead:
        body.append(f"<p><em>{escape(ev.lead)}</em></p>")
    for turn, texts in _groups(ev):
        if turn is None:
            body += [f"<p class='narrative'>{escape(t)}</p>" for t in texts]
            continue
        paras = "".join(f"<p>{escape(t)}</p>" for t in texts)
        body.append(f"<div class='turn' id='turn-{turn}'><b>{escape(ev.turns[turn].speaker)}:</b>{paras}</div>")
    if ev.url:
        body.append(f"<p class='meta'>Source: <a href='{escape(ev.url)}'>{escape(ev.url)}</a> (CC BY 4.0)</p>")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{escape(ev.title or 'event')}</title><style>body{{font:16px/1.5 serif;max-width:44em;margin:2em auto}}"
        ".meta{color:#666}.narrative{font-style:italic;color:#444}.turn{margin:1em 0}</style></head><body>"
        + "".join(body)
        + "</body></html>"
    )
