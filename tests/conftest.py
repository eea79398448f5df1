"""Shared fixtures: our own tiny documents, and the ../shared corpus when it exists."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"
KREMLIN = SHARED / "corpus" / "kremlin-en"


@pytest.fixture(scope="session")
def mini_dump() -> str:
    return (FIXTURES / "mini_dump.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mini_page() -> str:
    return (FIXTURES / "mini_page.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kremlin_corpus() -> Path:
    if not (KREMLIN / "gold_dev.jsonl").exists():
        pytest.skip("../shared/corpus/kremlin-en is absent")
    return KREMLIN


EXAMPLES = ROOT / "examples" / "kremlin"


@pytest.fixture(scope="session")
def example_corpus(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The example corpus and our fixtures ingested once; tests must not write to it."""
    import stenogram

    path = tmp_path_factory.mktemp("corpus") / "examples.db"
    corpus = stenogram.Corpus(path)
    report = corpus.ingest([EXAMPLES, FIXTURES])
    assert not report.failed, report.failed
    yield corpus
    corpus.close()
