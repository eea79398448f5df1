"""TEI following the ParlaMint encoding: one component file per event, a shared person
list, taxonomies, and a ``teiCorpus`` root that XIncludes them all (docs/tei.md).

Streams: each event is built, written and dropped; only the names of the files written,
the persons met and the topics met are kept for the root, the person list and the
taxonomy, all written at the end.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lxml import etree

from .. import sites
from .._version import __version__
from ..corpus import Corpus
from ..model import Event, Turn, count_words
from ..parse.persons import NAME_PARTICLES
from ..search.filters import Filters
from ..search.results import SpeakerStats
from .tables import iter_events

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_NS = "http://www.w3.org/XML/1998/namespace"
LICENCE = "http://creativecommons.org/licenses/by/4.0/"
# The header of a corpus whose events come from several sites (or from none registered).
MIXED = sites.TeiMetadata(
    corpus_id="stenogram",
    title="Transcripts of official events (stenogram export)",
    publisher="the sites named in each event's header",
    home_url="https://github.com/stenogram/stenogram",
    listing_url="https://github.com/stenogram/stenogram",
    listing_title="Official transcripts",
    licence="Each event's licence is given in its own header.",
    country="-",
    event_type=("event", "Event", "an official event"),
)
SPEAKER_TYPES = (
    ("chair", "Chair", "the person who opens and conducts the event: the first named speaker"),
    ("regular", "Regular", "a named speaker who is not the chair"),
    ("guest", "Guest", "a speaker the transcript does not name: a journalist, a question from the audience"),
)
SUBCORPORA = (("reference", "Reference", "transcripts as published by the source"),)
TAXONOMY_TITLES = MappingProxyType(
    {"speaker_types": "Speaker types", "subcorpus": "Subcorpora", "event_types": "Types of event"}
)
_OMISSION = re.compile(r"<…>|<\.\.\.>")
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HEAD_WORDS = re.compile(
    r"\b(president|prime minister|premier|chairman|chairwoman|chair|head|governor|mayor|director|chief|"
    r"king|queen|emir|sultan|chancellor|secretary-general|secretary general|speaker|ceo|rector|patriarch)\b",
    re.IGNORECASE,
)


def clean(text: str) -> str:
    """Text as XML can carry it: characters XML 1.0 forbids are dropped."""
    return _NOT_XML.sub("", text)


def normal(text: str) -> str:
    """ParlaMint's "normalized-space" strings: single spaces, no ends, never empty."""
    return " ".join(clean(text).split()) or "-"


