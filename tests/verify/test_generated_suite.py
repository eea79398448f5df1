"""The generated check suite: transcript sentences retyped, with a figure changed, with a
negation flipped. On our example corpus always; on the dev pages when ../shared is there."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

import stenogram
from stenogram.verify.align import sentences
from stenogram.verify.normalize import content, tokens

from ..conftest import KREMLIN
from .perturb import CONFIRMING, figure_changed, negation_flipped, retyped

MIN_CONTENT_WORDS = 6


def _sentences(corpus: stenogram.Corpus, limit: int | None = None) -> list[tuple[str, str]]:
    """(person, sentence) of named speakers, long enough to be said once."""
    out = []
    for turn_id, text in corpus.store.all_turns():
        info = corpus.store.turn_info(turn_id)
        if info is None or not info["person"]:
            continue
        out += [
            (str(info["person"]), s.text) for s in sentences(text) if len(content(tokens(s.text))) >= MIN_CONTENT_WORDS
        ]
    random.Random(11).shuffle(out)
    return out[:limit] if limit else out


def _verdict(corpus: stenogram.Corpus, quote: str, person: str) -> str:
    return corpus.check(quote, claimed_speaker=person, semantic=False).verdict


def test_every_example_sentence_retyped_is_verbatim_and_altered_is_never_confirmed(
    example_corpus: stenogram.Corpus,
) -> None:
    rng = random.Random(3)
    cases = _sentences(example_corpus)
    assert len(cases) >= 5
    for person, sentence in cases:
        assert _verdict(example_corpus, retyped(sentence, rng), person) == "VERBATIM", sentence
        for changed in (figure_changed(sentence, rng), negation_flipped(sentence, rng)):
            if changed is not None:
                assert _verdict(example_corpus, changed, person) not in CONFIRMING, changed


@pytest.fixture(scope="module")
def dev_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[stenogram.Corpus]:
    pages = KREMLIN / "html"
    if not pages.is_dir():
        pytest.skip("../shared/corpus/kremlin-en is absent")
    corpus = stenogram.Corpus(Path(tmp_path_factory.mktemp("dev")) / "dev.db")
    corpus.ingest([pages])
    yield corpus
    corpus.close()


CASES_PER_KIND = 150


def test_generated_suite_on_the_dev_transcripts(dev_corpus: stenogram.Corpus) -> None:
    """Real transcript sentences: as printed and retyped they are VERBATIM; with one
    figure changed ALTERED; with a negation flipped never a confirmation."""
    rng = random.Random(5)
    pool = _sentences(dev_corpus)
    with_figures = [(p, s) for p, s in pool if figure_changed(s, rng) is not None][:CASES_PER_KIND]
    wrong: list[tuple[str, str, str]] = []
    for person, sentence in pool[:CASES_PER_KIND]:
        if (v := _verdict(dev_corpus, retyped(sentence, rng), person)) != "VERBATIM":
            wrong.append(("retyped", v, sentence))
        flipped = negation_flipped(sentence, rng)
        if flipped is not None and (v := _verdict(dev_corpus, flipped, person)) in CONFIRMING:
            wrong.append(("negation", v, flipped))
    for person, sentence in with_figures:
        if (v := _verdict(dev_corpus, sentence, person)) != "VERBATIM":
            wrong.append(("figures as printed", v, sentence))
        changed = figure_changed(sentence, rng)
        assert changed is not None
        if (v := _verdict(dev_corpus, changed, person)) != "ALTERED":
            wrong.append(("figure changed", v, changed))
    assert len(with_figures) == CASES_PER_KIND
    assert not wrong, wrong[:5]
