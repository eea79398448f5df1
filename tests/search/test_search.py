"""Search, filters, kwic, event, speakers and stats on the example corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import stenogram
from stenogram.errors import QueryError
from stenogram.search.filters import Filters
from stenogram.search.query import matches, parse_query, tokens

from ..conftest import FIXTURES


def _who(hits: list[stenogram.Hit]) -> list[tuple[str | None, str | None]]:
    return [(h.date, h.person) for h in hits]


def test_words_phrases_and_provenance(example_corpus: stenogram.Corpus) -> None:
    hits = example_corpus.search('"mooring points"')
    assert {h.kind for h in hits} == {"turn"}
    assert {"Vladimir Putin", "Pavel Sokolin", None} <= {h.person for h in hits}  # None: a journalist
    hit = hits[0]
    assert "<mark>mooring points</mark>" in hit.snippet
    assert hit.url and hit.url.startswith("http://en.kremlin.ru/events/president/news/")
    source = Path(hit.path).read_text(encoding="utf-8")
    assert "mooring points" in source[hit.start : hit.end]


def test_titles_and_leads_are_hits_unless_a_speaker_is_asked(example_corpus: stenogram.Corpus) -> None:
    kinds = {h.kind for h in example_corpus.search("Estavia", limit=50)}
    assert "title" in kinds
    assert {h.kind for h in example_corpus.search("Estavia", speaker="Teodor Halvik", limit=50)} <= {"turn"}


def test_narrative_paragraphs_are_searched_and_say_what_they_are(example_corpus: stenogram.Corpus) -> None:
    """A paragraph outside any speaker's turn (the page's own text) is a hit of its own."""
    [hit] = example_corpus.search("Residence")  # "The leaders met in the Residence." (mini_page.html)
    assert (hit.kind, hit.speaker, hit.person, hit.turn) == ("narrative", None, None, None)
    assert hit.paragraph == 0 and "<mark>Residence</mark>" in hit.snippet
    source = Path(hit.path).read_text(encoding="utf-8")
    assert "Residence" in source[hit.start : hit.end]
    assert example_corpus.search("Residence", speaker="Vladimir Putin") == []  # speech only
    assert example_corpus.search("Residence", date_to="2000") == []  # the event's filters apply
    [line] = example_corpus.kwic("Residence")  # and the concordance reads the same paragraph
    assert (line.match, line.turn, line.paragraph, line.speaker) == ("Residence", None, 0, None)
    assert example_corpus.kwic("Residence", speaker="Vladimir Putin") == []


def test_captions_are_searched_counted_and_in_the_concordance(example_corpus: stenogram.Corpus) -> None:
    """A photo's caption (mini_page.html: "With President of Freedonia Rufus Firefly.") is
    a hit of its own, with its place in the page."""
    [hit] = example_corpus.search('"Rufus Firefly" AND photo')
    assert (hit.kind, hit.speaker, hit.turn, hit.paragraph) == ("caption", None, None, None)
    assert hit.caption == 0 and "<mark>Rufus Firefly</mark>" in hit.snippet
    source = Path(hit.path).read_text(encoding="utf-8")
    assert "Rufus Firefly" in source[hit.start : hit.end]
    assert example_corpus.count('"Rufus Firefly" AND photo') == 1
    assert example_corpus.search('"Rufus Firefly" AND photo', speaker="Vladimir Putin") == []  # speech only
    [line] = [k for k in example_corpus.kwic('"During the talks"') if k.caption is not None]
    assert (line.turn, line.paragraph, line.caption, line.right) == (None, None, 1, ".")


def test_a_statement_ranks_above_a_title_about_the_same_thing(tmp_path: Path) -> None:
    """bm25 favours a short field: a title that names the topic would outrank every
    statement on it without the weights by kind."""
    page = (
        "Events\nGas talks\nThe leaders talked about deliveries.\nMay 1, 2020\n12:00\nThe Kremlin, Moscow\n"
        "President of Russia Vladimir Putin: We agreed on gas deliveries for the winter and on the price of gas "
        "for the next five years, which our partners have asked about for a long time.\n"
        "Topics\nEconomy\nPublication status\nPublished in section: News\n"
        "Publication date: May 1, 2020, 12:30\nText version\n"
    )
    (tmp_path / "gas.txt").write_text(page, encoding="utf-8")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([tmp_path / "gas.txt"])
        kinds = [h.kind for h in corpus.search("gas")]
    assert kinds[0] == "turn" and "title" in kinds


@pytest.mark.parametrize(
    "ref",
    [
        "http://en.kremlin.ru/events/president/news/99001",
        "https://en.kremlin.ru/events/president/news/99001/",
        "en.kremlin.ru/events/president/transcripts/99001",
        "http://en.kremlin.ru/d/99001",
        "kremlin:99001",
        "99001",
    ],
)
def test_an_event_is_found_by_any_form_of_its_url(example_corpus: stenogram.Corpus, ref: str) -> None:
    ev = example_corpus.event(ref)
    assert ev is not None and ev.id == "99001"
    assert (
        {h.event_id for h in example_corpus.search("grain", event=ref)}
        == {h.event_id for h in example_corpus.search("grain", event="99001")}
        != set()
    )


def test_a_url_of_another_site_is_no_event(example_corpus: stenogram.Corpus) -> None:
    assert example_corpus.event("https://example.org/events/president/news/99001") is None


@pytest.mark.parametrize(
    "name", ["Teodor Halvik", "Halvik", "teodor halvik", "President of Norvania Teodor Halvik (retranslated)"]
)
def test_speaker_filter_accepts_names_surnames_and_labels(example_corpus: stenogram.Corpus, name: str) -> None:
    hits = example_corpus.search("Mr OR the", speaker=name, limit=100)
    assert hits and {h.person for h in hits} == {"Teodor Halvik"}


def test_speaker_filter_covers_typos_of_the_same_person(example_corpus: stenogram.Corpus) -> None:
    hits = example_corpus.search("autumn", speaker="Vladimir Putin")
    assert "Vlaidmir Putin" in [h.speaker for h in hits]
    assert {h.person for h in hits} == {"Vladimir Putin"}


def test_role_dates_tags_and_event_filters(example_corpus: stenogram.Corpus) -> None:
    assert {h.person for h in example_corpus.search("Mr", role="Defence", limit=50)} == {"Arkady Voronin"}
    in_feb = example_corpus.search("Mr", date_from="2026-02-19", date_to="2026-02-24", limit=100)
    assert in_feb and all("2026-02-19" <= (h.date or "") <= "2026-02-24" for h in in_feb)
    assert all(
        h.date and h.date.startswith("2026-03") for h in example_corpus.search("Mr", date_from="2026-03", limit=100)
    )
    regions = example_corpus.search("bridges", topic="regions")
    assert regions and all(h.title == "Meeting with Governor of Northern Region Pavel Ostrov" for h in regions)
    assert example_corpus.search("bridges", topic="Foreign policy") == []
    assert {h.title for h in example_corpus.search("Mr", geo="Freedonia", limit=50)} == {
        "Talks with President of Freedonia Rufus Firefly"
    }
    by_tag = example_corpus.search("Mr", person="Pavel Ostrov", limit=50)  # the tag reads "Ostrov Pavel"
    assert by_tag and {h.title for h in by_tag} == {"Meeting with Governor of Northern Region Pavel Ostrov"}
    assert {h.site_id for h in example_corpus.search("Mr", event="99001", limit=50)} == {"99001"}


def test_boolean_prefix_and_near(example_corpus: stenogram.Corpus) -> None:
    assert example_corpus.search("school NOT students", limit=100)
    with_students = {(h.event_id, h.turn) for h in example_corpus.search("school AND students", limit=100)}
    without = {(h.event_id, h.turn) for h in example_corpus.search("school NOT students", limit=100)}
    assert with_students and not with_students & without
    assert example_corpus.search("ice-break*")
    assert example_corpus.search("NEAR(second bridge, 0)")
    assert not example_corpus.search("NEAR(bridge second, 0) AND autumn")


def test_sort_limit_offset(example_corpus: stenogram.Corpus) -> None:
    by_date = example_corpus.search("Mr", sort="date", limit=100)
    dates = [h.date for h in by_date]
    assert dates == sorted(dates, reverse=True)
    page1 = example_corpus.search("Mr", sort="date", limit=3)
    page2 = example_corpus.search("Mr", sort="date", limit=3, offset=3)
    assert page1 + page2 == by_date[:6]
    with pytest.raises(QueryError, match="unknown sort 'size': use one of relevance, date"):
        example_corpus.search("Mr", sort="size")
    with pytest.raises(QueryError, match="bad date '20-1': use YYYY, YYYY-MM or YYYY-MM-DD"):
        example_corpus.search("Mr", date_from="20-1")


@pytest.mark.parametrize(
    "query",
    [
        "Mr",
        "school",
        '"Mr President"',
        "ice*",
        "bridge OR school",
        "President NOT Putin",
        "NEAR(President welcome, 5)",
        "(school OR vessels) AND river*",
        "Norvanian",
    ],
)
def test_index_agrees_with_a_brute_force_scan(example_corpus: stenogram.Corpus, query: str) -> None:
    node = parse_query(query)
    expected = {tid for tid, text in example_corpus.store.all_turns() if matches(node, tokens(text))}
    rows = example_corpus.store.matching_turns(node, Filters(), limit=10_000)
    got = {row["turn_id"] for row in rows if row["turn"] is not None}  # the narrative rows are tested apart
    assert got == expected
    assert all(matches(node, tokens(row["text"])) for row in rows)


def test_kwic_aligns_every_occurrence(example_corpus: stenogram.Corpus) -> None:
    lines = example_corpus.kwic("school", width=20)
    assert len(lines) >= 3
    assert all(k.match.casefold() == "school" and len(k.left) <= 20 and len(k.right) <= 20 for k in lines)
    right = [k.right.casefold() for k in lines]
    assert right == sorted(right)
    left = example_corpus.kwic("school", width=20, sort="left")
    assert sorted(k.offset for k in left) == sorted(k.offset for k in lines)
    phrase = example_corpus.kwic('"mooring points"')
    assert phrase and all(k.match == "mooring points" for k in phrase)


def test_event_round_trip(example_corpus: stenogram.Corpus) -> None:
    ev = example_corpus.event("99001")
    parsed = next(e for e in stenogram.parse_files([FIXTURES]) if e.id == "99001")
    assert ev is not None
    assert ev.to_dict() | {"source": None} == parsed.to_dict() | {"source": None}
    assert example_corpus.event("no-such-event") is None


def test_speakers_and_stats(example_corpus: stenogram.Corpus) -> None:
    rows = {r.person: r for r in example_corpus.speakers()}
    putin = rows["Vladimir Putin"]
    assert putin.roles == ["President of Russia"]
    assert "Vlaidmir Putin" in putin.labels and putin.first == "2026-02-14" and putin.last == "2026-03-03"
    assert rows["Teodor Halvik"].events == 2
    assert next(iter(rows)) == "Vladimir Putin"  # most turns first
    feb18 = example_corpus.speakers(date_from="2026-02-18", date_to="2026-02-18")
    assert {r.person for r in feb18} == {"Vladimir Putin", "Teodor Halvik", "Arkady Voronin"}
    stats = example_corpus.stats()
    assert (stats.events, stats.turns) == (8, sum(r.turns for r in rows.values()) + 6)  # 6 Question/Remark turns
    assert [y.year for y in stats.years] == ["2026"]


def test_roles_over_time_and_unknown_speakers(example_corpus: stenogram.Corpus) -> None:
    halvik = next(r for r in example_corpus.speakers() if r.person == "Teodor Halvik")
    assert [(p.role, p.first, p.last) for p in halvik.role_periods] == [
        ("President of Norvania", "2026-02-18", "2026-02-24")
    ]
    with pytest.raises(QueryError, match="no speaker matches 'Nobody Atall'; list them with: stenogram speakers"):
        example_corpus.search("Mr", speaker="Nobody Atall")


def test_a_query_over_its_time_bound_is_refused(example_corpus: stenogram.Corpus) -> None:
    store = example_corpus.store
    saved = store.query_timeout
    store.query_timeout = -1.0  # already late: the first progress check interrupts
    try:
        with pytest.raises(QueryError, match="the query took longer than"):
            example_corpus.search("Mr OR the OR and")
    finally:
        store.query_timeout = saved
    assert example_corpus.search("Mr")


def test_monthly_counts_show_the_empty_months_between() -> None:
    from stenogram.search.results import every_month

    assert every_month([("2013-11", 2), ("2014-02", 1)]) == [
        ("2013-11", 2),
        ("2013-12", 0),
        ("2014-01", 0),
        ("2014-02", 1),
    ]
    assert every_month([("2014-02", 1), ("undated", 3)]) == [("2014-02", 1)]
    assert every_month([]) == []


@pytest.mark.parametrize("query", ["the", "grain", "Residence", '"mooring points"', "river OR school"])
def test_count_is_the_number_of_hits_without_a_limit(example_corpus: stenogram.Corpus, query: str) -> None:
    assert example_corpus.count(query) == len(example_corpus.search(query, limit=10_000))
    assert example_corpus.count(query, speaker="Putin") == len(
        example_corpus.search(query, speaker="Putin", limit=10_000)
    )


def test_repeated_searches_are_answered_again_and_see_every_write(tmp_path: Path) -> None:
    """Results are kept per open corpus, but never past a write by it or by another
    connection, and what a caller changes in them is not kept."""
    from ..conftest import FIXTURES

    db = tmp_path / "c.db"
    with stenogram.Corpus(db) as reader, stenogram.Corpus(db) as writer:
        writer.ingest([FIXTURES / "mini_dump.txt"])
        first = reader.search("bridges")
        first[0].snippet = "changed by the caller"
        again = reader.search("bridges")
        assert [h.to_dict() for h in again] != [h.to_dict() for h in first]
        assert again[0].snippet != "changed by the caller"
        assert reader.count("Firefly") == writer.count("Firefly") == 0
        writer.ingest([FIXTURES / "mini_page.html"])
        assert writer.count("Firefly") > 0  # its own write
        assert reader.count("Firefly") > 0 and reader.search("Firefly")  # another connection's
        reader.ingest([tmp_path / "missing"])  # a failed ingest changes nothing
        assert reader.search("Firefly")
