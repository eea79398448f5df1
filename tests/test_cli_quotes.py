"""``stenogram quotes``: the contract, metadata flags, HTML pages, errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from stenogram.cli import app

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schemas" / "quotes-article.schema.json").read_text(encoding="utf-8"))
ARTICLE = (
    "Minister promises roads\n"
    "Transport Minister Oleg Brodsky visited the region on Monday.\n"
    "- The new road will be finished in May, - Oleg Brodsky said.\n"
    '"We have the money," he added, "and we have the workers."\n'
)
PAGE = (
    "<!doctype html><html><head><title>Roads | Northern Daily</title>"
    '<meta property="og:site_name" content="Northern Daily"><meta name="date" content="2026-03-05"></head>'
    "<body><nav>Home News Sport</nav><article><h1>Roads in the north</h1>"
    "<p>Transport Minister Oleg Brodsky visited the region on Monday and met the local builders.</p>"
    "<p>“The new road will be finished in May, before the floods,” Oleg Brodsky said after the meeting.</p>"
    "</article><footer>All rights reserved</footer></body></html>"
)


def test_json_lines_follow_the_contract(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00\x00\x01")
    result = CliRunner().invoke(
        app,
        [
            "quotes",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.bin"),
            "--json",
            "--outlet",
            "Daily",
            "--date",
            "2026-03-05",
        ],
    )
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        jsonschema.validate(record, SCHEMA)
    article = records[0]
    assert (article["title"], article["outlet"], article["date"]) == ("Minister promises roads", "Daily", "2026-03-05")
    direct = [q for q in article["quotes"] if q["kind"] == "direct"]
    assert [(q["text"], q["person"]) for q in direct] == [
        ("The new road will be finished in May", "Oleg Brodsky"),
        ("We have the money and we have the workers.", "Oleg Brodsky"),
    ]
    for q in direct:
        assert ARTICLE[q["start"] : q["end"]].startswith(q["text"][:10])
    assert records[1] == {"kind": "error", "path": str(tmp_path / "b.bin"), "reason": "binary file, not text or HTML"}
    assert result.stderr.splitlines()[-1] == "3 quotations; 1 failed" or result.stderr.splitlines()[-1].endswith(
        "; 1 failed"
    )


def test_html_articles_use_the_page_metadata(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(tmp_path / "page.html"), "--json"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    jsonschema.validate(article, SCHEMA)
    assert article["source"]["format"] == "news-html"
    assert article["outlet"] == "Northern Daily" and article["date"] == "2026-03-05"
    (q,) = [q for q in article["quotes"] if q["kind"] == "direct"]
    assert q["text"] == "The new road will be finished in May, before the floods" and q["person"] == "Oleg Brodsky"
    assert article["text"][q["start"] : q["end"]] == q["text"]
    assert "Sport" not in article["text"]
