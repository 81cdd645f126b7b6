"""The methods-and-sources chapter, as a reader gets it: offline, drawn, searchable, no code, no errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import PageProbe, screenshot, wait_for_voila

pytestmark = pytest.mark.browser

NOTEBOOK = "05_methods_and_sources.ipynb"
SEARCH_TERM = "Reuters"
SEARCH_BOX = ".widget-text input, input[type=text]"

# Console noise we understand and accept. Keep this list short and explain every entry.
BENIGN_CONSOLE = [
    # Chromium reports a ResizeObserver callback that resized observed elements again within one frame
    # (lumino panels + plotly's responsive relayout); the spec says it is delivered next frame: harmless.
    re.compile(r"ResizeObserver loop"),
]
BENIGN_PAGE_ERRORS = [
    # plotly's mimetype renderer (fig.show(), a bare go.Figure) draws the graph, then tries to store a PNG
    # snapshot in the notebook model with model.setData(); Voilà 0.5 hands it plain JSON instead of a model,
    # so that last step throws. The figure is already on screen and Voilà never saves notebooks.
    re.compile(r"setData is not a function"),
]

# What a reader must never see: Python tracebacks, Voilà's stripped-error notice, broken widgets.
ERROR_TEXT = re.compile(
    r"Traceback \(most recent call last\)|\b(Name|Type|Value|Key|Attribute|Import|ModuleNotFound|File"
    r"NotFound|Index|Runtime|Execution)Error\b|There was an error when executing cell|Error displaying widget"
    r"|Javascript Error|Failed to load model class"
)
# Code (stripped by --strip_sources=True); markdown cells also use .jp-InputArea, hence .jp-CodeCell.
CODE_SELECTOR = ".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor, .jp-InputArea-editor"

# Rows of the first <table> after the search box (the catalogue), body rows when there is a <tbody>.
CATALOGUE_ROWS_JS = """
(input) => {
  const after = [...document.querySelectorAll('table')].filter(
    (t) => input.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!after.length) return -1;
  const t = after[0];
  return t.tBodies.length ? t.tBodies[0].rows.length : t.rows.length;
}
"""


@pytest.fixture
def methods_page(app_url: str, page_probe: PageProbe) -> PageProbe:
    """The chapter, loaded and fully rendered (see wait_for_voila)."""
    page_probe.page.goto(f"{app_url}voila/render/{NOTEBOOK}", timeout=180_000)
    wait_for_voila(page_probe.page)
    return page_probe


def unexpected(messages: list[str], benign: list[re.Pattern[str]]) -> list[str]:
    return [m for m in messages if not any(p.search(m) for p in benign)]


def max_visible_table_rows(page: Page) -> int:
    return int(page.evaluate(
        "() => Math.max(0, ...[...document.querySelectorAll('table')]"
        ".filter((t) => t.offsetParent !== null).map((t) => t.rows.length))"
    ))


def test_methods_page_renders_offline(methods_page: PageProbe) -> None:
    page = methods_page.page
    path = screenshot(page, "methods_and_sources")
    print(f"screenshot: {path}")

    assert methods_page.blocked == [], f"the page tried to reach the internet: {methods_page.blocked}"
    assert methods_page.failed_local == [], f"local resources failed: {methods_page.failed_local}"

    # At least one plotly figure actually drawn (an SVG, not just the empty container).
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()

    rows = max_visible_table_rows(page)
    assert rows > 10, f"expected a visible table with more than 10 rows, the largest has {rows}"
    expect(page.get_by_text(re.compile(r"Sources?\s*:")).first).to_be_visible()

    assert unexpected(methods_page.console_errors, BENIGN_CONSOLE) == [], "console errors"
    # "[anywidget] Failed to initialize model." is NOT benign: a FigureWidget took over 2 s to start (each
    # one ships plotly.js, 5 MB) and anywidget then drops the kernel's updates to it.
    assert unexpected(methods_page.page_errors, BENIGN_PAGE_ERRORS) == [], "uncaught page errors"

    text = page.locator("body").inner_text()
    found = ERROR_TEXT.search(text)
    assert found is None, f"error text shown to the reader: {found.group(0) if found else ''!r}"
    expect(page.locator('[data-mime-type="application/vnd.jupyter.stderr"]:visible')).to_have_count(0)
    expect(page.locator(f":is({CODE_SELECTOR}):visible")).to_have_count(0)


def test_catalogue_search_filters_rows(methods_page: PageProbe) -> None:
    page = methods_page.page
    box = page.locator(SEARCH_BOX).first
    expect(box, "the chapter has no search box").to_be_visible()  # a missing box fails, never skips
    before = int(box.evaluate(CATALOGUE_ROWS_JS))
    assert before > 0, "no table follows the search box"

    box.fill(SEARCH_TERM)
    box.press("Enter")  # in case the widget syncs on submit only (continuous_update=False)
    # The filter runs in the kernel and comes back over the widget comm: poll until the table shrinks.
    page.wait_for_function(f"(input) => ({CATALOGUE_ROWS_JS})(input) < {before}", arg=box.element_handle(),
                           timeout=30_000)
    after = int(box.evaluate(CATALOGUE_ROWS_JS))
    screenshot(page, "methods_and_sources_search")
    assert 0 <= after < before, f"searching {SEARCH_TERM!r} left {after} of {before} rows"
    assert unexpected(methods_page.page_errors, BENIGN_PAGE_ERRORS) == [], "uncaught page errors"
