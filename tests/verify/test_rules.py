"""The verdict rules one by one, on evidence built by hand (no corpus)."""

from __future__ import annotations

from typing import Any

from stenogram.verify.align import align, sentences
from stenogram.verify.normalize import tokens
from stenogram.verify.rules import (
    RULES,
    CheckSettings,
    Evidence,
    Match,
    altered,
    by_meaning,
    close,
    decide,
    misattributed_by_words,
    verbatim,
)

ST = CheckSettings()
PASSAGE = "We have built 412 kilometres of roads this year. The bridges will be ready in the autumn."


def _turn(person: str = "Pavel Ostrov", **extra: Any) -> dict[str, Any]:
    return {"person": person, "speaker": person, "date": "2026-03-03", "title": "Meeting", "narrative": False} | extra


def _match(quote: str, passage: str = PASSAGE, person: str = "Pavel Ostrov", similarity: float = 0.0) -> Match:
    sents = sentences(passage)
    flat = [t for s in sents for t in s.toks]
    return Match(_turn(person), align(tokens(quote), flat), sents, (0, len(sents)), similarity)


def _evidence(quote: str, *matches: Match, claimed: str | None = "Pavel Ostrov", **kw: Any) -> Evidence:
    return Evidence(quote, tokens(quote), list(matches) or [_match(quote)], claimed, kw.get("date"))


def test_verbatim_needs_every_word_unbroken() -> None:
    quote = "We have built 412 kilometres of roads this year."
    assert verbatim(_evidence(quote), ST) is not None
    assert verbatim(_evidence("We have built 412 kilometres of new roads this year."), ST) is None


def test_altered_needs_a_changed_figure_in_a_close_match() -> None:
    decision = altered(_evidence("We have built 512 kilometres of roads this year."), ST)
    assert decision is not None and decision.verdict == "ALTERED" and "number" in decision.reason
    assert altered(_evidence("We have built 412 kilometres of new roads this year."), ST) is None


def test_close_needs_coverage_density_and_length() -> None:
    assert close(_evidence("We have built 412 kilometres of new roads this year."), ST) is not None
    assert close(_evidence("built 412 kilometres"), ST) is None  # short: exact words only
    strict = CheckSettings(close_coverage=0.95)
    assert close(_evidence("We have really built 412 kilometres of good new roads this year."), strict) is None


def test_words_of_someone_else_are_misattributed_unless_the_claimed_speaker_said_them_too() -> None:
    quote = "We have built 412 kilometres of roads this year."
    other = _match(quote, person="Irina Lesnaya")
    decision = misattributed_by_words(_evidence(quote, other), ST)
    assert decision is not None and "Irina Lesnaya" in decision.reason
    assert misattributed_by_words(_evidence(quote, other, _match(quote)), ST) is None


def test_a_translation_keeps_its_figures() -> None:
    variant = "This year we have built 512 kilometres of new roads."
    m = _match(variant, similarity=0.8)
    decision = by_meaning(_evidence(variant, m), ST)
    assert decision is not None and decision.verdict == "ALTERED"
    same = "This year we have built 412 kilometres of new roads."
    decision = by_meaning(_evidence(same, _match(same, similarity=0.8)), ST)
    assert decision is not None and decision.verdict == "TRANSLATION_VARIANT"


def test_meaning_alone_without_shared_words_is_no_source() -> None:
    unrelated = "Our partners expect a decision soon on the energy question."
    assert by_meaning(_evidence(unrelated, _match(unrelated, similarity=0.9)), ST) is None


def test_splices_are_decided_before_changed_figures() -> None:
    quote = "We have built 412 kilometres of roads this year. The bridges will be ready in 2030."
    ev = _evidence(quote)
    ev.splice = lambda _m, _st: "said apart"
    decision = decide(ev, ST)
    assert decision is not None and decision.verdict == "SPLICED"
    assert [r.__name__ for r in RULES].index("spliced") < [r.__name__ for r in RULES].index("altered")


def test_every_rule_says_which_verdict_it_decides() -> None:
    verdicts = ("VERBATIM", "CLOSE", "TRANSLATION_VARIANT", "ALTERED", "SPLICED", "MISATTRIBUTED")
    for rule in RULES:
        assert rule.__doc__ and any(v in rule.__doc__.split(":")[0] for v in verdicts), rule.__name__
    assert decide(_evidence("Something nobody said at all, anywhere, ever before."), ST) is None