def ncname(text: str, prefix: str = "") -> str:
    """An xml:id made of ``text``: letters, digits, '.', '-', '_'; never starting with a digit."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-.") or "x"
    slug = prefix + slug
    return slug if slug[0].isalpha() or slug[0] == "_" else "x" + slug


def tei_of(ev: Event) -> sites.TeiMetadata:
    """The TEI metadata of the site the event comes from."""
    site = sites.site_of_format(ev.source.format)
    return site.tei if site else MIXED


def _uri(url: str | None, meta: sites.TeiMetadata) -> str:
    """The page's URL when it is one ParlaMint accepts (http(s), no spaces), else the site's."""
    return url if url and re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url) else meta.home_url


def person_xml_id(person_id: str) -> str:
    return ncname(person_id)


def topic_xml_id(topic: str) -> str:
    return ncname(topic.lower(), "topic.")


def affiliation_role(role: str) -> str:
    """The ParlaMint affiliation role (a fixed list) that the printed title comes closest to."""
    # The title itself comes before a separate "of", "to", "for", "at" or "in": "Aide to the
    # President" (but "Editor-in-Chief", "Civil Defence, Emergencies ... Minister" stay whole).
    low = re.split(r"\s(?:of|to|for|at|in)\s", role.lower(), maxsplit=1)[0]
    if re.search(r"\b(deputy|vice|first deputy)\b", low):
        return "deputyHead"
    if "minister" in low and not re.search(r"\bprime minister\b", low):
        return "minister"
    if _HEAD_WORDS.search(low):
        return "head"
    return "member"


# ---------------------------------------------------------------------------- building
def _el(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    node = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attrs.items():
        name = f"{{{XML_NS}}}{key[4:]}" if key.startswith("xml_") else key
        node.set(name, value)
    if text is not None:
        node.text = text
    return node


def _speaker_types(ev: Event) -> list[str]:
    """chair / regular / guest for each turn (see SPEAKER_TYPES)."""
    chair = next((t.person_id for t in ev.turns if t.person_id), None)
    out = []
    for t in ev.turns:
        if not t.person_id:
            out.append("guest")
        elif t.person_id == chair:
            out.append("chair")
        else:
            out.append("regular")
    return out


def _seg_content(seg: Any, text: str) -> None:
    """Text with each "<…>" omission mark as a ``gap``."""
    pieces = _OMISSION.split(clean(text))
    seg.text = pieces[0]
    for piece in pieces[1:]:
        gap = _el(seg, "gap", reason="editorial")
        _el(gap, "desc", "omission in the published transcript")
        gap.tail = piece


def _is_stage_direction(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("(") and stripped.endswith(")") and stripped.count("(") == 1


def _note(parent: Any, kind: str, text: str) -> None:
    _el(parent, "note", normal(text), type=kind)


@dataclass(slots=True)
class _Stats:
    """What the root needs from the events written: files, persons, topics, counts."""

    files: list[str] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    topics: dict[str, str] = field(default_factory=dict)  # topic -> xml:id
    metas: dict[str, sites.TeiMetadata] = field(default_factory=dict)  # corpus id -> its site metadata
    speeches: int = 0
    words: int = 0
    first: str | None = None
    last: str | None = None


def event_tei(ev: Event, doc_id: str, topics: dict[str, str], today: str) -> Any:
    """One event as a ParlaMint component file (an lxml element tree)."""
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}id", doc_id)
    root.set(f"{{{XML_NS}}}lang", "en")
    meta = tei_of(ev)
    root.set("ana", f"#{meta.event_type[0]} #reference")
    header = _el(root, "teiHeader")
    body_el = _body(ev, root, topics)
    _header(header, ev, body_el, today, meta)
    return root


def _header(header: Any, ev: Event, body: Any, today: str, meta: sites.TeiMetadata) -> None:
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", normal(ev.title or "Untitled event"), type="main", xml_lang="en")
    if ev.lead:
        _el(title_stmt, "title", normal(ev.lead), type="sub", xml_lang="en")
    _el(title_stmt, "meeting", normal(ev.id or ev.date or "event"), ana=f"#{meta.event_type[0]}")
    _el(_el(file_desc, "editionStmt"), "edition", __version__)
    extent = _el(file_desc, "extent")
    speeches = len(ev.turns)
    words = sum(count_words(t.text) for t in ev.turns)
    _el(extent, "measure", f"{speeches} speeches", unit="speeches", quantity=str(speeches), xml_lang="en")
    _el(extent, "measure", f"{words} words", unit="words", quantity=str(words), xml_lang="en")
    pub = _el(file_desc, "publicationStmt")
    _el(pub, "publisher", "stenogram export")
    _el(pub, "idno", _uri(ev.url, meta), type="URI")
    availability = _el(pub, "availability", status="free")
    _el(availability, "licence", LICENCE)
    _el(availability, "p", meta.licence)
    _el(pub, "date", today, when=today)
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl")
    _el(bibl, "title", normal(ev.title or "Untitled event"), type="main", xml_lang="en")
    _el(bibl, "publisher", meta.publisher)
    _el(bibl, "idno", _uri(ev.url, meta), type="URI")
    if ev.date:
        _el(bibl, "date", ev.date, when=ev.date)
    encoding = _el(header, "encodingDesc")
    _el(
        _el(encoding, "projectDesc"),
        "p",
        f"Converted by stenogram {__version__} from the page as published; see the stenogram documentation, "
        "docs/tei.md, for how the page maps onto the ParlaMint encoding.",
    )
    namespace = _el(_el(encoding, "tagsDecl"), "namespace", name=TEI_NS)
    counts: dict[str, int] = {}
    for node in body.iter():
        if isinstance(node.tag, str):
            gi = node.tag.rsplit("}", 1)[-1]
            counts[gi] = counts.get(gi, 0) + 1
    for gi in sorted(counts):
        _el(namespace, "tagUsage", gi=gi, occurs=str(counts[gi]))
    setting = _el(_el(_el(header, "profileDesc"), "settingDesc"), "setting")
    if ev.place:
        _el(setting, "name", normal(ev.place), type="place")
    for geo in ev.geography:
        _el(setting, "name", normal(geo), type="geography")
    if not ev.place and not ev.geography:
        _el(setting, "name", "not stated", type="place")
    if ev.date:
        _el(setting, "date", ev.date, when=ev.date)
    else:
        _el(setting, "date", "undated", notBefore="1999")


def _body(ev: Event, root: Any, topics: dict[str, str]) -> Any:
    ana = ["#reference", *(f"#{topics[t]}" for t in ev.topics if t in topics)]
    text = _el(root, "text", ana=" ".join(ana))
    body = _el(text, "body")
    div = _el(body, "div", type="debateSection" if ev.turns else "commentSection")
    _el(div, "head", normal(ev.title or "Untitled event"))
    inline = {(p.start, p.end) for p in ev.paragraphs if p.kind == "caption"}
    for caption in ev.captions:
        if (caption.start, caption.end) not in inline:
            _note(div, "caption", caption.text)
    if ev.lead and not ev.turns and not ev.paragraphs:
        _note(div, "lead", ev.lead)
    kinds = _speaker_types(ev)
    doc_id = root.get(_XML_ID)
    current: tuple[int, Any] | None = None  # (turn index, its u element)
    parts: dict[int, Any] = {}  # turn index -> its latest u (a caption or box may split a turn)
    for n, p in enumerate(ev.paragraphs):
        if p.turn is None or p.kind not in ("speech", "omission"):
            current = None
            if p.kind == "omission":
                _gap(div)
            else:
                _note(div, p.kind, p.text)
            continue
        if current is None or current[0] != p.turn:
            previous = parts.get(p.turn)
            u = _utterance(div, ev.turns[p.turn], kinds[p.turn], f"{doc_id}.u{p.turn + 1}", previous)
            parts[p.turn] = u
            current = (p.turn, u)
        u = current[1]
        if p.kind == "omission":
            _gap(u)
        elif _is_stage_direction(p.text):
            _note(u, "stageDirection", p.text)
        else:
            _seg_content(_el(u, "seg", **{"xml_id": f"{doc_id}.p{n + 1}"}), p.text)
    for t, (turn, kind) in enumerate(zip(ev.turns, kinds, strict=True)):
        if t not in parts:  # a turn with no paragraph (a bare label)
            _utterance(div, turn, kind, f"{doc_id}.u{t + 1}", None)
    if len(div) == 1:  # only the head: a commentSection needs a comment
        _note(div, "lead", ev.lead or ev.title or "no text")
    return body


_XML_ID = f"{{{XML_NS}}}id"


def _gap(parent: Any) -> None:
    gap = _el(parent, "gap", reason="editorial")
    _el(gap, "desc", "omission in the published transcript")


def _utterance(div: Any, turn: Turn, kind: str, xml_id: str, previous: Any) -> Any:
    """A ``u`` for a turn, or for the next part of a turn that a caption or a box split
    (linked to the previous part by @prev/@next; the label is printed once)."""
    attrs = {"xml_id": _part_id(previous) if previous is not None else xml_id, "ana": f"#{kind}"}
    if turn.person_id:
        attrs["who"] = f"#{person_xml_id(turn.person_id)}"
    if previous is None:
        _note(div, "speaker", turn.speaker + ":")  # the label as printed, before the utterance (as ParlaMint)
    else:
        attrs["prev"] = f"#{previous.get(_XML_ID)}"
        previous.set("next", f"#{attrs['xml_id']}")
    return _el(div, "u", **attrs)


def _part_id(previous: Any) -> str:
    """doc.u3 -> doc.u3.2 -> doc.u3.3: the parts of one turn, numbered in order."""
    prev_id = str(previous.get(_XML_ID))
    part = re.fullmatch(r"(.*\.u\d+)\.(\d+)", prev_id)
    return f"{part.group(1)}.{int(part.group(2)) + 1}" if part else f"{prev_id}.2"


# ---------------------------------------------------------------------------- side files
def list_person(persons: Iterable[SpeakerStats], corpus_id: str) -> Any:
    """The shared person list: names, roles over time (affiliations), the site's page."""
    root = etree.Element(f"{{{TEI_NS}}}listPerson", nsmap={None: TEI_NS})
    root.set(_XML_ID, f"{corpus_id}-listPerson")
    root.set(f"{{{XML_NS}}}lang", "en")
    _el(root, "head", "Speakers", xml_lang="en")
    for s in persons:
        person = _el(root, "person", xml_id=person_xml_id(s.person_id))
        _pers_name(person, s.person)
        for period in s.role_periods:
            dates = {k: v for k, v in (("from", period.first), ("to", period.last)) if v}
            affiliation = _el(person, "affiliation", role=affiliation_role(period.role), **dates)
            _el(affiliation, "roleName", normal(period.role), xml_lang="en")
        page = person_page(s.person_id)
        if page:
            _el(person, "idno", page, type="URI")
    return root


