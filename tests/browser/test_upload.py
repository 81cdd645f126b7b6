"""Bring your own data, as an analyst does it in the browser: a valid export appears on the timeline and the map
with its source line; a hostile file runs nothing and gets its message; a file over the limit is refused before it
is sent; a reload forgets everything."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from widgets.byod import MAX_BYTES
from widgets.figures.threat import YOURS_TRACE

from .conftest import SCREENS, PageProbe, screenshot, wait_for_voila
from .pages import assert_clean, open_chapter

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "byod"
PICKER = ".byod-upload input[type=file]"

# Points of the "your data" trace in each drawn plot: {"scatter": n, "scattergeo": n}.
_YOURS_POINTS_JS = """(name) => { const out = {};
  for (const plot of document.querySelectorAll('.threat-panel .js-plotly-plot')) {
    for (const t of plot.data || []) {
      if (t.name === name) out[t.type || 'scatter'] = (t.x || t.lon || []).length;
    }
  }
  return out; }"""


# Viewport centres of the drawn points of the uploaded trace on the threat map (the trace's group carries its
# calcdata, whose first item names the trace).
_YOURS_MAP_POINTS_JS = """(name) => {
  const group = [...document.querySelectorAll('.threat-panel .trace.scattergeo')]
    .find((g) => g.__data__ && g.__data__[0] && g.__data__[0].trace && g.__data__[0].trace.name === name);
  if (!group) return [];
  return [...group.querySelectorAll('path.point')].map((p) => {
    const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }); }"""


def yours_points(page: Page) -> dict[str, int]:
    return page.evaluate(_YOURS_POINTS_JS, YOURS_TRACE)


def wait_for_points(page: Page, n: int, timeout_s: float = 60) -> None:
    """Until both the timeline and the map draw `n` points of the uploaded data."""
    deadline = time.monotonic() + timeout_s
    while (got := yours_points(page)) != {"scatter": n, "scattergeo": n}:
        assert time.monotonic() < deadline, f"your-data points drawn: {got}, expected {n} on each figure"
        page.wait_for_timeout(250)


def upload(page: Page, path: Path) -> None:
    page.locator(PICKER).set_input_files(str(path))


def test_valid_upload_shows_on_map_and_timeline_and_downloads_back(app_url: str, page_probe: PageProbe) -> None:
    # The window opened from the address holds the fixture's January dates (edition 2's record runs to March).
    page = open_chapter(page_probe, app_url, "01_threat.ipynb", "?threat.from=2025-12-29&threat.to=2026-03-09")
    assert yours_points(page) == {"scatter": 0, "scattergeo": 0}
    upload(page, FIXTURES / "acled_window.csv")
    expect(page.locator(".byod-ok")).to_contain_text("4 events from", timeout=60_000)
    expect(page.locator(".byod-citation")).to_contain_text("Armed Conflict Location & Event Data")
    wait_for_points(page, 4)
    expect(page.locator(".threat-count")).to_contain_text("4 of them come from your data")
    # The source line of the analyst's data is on both figures (so a screenshot says whose events they are).
    expect(page.locator(".threat-panel .js-plotly-plot").filter(has_text="Your data: acled_window.csv")
           ).to_have_count(2)
    print(f"screenshot: {screenshot(page, 'threat-with-your-data')}")

    page.locator(".byod-prepare").click()
    link = page.locator("a.byod-download-link")
    expect(link).to_contain_text("Save 4 events")
    with page.expect_download() as download:
        link.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Your uploaded events (acled_window.csv)") and "SYNW1" in text and "E001" not in text

    page.locator(".byod-remove").click()
    expect(page.locator(".byod-removed")).to_be_visible(timeout=30_000)
    wait_for_points(page, 0)
    assert_clean(page_probe)


def test_hostile_file_runs_nothing_and_reload_forgets(app_url: str, page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, "01_threat.ipynb")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    upload(page, FIXTURES / "acled_hostile.csv")
    expect(page.locator(".byod-ok")).to_contain_text("2 events from", timeout=60_000)
    expect(page.locator(".byod-status")).to_contain_text("kept as plain text")
    page.locator(".byod-choice button", has_text="Your data").click()
    page.get_by_text("Show the events in the selection").click()
    expect(page.locator(".threat-events-table")).to_contain_text("<script>window.__pwned=2</script>Kayes")
    # Hover every point of the uploaded trace on the map with the mouse: plotly must show the markup as text too
    # (its labels understand <a href> and friends, so an unescaped place name would become a live link).
    page.locator(".threat-panel .js-plotly-plot").nth(1).scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({_YOURS_MAP_POINTS_JS})({YOURS_TRACE!r}).length === 2", timeout=60_000)
    centres = page.evaluate(_YOURS_MAP_POINTS_JS, YOURS_TRACE)
    labels = []
    for x, y in centres:
        page.mouse.move(x, y)
        label = page.locator(".threat-panel .hoverlayer .hovertext")
        expect(label).to_have_count(1, timeout=10_000)
        labels.append(label.text_content())
        assert page.locator(".threat-panel .hoverlayer a, .threat-panel .hoverlayer script").count() == 0
        page.mouse.move(1, 1)
        expect(label).to_have_count(0, timeout=10_000)
    assert any("<script>window.__pwned=2</script>Kayes" in text for text in labels), labels
    assert any('<a href="javascript:window.__pwned=4">Diéma</a>' in text for text in labels), labels
    assert page.evaluate("() => window.__pwned") is None, "a script from the uploaded file ran"
    assert page.evaluate("() => [...document.scripts].filter((s) => s.text.includes('__pwned')).length") == 0
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []

    page.reload()
    wait_for_voila(page)
    expect(page.locator(".byod-status")).to_contain_text("Add your own data")
    assert yours_points(page) == {"scatter": 0, "scattergeo": 0}
    expect(page.locator(".threat-count")).not_to_contain_text("your data")
    assert_clean(page_probe)


def test_file_over_the_limit_is_refused_in_the_browser(app_url: str, page_probe: PageProbe,
                                                       tmp_path: Path) -> None:
    page = open_chapter(page_probe, app_url, "01_threat.ipynb")
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(len(frame))))
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:  # sparse: MAX_BYTES + 1 bytes without writing them
        out.truncate(MAX_BYTES + 1)
    page.locator(PICKER).set_input_files(str(huge))
    expect(page.locator(".byod-rejected")).to_contain_text("larger than the 50 MB limit", timeout=60_000)
    assert max(sent, default=0) < 1024 * 1024, "the file's bytes were sent to the server"
    assert_clean(page_probe)


_CORRIDOR_POINTS_JS = """(name) => {
  const plot = document.querySelector('.corridor-yours-panel .js-plotly-plot');
  if (!plot) return -1;
  const trace = (plot.data || []).find((t) => t.name === name);
  // lon may arrive as a typed-array spec ({dtype, bdata}); hovertext is always a plain list
  return trace ? (trace.hovertext || []).length : -1; }"""


def test_corridors_page_puts_your_events_on_the_links(app_url: str, page_probe: PageProbe) -> None:
    """The same file on the corridors chapter: snapped to road links, counted per corridor, removable."""
    from widgets.figures.corridors_yours import YOURS_TRACE as CORRIDOR_TRACE

    page = open_chapter(page_probe, app_url, "02_corridors.ipynb")
    panel = page.locator(".corridor-yours-panel")
    expect(panel.locator(".corridor-yours-map")).to_be_hidden()  # no second map before there is data to show
    expect(panel.locator(".js-plotly-plot")).to_have_count(0)
    panel.locator(PICKER).set_input_files(str(FIXTURES / "acled_window.csv"))
    expect(panel.locator(".byod-ok")).to_contain_text("4 events from", timeout=60_000)
    expect(panel.locator(".corridor-yours-summary")).to_contain_text("so counted on the map: 4")
    expect(panel.locator(".corridor-yours-table")).to_contain_text("your events (within 30 km)")
    deadline = time.monotonic() + 60
    while (drawn := page.evaluate(_CORRIDOR_POINTS_JS, CORRIDOR_TRACE)) < 1:
        assert time.monotonic() < deadline, f"your events on the corridor map: {drawn}"
        page.wait_for_timeout(250)
    expect(panel.locator(".js-plotly-plot").filter(has_text="Your data: acled_window.csv")).to_have_count(1)
    page.set_viewport_size({"width": 1366, "height": 1500})
    panel.locator(".byod-ok").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENS / "corridors-your-data-panel.png"))
    panel.locator(".byod-remove").click()
    expect(panel.locator(".byod-removed")).to_be_visible(timeout=30_000)
    expect(panel.locator(".corridor-yours-summary")).to_have_text("")
    expect(panel.locator(".js-plotly-plot")).to_have_count(0)  # the map and its data are gone from the page
    assert_clean(page_probe)
