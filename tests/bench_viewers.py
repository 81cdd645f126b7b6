"""Simultaneous viewers for the bench: each a fresh browser context (so its own kernel) opening the same chapter
at the same moment, timed from the page's own clock; and the page-side probes the bench injects."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import psutil
from playwright.async_api import async_playwright

from tests.bench_server import kernels_rss_mb, shutdown_kernel
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, QUIET_MS, STALL_MS, _SETTLED_JS, is_local
from tests.browser.pages import ERROR_TEXT
from widgets.kernel_limit import BUSY

VIEWER_TIMEOUT_S = 240  # a viewer whose page has not finished this long after the common start has failed
# The test-only part of Voilà's "finished" (tests/browser/conftest.py wait_for_voila), for the async viewers.
RENDERED_JS = """() => !document.getElementById('loading')
    && document.getElementById('rendered_cells')?.style.display !== 'none'
    && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')"""
KERNEL_ID_JS = "() => JSON.parse(document.getElementById('jupyter-config-data')?.textContent || '{}').kernelId || ''"

# Injected before any page script: records performance.now() (ms since navigation start) each time one more
# plotly figure has its SVG drawn, so both first and last figure times come from the page's own clock.
FIGURE_CLOCK_JS = """
window.__figureTimes = [];
new MutationObserver(() => {
  const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter((p) => p.querySelector('.main-svg')).length;
  while (window.__figureTimes.length < drawn) window.__figureTimes.push(performance.now());
}).observe(document, {childList: true, subtree: true});
"""


@dataclass
class Viewer:
    """One of several simultaneous viewers: seconds from the common start, or why the load failed."""

    first_figure_s: float | None = None
    finished_s: float | None = None
    failure: str | None = None
    busy: bool = False  # refused with the kernel ceiling's "busy" page: handled, not failed
    kernel_id: str = ""


async def one_viewer(browser, url: str, timeout_s: float) -> Viewer:
    """Open `url` in a fresh context; a failure is: not finished within timeout_s, an error text on the page, or
    a local request answered >= 400 (other than Voilà's refused kernel-shutdown beacon). The kernel ceiling's
    "busy" page (HTTP 503 with widgets.kernel_limit.BUSY) is a handled load, not a failure."""
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    failed_local: list[str] = []
    await page.route("**/*", lambda route, request: route.continue_() if is_local(request.url)
                     else route.abort("blockedbyclient"))
    page.on("response", lambda r: failed_local.append(f"{r.status} {r.url}")
            if r.status >= 400 and "/voila/api/shutdown/" not in r.url else None)
    await page.add_init_script(FIGURE_CLOCK_JS)
    viewer = Viewer()
    start = time.monotonic()
    left_ms = lambda: max(1_000, int((timeout_s - (time.monotonic() - start)) * 1000))  # noqa: E731
    try:
        response = await page.goto(url, timeout=left_ms())
        if response is not None and response.status == 503 and BUSY in await page.locator("body").inner_text():
            viewer.busy = True  # past the kernel ceiling: a clear page instead of a kernel
            await context.close()
            return viewer
        await page.wait_for_load_state("load", timeout=left_ms())
        await page.wait_for_function(RENDERED_JS, timeout=left_ms())
        settled = await page.evaluate(_SETTLED_JS, [QUIET_MS, STALL_MS, left_ms()])
        viewer.finished_s = time.monotonic() - start
        found = ERROR_TEXT.search(await page.locator("body").inner_text())
        if settled["empty"]:
            viewer.failure = f"{settled['empty']} widget output(s) never rendered"
        elif not settled["quiet"] or viewer.finished_s > timeout_s:
            viewer.failure = f"not finished within {timeout_s:.0f} s"
        elif found:
            viewer.failure = f"error text on the page: {found.group(0)!r}"
        elif failed_local:
            viewer.failure = f"local request failed: {failed_local[0]}"
        times_ms = await page.evaluate("() => window.__figureTimes")
        viewer.first_figure_s = times_ms[0] / 1000 if times_ms else None
        viewer.kernel_id = await page.evaluate(KERNEL_ID_JS)
    except Exception as error:  # noqa: BLE001 - any broken load is counted, not raised
        viewer.failure = viewer.failure or (str(error).splitlines() or ["error"])[0]
    await context.close()
    return viewer


async def _viewers(url: str, n: int, timeout_s: float) -> list[Viewer]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        viewers = await asyncio.gather(*(one_viewer(browser, url, timeout_s) for _ in range(n)))
        await browser.close()
    return list(viewers)


def concurrent_viewers(base_url: str, server: psutil.Process, chapter: str, n: int,
                       timeout_s: float = VIEWER_TIMEOUT_S) -> tuple[list[Viewer], float]:
    """n viewers open `chapter` at once; returns them and the RSS of all kernels while they are open. Their
    kernels are stopped afterwards so the next level starts clean."""
    viewers = asyncio.run(_viewers(f"{base_url}voila/render/{chapter}", n, timeout_s))
    memory_mb = kernels_rss_mb(server)  # the tabs are closed, but their kernels are only stopped below
    for viewer in viewers:
        shutdown_kernel(base_url, viewer.kernel_id)
    return viewers, memory_mb
