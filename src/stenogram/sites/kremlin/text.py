"""Parse Kremlin events copied as plain text (the layout of a browser copy of the page).

One file may hold many events back to back, each from an "Events" line to a "Text
version" line (glued as "Text versionEvents" when copied in a row). Inside an event:
title, lead, date (or "Announcement, ..."), time, place, a slider "N of M" with its
caption, body lines, an optional "See also" box, the Geography/Topics/Persons lists and
the publication status. Inline links leave line breaks ("Nikol Pashinyan\\n, President
of Belarus ..."): derived text joins them back; offsets keep the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...model import Event, Source, Span
from ...parse.dates import parse_date, parse_time
from ...parse.labels import find_label
from ...parse.lossless import Coverage
from ...parse.textnorm import is_omission, is_separator, squash
from ...parse.turns import Block, assemble

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_EVENT_START = re.compile(r"^\ufeff?(?P<tv>Text version)?Events[ \t]*$")
_SLIDE = re.compile(r"^\d{1,3} of \d{1,3}$")
_ANNOUNCE = re.compile(r"^Announcement,\s")
_SECTIONS = re.compile(r"^Published in sections?:\s*(?P<list>.*)$")
_PUBLISHED = re.compile(r"^Publication date:\s*(?P<date>.+)$")
_NOTE_COLON = re.compile(r"^\([^()]*\)\s*:")
_TERMINAL = tuple(".!?:;,…\"”»)]'’")
TAG_HEADS = ("Geography", "Topics", "Persons")
MAX_PLACE_WORDS = 12
PLACE_CONNECTORS = frozenset(
    {
        "of",
        "the",
        "and",
        "de",
        "di",
        "da",
        "du",
        "la",
        "le",
        "on",
        "upon",
        "am",
        "an",
        "im",
        "sur",
        "en",
        "del",
        "der",
        "-",
        "–",
    }
)
_PLACE_END = tuple(".!?:;,…")


@dataclass(slots=True)
class Line:
    text: str  # without the line break
    start: int
    end: int  # end of the text (line break excluded)


def split_lines(text: str, base: int = 0) -> list[Line]:
    out = []
    for m in _LINE.finditer(text):
        raw = m.group(0)
        if not raw:
            break
        body = raw.rstrip("\r\n")
        out.append(Line(body, base + m.start(), base + m.start() + len(body)))
    return out


def parse_kremlin_text(text: str, source: Source) -> Iterator[Event]:
    """Yield one ``Event`` per "Events" … "Text version" block of ``text``."""
    lines = split_lines(text)
    starts = [i for i, ln in enumerate(lines) if _EVENT_START.match(ln.text)]
    for k, i in enumerate(starts):
        j = starts[k + 1] if k + 1 < len(starts) else len(lines)
        block = lines[i:j]
        first = block[0]
        if first.text.startswith("Text version"):  # the previous event's end marker
            cut = first.start + len("Text version")
            block = [Line(first.text[len("Text version") :], cut, first.end), *block[1:]]
        if j < len(lines) and lines[j].text.startswith("Text version"):
            nxt = lines[j]
            block.append(Line("Text version", nxt.start, nxt.start + len("Text version")))
        ev = _parse_event(block, source)
        if k == 0 and (i > 0 or lines[i].text.startswith("Text version")):
            # Text before the first event (even the end marker of a missing one) is kept.
            before = [Span(ln.text, ln.start, ln.end) for ln in lines[:i] if ln.text.strip()]
            if lines[i].text.startswith("Text version"):
                before.append(Span("Text version", lines[i].start, lines[i].start + len("Text version")))
            ev.remainder[:0] = before
            ev.source.start = 0
        yield ev


def _parse_event(lines: list[Line], source: Source) -> Event:
    first, last = lines[0], lines[-1]
    ev = Event(source=Source(source.path, "kremlin-text", source.member, source.encoding, first.start, last.end))
    ev.furniture.append((first.start, first.end))  # "Events"
    lines = [ln for ln in lines[1:] if ln.text.strip()]
    body_end = _parse_footer(lines, ev)
    body_start = _parse_header(lines[:body_end], ev)
    _parse_body(lines[body_start:body_end], ev)
    ev.remainder.extend(_unaccounted(lines, ev))
    return ev


def _unaccounted(lines: list[Line], ev: Event) -> list[Span]:
    """Lines that no field, paragraph or piece of furniture took: the remainder."""
    coverage = Coverage(ev)
    return [Span(ln.text, ln.start, ln.end) for ln in lines if not coverage.covers(ln.start, ln.text)]


# ----------------------------------------------------------------------------- header
def _set(ev: Event, name: str, lines: list[Line]) -> None:
    setattr(ev, name, _joined(lines))
    ev.spans[name] = (lines[0].start, lines[-1].end)


def _parse_header(lines: list[Line], ev: Event) -> int:
    """Fill title … place and captions; return the index where the body starts."""
    if not lines:
        return 0
    _set(ev, "title", lines[:1])
    k = _find_dateline(lines)
    if k is None:
        return 1
    if k > 1:
        _set(ev, "lead", lines[1:k])
    i = k + 1
    dl = lines[k]
    if _ANNOUNCE.match(squash(dl.text)):
        ev.announcement = squash(dl.text)
        ev.spans["announcement"] = (dl.start, dl.end)
        if ev.published:
            ev.date, _, t = ev.published.partition("T")
            ev.time = t or None
    else:
        parsed = parse_date(squash(dl.text))
        ev.date = parsed[0] if parsed else None
        ev.spans["date"] = (dl.start, dl.end)
        if i < len(lines) and parse_time(lines[i].text):
            ev.time = parse_time(lines[i].text)
            ev.spans["time"] = (lines[i].start, lines[i].end)
            i += 1
        if i < len(lines) and _looks_like_place(lines, i):
            _set(ev, "place", lines[i : i + 1])
            i += 1
    return i


def _find_dateline(lines: list[Line]) -> int | None:
    """The line with the event date (or the announcement), within the first lines."""
    for k in range(1, min(len(lines), 12)):
        t = squash(lines[k].text)
        if parse_date(t) or _ANNOUNCE.match(t):
            return k
    return None


def _looks_like_place(lines: list[Line], i: int) -> bool:
    """A place reads like a name: short, every word capitalised but the connectors
    ("Sups, Republic of Adygeya", "10 Downing Street, London"), no closing punctuation."""
    t = squash(lines[i].text)
    if not t or _SLIDE.match(t) or t.endswith(_PLACE_END) or ":" in t or t == "See also":
        return False
    words = t.split()
    if len(words) > MAX_PLACE_WORDS or not all(_place_word(w) for w in words):
        return False
    nxt = lines[i + 1].text.lstrip() if i + 1 < len(lines) else ""
    return not _continues(nxt)  # "Taking part were Nikol Pashinyan\n, President ..." is prose


def _place_word(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or word[0] in '(«"' or word in PLACE_CONNECTORS


# ----------------------------------------------------------------------------- footer
def _parse_footer(lines: list[Line], ev: Event) -> int:
    """Read the footer backwards (status, tag lists, "See also"); return where it starts."""
    end = len(lines)
    if end and lines[end - 1].text.strip() == "Text version":
        end -= 1
        ev.furniture.append((lines[end].start, lines[end].end))
    status_at = None
    for k in range(end - 1, max(-1, end - 6), -1):
        t = squash(lines[k].text)
        if m := _PUBLISHED.match(t):
            ev.furniture.append((lines[k].start, lines[k].end))
            parsed = parse_date(m["date"])
            if parsed:
                ev.published = parsed[0] + (f"T{parsed[1]}" if parsed[1] else "")
        elif m := _SECTIONS.match(t):
            ev.sections = [s.strip() for s in m["list"].split(",") if s.strip()]
            ev.spans["sections"] = (lines[k].start, lines[k].end)
        elif t == "Publication status":
            ev.furniture.append((lines[k].start, lines[k].end))
            status_at = k
    if status_at is None:
        return end
    end = status_at
    for head in reversed(TAG_HEADS):
        end = _tag_list(lines, end, head, ev)
    return end


def _tag_list(lines: list[Line], end: int, head: str, ev: Event) -> int:
    """If a ``head`` list ends at ``end``, record its items and return its start."""
    for k in range(end - 1, max(-1, end - 400), -1):
        t = squash(lines[k].text)
        if t == head:
            items = lines[k + 1 : end]
            if not items:
                return end
            setattr(ev, head.lower(), [squash(x.text) for x in items])
            ev.spans[head.lower()] = (items[0].start, items[-1].end)
            ev.furniture.append((lines[k].start, lines[k].end))
            return k
        if t in TAG_HEADS or t == "Publication status" or len(t.split()) > 12 or t.endswith("."):
            return end
    return end


# ----------------------------------------------------------------------------- body
def _continues(text: str) -> bool:
    """A line that an inline link broke off: it goes on the previous line. A lowercase
    line that opens with a label ("chairman of Vnesheconombank (VEB) Vladimir Dmitriev:")
    starts a turn instead."""
    if not text:
        return False
    if text[0] in ",.;:)]’'”»!?" or _NOTE_COLON.match(text):
        return True
    return text[0].islower() and find_label(text) is None


def _logical_lines(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for ln in lines:
        if groups and _continues(ln.text.lstrip()) and not _standalone(groups[-1]):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _standalone(group: list[Line]) -> bool:
    t = squash(group[-1].text)
    return is_separator(t) or is_omission(t) or bool(_SLIDE.match(t))


def _joined(lines: list[Line]) -> str:
    parts: list[str] = []
    for ln in lines:
        t = squash(ln.text)
        if t:
            if parts and t[0] not in ",.;:)]’'”»!?":
                parts.append(" ")
            parts.append(t)
    return "".join(parts)


def _parse_body(lines: list[Line], ev: Event) -> None:
    groups = _logical_lines(lines)
    blocks: list[Block] = []
    known: set[str] = set()
    k = 0
    while k < len(groups):
        g = groups[k]
        text = _joined(g)
        start, end = g[0].start, g[-1].end
        if _SLIDE.match(text) and k + 1 < len(groups):
            cap = groups[k + 1]
            span = Span(_joined(cap), cap[0].start, cap[-1].end)
            ev.captions.append(span)
            blocks.append(Block("caption", span.text, start, span.end))
            k += 2
            continue
        if text == "See also":
            k = _see_also(groups, k, ev, blocks)
            continue
        if is_separator(text):
            blocks.append(Block("separator", text, start, end))
        elif is_omission(text):
            blocks.append(Block("omission", text, start, end))
        else:
            blocks.append(_speech_block(text, g, blocks, known))
        k += 1
    ev.paragraphs, ev.turns = assemble(blocks)


def _see_also(groups: list[list[Line]], k: int, ev: Event, blocks: list[Block]) -> int:
    """A "See also" box: pairs of (title, date) lines. Returns the index after it."""
    j = k + 1
    while j + 1 < len(groups) and parse_date(_joined(groups[j + 1])):
        for g in (groups[j], groups[j + 1]):
            ev.see_also.append(Span(_joined(g), g[0].start, g[-1].end))
        j += 2
    if j == k + 1:  # no items: it was just a line reading "See also"
        g = groups[k]
        blocks.append(Block("para", _joined(g), g[0].start, g[-1].end))
        return k + 1
    last = groups[j - 1]
    text = "\n".join(["See also", *(_joined(g) for g in groups[k + 1 : j])])
    blocks.append(Block("see_also", text, groups[k][0].start, last[-1].end))
    return j


def _speech_block(text: str, g: list[Line], blocks: list[Block], known: set[str]) -> Block:
    start, end = g[0].start, g[-1].end
    colon = find_label(text, known)
    rest = text[colon + 1 :].strip() if colon is not None else ""
    if colon is None or rest[:1].islower():  # "Question: at what expense?" is prose
        return Block("para", text, start, end)
    label = text[:colon].strip()
    known.add(label)
    label_end = _offset_after_colon(g, colon)
    return Block("para", rest, start, end, label=label, label_start=start, label_end=label_end)


def _offset_after_colon(g: list[Line], colon: int) -> int:
    """Map the colon's index in the joined text back to an offset in the source."""
    seen = 0
    for ln in g:
        t = squash(ln.text)
        if seen and t and t[0] not in ",.;:)]’'”»!?":
            seen += 1
        if colon < seen + len(t):
            lead = len(ln.text) - len(ln.text.lstrip())
            return ln.start + lead + _raw_index(ln.text.lstrip(), colon - seen) + 1
        seen += len(t)
    return g[-1].end


def _raw_index(raw: str, squashed_index: int) -> int:
    """Index in ``raw`` of the character at ``squashed_index`` of ``squash(raw)``."""
    count = 0
    in_space = False
    for idx, ch in enumerate(raw):
        if ch.isspace():
            if not in_space:
                in_space = True
                if count == squashed_index:
                    return idx
                count += 1
            continue
        in_space = False
        if count == squashed_index:
            return idx
        count += 1
    return len(raw) - 1