def person_page(person_id: str) -> str | None:
    """The page of the site that gave this person id, when it has person pages."""
    for site in sites.all_sites():
        ref = site.person_ref(person_id)
        if ref is not None and site.tei.person_url is not None:
            return site.tei.person_url(ref)
    return None


def _pers_name(person: Any, name: str) -> None:
    words = normal(name).split()
    pers = _el(person, "persName")
    if len(words) < 2:
        _el(pers, "term", normal(name))
        return
    for w in words[:-1]:
        _el(pers, "nameLink" if w.lower() in NAME_PARTICLES else "forename", w)
    _el(pers, "surname", words[-1])


def taxonomy(key: str, title: str, categories: Iterable[tuple[str, str, str]]) -> Any:
    root = etree.Element(f"{{{TEI_NS}}}taxonomy", nsmap={None: TEI_NS})
    root.set(_XML_ID, key)
    root.set(f"{{{XML_NS}}}lang", "en")
    _el(_el(root, "desc", xml_lang="en"), "term", title)
    for cat_id, term, desc in categories:
        cat_desc = _el(_el(root, "category", xml_id=cat_id), "catDesc", xml_lang="en")
        _el(cat_desc, "term", normal(term)).tail = f": {desc}" if desc else None
    return root


def corpus_meta(stats: _Stats) -> sites.TeiMetadata:
    """The corpus header's metadata: its site's, when every event comes from one site."""
    return next(iter(stats.metas.values())) if len(stats.metas) == 1 else MIXED


