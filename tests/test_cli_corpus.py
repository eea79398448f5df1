"""Corpus commands in-process: output formats, exit codes, error lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stenogram.cli import app

from .conftest import EXAMPLES, FIXTURES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "c.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), str(FIXTURES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    # README.md and expected.json beside the example pages: passed over, and said so
    assert result.stderr.startswith(
        "5 documents, 8 events: 8 new, 0 updated, 0 unchanged; 0 failed; 2 files passed over (not transcripts) ("
    )
    return path


def test_ingest_json_report_and_failures(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("not a transcript")
    result = CliRunner().invoke(
        app,
        ["ingest", str(FIXTURES / "mini_dump.txt"), str(tmp_path / "x.txt"), "--db", str(tmp_path / "c.db"), "--json"],
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["new"], report["documents"]) == (2, 1)
    assert report["failed"] == [
        {
            "path": str(tmp_path / "x.txt"),
            "reason": "not a Kremlin transcript: no line reading 'Events' that starts an event",
        }
    ]
    assert result.stderr.splitlines()[0] == (
        f"error: {tmp_path / 'x.txt'}: not a Kremlin transcript: no line reading 'Events' that starts an event"
    )


def test_search_json_and_csv(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["search", "school", "--speaker", "Putin", "--db", str(db), "--json", "--sort", "date"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits and {h["person"] for h in hits} == {"Vladimir Putin"}
    assert set(hits[0]["source"]) == {"path", "member", "start", "end"}
    result = runner.invoke(app, ["search", "school", "--db", str(db), "--csv", "--limit", "2"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and "snippet" in rows[0] and "source" in rows[0]


def test_search_errors_are_one_line(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["search", '"gas', "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == "error: unbalanced quote at position 1 in '\"gas': close the phrase with \"\n"
    missing = tmp_path / "none.db"
    result = runner.invoke(app, ["search", "gas", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {missing}: no corpus database here; create one with: stenogram ingest PATH --db {missing}\n"
    )
    assert not missing.exists()


def test_literal_searches_operators_as_text(db: Path) -> None:
    result = CliRunner().invoke(app, ["search", "NOT", "--literal", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output


def test_kwic_show_speakers_stats(db: Path) -> None:
    runner = CliRunner()
    kwic = runner.invoke(app, ["kwic", "school", "--width", "15", "--db", str(db)])
    assert kwic.exit_code == 0 and "school" in kwic.stdout
    show = runner.invoke(app, ["show", "99001", "--db", str(db)])
    assert show.exit_code == 0
    assert "President of Freedonia Rufus Firefly (retranslated): Thank you, Mr Putin." in show.stdout
    missing = runner.invoke(app, ["show", "424242", "--db", str(db)])
    assert missing.exit_code == 1
    assert missing.stderr == "error: no event '424242' in the corpus; find ids with: stenogram search TEXT\n"
    speakers = runner.invoke(app, ["speakers", "--db", str(db), "--json", "--limit", "1"])
    assert json.loads(speakers.stdout)["person"] == "Vladimir Putin"
    stats = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert json.loads(stats.stdout)["events"] == 8


def test_every_command_is_documented() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"stenogram {name}" in readme, name
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_show_as_markdown_and_html(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    md = runner.invoke(app, ["show", "99001", "--db", str(db), "--markdown"])
    assert md.exit_code == 0
    assert md.stdout.startswith("# Talks with President of Freedonia Rufus Firefly\n")
    assert "**President of Freedonia Rufus Firefly (retranslated):** Thank you, Mr Putin." in md.stdout
    page = tmp_path / "e.html"
    assert runner.invoke(app, ["show", "99001", "--db", str(db), "--html", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "id='turn-1'" in html and "<script" not in html and "&lt;…&gt;" in html
