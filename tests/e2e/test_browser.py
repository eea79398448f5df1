"""End to end in a real headless browser (Debian's chromium driven by Playwright):
search, open an event, follow a turn link, check a quotation, and make sure a script in
a transcript never runs. Screenshots go to out/screenshots/ for a person to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, FIXTURES, running_server
from .browser import NO_CHROMIUM, SHOTS, chromium

HOSTILE = (
    (FIXTURES / "mini_dump.txt")
    .read_text(encoding="utf-8")
    .replace("Nine bridges are ready.", "Nine bridges are ready. <script>window.pwned = 1; alert('x')</script>")
)

pytestmark = [
    NO_CHROMIUM,
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    import stenogram

    folder = tmp_path_factory.mktemp("e2e")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "c.db"
    with stenogram.Corpus(db) as corpus:
        corpus.ingest([EXAMPLES, folder])
    with running_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with chromium() as browser:
        pg = browser.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs
        yield pg


def test_search_open_event_and_follow_a_turn_link(server: str, page: object) -> None:
    pg = page  # type: ignore[assignment]
    pg.goto(server + "/")  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "overview.png"), full_page=True)  # type: ignore[attr-defined]
    pg.fill("input[name=q]", "river border")  # type: ignore[attr-defined]
    pg.click("form.search button")  # type: ignore[attr-defined]
    pg.wait_for_selector(".hit")  # type: ignore[attr-defined]
    assert pg.locator("mark").count() >= 2  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "search.png"), full_page=True)  # type: ignore[attr-defined]
    pg.click(".hit .meta a[href*='/events/']")  # type: ignore[attr-defined]
    pg.wait_for_selector(".turn")  # type: ignore[attr-defined]
    assert "#turn-" in pg.url  # type: ignore[attr-defined]
    target = pg.url.split("#", 1)[1]  # type: ignore[attr-defined]
    assert pg.locator(f"#{target}").is_visible()  # type: ignore[attr-defined]
    assert pg.locator(".turn mark").count() >= 1  # type: ignore[attr-defined]  # the words searched, marked
    pg.click(".turn >> nth=1 >> .who a")  # type: ignore[attr-defined]
    assert pg.url.endswith("#turn-1")  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "event.png"), full_page=True)  # type: ignore[attr-defined]


def test_a_journalist_narrows_a_search_clears_a_filter_and_cites_a_turn(server: str, page: object) -> None:
    pg = page  # type: ignore[assignment]
    pg.goto(server + "/search")  # type: ignore[attr-defined]
    pg.get_by_label("Words", exact=True).fill("river")  # type: ignore[attr-defined]
    pg.get_by_label("Speaker", exact=True).fill("Putin")  # type: ignore[attr-defined]
    pg.get_by_role("button", name="Search").click()  # type: ignore[attr-defined]
    pg.wait_for_selector(".hit")  # type: ignore[attr-defined]
    narrowed = pg.locator(".hit").count()  # type: ignore[attr-defined]
    chip = pg.get_by_role("link", name="Remove the filter speaker: Putin")  # type: ignore[attr-defined]
    chip.click()
    pg.wait_for_selector(".hit")  # type: ignore[attr-defined]
    assert "speaker=" not in pg.url and pg.locator(".hit").count() >= narrowed  # type: ignore[attr-defined]
    with pg.expect_download() as download:  # type: ignore[attr-defined]
        pg.get_by_role("link", name="CSV").click()  # type: ignore[attr-defined]
    assert download.value.suggested_filename == "stenogram-search.csv"
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("kind,") and len(lines) > 1
    pg.locator(".hit details.cite summary").first.click()  # type: ignore[attr-defined]
    cite = pg.locator(".hit details.cite p").first.inner_text()  # type: ignore[attr-defined]
    assert "en.kremlin.ru" in cite and cite.endswith(").")


def test_check_a_quotation(server: str, page: object) -> None:
    pg = page  # type: ignore[assignment]
    pg.goto(server + "/check")  # type: ignore[attr-defined]
    pg.fill(
        "textarea[name=quote]",
        "Trade between us grew by almost a third last year, "  # type: ignore[attr-defined]
        "and most of that growth travelled by water.",
    )
    pg.fill("input[name=speaker]", "Vladimir Putin")  # type: ignore[attr-defined]
    pg.click("form button")  # type: ignore[attr-defined]
    pg.wait_for_selector("table.check")  # type: ignore[attr-defined]
    assert pg.locator("tr.ALTERED").count() == 1  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "check.png"), full_page=True)  # type: ignore[attr-defined]


def test_an_injected_script_does_not_run(server: str, page: object) -> None:
    pg = page  # type: ignore[assignment]
    pg.goto(server + "/search?q=bridges")  # type: ignore[attr-defined]
    link = pg.locator(".hit .meta a[href*='/events/']").first  # type: ignore[attr-defined]
    link.click()
    pg.wait_for_selector(".turn")  # type: ignore[attr-defined]
    assert "<script>window.pwned" in pg.inner_text("main")  # type: ignore[attr-defined]  # shown as text
    assert pg.evaluate("window.pwned === undefined")  # type: ignore[attr-defined]
    assert pg.dialogs == []  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)  # type: ignore[attr-defined]


def test_person_page(server: str, page: object) -> None:
    pg = page  # type: ignore[assignment]
    pg.goto(server + "/persons/vladimir-putin")  # type: ignore[attr-defined]
    assert pg.locator("svg.chart rect").count() >= 1  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "person.png"), full_page=True)  # type: ignore[attr-defined]


if os.environ.get("STENOGRAM_NO_BROWSER"):
    pytestmark.append(pytest.mark.skip(reason="STENOGRAM_NO_BROWSER is set"))