def corpus_root(stats: _Stats, side_files: dict[str, str], today: str) -> Any:
    """The ``teiCorpus`` root: header with the taxonomies and person list, then the events."""
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS, "xi": XI_NS})
    meta = corpus_meta(stats)
    root.set(_XML_ID, meta.corpus_id)
    root.set(f"{{{XML_NS}}}lang", "en")
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", meta.title, type="main")
    _el(_el(file_desc, "editionStmt"), "edition", __version__)
    extent = _el(file_desc, "extent")
    _el(extent, "measure", f"{stats.speeches} speeches", unit="speeches", quantity=str(stats.speeches))
    _el(extent, "measure", f"{stats.words} words", unit="words", quantity=str(stats.words))
    pub = _el(file_desc, "publicationStmt")
    _el(pub, "publisher", "stenogram export")
    _el(pub, "idno", meta.home_url, type="URI")
    availability = _el(pub, "availability", status="free")
    _el(availability, "licence", LICENCE)
    _el(availability, "p", meta.licence)
    _el(pub, "date", today, when=today)
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl")
    _el(bibl, "title", meta.listing_title, type="main")
    _el(bibl, "idno", meta.listing_url, type="URI")
    encoding = _el(header, "encodingDesc")
    _el(_el(encoding, "projectDesc"), "p", f"Exported by stenogram {__version__}.")
    class_decl = _el(encoding, "classDecl")
    for key in (*TAXONOMY_TITLES, "topics"):
        _xinclude(class_decl, side_files[key])
    profile = _el(header, "profileDesc")
    setting = _el(_el(profile, "settingDesc"), "setting")
    _el(setting, "name", meta.country, type="country")
    dates = {k: v for k, v in (("from", stats.first), ("to", stats.last)) if v}
    _el(setting, "date", **(dates or {"when": today}))
    _xinclude(_el(profile, "particDesc"), side_files["persons"])
    _el(_el(profile, "langUsage"), "language", "English", ident="en")
    for href in stats.files:
        _xinclude(root, href)
    return root


