"""The coverage report in a real browser: Debian's Chromium, driven headless by Playwright (no browser
download). Open the report from disk, sort and filter its tables, read what is shown, take a screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.cli import cli
from conftest import ROOTS

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def page(tmp_path):
    """A page of a fresh headless Chromium (its own profile folder), closed after the test."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing (Debian package chromium): run ./dev.sh test, which installs it",
                    pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1366, "height": 768})
        try:
            yield context.new_page()
        finally:
            context.close()


def _visible_claims(page, table: str) -> list[str]:
    return page.eval_on_selector_all(f"#{table} tbody tr:not([hidden]) td:nth-child(4) code",
                                     "cells => cells.map(c => c.textContent)")


def test_report_sorts_filters_and_fetches_nothing(page, runner, tmp_path):
    report = tmp_path / "coverage.html"
    assert runner.invoke(cli, ["coverage", str(ROOTS / "review-letter"), "--format", "html",
                               "-o", str(report)]).exit_code == 0
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri())
    assert requests == [report.as_uri()]  # self-contained: nothing else is fetched
    summary = page.inner_text("#summary-table tbody tr")
    assert summary.split("\t")[:5] == ["letter", "un-sr-assembly", "5", "100%", "60%"]

    table = "letter-paragraphs"
    assert _visible_claims(page, table) == ["rally-detentions", "van-video", "ministry-denial", "beaten-in-custody",
                                            "night-courts"]
    page.select_option(f"[data-for={table}] select[data-key=norms]", "iccpr-21")
    assert _visible_claims(page, table) == ["rally-detentions", "van-video"]
    assert page.inner_text(f"[data-for={table}] .shown") == "2 of 13 shown"
    page.select_option(f"[data-for={table}] select[data-key=norms]", "")
    page.select_option(f"[data-for={table}] select[data-key=kinds]", "ngo-report")
    assert _visible_claims(page, table) == ["beaten-in-custody", "night-courts"]
    page.select_option(f"[data-for={table}] select[data-key=kinds]", "")
    page.select_option(f"[data-for={table}] select[data-key=status]", "corroborated")
    page.select_option(f"[data-for={table}] select[data-key=tags]", "detention")
    assert _visible_claims(page, table) == ["rally-detentions", "night-courts"]
    page.select_option(f"[data-for={table}] select[data-key=status]", "")
    page.select_option(f"[data-for={table}] select[data-key=tags]", "")
    page.fill(f"[data-for={table}] input[type=search]", "ministry")
    assert _visible_claims(page, table) == ["ministry-denial"]
    page.fill(f"[data-for={table}] input[type=search]", "")

    page.click(f"#{table} thead th:nth-child(5)")  # Status, ascending
    assert _visible_claims(page, table)[:2] == ["beaten-in-custody", "rally-detentions"]
    page.click(f"#{table} thead th:nth-child(1)")  # Para, ascending: numbers sort as numbers
    numbers = page.eval_on_selector_all(f"#{table} tbody td:first-child", "cells => cells.map(c => c.textContent)")
    assert [int(n) for n in numbers if n] == list(range(1, 12))
    page.click(f"#{table} thead th:nth-child(1)")  # descending
    numbers = page.eval_on_selector_all(f"#{table} tbody td:first-child", "cells => cells.map(c => c.textContent)")
    assert [int(n) for n in numbers if n][:3] == [11, 10, 9]

    hits = page.eval_on_selector_all("#letter-matrix tbody tr", "rows => rows.map(r => Array.from(r.cells)"
                                     ".slice(1).map(c => c.classList.contains('hit') ? 'x' : '.').join(''))")
    assert hits == ["xx..", ".x..", "....", "..x.", "...x"]  # columns: ICCPR arts 9, 21, 7, 14
    assert page.get_attribute("#letter-sources a[href^='https://a.example.org']", "href") == \
        "https://a.example.org/forty-detained"
    assert errors == []
    page.click("#letter-paragraphs thead th:nth-child(1)")  # back to document order for the picture
    page.screenshot(path=str(tmp_path / "coverage.png"), full_page=True)
    assert (tmp_path / "coverage.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
