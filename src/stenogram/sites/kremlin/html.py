"""Parse an en.kremlin.ru event page (HTML as published) into an ``Event``.

The page is tokenised with a small offset-keeping scanner instead of a DOM: every field,
paragraph and turn must point back at its exact characters in the page, and a DOM parser
does not say where its nodes came from. The site's markup is regular (a generated CMS
page), so a stack of open elements with the classes that matter is enough; unknown or
broken markup degrades to text, never to an exception.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from ...errors import FormatError
from ...model import Event, Source, Span
from ...parse.dates import parse_date, parse_time
from ...parse.html_scan import BLOCK, BOLD, VOID, attr, classes, tokens
from ...parse.labels import MAX_LABEL_CHARS, is_label
from ...parse.textnorm import is_omission, is_separator, squash
from ...parse.turns import Block, assemble

_ARTICLE = re.compile(r"<article\b[^>]*\bread__in\b[^>]*>", re.I)
_ARTICLE_END = re.compile(r"</article\s*>", re.I)
_EVENT_ID = re.compile(r"\bid=[\"']event-(\d+)[\"']")
_OG_URL = re.compile(r"<meta\b[^>]*property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)[\"']", re.I)
_URL_ID = re.compile(r"/(\d+)/?$")
_PAREN_NOTE = re.compile(r"\([^()]*\)")
_PERSON_REF = re.compile(r"/catalog/persons/(\d+)")
_SITE_URL = "http://en.kremlin.ru/events/president/news/{}"

# Hostile pages may open tags without end; deeper elements are read as text containers
# of their parent, and closing tags are matched within this depth only.
MAX_DEPTH = 256


class Zone(StrEnum):
    """The part of the page an element belongs to; its descendants inherit it."""

    OUTSIDE = "outside"
    CATEG = "categ"
    TITLE = "title"
    LEAD = "lead"
    DATE = "date"
    TIME = "time"
    PLACE = "place"
    ANNOUNCEMENT = "announcement"
    BODY = "body"
    HIDDEN = "hidden"
    SLIDER = "slider"
    CAPTION = "caption"
    VIDEO = "video"
    SEE_ALSO = "see_also"
    SEE_ALSO_HEAD = "see_also_head"
    FOOTER = "footer"
    TAGS = "tags"
    TAGS_HEAD = "tags_head"
    STATUS = "status"


# class -> zone. Order matters only for readability; a zone is inherited by descendants.
ZONES = MappingProxyType(
    {
        "read__categ": Zone.CATEG,
        "entry-title": Zone.TITLE,
        "read__lead": Zone.LEAD,
        "read__published": Zone.DATE,
        "read__time": Zone.TIME,
        "read__place": Zone.PLACE,
        "announce_date": Zone.ANNOUNCEMENT,
        "entry-content": Zone.BODY,
        "read__tooltip": Zone.HIDDEN,
        "slider": Zone.SLIDER,
        "media__title": Zone.CAPTION,
        "media__container": Zone.VIDEO,
        "video__description": Zone.CAPTION,
        "read__cut": Zone.SEE_ALSO,
        "cut__title": Zone.SEE_ALSO_HEAD,
        "read__bottommeta": Zone.FOOTER,
        "read__tagscol": Zone.TAGS,
        "read__status": Zone.STATUS,
    }
)
_HEADER_FIELDS = frozenset({Zone.TITLE, Zone.LEAD, Zone.PLACE, Zone.ANNOUNCEMENT, Zone.DATE, Zone.TIME})
# Zones whose text is the site's furniture (accounted for, not content).
FURNITURE = frozenset({Zone.CATEG, Zone.HIDDEN, Zone.VIDEO, Zone.SLIDER})
# Furniture subtrees whose markup need not even be looked at.
SKIPPED = frozenset({Zone.HIDDEN, Zone.VIDEO})


@dataclass(slots=True)
class _Piece:
    text: str  # unescaped, not yet normalised
    start: int
    end: int
    bold: bool


@dataclass(slots=True)
class _Open:
    tag: str
    zone: str
    bold: bool


@dataclass
class _State:
    """What the walk collects; turned into an Event at the end."""

    fields: dict[str, list[_Piece]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    para: list[_Piece] = field(default_factory=list)
    para_kind: str = "para"
    captions: list[Span] = field(default_factory=list)
    see_also: list[_Piece] = field(default_factory=list)
    tags: dict[str, list[Span]] = field(default_factory=dict)
    tag_head: str | None = None
    tag_item: list[_Piece] = field(default_factory=list)
    status: list[_Piece] = field(default_factory=list)
    status_links: list[Span] = field(default_factory=list)
    link: list[_Piece] | None = None
    date_attr: str | None = None
    published_attr: str | None = None
    remainder: list[Span] = field(default_factory=list)
    furniture: list[tuple[int, int]] = field(default_factory=list)
    heading_starts: set[int] = field(default_factory=set)  # "See also" headings
    source_text: str = ""
    tag_ref: str | None = None  # catalog id of the Persons tag being read
    person_refs: dict[str, str] = field(default_factory=dict)


def parse_kremlin_html(text: str, source: Source) -> Event:
    """Parse one page. Raises ``FormatError`` when there is no event article in it."""
    m = _ARTICLE.search(text)
    if not m:
        raise FormatError("HTML page without an en.kremlin.ru event article", path=source.path)
    end_m = _ARTICLE_END.search(text, m.end())
    a, b = m.start(), (end_m.end() if end_m else len(text))
    st = _State(source_text=text)
    _walk(text, a, b, st)
    event = _build_event(text, st, source, a, b)
    return event


def _walk(text: str, a: int, b: int, st: _State) -> None:
    stack: list[_Open] = []
    outside = _Open("", Zone.OUTSIDE, False)
    for tok in tokens(text, a, b):
        s = tok.group()
        tag = tok.group(2)
        parent = stack[-1] if stack else outside
        if tag is None:  # text, a comment or a stray "<"
            if s.startswith("<!--"):
                continue
            if parent.zone in SKIPPED:  # hidden tooltips, video metadata: furniture
                st.furniture.append(tok.span())
                continue
            # A line break in the markup is a space; only <br> breaks a line.
            value = html.unescape(s).replace("\r", " ").replace("\n", " ")
            _on_text(st, parent.zone, _Piece(value, tok.start(), tok.end(), parent.bold), stack)
            continue
        name = tag.lower()
        if tok.group(1):  # closing tag
            _close(st, stack, name)
            continue
        if parent.zone in SKIPPED:
            zone = parent.zone
        else:
            zone = _zone_for(parent.zone, classes(tok.group(3)), name)
            _on_open(st, name, zone, parent.zone, tok)
        if name in VOID or s.endswith("/>") or len(stack) >= MAX_DEPTH:
            continue
        stack.append(_Open(name, zone, parent.bold or name in BOLD))
    _flush_para(st)
    _flush_tag(st)


def _zone_for(parent: str, classes: list[str], name: str) -> str:
    if parent in (Zone.HIDDEN, Zone.VIDEO, Zone.SEE_ALSO_HEAD):
        return parent
    for c in classes:
        z = ZONES.get(c)
        if z:
            return z
    if parent == Zone.TAGS and name in ("h2", "h3", "h4"):
        return Zone.TAGS_HEAD
    return parent


def _on_open(st: _State, name: str, zone: str, parent_zone: str, tok: re.Match[str]) -> None:
    attrs = tok.group(3)
    attrs_at = tok.start(3)
    if zone == Zone.BODY and (name in BLOCK or name == "br"):
        if name == "br" and st.para:
            st.para.append(_Piece("\n", tok.start(), tok.end(), False))
        else:
            _flush_para(st)
    elif zone in (Zone.SEE_ALSO, Zone.CAPTION) and parent_zone == Zone.BODY:
        _flush_para(st)
    if zone == Zone.SLIDER and name == "div":
        desc = attr(attrs, "data-cycle-desc")
        if desc and desc[0].strip():
            start = attrs_at + desc[1]
            caption = squash(html.unescape(desc[0]))
            if caption not in {c.text for c in st.captions}:
                st.captions.append(Span(caption, start, start + len(desc[0])))
    elif zone == Zone.DATE and name == "time":
        dt = attr(attrs, "datetime")
        st.date_attr = dt[0] if dt else None
    elif zone == Zone.STATUS and name == "time":
        dt = attr(attrs, "datetime")
        st.published_attr = dt[0] if dt else None
    elif zone in (Zone.TAGS, Zone.STATUS) and name == "a":
        st.link = []
        if zone == Zone.TAGS:
            ref = _PERSON_REF.search(attrs)
            st.tag_ref = ref.group(1) if ref else None
    elif zone == Zone.TAGS and name == "li":
        _flush_tag(st)  # an unclosed item before this one


def _close(st: _State, stack: list[_Open], name: str) -> None:
    for i in range(len(stack) - 1, max(-1, len(stack) - 1 - MAX_DEPTH), -1):
        if stack[i].tag == name:
            closing = stack[i:]
            del stack[i:]
            break
    else:
        return  # a stray closing tag: ignore
    for el in reversed(closing):
        leaves_box = el.zone in (Zone.SEE_ALSO, Zone.CAPTION) and (not stack or stack[-1].zone == Zone.BODY)
        if (el.zone == Zone.BODY and el.tag in BLOCK) or leaves_box:
            _flush_para(st)
        elif el.zone == Zone.TAGS and el.tag in ("li", "ul", "ol", "div"):
            _flush_tag(st)
        elif el.tag == "a" and st.link is not None:
            if el.zone == Zone.STATUS and st.link:
                st.status_links.append(_join(st.link))
            st.link = None


def _on_text(st: _State, zone: str, piece: _Piece, stack: list[_Open]) -> None:
    if zone == Zone.SEE_ALSO_HEAD:
        st.furniture.append((piece.start, piece.end))
        st.heading_starts.add(piece.start)
        if _in_body(stack):
            if st.para_kind == "para":
                _flush_para(st)
            st.para_kind = "see_also"
            st.para.append(piece)
        return
    if zone in (Zone.BODY, Zone.SEE_ALSO, Zone.CAPTION) and _in_body(stack):
        if zone != Zone.BODY and st.para_kind == "para" and st.para:
            _flush_para(st)
        st.para_kind = "para" if zone == Zone.BODY else zone
        st.para.append(piece)
        return
    if zone in FURNITURE or zone == Zone.OUTSIDE:
        if zone == Zone.OUTSIDE and piece.text.strip():
            st.remainder.append(Span(piece.text, piece.start, piece.end))
        else:
            st.furniture.append((piece.start, piece.end))
        return
    if zone == Zone.CAPTION:  # a media caption outside the body
        st.captions.append(Span(squash(piece.text), piece.start, piece.end))
        return
    if zone == Zone.TAGS_HEAD:
        st.tag_head = squash(piece.text) or st.tag_head
        st.furniture.append((piece.start, piece.end))
        return
    if zone == Zone.TAGS:
        st.tag_item.append(piece)
        return
    if zone == Zone.STATUS:
        st.status.append(piece)
        st.furniture.append((piece.start, piece.end))
        if st.link is not None:
            st.link.append(piece)
        return
    st.fields.setdefault(zone, []).append(piece)


def _in_body(stack: list[_Open]) -> bool:
    return any(el.zone == Zone.BODY for el in stack)


def _join(pieces: list[_Piece]) -> Span:
    return Span(squash("".join(p.text for p in pieces)), pieces[0].start, pieces[-1].end)


def _flush_tag(st: _State) -> None:
    if st.tag_item and squash("".join(p.text for p in st.tag_item)):
        item = _join(_trim(st.tag_item))
        st.tags.setdefault(st.tag_head or "", []).append(item)
        if st.tag_ref and st.tag_head == "Persons":
            st.person_refs[item.text] = st.tag_ref
    st.tag_item, st.tag_ref = [], None


def _trim(pieces: list[_Piece]) -> list[_Piece]:
    """Drop whitespace-only pieces at both ends so spans hug the text."""
    i, j = 0, len(pieces)
    while i < j and not pieces[i].text.strip():
        i += 1
    while j > i and not pieces[j - 1].text.strip():
        j -= 1
    return pieces[i:j]


def _flush_para(st: _State) -> None:
    pieces = _trim(st.para)
    kind = st.para_kind
    st.para, st.para_kind = [], "para"
    if not pieces:
        return
    if kind == "see_also":
        st.see_also.extend(p for p in pieces if p.start not in st.heading_starts)
        lines = "\n".join(t for t in (squash(p.text) for p in pieces) if t)
        st.blocks.append(Block("see_also", lines, pieces[0].start, pieces[-1].end))
        return
    if kind == "caption":
        span = _join(pieces)
        st.captions.append(span)
        st.blocks.append(Block("caption", span.text, span.start, span.end))
        return
    st.blocks.append(_para_block(pieces, st.source_text))


def _para_block(pieces: list[_Piece], source_text: str) -> Block:
    start, end = pieces[0].start, pieces[-1].end
    label = _label(pieces)
    if label is None:
        body = "".join(p.text for p in pieces)
        return Block(_kind_of(squash(body)), _lines(body), start, end)
    text, l_end, rest_at = label
    rest = _rest_text(pieces, rest_at)
    block = Block("para", _lines(rest), start, end, label=text, label_start=start, label_end=l_end)
    block.ref = _person_ref(source_text, start, l_end)
    return block


def _person_ref(source_text: str, start: int, end: int) -> str | None:
    """The site's catalog id of the person linked inside a label, if exactly one is."""
    refs = set(_PERSON_REF.findall(source_text, start, end))
    return refs.pop() if len(refs) == 1 else None


