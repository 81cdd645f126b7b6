"""Hostile page addresses (issue 16, item 7): values that are not numbers, out of range or kilobytes long get one
short message each and the default or the nearest allowed value, and the address is rewritten at once to what the
page shows, so a copied link does not carry them on."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import PageProbe
from .pages import assert_clean, open_chapter

pytestmark = pytest.mark.browser

LONG = "7" * 5_000 + "x" * 5_000  # 10 kB, not a number


def test_hostile_scenario_address_gets_defaults_messages_and_a_clean_address(app_url: str,
                                                                            page_probe: PageProbe) -> None:
    query = (f"?present=0&fuel.disruption_dakar=NaN&fuel.reroute=nan&fuel.spare=-inf&fuel.escort_per_week=150"
             f"&fuel.stock_days={LONG}&fuel.bogus=1")
    page = open_chapter(page_probe, app_url, "02_corridors.ipynb", query)
    panel = page.locator(".scenario-fuel")
    messages = panel.locator(".scenario-messages li")
    expect(messages.nth(5)).to_be_visible(timeout=60_000)
    texts = messages.all_inner_texts()  # the six about the address, then the model's own notes on the scenario
    assert sum("in the address" in t for t in texts) == 6, texts
    assert texts[:2] == ["disruption_dakar: 'NaN' in the address is not a number; the default 0 is used",
                         "reroute: 'nan' in the address is not a number; the default 50 is used"], texts
    assert texts[3] == "escort_per_week: 150 in the address is outside 0–7; 7 is used", texts
    assert all(len(t) < 150 for t in texts), "a long value from the address was echoed whole"
    readouts = {panel.locator(".scenario-slider").nth(i).locator(".widget-label").inner_text():
                panel.locator(".scenario-slider").nth(i).locator(".widget-readout").inner_text()
                for i in range(panel.locator(".scenario-slider").count())}
    assert not any("NaN" in value or "nan" in value for value in readouts.values()), readouts
    # The address now says what the page shows: the refused values are gone, the clamped one is the limit.
    page.wait_for_function("() => !window.location.search.includes('NaN')", timeout=30_000)
    params = parse_qs(urlsplit(page.url).query)
    assert params.get("fuel.escort_per_week") == ["7"], params
    assert params.get("present") == ["0"], "a parameter of another part of the page was dropped"
    assert not any(key in params for key in ("fuel.disruption_dakar", "fuel.reroute", "fuel.spare",
                                             "fuel.stock_days", "fuel.bogus")), params
    assert len(page.url) < 500
    assert_clean(page_probe)
