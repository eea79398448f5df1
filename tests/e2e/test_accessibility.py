"""Every page in a real browser at a phone's width (390 px) and a laptop's (1366 px):
no sideways scrolling, and no violation of the WCAG 2 A/AA rules that axe-core checks
(contrast, labels, landmarks, headings, names of links and buttons). Screenshots go to
out/screenshots/ for a person to look at."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLES, running_server
from .browser import NO_CHROMIUM, SHOTS, chromium

WIDTHS = (390, 1366)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "overview": "/",
    "search": "/search?q=river&speaker=Putin",
    "search-empty": "/search",
    "search-error": "/search?q=%22river",
    "event": "/events/90001?q=river",
    "person": "/persons/vladimir-putin",
    "people": "/persons",
    "events": "/events?month=2026",
    "kwic": "/kwic?q=river",
    "check": "/check?quote=Trade+between+us+grew+by+almost+a+third+last+year&speaker=Vladimir+Putin",
    "not-found": "/events/424242",
    "checks": "/checks",
    "stored-check": "/checks/{key}",  # the check the server fixture stores
}
STORED: dict[str, str] = {}

pytestmark = NO_CHROMIUM


def _axe_source() -> str:
    axe = pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is not installed")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    import stenogram

    db = tmp_path_factory.mktemp("a11y") / "c.db"
    said = "Trade between us grew by almost a third last year, and most of that growth travelled by water."
    with stenogram.Corpus(db) as corpus:
        corpus.ingest([EXAMPLES])
        corpus.save_verdicts([corpus.check(said, claimed_speaker="Vladimir Putin", semantic=False)])
        STORED["key"] = next(iter(corpus.verdicts()))["verdict_key"]
    with running_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with chromium() as b:
        yield b


def _violations(page: Any, axe: str) -> list[str]:
    """axe-core's WCAG A/AA violations of the page, one line each. The script is run by
    the browser's debugging protocol, which the page's CSP does not govern."""
    page.evaluate(axe)
    found = page.evaluate("async (tags) => (await axe.run(document, {runOnly: tags})).violations", WCAG_TAGS)
    return [f"{v['id']}: {v['help']} ({json.dumps([n['target'] for n in v['nodes']][:3])})" for v in found]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_fits_the_screen(server: str, browser: Any, name: str, width: int) -> None:
    axe = _axe_source()
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(server + PAGES[name].format(**STORED))
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"
        assert _violations(page, axe) == []
        assert page.locator("main h1").count() == 1
        assert page.locator("header nav a").count() >= 5
    finally:
        page.close()


def test_the_skip_link_moves_to_the_content(server: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(server + "/search")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("Enter")
        assert page.url.endswith("#main")
    finally:
        page.close()


def test_the_api_docs_load_from_this_host_only(server: str, browser: Any) -> None:
    page = browser.new_page()
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(server + "/api/v1/docs")
        page.wait_for_selector(".opblock", timeout=15_000)  # Swagger UI drew the operations
        assert page.locator(".opblock").count() >= 8
        page.screenshot(path=str(SHOTS / "api-docs.png"), full_page=True)
        assert hosts == {server.split("/")[2]}
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        page.close()
