"""Every chapter as a reader gets it (issue: chapters): drawn offline, navigable, no code, no errors; the threat
chapter's time slider and filters change what is drawn and counted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PageProbe, screenshot
from .pages import assert_clean, drawn_figures, open_chapter, plot_signature

pytestmark = pytest.mark.browser

# Minimum figures each chapter draws (static figures plus the interactive ones).
CHAPTERS = {
    "00_overview.ipynb": 2,
    "01_threat.ipynb": 4,
    "02_corridors.ipynb": 7,
    "03_gold.ipynb": 7,
    "04_spillover.ipynb": 8,
}


@pytest.mark.parametrize("notebook, figures", CHAPTERS.items(), ids=list(CHAPTERS))
def test_chapter_renders_offline(app_url: str, page_probe: PageProbe, notebook: str, figures: int) -> None:
    page = open_chapter(page_probe, app_url, notebook)
    print(f"screenshot: {screenshot(page, notebook.removesuffix('.ipynb'))}")
    assert drawn_figures(page) >= figures, f"{notebook}: {drawn_figures(page)} figures drawn, expected {figures}"
    expect(page.get_by_text("Key takeaways").first).to_be_visible()
    expect(page.get_by_text("What to watch").first).to_be_visible()
    expect(page.get_by_text("Data cut-off").first).to_be_visible()
    assert_clean(page_probe)


def test_next_chapter_link_works(app_url: str, page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, "00_overview.ipynb")
    page.locator(".chapter-nav a", has_text="1 · The threat").first.click()
    page.wait_for_url("**/01_threat.ipynb", timeout=60_000)
    expect(page.get_by_text("The threat").first).to_be_visible(timeout=240_000)


def test_threat_slider_and_filters_change_the_figures(app_url: str, page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, "01_threat.ipynb")
    count = page.locator(".threat-count").first
    panel = ".threat-panel"

    def changed(before_count: str, before_plot: str) -> None:
        page.wait_for_function(
            """([sel, text, plot]) => { const c = document.querySelector('.threat-count');
                 const root = document.querySelector(sel); const p = root && root.querySelector('.js-plotly-plot');
                 const now = p ? JSON.stringify((p.data || []).map((t) => [t.x, t.y, t.lon, t.lat,
                                                t.marker && t.marker.size, t.text])) : '';
                 return c && (c.innerText !== text) && (now !== plot); }""",
            arg=[panel, before_count, before_plot], timeout=60_000)

    # The time slider: widen the window to the whole record with the keyboard (first handle to the start).
    text, plot = count.inner_text(), plot_signature(page, panel)
    handle = page.locator(".threat-time-slider .noUi-handle").first
    handle.focus()
    handle.press("Home")
    changed(text, plot)

    # Each filter: pick its first real option; the count and the timeline must change.
    for css in ["threat-filter-corridor", "threat-filter-region", "threat-filter-type"]:
        select = page.locator(f".{css} select").first
        text, plot = count.inner_text(), plot_signature(page, panel)
        select.select_option(index=1)
        changed(text, plot)
        select.select_option(index=0)
        page.wait_for_timeout(500)
    assert_clean(page_probe)


def test_threat_view_lives_in_the_address(app_url: str, page_probe: PageProbe) -> None:
    """Issue 13: the explorer's window and filters were not in the address, so a link could not reopen a view."""
    from .conftest import wait_for_voila

    page = open_chapter(page_probe, app_url, "01_threat.ipynb")
    select = page.locator(".threat-filter-region select").first
    select.select_option(index=1)
    chosen = select.input_value()
    page.wait_for_function("() => window.location.search.includes('threat.region=')", timeout=60_000)
    handle = page.locator(".threat-time-slider .noUi-handle").first
    handle.focus()
    handle.press("Home")
    page.wait_for_function("() => window.location.search.includes('threat.from=')", timeout=60_000)
    url, count = page.url, page.locator(".threat-count").first.inner_text()
    page.goto(url, timeout=240_000)  # a reload, or the link shared
    wait_for_voila(page)
    assert page.locator(".threat-filter-region select").first.input_value() == chosen
    assert page.locator(".threat-count").first.inner_text() == count, "the reopened view counts other events"
    # A bad value gets the scenario panels' plain message, not a traceback.
    page.goto(f"{app_url}voila/render/01_threat.ipynb?threat.from=someday", timeout=240_000)
    wait_for_voila(page)
    expect(page.locator(".threat-panel .briefing-note.warning").first).to_contain_text("not the first day of a week")
    assert_clean(page_probe)
