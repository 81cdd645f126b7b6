"""`python -m tests.bench` (what `make bench` runs): prints how fast the briefing is. No asserts.

Figures: seconds of a forced data build, then for each chapter in CHAPTERS the median over N_LOADS fresh
pages of time to first / last drawn plotly figure and to "Voilà finished", and the RSS of the page's kernel.
"""

from __future__ import annotations

import importlib
import importlib.util
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

import psutil
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, open_probe, running_app, wait_for_voila

# Chapters to time: add a notebook name here and it gets a row.
CHAPTERS = ["00_overview.ipynb", "01_threat.ipynb", "02_corridors.ipynb", "03_gold.ipynb", "04_spillover.ipynb",
            "05_methods_and_sources.ipynb"]
# Scenario panels: URL prefix -> (chapter, model module). Slider latency = a key press on the panel's first slider
# until its summary table shows new numbers, median of SLIDER_MOVES moves.
# (chapter, model module, slider moved: one whose every step changes the numbers, e.g. demand, not the horizon).
PANELS = {"fuel": ("02_corridors.ipynb", "widgets.scenarios.fuel", 1),
          "gold": ("03_gold.ipynb", "widgets.scenarios.gold", 0),
          "displacement": ("04_spillover.ipynb", "widgets.scenarios.displacement", 0)}
SLIDER_MOVES = 20
N_LOADS = 5

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
class Timings:
    """Per-load measurements of one chapter (seconds; MB)."""

    first_figure_s: list[float] = field(default_factory=list)
    last_figure_s: list[float] = field(default_factory=list)
    finished_s: list[float] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)
    kernel_rss_mb: list[float] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # loads that never finished rendering


def build_seconds() -> float | None:
    """Wall time of `python -m widgets.build --force`; None while the build package does not exist yet."""
    if importlib.util.find_spec("widgets.build") is None:
        return None
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "widgets.build", "--force"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def kernel_rss_mb(server: psutil.Process, kernel_id: str) -> float | None:
    """RSS of the server's ipykernel child started for `kernel_id` (its connection file is kernel-<id>.json)."""
    for child in server.children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
            if "ipykernel_launcher" in cmdline and kernel_id in cmdline:
                return child.memory_info().rss / 2**20
        except psutil.Error:
            continue
    return None


def page_timings(url: str, n: int = N_LOADS, server: psutil.Process | None = None) -> Timings:
    """Load `url` n times, each in a fresh browser context; with `server`, also measure the kernel's RSS."""
    timings = Timings()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(n):
            probe = open_probe(browser)
            page = probe.page
            page.add_init_script(FIGURE_CLOCK_JS)
            start = time.monotonic()
            try:
                page.goto(url, timeout=180_000)
                wait_for_voila(page)
            except (AssertionError, TimeoutError, PlaywrightError) as error:  # a broken load is a figure too, not a crash
                timings.failures.append(str(error).splitlines()[0])
                page.context.close()
                continue
            timings.finished_s.append(time.monotonic() - start)
            times_ms: list[float] = page.evaluate("() => window.__figureTimes")
            timings.figures.append(len(times_ms))
            if times_ms:
                timings.first_figure_s.append(times_ms[0] / 1000)
                timings.last_figure_s.append(times_ms[-1] / 1000)
            if server is not None:
                # Voilà puts the kernel id in the page config; the page is still open, so the kernel is alive.
                config = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent)")
                rss = kernel_rss_mb(server, config.get("kernelId", ""))
                if rss is not None:
                    timings.kernel_rss_mb.append(rss)
            timings.blocked += probe.blocked
            page.context.close()
        browser.close()
    return timings


