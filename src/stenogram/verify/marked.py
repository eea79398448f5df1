"""A check's evidence as HTML, the changed words marked inside the quotation and the
source: one helper for the HTML report of ``stenogram check --html`` and the web page,
so both show the same evidence. Plain strings of escaped HTML (no web dependency: the
CLI of a plain install uses it)."""

from __future__ import annotations

from html import escape
from typing import Any


def marked_spans(text: str, spans: list[list[int] | tuple[int, int] | None]) -> str:
    """``text`` escaped, each span in ``<mark>`` (overlapping or empty spans ignored)."""
    out, at = [], 0
    for span in sorted(s for s in spans if s):
        a, b = span[0], span[1]
        if a < at or not 0 <= a < b <= len(text):
            continue
        out += [escape(text[at:a]), f"<mark>{escape(text[a:b])}</mark>"]
        at = b
    out.append(escape(text[at:]))
    return "".join(out)


def quote_marked(result: dict[str, Any]) -> str:
    """The quotation with the words that differ from the source marked."""
    return marked_spans(result["quote"], [d["quote_span"] for d in result.get("differences_as_written") or []])


def source_marked(result: dict[str, Any]) -> str:
    """The source passage with the words that differ from the quotation marked."""
    source = result.get("source") or {}
    text = source.get("text") or source.get("note") or ""
    spans = [d["source_span"] for d in result.get("differences_as_written") or []] if source.get("text") else []
    return marked_spans(text, spans)