def _xinclude(parent: Any, href: str) -> None:
    etree.SubElement(parent, f"{{{XI_NS}}}include", href=href)


# ---------------------------------------------------------------------------- export
def _write(tree: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    etree.ElementTree(tree).write(str(path), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def export_tei(
    corpus: Corpus, out: Path, filters: Filters, progress: Callable[[], None] | None = None
) -> dict[str, int]:
    """Write the TEI corpus into ``out``: the root, side files and ``events/YYYY/*.xml``."""
    today = datetime.date.today().isoformat()
    stats = _Stats()
    out.mkdir(parents=True, exist_ok=True)
    for key, ev in iter_events(corpus, filters):
        for topic in ev.topics:
            stats.topics.setdefault(topic, _unique(topic_xml_id(topic), stats.topics.values()))
        doc_id = ncname(key.replace(":", "."), "stenogram.")
        rel = f"events/{ev.date[:4] if ev.date else 'undated'}/{doc_id}.xml"
        _write(event_tei(ev, doc_id, stats.topics, today), out / rel)
        stats.files.append(rel)
        meta = tei_of(ev)
        stats.metas[meta.corpus_id] = meta
        stats.persons.update(t.person_id for t in ev.turns if t.person_id)
        stats.speeches += len(ev.turns)
        stats.words += sum(count_words(t.text) for t in ev.turns)
        if ev.date:
            stats.first = min(stats.first or ev.date, ev.date)
            stats.last = max(stats.last or ev.date, ev.date)
        if progress:
            progress()
    corpus_id = corpus_meta(stats).corpus_id
    side = {key: f"{corpus_id}-taxonomy-{key}.xml" for key in (*TAXONOMY_TITLES, "topics")}
    side["persons"] = f"{corpus_id}-listPerson.xml"
    event_types = sorted({m.event_type for m in stats.metas.values()}) or [MIXED.event_type]
    categories = {"speaker_types": SPEAKER_TYPES, "subcorpus": SUBCORPORA, "event_types": tuple(event_types)}
    for key, title in TAXONOMY_TITLES.items():
        _write(taxonomy(key, title, categories[key]), out / side[key])
    topic_categories = [(xml_id, topic, "") for topic, xml_id in sorted(stats.topics.items())]
    _write(
        taxonomy("topics", "Topics (the site's tags)", topic_categories or [("topic.none", "None", "")]),
        out / side["topics"],
    )
    speakers = [s for s in corpus.speakers() if s.person_id in stats.persons]
    if speakers:
        _write(list_person(speakers, corpus_id), out / side["persons"])
    else:  # ParlaMint requires a person in a list: an empty corpus lists a placeholder
        placeholder = [SpeakerStats("Unknown", "nobody", 0, 0, 0, None, None)]
        _write(list_person(placeholder, corpus_id), out / side["persons"])
    _write(corpus_root(stats, side, today), out / f"{corpus_id}.xml")
    return {"events": len(stats.files), "persons": len(speakers), "topics": len(stats.topics)}


def _unique(candidate: str, taken: Iterable[str]) -> str:
    used = set(taken)
    n, out = 1, candidate
    while out in used:
        n += 1
        out = f"{candidate}.{n}"
    return out


def pointer_problems(root_file: Path) -> list[str]:
    """Resolve the root's XIncludes and check that every local pointer (@who, @ana, @prev,
    @next) names a declared xml:id. Returns the problems found (none when all is well)."""
    tree = etree.parse(str(root_file))
    try:
        tree.xinclude()
    except etree.XIncludeError as exc:
        return [f"XInclude: {exc}"]
    problems = [f"XInclude not resolved: {el.get('href')}" for el in tree.iter(f"{{{XI_NS}}}include")]
    ids = set(tree.getroot().xpath("//@xml:id"))
    for attr in ("who", "ana", "prev", "next"):
        for el in tree.getroot().xpath(f"//*[@{attr}]"):
            for ref in el.get(attr).split():
                if ref.startswith("#") and ref[1:] not in ids:
                    problems.append(f"{attr}={ref} on {etree.QName(el).localname} (line {el.sourceline})")
    return problems
