"""The static export in the browser (issue: take-aways): opened from disk (file://) with every other request
blocked and counted, its figures draw, the time slider moves the threat window and changes the plotted data and
the count, a preset button switches the scenario figure and its table, and the whole briefing links inside itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

from widgets import loaders as L
from widgets.export import views as V
from widgets.export.run import export
from widgets.figures import scenario_gold
from widgets.scenarios import gold
from widgets.scenarios.base import defaults

from .conftest import SCREENS, PageProbe, open_probe, screenshot
from .pages import assert_clean, drawn_figures

pytestmark = pytest.mark.browser
WIDTH = 8  # the live panel's opening window (widgets.analysis.threat.DEFAULT_WEEKS), which the export keeps


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export(["01_threat.ipynb", "03_gold.ipynb"], out, workers=2)
    return out


def open_file(browser: Browser, path: Path) -> PageProbe:
    """The probe blocks and records everything that is not this export's own files (file:// under its folder)."""
    probe = open_probe(browser)
    folder = path.parent.resolve().as_uri() + "/"

    def own_files(route: Route, request: Request) -> None:
        if request.url.startswith(folder):
            route.continue_()
        else:
            route.fallback()  # the probe's handler: data:/blob: pass, anything else is blocked and recorded

    probe.page.route("**/*", own_files)  # added last, so asked first
    probe.page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
    probe.page.wait_for_function(
        """() => { const figs = [...document.querySelectorAll('.plotly-figure')];
                   return figs.length > 0 && figs.every((g) => g.dataset.drawn === 'true'); }""", timeout=120_000)
    return probe


@pytest.fixture
def opened(browser: Browser):
    probes: list[PageProbe] = []

    def open_(path: Path) -> PageProbe:
        probes.append(open_file(browser, path))
        return probes[-1]

    yield open_
    for probe in probes:
        probe.page.context.close()


def figure_state(page: Page, index: int) -> dict:
    return page.evaluate(
        """(i) => { const gd = document.querySelectorAll('.plotly-figure')[i];
              return {data: JSON.stringify(gd.data.map((t) => [t.x, t.y, t.lon, t.lat, t.text, t.fillcolor])),
                      title: gd.layout.title.text,
                      notes: (gd.layout.annotations || []).map((a) => a.text),
                      slider: gd.layout.sliders && gd.layout.sliders[0] ? gd.layout.sliders[0].active : null,
                      menu: gd.layout.updatemenus && gd.layout.updatemenus[0] ? gd.layout.updatemenus[0].active : null}; }""",
        index)


def figure_index(page: Page, selector: str) -> int:
    return page.evaluate(
        """(sel) => [...document.querySelectorAll('.plotly-figure')].findIndex((gd) => gd.querySelector(sel))""",
        selector)


def test_threat_chapter_slider_moves_the_window(opened, export_dir: Path) -> None:
    probe = opened(export_dir / "01_threat.html")
    page = probe.page
    print(f"screenshot: {screenshot(page, 'export-01_threat')}")
    assert drawn_figures(page) == page.locator(".plotly-figure").count() >= 4
    i = figure_index(page, ".slider-container")
    assert i >= 0, "no figure with a time slider"
    before = figure_state(page, i)
    windows = V.threat_windows(L.load_events(), WIDTH)
    assert before["slider"] == len(windows) - 1
    assert V._wrap(windows[-1].sentence) in before["notes"]

    j = next(k for k in range(page.locator(".plotly-figure").count())
             if k != i and figure_state(page, k)["slider"] is not None)  # the map, with its own slider
    map_before = figure_state(page, j)
    # Press on the rail's left end: the slider jumps to the first window, as a reader's click does.
    rail = page.locator(".plotly-figure").nth(i).locator(".slider-rail-touch-rect").first
    rail.scroll_into_view_if_needed()
    box = rail.bounding_box()
    page.mouse.click(box["x"] + 3, box["y"] + box["height"] / 2)
    page.wait_for_function("(i) => document.querySelectorAll('.plotly-figure')[i].layout.sliders[0].active === 0",
                           arg=i, timeout=10_000)
    after = figure_state(page, i)
    assert after["data"] != before["data"], "the slider moved but the plotted data did not change"
    assert V._wrap(windows[0].sentence) in after["notes"], "the count does not follow the window"
    assert windows[0].count != windows[-1].count
    # The map follows the timeline's window.
    page.wait_for_function("(j) => document.querySelectorAll('.plotly-figure')[j].layout.sliders[0].active === 0",
                           arg=j, timeout=10_000)
    assert figure_state(page, j)["data"] != map_before["data"], "the map did not follow the timeline's window"
    assert_clean(probe)


