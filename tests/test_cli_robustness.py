"""Bad input from the command line: one line naming the input and the reason, the batch
goes on, nothing half-written, nothing raw on the terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stenogram
from stenogram.cli import app
from stenogram.verify.claims import MAX_QUOTE_CHARS

from .conftest import FIXTURES


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    with stenogram.Corpus(path) as corpus:
        corpus.ingest([FIXTURES])
    return path


def _good_sentence(db: Path) -> str:
    with stenogram.Corpus(db) as corpus:
        return next(t for _, t in corpus.store.all_turns() if len(t.split()) > 8).split("\n")[0]


def test_a_quotes_file_with_bad_lines_reports_each_and_checks_the_good_ones(db: Path, tmp_path: Path) -> None:
    good = _good_sentence(db)
    lines = [
        json.dumps({"id": "ok1", "quote": good}),
        json.dumps({"id": "n", "quote": good, "claimed_speaker": 123}),
        json.dumps({"id": "d", "quote": good, "article_date": 20200101}),
        json.dumps({"id": "d2", "quote": good, "article_date": "last Tuesday"}),
        "not json at all",
        "[" * 100_000,  # nested past the JSON parser's depth
        json.dumps(["a", "list"]),
        json.dumps({"id": "long", "quote": "word " * MAX_QUOTE_CHARS}),
        json.dumps({"id": "ok2", "quote": good, "context": None}),
    ]
    quotes = tmp_path / "q.jsonl"
    quotes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--quotes", str(quotes), "--db", str(db), "--lexical", "--json"])
    assert result.exit_code == 1  # some lines failed
    assert "Traceback" not in result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out if r["kind"] == "check"] == ["ok1", "ok2"]
    assert len([r for r in out if r["kind"] == "error"]) == 7  # each bad line also as an error object
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [e.split(":")[2] for e in errors] == [str(n) for n in (2, 3, 4, 5, 6, 7, 8)]
    assert '"claimed_speaker" must be a string' in result.stderr and "quotation too long" in result.stderr
    assert "2 quotations" in result.stderr and "7 failed" in result.stderr


def test_the_api_refuses_a_huge_quotation_and_wrong_types(db: Path) -> None:
    from stenogram.errors import InputError

    with stenogram.Corpus(db) as corpus:
        with pytest.raises(InputError, match="too long"):
            corpus.check("word " * MAX_QUOTE_CHARS, semantic=False)
        with pytest.raises(InputError, match="claimed_speaker"):
            corpus.check("We will build the bridge", claimed_speaker=123, semantic=False)  # type: ignore[arg-type]


def test_a_report_that_cannot_be_written_is_one_line_and_leaves_no_file(db: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = CliRunner().invoke(
            app,
            ["check", "--quote", _good_sentence(db), "--db", str(db), "--lexical", "--html", str(locked / "r.html")],
        )
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1 and "cannot write" in result.stderr and "Traceback" not in result.output
    assert list(locked.iterdir()) == []


def test_a_report_into_a_missing_folder_is_one_line(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "r.html"
    result = CliRunner().invoke(
        app, ["check", "--quote", _good_sentence(db), "--db", str(db), "--lexical", "--html", str(target)]
    )
    assert result.exit_code == 1 and f"{target}: cannot write" in result.stderr.replace("\n", "")
    assert not target.parent.exists()


def test_control_characters_of_a_transcript_never_reach_the_terminal(tmp_path: Path) -> None:
    page = (FIXTURES / "mini_dump.txt").read_text(encoding="utf-8")
    first_turn = next(line for line in page.splitlines() if ": " in line and len(line) > 60)
    poisoned = page.replace(first_turn, first_turn + " \x1b[2J\x1b]0;owned\x07 end.", 1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.txt").write_text(poisoned, encoding="utf-8")
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)]).exit_code == 0
    with stenogram.Corpus(db) as corpus:
        stored = [t for _, t in corpus.store.all_turns() if "\x1b" in t]
        assert stored  # kept exactly in the corpus
        event = corpus.store.db.execute("SELECT id FROM events").fetchall()[0][0]
    for args in (["show", str(event)], ["show", str(event), "--markdown"], ["search", "end", "--limit", "50"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_an_export_that_cannot_be_written_is_one_line_and_keeps_what_was_there(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    a_file = tmp_path / "existing"
    a_file.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["export", "jsonl", "--db", str(db), "--out", str(a_file)])
    assert result.exit_code == 1 and "is not a folder" in result.stderr and "Traceback" not in result.output
    assert a_file.read_text(encoding="utf-8") == "keep me"
    out = tmp_path / "export"
    assert runner.invoke(app, ["export", "jsonl", "--db", str(db), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert before["events.jsonl"]


def test_a_failed_export_leaves_no_partial_file(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stenogram.errors import OutputError
    from stenogram.export import registry

    out = tmp_path / "export"
    with stenogram.Corpus(db) as corpus:
        registry.export(corpus, "jsonl", out)
        before = {p.name: p.read_bytes() for p in out.iterdir()}

        def disk_full(_: object, folder: Path, *__: object) -> dict[str, int]:
            folder.mkdir()
            (folder / "events.jsonl").write_text("half", encoding="utf-8")
            raise OSError(28, "No space left on device")

        monkeypatch.setitem(registry.EXPORTERS, "jsonl", disk_full)
        with pytest.raises(OutputError, match="No space left"):
            registry.export(corpus, "jsonl", out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the earlier export intact
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []
