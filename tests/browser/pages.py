"""Shared checks for a page as a reader gets it: offline, drawn, no code, no errors."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import PageProbe, wait_for_voila

BENIGN_CONSOLE = [
    re.compile(r"ResizeObserver loop"),  # lumino + plotly relayout within one frame: harmless
]
# The widget manager's error for a control it reports lost (excused in assert_clean only if the page drew it again).
LOST_MODEL = re.compile(r"^Error: widget model not found")
# No uncaught page error is benign. (plotly's JupyterLab renderer used to throw "setData is not a function" after
# every static figure; the template's briefing-plotly.js stops it.) Kept as a name for the tests that import it.
BENIGN_PAGE_ERRORS: list[re.Pattern[str]] = []
# Webpack's module federation warns when an extension was built against a newer JupyterLab than the one Voilà 0.5.13
# ships (jupyterlab_widgets 3.0 and anywidget ask for @jupyterlab/* ^4.5/^4.6, Voilà provides 4.2.5); the shared
# modules load all the same. Not avoidable from the template: the page's only expected warnings.
FEDERATION_WARNING = re.compile(r"^(Unsatisfied version \S+ from \S+ of shared singleton module|"
                                r"No satisfying version \(\S+\) of shared module)")
ERROR_TEXT = re.compile(
    r"Traceback \(most recent call last\)|\b(Name|Type|Value|Key|Attribute|Import|ModuleNotFound|File"
    r"NotFound|Index|Runtime|Execution)Error\b|There was an error when executing cell|Error displaying widget"
    r"|Javascript Error|Failed to load model class|could not be drawn|could not be produced|could not be computed"
)
CODE_SELECTOR = ".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor, .jp-InputArea-editor"


def unexpected(messages: list[str], benign: list[re.Pattern[str]]) -> list[str]:
    return [m for m in messages if not any(p.search(m) for p in benign)]


def open_chapter(probe: PageProbe, app_url: str, notebook: str, query: str = "") -> Page:
    probe.page.goto(f"{app_url}voila/render/{notebook}{query}", timeout=240_000)
    wait_for_voila(probe.page)
    return probe.page


def assert_clean(probe: PageProbe) -> None:
    """Nothing fetched from outside, no console or page errors, no traceback or fallback text, no code."""
    page = probe.page
    assert probe.blocked == [], f"the page tried to reach the internet: {probe.blocked}"
    # Leaving or reloading a page asks the server to stop the page's kernel; widgets/voila_app.py gives the page the
    # _xsrf cookie that request needs, so a refusal (403) here is a failure like any other.
    assert probe.failed_local == [], f"local resources failed: {probe.failed_local}"
    # The widget manager logs "widget model not found" for each control it wrongly reports lost under load; the
    # page draws those again (briefing-widgets.js). Such a log line is benign only for a control that came back.
    recovered = probe.recovered_controls
    errors = unexpected(probe.console_errors, BENIGN_CONSOLE)
    lost = [m for m in errors if LOST_MODEL.search(m)]
    assert len(lost) <= recovered, f"{len(lost)} controls reported lost, {recovered} drawn again: {probe.console_errors}"
    assert [m for m in errors if m not in lost] == [], probe.console_errors
    assert unexpected(probe.page_errors, BENIGN_PAGE_ERRORS) == [], probe.page_errors
    found = ERROR_TEXT.search(page.locator("body").inner_text())
    assert found is None, f"error text shown to the reader: {found.group(0) if found else ''!r}"
    expect(page.locator(f":is({CODE_SELECTOR}):visible")).to_have_count(0)


def watch_warnings(page: Page) -> list[str]:
    """Collect the page's console warnings from now on (call before opening the page); returns the live list."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "warning" else None)
    return found


def avoidable_warnings(warnings: list[str]) -> list[str]:
    return [w for w in warnings if not FEDERATION_WARNING.search(w)]


def drawn_figures(page: Page) -> int:
    """Plotly figures actually drawn (an SVG inside the plot container)."""
    return page.locator(".js-plotly-plot .main-svg:first-child").count()


def plot_signature(page: Page, container: str) -> str:
    """The drawn data of the plot inside `container` (paths, points, texts), to compare before and after."""
    return page.evaluate(
        """(sel) => { const root = document.querySelector(sel); if (!root) return '';
              const plot = root.querySelector('.js-plotly-plot'); if (!plot) return '';
              return JSON.stringify((plot.data || []).map((t) => [t.x, t.y, t.lon, t.lat, t.marker && t.marker.size,
                                                                  t.text])); }""",
        container,
    )


def state(page: Page, prefix: str) -> tuple[str, str]:
    """(summary table text, drawn data of the panel's figure)."""
    return page.evaluate(
        """(sel) => { const root = document.querySelector(sel);
              const table = root.querySelector('.scenario-summary'); const plot = root.querySelector('.js-plotly-plot');
              return [table ? table.innerText : '', JSON.stringify((plot && plot.data || []).map((t) => [t.x, t.y]))]; }""",
        f".scenario-{prefix}",
    )


def changes(page: Page, prefix: str, before: tuple[str, str], timeout_ms: int = 10_000) -> bool:
    """Whether the panel's numbers or figure change within the timeout (the kernel answers a move in < 1 s)."""
    try:
        page.wait_for_function(
            """([sel, table, data]) => { const root = document.querySelector(sel);
                 const t = root.querySelector('.scenario-summary'); const p = root.querySelector('.js-plotly-plot');
                 const now = JSON.stringify((p && p.data || []).map((x) => [x.x, x.y]));
                 return (t && t.innerText !== table) || now !== data; }""",
            arg=[f".scenario-{prefix}", *before], timeout=timeout_ms)
        return True
    except PlaywrightTimeout:
        return False
