"""The scenario panels in the browser: every slider at its extremes changes the numbers and the figure, the URL
carries the scenario and a reload restores it, reset returns to the baseline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import PageProbe
from .pages import assert_clean, changes, open_chapter, state

pytestmark = pytest.mark.browser

PANELS = {"fuel": "02_corridors.ipynb", "gold": "03_gold.ipynb", "displacement": "04_spillover.ipynb"}
# A stressed starting point, opened from the URL (so restoring from the address is exercised too): from the plain
# baseline some sliders are inert by design (rerouting with nothing lost, a convoy size with no convoys).
STRESS = {"fuel": "?fuel.disruption_dakar=50&fuel.share_nouakchott=10&fuel.escort_per_week=1",
          "gold": "?gold.kayes_disrupted_pct=50",
          "displacement": "?displacement.monthly_displaced=20000"}


def set_readout(page: Page, slider, text: str) -> None:
    """Type a value into a slider's editable readout (how a keyboard user sets an exact value)."""
    readout = slider.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("prefix", PANELS, ids=list(PANELS))
def test_sliders_url_and_reset(app_url: str, page_probe: PageProbe, prefix: str) -> None:
    page = open_chapter(page_probe, app_url, PANELS[prefix], STRESS[prefix])
    panel = page.locator(f".scenario-{prefix}")
    sliders = panel.locator(".scenario-slider")
    assert sliders.count() >= 3
    for key in STRESS[prefix].lstrip("?").split("&"):
        assert key in page.url, f"the stressed scenario {key} was not kept in the address"
    # Each slider from the stressed scenario: to its maximum, to its minimum, then back. It may be inert at one
    # extreme (it is already there), but must change the numbers or the figure at one of them.
    inert = []
    for i in range(sliders.count()):
        slider, handle = sliders.nth(i), sliders.nth(i).locator(".noUi-handle")
        original = slider.locator(".widget-readout").inner_text()
        changed = False
        for key in ("End", "Home"):
            before = state(page, prefix)
            handle.focus()
            handle.press(key)
            changed |= changes(page, prefix, before)
        set_readout(page, slider, original)
        page.wait_for_timeout(300)
        if not changed:
            inert.append(slider.locator(".widget-label").inner_text())
    assert not inert, f"sliders that changed nothing at either extreme: {inert}"
    expect(panel.locator(".scenario-summary table")).to_be_visible()

    # The URL carries the scenario; a reload with it restores the same numbers.
    page.wait_for_function(f"() => window.location.search.includes('{prefix}.')", timeout=30_000)
    url, numbers = page.url, state(page, prefix)[0]
    page_probe.page.goto(url, timeout=240_000)
    from .conftest import wait_for_voila

    wait_for_voila(page)
    assert state(page, prefix)[0] == numbers, "a reload with the address did not restore the scenario"

    # Reset returns every slider to its default: the address loses the scenario.
    panel.locator(".scenario-reset").click()
    page.wait_for_function(f"() => !window.location.search.includes('{prefix}.')", timeout=30_000)
    assert_clean(page_probe)
