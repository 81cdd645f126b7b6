"""No text collides inside any figure (issue 13): on every page, and after a slider move, no two text boxes of a
figure (title, axis titles, tick labels, legend, annotations, source line, data labels) overlap or touch, no legend
covers a mark and no value sits on its own point. What is compared with what: tests/browser/figure_text.py."""

from __future__ import annotations

import pytest

from .conftest import PageProbe
from .figure_text import collisions, cropped, figure_boxes
from .pages import assert_clean, changes, drawn_figures, open_chapter, state
from .test_scenarios import set_readout

pytestmark = pytest.mark.browser

PAGES = ["00_overview.ipynb", "01_threat.ipynb", "02_corridors.ipynb", "03_gold.ipynb", "04_spillover.ipynb",
         "05_methods_and_sources.ipynb"]


@pytest.mark.parametrize("notebook", PAGES, ids=[p.removesuffix(".ipynb") for p in PAGES])
@pytest.mark.parametrize("width", [1366, 1920])
@pytest.mark.parametrize("language", ["en", "fr"])  # French labels run 15-20 % longer
def test_no_text_collides_in_any_figure(app_url: str, page_probe: PageProbe, notebook: str, width: int,
                                        language: str) -> None:
    page = page_probe.page
    page.set_viewport_size({"width": width, "height": 768 if width == 1366 else 1080})
    open_chapter(page_probe, app_url, notebook, "" if language == "en" else f"?lang={language}")
    figures = figure_boxes(page)
    assert len(figures) == drawn_figures(page) >= 1
    assert all(f["boxes"] for f in figures), "a figure with no text found: the selectors no longer match plotly's"
    found = collisions(figures) + cropped(figures)
    assert not found, f"{notebook} ({language}) at {width} px: " + "\n".join(found)
    assert_clean(page_probe)


# A move that changes the titles' length and the axes: the extreme of each panel's main slider.
MOVES = {"gold": ("03_gold.ipynb", "Share of Kayes output disrupted", "100"),
         "displacement": ("04_spillover.ipynb", "to Mauritania", "5"),
         "fuel": ("02_corridors.ipynb", "Dakar", "100")}


@pytest.mark.parametrize("prefix", MOVES)
def test_no_text_collides_after_a_slider_move(app_url: str, page_probe: PageProbe, prefix: str) -> None:
    notebook, label, value = MOVES[prefix]
    page = open_chapter(page_probe, app_url, notebook)
    before = state(page, prefix)
    set_readout(page, page.locator(f".scenario-{prefix} .scenario-slider", has_text=label).first, value)
    assert changes(page, prefix, before, timeout_ms=30_000), f"moving {label} changed nothing"
    page.wait_for_timeout(500)  # plotly lays the new figure out
    found = collisions(figure_boxes(page))
    assert not found, f"{notebook} after {label} = {value}: " + "\n".join(found)
    assert_clean(page_probe)


@pytest.mark.parametrize("notebook", PAGES, ids=[p.removesuffix(".ipynb") for p in PAGES])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_text_collides_in_the_projector_theme(app_url: str, page_probe: PageProbe, notebook: str,
                                                 language: str) -> None:
    """The projector enlarges figure text: the maps' legends grew over the source footer (overview), panel titles,
    data labels and legends ran into each other and footers lost their last lines (every chapter, 4 Dec 2026)."""
    page = page_probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    open_chapter(page_probe, app_url, notebook, "" if language == "en" else f"?lang={language}")
    page.evaluate("() => window.BriefingApp.setTheme('projector')")
    page.wait_for_function("() => window.Briefing.figures.pending() === 0")
    page.wait_for_function("""() => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')].every(
        (gd) => gd._fullLayout.font.size >= 18)""", timeout=30_000)
    figures = figure_boxes(page)
    found = collisions(figures) + cropped(figures)
    assert not found, f"{notebook} ({language}) in the projector theme: " + "\n".join(found)
    page.evaluate("() => window.BriefingApp.setTheme('light')")
    assert_clean(page_probe)
