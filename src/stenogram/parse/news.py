"""News articles: plain text (headline, lead, subheadings, paragraphs) and HTML pages
(main text and metadata by trafilatura), with their quotations.

Offsets of quotations index the article's ``text``: the decoded file for plain text, the
main text trafilatura extracted for HTML (kept in the record, so that offsets can be
checked against it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import FormatError, StenogramError
from ..sources import Failure, Skipped, decode_document, iter_raw
from .dates import parse_news_date
from .quotes import Quote, extract_quotes
from .quotes.segment import heading_like

ARTICLE_CONTRACT = "1.1"
SUBHEADING_MAX_WORDS = 14  # a longer line without a full stop is a paragraph
# The article's own date is a line of its own among its first lines (headline, byline,
# date); further down, a line that is a date is part of the story (a timeline, a list).
DATE_LINE_REACH = 4
_HTML = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


@dataclass(slots=True)
class Article:
    """A news article: metadata, text, structure and quotations."""

    text: str
    path: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    format: str = "news-text"  # news-text | news-html
    blocks: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``stenogram quotes --json`` contract (docs/quotes-contract.md)."""
        return {
            "kind": "article",
            "contract": ARTICLE_CONTRACT,
            "title": self.title,
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "source": {"path": self.path, "format": self.format},
            "text": self.text,
            "blocks": [{"kind": k, "start": a, "end": b} for k, a, b in self.blocks],
            "quotes": [q.to_dict() for q in self.quotes],
        }


def read_article(
    text: str,
    *,
    path: str = "<string>",
    date: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Article:
    """Read an article (plain text or HTML) and extract its quotations. ``date``,
    ``outlet`` and ``url`` override what the article says about itself."""
    if not text.strip():
        raise FormatError("empty article", path=path)
    article = _from_html(text, path) if _HTML.match(text[:4096]) else _from_text(text, path)
    article.date = date or article.date
    article.outlet = outlet or article.outlet
    article.url = url or article.url
    article.quotes = extract_quotes(article.text)
    return article


def iter_articles(
    paths: list[str | os.PathLike[str]],
    *,
    date: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Iterator[Article | Failure | Skipped]:
    """Every article under ``paths`` (files, directories, archives); unreadable ones come
    out as ``Failure`` values and the walk goes on; files of a folder that are never
    articles (README.md, data) as ``Skipped``."""
    for raw in iter_raw(list(paths)):
        if isinstance(raw, Failure | Skipped):
            yield raw
            continue
        try:
            text, _ = decode_document(raw.data, raw.name)
            yield read_article(text, path=raw.name, date=date, outlet=outlet, url=url)
        except StenogramError as exc:
            yield Failure(raw.name, exc.reason)


def _from_text(text: str, path: str) -> Article:
    article = Article(text=text, path=path)
    for i, (kind, a, b) in enumerate(_blocks(text)):
        article.blocks.append((kind, a, b))
        if kind == "headline":
            article.title = text[a:b]
        elif article.date is None and i <= DATE_LINE_REACH:
            article.date = parse_news_date(text[a:b])  # "March 17, 2020" under the headline or the byline
    return article


def _blocks(text: str) -> list[tuple[str, int, int]]:
    """Headline (first line), lead (the paragraph after it), subheadings (short lines
    without closing punctuation) and paragraphs."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            a = pos + line.index(body[0])
            b = a + len(body)
            if not out:
                kind = "headline"
            elif len(out) == 1 and not _is_subheading(body):
                kind = "lead"
            elif _is_subheading(body):
                kind = "subheading"
            else:
                kind = "paragraph"
            out.append((kind, a, b))
        pos += len(line)
    return out


def _is_subheading(line: str) -> bool:
    return heading_like(line, SUBHEADING_MAX_WORDS)


def _from_html(html: str, path: str) -> Article:
    try:
        import trafilatura
    except ImportError as exc:  # the news extra is not installed
        raise FormatError("reading HTML articles needs trafilatura: pip install 'stenogram[news]'", path=path) from exc
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None:
        raise FormatError("no article text found in this HTML page", path=path)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    if not body.strip():
        raise FormatError("no article text found in this HTML page", path=path)
    title = data.get("title")
    text = f"{title}\n{body}" if title and not body.startswith(title) else body
    article = Article(
        text=text,
        path=path,
        format="news-html",
        title=title,
        date=data.get("date"),
        outlet=data.get("sitename") or data.get("hostname"),
        url=data.get("url"),
    )
    article.blocks = _blocks(text)
    return article