def slider_latency(url: str, prefix: str, index: int, moves: int = SLIDER_MOVES) -> list[float]:
    """Seconds from a key press on the panel's first slider to new numbers in its summary, for each move."""
    latencies: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        probe = open_probe(browser)
        page = probe.page
        page.goto(url, timeout=180_000)
        wait_for_voila(page)
        handle = page.locator(f".scenario-{prefix} .scenario-slider .noUi-handle").nth(index)
        # The panel has redrawn when its summary text or its figure's data differ from before the key press.
        snapshot = ("(sel) => { const root = document.querySelector(sel); const p = root.querySelector('.js-plotly-plot');"
                    " return root.querySelector('.scenario-summary').innerText"
                    " + JSON.stringify((p && p.data || []).map((t) => [t.x, t.y])); }")
        panel = f".scenario-{prefix}"
        for i in range(moves):
            before = page.evaluate(snapshot, panel)
            handle.focus()
            start = time.monotonic()
            # Left first: a slider may start at its maximum (the fuel horizon does), never at its minimum here.
            handle.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")
            try:
                page.wait_for_function(f"([sel, before]) => ({snapshot})(sel) !== before", arg=[panel, before],
                                       timeout=10_000, polling=20)
            except PlaywrightError:
                continue
            latencies.append(time.monotonic() - start)
        browser.close()
    return latencies


def model_seconds(module_name: str, runs: int = 50) -> float:
    """Median seconds of one model evaluation at its defaults."""
    module = importlib.import_module(module_name)
    from widgets.scenarios.base import defaults

    values = defaults(module.PARAMS)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        module.run(values)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median(values: list[float], fmt: str = "{:.2f}") -> str:
    return fmt.format(statistics.median(values)) if values else "-"


def main() -> None:
    built = build_seconds()
    print(f"forced data build: {'not available yet' if built is None else f'{built:.1f} s'}", flush=True)
    rows: list[tuple[str, Timings]] = []
    with running_app() as (base_url, make_process):
        server = psutil.Process(make_process.pid)  # make -> python -m voila -> kernels
        for chapter in CHAPTERS:
            print(f"timing {chapter} ({N_LOADS} loads)...", flush=True)
            rows.append((chapter, page_timings(f"{base_url}voila/render/{chapter}", N_LOADS, server)))
        panels = []
        for prefix, (chapter, module, index) in PANELS.items():
            print(f"timing the {prefix} panel ({SLIDER_MOVES} slider moves)...", flush=True)
            latencies = slider_latency(f"{base_url}voila/render/{chapter}", prefix, index)
            panels.append((prefix, latencies, model_seconds(module)))
    header = f"{'chapter':<34}{'first fig s':>12}{'last fig s':>12}{'finished s':>12}{'figures':>9}{'kernel MB':>11}"
    print(f"\nmedians of {N_LOADS} fresh loads, 1366x768 headless Chromium\n{header}\n{'-' * len(header)}")
    for chapter, t in rows:
        figures = str(int(statistics.median(t.figures))) if t.figures else "-"
        print(f"{chapter:<34}{median(t.first_figure_s):>12}{median(t.last_figure_s):>12}"
              f"{median(t.finished_s):>12}{figures:>9}{median(t.kernel_rss_mb, '{:.0f}'):>11}")
        if t.failures:
            print(f"  !! {len(t.failures)} of {N_LOADS} loads did not finish: {t.failures[0]}")
        if t.blocked:
            print(f"  !! {len(t.blocked)} external requests blocked, e.g. {t.blocked[0]}")
    print(f"\nscenario panels: slider-to-new-numbers latency in Chromium (median of {SLIDER_MOVES} moves) and model time")
    print(f"{'panel':<16}{'latency s':>11}{'p90 s':>9}{'moves seen':>12}{'model ms':>10}")
    for prefix, latencies, model_s in panels:
        p90 = f"{sorted(latencies)[int(0.9 * (len(latencies) - 1))]:.2f}" if latencies else "-"
        print(f"{prefix:<16}{median(latencies):>11}{p90:>9}{len(latencies):>12}{model_s * 1000:>10.2f}")


if __name__ == "__main__":
    main()