def _kind_of(text: str) -> str:
    if is_separator(text):
        return "separator"
    if is_omission(text):
        return "omission"
    return "para"


def _lines(text: str) -> str:
    return "\n".join(x for x in (squash(line) for line in text.split("\n")) if x)


def _label(pieces: list[_Piece]) -> tuple[str, int, tuple[int, int]] | None:
    """A speaker label opening the paragraph: bold text up to a colon, where the colon may
    sit inside or just after the bold and non-bold text before it is only a note in
    parentheses ("<b>Name</b> (<i>retranslated</i>):"). Returns (label, offset after the
    colon, where speech resumes as (piece index, character index))."""
    if not pieces[0].bold:
        return None
    parts: list[str] = []
    for i, p in enumerate(pieces):
        colon = p.text.find(":")
        head = p.text if colon < 0 else p.text[:colon]
        parts.append(head)
        if colon >= 0:
            label = squash("".join(parts))
            if not label or not _label_shaped(pieces, i, colon, label):
                return None
            return label, p.start + colon + 1, (i, colon + 1)
        if sum(len(x) for x in parts) > MAX_LABEL_CHARS:
            return None
    return None


def _label_shaped(pieces: list[_Piece], i: int, colon: int, label: str) -> bool:
    """Non-bold words before the colon must be a parenthetical note; a colon followed by
    more bold text is a bold notice ("Contact telephone numbers: ..."), unless the words
    before it read as a label anyway."""
    plain = "".join(p.text for p in pieces[:i] if not p.bold)
    if not pieces[i].bold:
        plain += pieces[i].text[:colon]
    if _PAREN_NOTE.sub("", plain).strip(" \n\t\u00a0()"):
        return False
    after = pieces[i].text[colon + 1 :].strip()
    rest_bold = pieces[i].bold if after else next((p.bold for p in pieces[i + 1 :] if p.text.strip()), False)
    return not rest_bold or is_label(label)