def test_gold_preset_button_switches_figure_and_table(opened, export_dir: Path) -> None:
    probe = opened(export_dir / "03_gold.html")
    page = probe.page
    i = figure_index(page, ".updatemenu-container")
    assert i >= 0, "no figure with preset buttons"
    before = figure_state(page, i)
    tables = page.locator('.preset-tables[data-preset-group="gold"] .preset-table')
    assert tables.count() == len(gold.PRESETS)
    expect(tables.nth(0)).to_be_visible()
    expect(tables.nth(1)).to_be_hidden()

    page.locator(".plotly-figure").nth(i).locator(".updatemenu-button").nth(1).click()
    page.wait_for_function("(i) => document.querySelectorAll('.plotly-figure')[i].layout.updatemenus[0].active === 1",
                           arg=i, timeout=10_000)
    after = figure_state(page, i)
    assert after["data"] != before["data"], "the preset button did not change the plotted data"
    baseline = gold.run(defaults(gold.PARAMS))
    expected = scenario_gold.figure(baseline, gold.run(gold.PRESETS[1].full_values(gold.PARAMS)),
                                    catalogue=L.load_catalogue())
    assert after["title"] == expected.layout.title.text
    expect(tables.nth(1)).to_be_visible()
    expect(tables.nth(0)).to_be_hidden()
    print(f"screenshot: {screenshot(page, 'export-03_gold')}")
    assert_clean(probe)


def test_whole_briefing_links_inside_itself(opened, export_dir: Path) -> None:
    probe = opened(export_dir / "briefing.html")
    page = probe.page
    for name in ("01_threat", "03_gold"):
        expect(page.locator(f'section[id="{name}"]')).to_have_count(1)
    hrefs = page.eval_on_selector_all(".chapter-nav a", "(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs
    config = json.loads(page.evaluate("() => JSON.stringify(window.BRIEFING_CONFIG)"))
    assert config["mode"] == "export" and [c["href"] for c in config["chapters"]] == ["#01_threat", "#03_gold"]
    assert drawn_figures(page) == page.locator(".plotly-figure").count()
    page.locator('.chapter-nav a[href="#03_gold"]').first.click()
    page.wait_for_function("() => location.hash === '#03_gold'", timeout=10_000)
    top = page.evaluate("() => document.getElementById('03_gold').getBoundingClientRect().top")
    assert -5 <= top < 200, f"the link did not bring the chapter into view (top at {top} px)"
    assert_clean(probe)


def test_live_preset_selector_sets_the_sliders(app_url: str, page_probe: PageProbe) -> None:
    """In the live app, choosing a preset moves the sliders to its values, recomputes, and keeps it in the address."""
    from .pages import open_chapter
    from .test_scenarios import changes, state

    page = open_chapter(page_probe, app_url, "03_gold.ipynb")
    panel = page.locator(".scenario-gold")
    before = state(page, "gold")
    preset = gold.PRESETS[1]
    panel.locator(".scenario-preset select").select_option(label=preset.label)
    assert changes(page, "gold", before), "choosing a preset changed neither the numbers nor the figure"
    labels = {p.key: p.label for p in gold.PARAMS}
    for key, value in preset.values.items():
        slider = panel.locator(".scenario-slider", has_text=labels[key])
        expect(slider.locator(".widget-readout")).to_have_text(f"{value:,.0f}")
        page.wait_for_function("(kv) => location.search.includes(kv)", arg=f"gold.{key}={value:g}", timeout=10_000)
    expect(panel.locator(".scenario-preset-why")).to_contain_text("assumptions")
    SCREENS.mkdir(parents=True, exist_ok=True)
    panel.locator(".scenario-preset").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENS / "live-gold-preset.png"))
    # Moving a slider away from the preset says "Custom": the panel never names a preset it is not showing.
    handle = panel.locator(".scenario-slider", has_text=labels["horizon_years"]).locator(".noUi-handle")
    handle.focus()
    handle.press("End")
    expect(panel.locator(".scenario-preset select option:checked")).to_have_text(re.compile(r"^Custom"),
                                                                               timeout=10_000)
    assert_clean(page_probe)


@pytest.fixture(scope="module")
def french_export_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export-fr")
    export(["03_gold.ipynb", "04_spillover.ipynb"], out, workers=2, language="fr")
    return out


def test_the_french_export_opens_offline_and_shows_french(opened, french_export_dir: Path) -> None:
    """Issue 17: the French set (`python -m widgets.export --lang fr`, build/export/fr/) opened from disk with the network blocked:
    every figure draws, the page says French, and no English phrase of the catalogues or narrative is left over."""
    from . import english_left
    from .test_french_text import SHOWN_TEXT
    probe = opened(french_export_dir / "briefing.html")
    page = probe.page
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert drawn_figures(page) == page.locator(".plotly-figure").count() >= 2
    expect(page.locator(".chapter-nav").first).to_contain_text("L’or")
    english = english_left.catalogue_english("fr")
    for notebook in ("03_gold.ipynb", "04_spillover.ipynb"):
        english |= english_left.narrative_english("fr", notebook)
    found = english_left.leftovers(page.evaluate(SHOWN_TEXT), english)
    assert found == [], f"{len(found)} English phrases in the French export:\n" + "\n".join(found)
    ticks = page.evaluate("() => [...document.querySelectorAll('.xtick text')].map((t) => t.textContent)")
    assert "janv. 2025" in ticks and "Jan 2025" not in ticks, ticks  # plotly's months in the page's language
    screenshot(page, "export-fr-briefing")
    assert_clean(probe)
