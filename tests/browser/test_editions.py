"""Editions in the browser: one data cut-off per page with its currency badge; the overview's 'what changed'
panel lists edition 2's new events and revised figures and keeps the compared edition in the address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from widgets import paths

from .pages import assert_clean, open_chapter

CHAPTERS = sorted(p.name for p in paths.NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("notebook", CHAPTERS)
def test_every_page_states_one_data_cutoff_edition_and_currency(page_probe, app_url, notebook):
    page = open_chapter(page_probe, app_url, notebook)
    text = page.locator("body").inner_text()
    assert len(re.findall(r"data cut-off", text, flags=re.I)) == 1, "a page shows exactly one data cut-off"
    stamp = page.locator(".edition-stamp")
    expect(stamp).to_have_count(1)
    assert re.search(r"Edition \d+ · \d{1,2} \w{3} \d{4}", stamp.inner_text())
    assert re.search(r"\b(current|ageing|stale)\b", stamp.locator(".currency-badge").text_content())
    assert "The newest" in stamp.inner_text()
    assert_clean(page_probe)


def test_overview_lists_what_changed_and_keeps_the_edition_in_the_address(page_probe, app_url):
    page = open_chapter(page_probe, app_url, "00_overview.ipynb")
    panel = page.locator(".what-changed")
    expect(panel).to_have_count(1)
    body = panel.text_content()  # folded groups included
    for expected in ("E071", "E080", "U006", "G049", "T001", "G078", "withdrawn"):
        assert expected in body, expected
    page.wait_for_function("() => location.search.includes('changes.since=1')")
    copied = page.evaluate("() => location.search")  # the link a reader would copy reopens the same comparison
    page = open_chapter(page_probe, app_url, "00_overview.ipynb", copied)
    expect(page.locator(".what-changed select option:checked")).to_have_text("Edition 1")
    assert "changes.since=1" in page.url
    assert_clean(page_probe)


def test_a_bad_edition_in_the_address_gets_a_message_and_is_rewritten(page_probe, app_url):
    page = open_chapter(page_probe, app_url, "00_overview.ipynb", "?changes.since=" + "9" * 40)
    panel = page.locator(".what-changed")
    expect(panel).to_contain_text("does not exist; compared with edition 1 instead")
    assert "9" * 30 not in panel.inner_text()  # the echoed value is shortened
    page.wait_for_function("() => location.search.includes('changes.since=1') && !location.search.includes('999')")
    assert_clean(page_probe)


def test_downloads_carry_the_edition_stamp(page_probe, app_url):
    page = open_chapter(page_probe, app_url, "03_gold.ipynb")
    line = page.locator(".edition-stamp").get_attribute("data-line")
    assert line.startswith("Edition ") and "data cut-off" in line
    csv_text, annotations = page.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        const image = window.Briefing.downloads.stamped(window.Briefing.figures.light(gd));
        return [window.briefingFigureCsv(gd), image.layout.annotations.map((a) => a.text)]; }""")
    assert f"# {line}" in csv_text.splitlines()
    assert line in annotations
    assert_clean(page_probe)