def _rest_text(pieces: list[_Piece], at: tuple[int, int]) -> str:
    i, k = at
    return pieces[i].text[k:] + "".join(p.text for p in pieces[i + 1 :])


def _field(st: _State, name: str) -> tuple[str | None, tuple[int, int] | None]:
    pieces = _trim(st.fields.get(name, []))
    if not pieces:
        return None, None
    value = _lines("".join(p.text for p in pieces)).replace("\n", " ")
    return (value or None), (pieces[0].start, pieces[-1].end)


def _build_event(text: str, st: _State, source: Source, a: int, b: int) -> Event:
    ev = Event(source=Source(source.path, "kremlin-html", source.member, source.encoding, a, b))
    m = _EVENT_ID.search(text, a, min(b, a + 2000))
    og = _OG_URL.search(text, 0, a)
    ev.url = og.group(1) if og else None
    if m:
        ev.id = m.group(1)
    elif ev.url and _URL_ID.search(ev.url):
        ev.id = _URL_ID.search(ev.url).group(1)  # type: ignore[union-attr]
    if ev.id and not ev.url:
        ev.url = _SITE_URL.format(ev.id)
    for name in ("title", "lead", "place", "announcement"):
        value, span = _field(st, name)
        setattr(ev, name, value)
        if span:
            ev.spans[name] = span
    _set_date_time(ev, st)
    ev.captions = st.captions
    ev.see_also = [_join([p]) for p in st.see_also if p.text.strip()]
    ev.geography = [s.text for s in st.tags.get("Geography", [])]
    ev.topics = [s.text for s in st.tags.get("Topics", [])]
    ev.persons = [s.text for s in st.tags.get("Persons", [])]
    for head, spans in st.tags.items():
        if head not in ("Geography", "Topics", "Persons"):
            ev.remainder.extend(spans)
        elif spans:
            ev.spans[head.lower()] = (spans[0].start, spans[-1].end)
    ev.sections = [s.text for s in st.status_links if s.text and not _is_status_furniture(s.text)]
    if st.published_attr:
        ev.published = _published(st)
    ev.paragraphs, ev.turns = assemble(st.blocks)
    ev.remainder.extend(st.remainder)
    for name, pieces in st.fields.items():  # text in a zone no field takes (broken pages)
        if name not in _HEADER_FIELDS:
            ev.remainder.extend(Span(p.text, p.start, p.end) for p in pieces if p.text.strip())
    ev.furniture = st.furniture
    ev.person_refs = st.person_refs
    return ev


def _is_status_furniture(text: str) -> bool:
    return text in ("Text version",) or text.startswith("en.kremlin.ru/")


def _published(st: _State) -> str | None:
    stamp = squash("".join(p.text for p in st.status))
    m = re.search(r"Publication date:\s*([A-Z][a-z]+ \d{1,2}, \d{4}(?:, \d{1,2}:\d{2})?)", stamp)
    parsed = parse_date(m.group(1)) if m else None
    if parsed:
        return parsed[0] + (f"T{parsed[1]}" if parsed[1] else "")
    return st.published_attr


def _set_date_time(ev: Event, st: _State) -> None:
    date_text, span = _field(st, "date")
    if span:
        ev.spans["date"] = span
    parsed = parse_date(date_text or "")
    ev.date = st.date_attr or (parsed[0] if parsed else None)
    time_text, tspan = _field(st, "time")
    if tspan:
        ev.spans["time"] = tspan
    ev.time = parse_time(time_text or "")
    if ev.date is None and st.published_attr:  # announcements: the publication date
        published = _published(st)
        if published:
            ev.date, _, t = published.partition("T")
            ev.time = ev.time or t or None