def test_a_few_common_words_found_somewhere_are_no_source() -> None:
    quote = "The bridges will be ready."  # short: two content words
    ev = _evidence(quote, _match(quote, person="Irina Lesnaya"), claimed=None)
    assert decide(ev, ST) is None  # NOT_IN_CORPUS: words like these are said everywhere
    ev = _evidence(quote, _match(quote), claimed="Pavel Ostrov")
    decision = decide(ev, ST)
    assert decision is not None and decision.verdict == "VERBATIM"  # the claimed speaker said them


def test_a_short_quotation_is_misattributed_only_with_distinctive_words() -> None:
    common = "I have to be careful"
    passage = "You have to be very careful here."
    ev = _evidence(common, _match(common, passage=passage, person="Irina Lesnaya"))
    assert misattributed_by_words(ev, ST) is None
    distinctive = "we have built 412 kilometres of roads"
    ev = _evidence(distinctive, _match(distinctive, person="Irina Lesnaya"))
    decision = misattributed_by_words(ev, ST)
    assert decision is not None and decision.verdict == "MISATTRIBUTED"


def test_a_short_quotation_sharing_one_word_with_a_passage_of_like_meaning_is_no_translation() -> None:
    quote = "Are there prizes?"
    passage = "We have three such prizes for the winners."
    ev = _evidence(quote, _match(quote, passage=passage, similarity=0.75), claimed=None)
    assert by_meaning(ev, ST) is None
    longer = "Are there prizes for the young winners?"
    ev = _evidence(longer, _match(longer, passage=passage, similarity=0.75), claimed=None)
    decision = by_meaning(ev, ST)
    assert decision is not None and decision.verdict == "TRANSLATION_VARIANT"


def test_a_short_sentence_with_no_speaker_named_is_verbatim_where_it_stands_in_one_place_only() -> None:
    """A sentence of common words (fewer than six content words) found word for word: with
    no speaker named and one passage holding it, those words were said there; a formula
    that stands in several passages, or a phrase of a few words, confirms nothing."""
    quote = "I told him that it would not be easy for us."
    passage = "We met in May. I told him that it would not be easy for us. He agreed."
    one = _match(quote, passage)
    assert verbatim(_evidence(quote, one, claimed=None), ST) is not None
    elsewhere = _match(quote, "Yesterday I said it again: I told him that it would not be easy for us.", "Anna Belova")
    assert verbatim(_evidence(quote, one, elsewhere, claimed=None), ST) is None  # a formula: several places
    assert (
        verbatim(_evidence("It would not be easy.", _match("It would not be easy.", passage), claimed=None), ST) is None
    )
    assert verbatim(_evidence(quote, one, claimed="Anna Belova"), ST) is None  # named: the speaker must match


def test_a_few_words_in_a_press_summary_are_attributed_only_to_one_it_speaks_for() -> None:
    quote = "the bridges"  # "called them "the bridges"": a few words, found in a summary
    own = Match(_turn(), align(tokens(quote), tokens(PASSAGE)), sentences(PASSAGE), (0, 2), 0.0)

    def summary(voices: list[str]) -> Match:
        turn = _turn(person="", narrative=True, voices=voices)
        return Match(turn, align(tokens(quote), tokens(PASSAGE)), sentences(PASSAGE), (0, 2), 0.0)

    assert verbatim(_evidence(quote, own), ST) is not None  # the claimed speaker's own turn
    assert verbatim(_evidence(quote, summary(["Pavel Ostrov"])), ST) is not None  # a summary written for him
    assert verbatim(_evidence(quote, summary(["Olga Brandt"])), ST) is None  # another's event's summary


def test_a_loose_likeness_to_another_speakers_words_accuses_no_one() -> None:
    quote = "This year many roads were laid down, and the bridges should be ready by autumn."
    other = Match(_turn(person="Olga Brandt"), align(tokens(quote), tokens(PASSAGE)), sentences(PASSAGE), (0, 2), 0.7)
    assert by_meaning(_evidence(quote, other), ST) is None
    close_meaning = Match(other.turn, other.alignment, other.sents, other.window, 0.9)
    decision = by_meaning(_evidence(quote, close_meaning), ST)
    assert decision is not None and decision.verdict == "MISATTRIBUTED"
