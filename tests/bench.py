"""`python -m tests.bench` (what `make bench` runs): prints how fast the briefing is. No asserts.

Figures, in one run: seconds of a forced data build; load time and memory of a 100,000-row synthetic ACLED upload;
the export's size per chapter; for a plain one-cell Voilà notebook (the baseline) and each chapter in CHAPTERS,
the median over N_LOADS fresh pages of time to first / last drawn plotly figure and to "Voilà finished", the
page's HTML and websocket payload and its kernel's RSS, with each chapter's ratio to the baseline; the scenario
sliders' latency; and concurrent viewers (each its own kernel) opening the heaviest chapter at once.

`--quick` tries it out in a few minutes (2 loads, 1 and 5 viewers); `--voila OPTION` passes a Voilà option to
both servers (e.g. --voila=--VoilaConfiguration.progressive_rendering=True) to compare configurations.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import importlib
import importlib.util
import io
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.async_api import async_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser.conftest import (CHROMIUM, CHROMIUM_ARGS, QUIET_MS, ROOT, SERVER_START_TIMEOUT_S, STALL_MS,
                                    _SETTLED_JS, free_port, is_local, open_probe, stop_group, wait_for_http,
                                    wait_for_voila)
from tests.browser.pages import ERROR_TEXT
from widgets import paths
from widgets.paths import NOTEBOOKS

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
BASELINE = ROOT / "tests" / "bench_baseline" / "one_cell.ipynb"  # a plain one-cell notebook: Voilà's own cost
# Concurrent viewers: each a fresh browser context (so its own kernel) opening HEAVY_CHAPTER at the same moment.
HEAVY_CHAPTER = "02_corridors.ipynb"
VIEWERS = [1, 5, 10, 20]
VIEWER_TIMEOUT_S = 240  # a viewer whose page has not finished this long after the common start has failed
BYOD_ROWS = 100_000
BYOD_FIXTURE = ROOT / "tests" / "fixtures" / "byod" / "acled_synthetic.csv"
EXPORT_DIR = getattr(paths, "EXPORT", ROOT / "build" / "export")  # `make export` writes here
# The test-only part of Voilà's "finished" (tests/browser/conftest.py wait_for_voila), for the async viewers.
RENDERED_JS = """() => !document.getElementById('loading')
    && document.getElementById('rendered_cells')?.style.display !== 'none'
    && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')"""
# What a page transferred: its HTML (Voilà streams the executed notebook in it) and the other files it fetched.
PAYLOAD_JS = """() => ({html: performance.getEntriesByType('navigation')[0]?.decodedBodySize || 0,
    htmlEnd: performance.getEntriesByType('navigation')[0]?.responseEnd || 0,
    assets: performance.getEntriesByType('resource').reduce((sum, r) => sum + (r.decodedBodySize || 0), 0)})"""
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
class Timings:
    """Per-load measurements of one chapter (seconds; MB)."""

    first_figure_s: list[float] = field(default_factory=list)
    last_figure_s: list[float] = field(default_factory=list)
    finished_s: list[float] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)
    kernel_rss_mb: list[float] = field(default_factory=list)
    html_end_s: list[float] = field(default_factory=list)  # last byte of the HTML: kernel start + all cells run
    html_kb: list[float] = field(default_factory=list)  # the page's HTML
    assets_kb: list[float] = field(default_factory=list)  # scripts, styles, fonts it fetched
    websocket_kb: list[float] = field(default_factory=list)  # kernel messages received (widget models, updates)
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


def shutdown_kernel(base_url: str, kernel_id: str) -> None:
    """Stop a page's kernel once measured, so the next loads do not share the machine with idle kernels.

    Voilà's own beacon on tab close is refused (no XSRF cookie on its page); the bench sends the
    double-submit cookie and header that the Jupyter server checks."""
    if not kernel_id:
        return
    request = urllib.request.Request(f"{base_url}api/kernels/{kernel_id}", method="DELETE",
                                     headers={"Cookie": "_xsrf=bench", "X-XSRFToken": "bench"})
    try:
        urllib.request.urlopen(request, timeout=30).close()
    except OSError:
        pass  # already gone or culled


def page_timings(base_url: str, url: str, n: int = N_LOADS, server: psutil.Process | None = None,
                 settle_s: float = 0) -> Timings:
    """Load `url` n times, each in a fresh browser context; with `server`, also measure the kernel's RSS.
    `settle_s`: keep each page open that much longer after "finished" to catch figures drawn later (progressive
    rendering streams the outputs after the page itself has settled)."""
    timings = Timings()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(n):
            probe = open_probe(browser)
            page = probe.page
            page.add_init_script(FIGURE_CLOCK_JS)
            received: list[int] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(
                len(frame.encode() if isinstance(frame, str) else frame))))
            start = time.monotonic()
            try:
                page.goto(url, timeout=180_000)
                wait_for_voila(page)
                page.wait_for_timeout(settle_s * 1000)
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
            payload = page.evaluate(PAYLOAD_JS)
            timings.html_kb.append(payload["html"] / 1024)
            timings.html_end_s.append(payload["htmlEnd"] / 1000)
            timings.assets_kb.append(payload["assets"] / 1024)
            timings.websocket_kb.append(sum(received) / 1024)
            # Voilà puts the kernel id in the page config; the page is still open, so the kernel is alive.
            kernel_id = page.evaluate(KERNEL_ID_JS)
            if server is not None:
                rss = kernel_rss_mb(server, kernel_id)
                if rss is not None:
                    timings.kernel_rss_mb.append(rss)
            timings.blocked += probe.blocked
            page.context.close()
            shutdown_kernel(base_url, kernel_id)
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
        kernel_id = page.evaluate(KERNEL_ID_JS)
        browser.close()
    shutdown_kernel(url.split("voila/render/")[0], kernel_id)
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


@contextmanager
def serving(root: Path = NOTEBOOKS, voila_options: Sequence[str] = ()) -> Iterator[tuple[str, psutil.Process]]:
    """Serve `root` as `make app` does (widgets.serve, same Voilà options plus `voila_options`) on a free port;
    yields the base URL and the Voilà process (whose children are the kernels)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = Path(tempfile.gettempdir()) / f"briefing-bench-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "widgets.serve", f"--port={port}", f"--root={root}",
                                    *voila_options], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            wait_for_http(url, process, SERVER_START_TIMEOUT_S)
            yield url, psutil.Process(process.pid)  # widgets.serve execs Voilà: same pid
        finally:
            stop_group(process)


@dataclass
class Viewer:
    """One of several simultaneous viewers: seconds from the common start, or why the load failed."""

    first_figure_s: float | None = None
    finished_s: float | None = None
    failure: str | None = None
    kernel_id: str = ""


async def one_viewer(browser, url: str, timeout_s: float) -> Viewer:
    """Open `url` in a fresh context; a failure is: not finished within timeout_s, an error text on the page, or
    a local request answered >= 400 (other than Voilà's refused kernel-shutdown beacon)."""
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
        await page.goto(url, timeout=left_ms())
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


def kernels_rss_mb(server: psutil.Process) -> float:
    """RSS of all the server's kernels together."""
    total = 0
    for child in server.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                total += child.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def concurrent_viewers(base_url: str, server: psutil.Process, chapter: str, n: int,
                       timeout_s: float = VIEWER_TIMEOUT_S) -> tuple[list[Viewer], float]:
    """n viewers open `chapter` at once; returns them and the RSS of all kernels while they are open. Their
    kernels are stopped afterwards so the next level starts clean."""
    viewers = asyncio.run(_viewers(f"{base_url}voila/render/{chapter}", n, timeout_s))
    memory_mb = kernels_rss_mb(server)  # the tabs are closed, but their kernels are only stopped below
    for viewer in viewers:
        shutdown_kernel(base_url, viewer.kernel_id)
    return viewers, memory_mb


def synthetic_acled(rows: int, seed: int = 20251125) -> bytes:
    """`rows` obviously synthetic ACLED rows (ids SYNBENCH…, 'Synthetic' actors and sources, a note saying so):
    the fuzz test's ACLED layout, its towns jittered by up to 0.2 degrees, dates spread over Sep 2025-Feb 2026."""
    with open(BYOD_FIXTURE, newline="", encoding="utf-8") as handle:
        template = list(csv.DictReader(handle))
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(template[0]), lineterminator="\n")
    writer.writeheader()
    for i in range(rows):
        row = dict(rng.choice(template))
        day = time.gmtime(time.mktime((2025, 9, 1, 12, 0, 0, 0, 0, -1)) + rng.randrange(180) * 86_400)
        row.update(event_id_cnty=f"SYNBENCH{i + 1}", event_date=time.strftime("%Y-%m-%d", day),
                   year=str(day.tm_year), latitude=f"{float(row['latitude']) + rng.uniform(-0.2, 0.2):.4f}",
                   longitude=f"{float(row['longitude']) + rng.uniform(-0.2, 0.2):.4f}",
                   fatalities=str(rng.randrange(6)), notes="synthetic bench row: not a real event")
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _join_seconds(events) -> tuple[float, float]:
    """Seconds to put loaded events into the explorer's schema (regions by point in polygon, corridor snapping),
    and then onto the corridors chapter's road links (widgets.byod.links)."""
    from widgets import loaders
    from widgets.analysis.corridors_chapter import HUB, road_links
    from widgets.byod.join import to_register
    from widgets.byod.links import assign_uploaded_links, at_point

    regions, segments = loaders.load_regions(), loaders.load_corridor_segments()
    links, places = road_links(segments), loaders.load_places()
    hub = places[places["name"] == HUB].geometry.iloc[0]
    start = time.perf_counter()
    yours, _ = to_register(events, regions, segments, "synthetic_acled_bench.csv")
    middle = time.perf_counter()
    assign_uploaded_links(yours, links, at_point(yours["lon"], yours["lat"], hub.x, hub.y))
    return middle - start, time.perf_counter() - middle


def byod_load(rows: int = BYOD_ROWS) -> dict[str, float]:
    """Load-and-validate a synthetic upload through widgets.byod: seconds (untraced run), tracemalloc peak, and
    how much the process's peak RSS grew during that run. Call it first, before the browsers start."""
    from widgets.byod import load_upload

    content = synthetic_acled(rows)
    load_upload(content[:20_000], "warm_up.csv")  # imports and first-call caches are not the upload's cost
    gc.collect()
    rss_before, peak_before = psutil.Process().memory_info().rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = load_upload(content, "synthetic_acled_bench.csv")
    seconds = time.perf_counter() - start
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    rss_after = psutil.Process().memory_info().rss
    del result
    gc.collect()
    tracemalloc.start()
    result = load_upload(content, "synthetic_acled_bench.csv")
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    join_seconds, links_seconds = _join_seconds(result.events)
    return {"rows": rows, "mb": len(content) / 2**20, "seconds": seconds, "traced_peak_mb": traced_peak / 2**20,
            "join_seconds": join_seconds, "links_seconds": links_seconds,
            "peak_rss_growth_mb": max(0, peak_after - peak_before) / 1024,
            "rss_delta_mb": (rss_after - rss_before) / 2**20,
            "events": 0 if result.events is None else len(result.events), "errors": len(result.errors)}


def export_sizes() -> tuple[list[tuple[str, int]], str]:
    """Sizes of build/export/*.html and *.pdf; builds them with `python -m widgets.export` if that exists and
    nothing is built yet. Returns (name, bytes) pairs and how they were obtained."""
    def found() -> list[tuple[str, int]]:
        return sorted((p.name, p.stat().st_size) for p in [*EXPORT_DIR.glob("*.html"), *EXPORT_DIR.glob("*.pdf")])

    if found():
        return found(), f"read from {EXPORT_DIR.relative_to(ROOT)}"
    if importlib.util.find_spec("widgets.export") is None:
        return [], "export not built"
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "widgets.export"], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        return [], f"export not built (python -m widgets.export failed: {done.stderr.strip().splitlines()[-1:]})"
    return found(), f"built by python -m widgets.export in {time.monotonic() - start:.0f} s"


def median(values: list[float], fmt: str = "{:.2f}") -> str:
    return fmt.format(statistics.median(values)) if values else "-"


def ratio(values: list[float], baseline: list[float]) -> str:
    return f"{statistics.median(values) / statistics.median(baseline):.1f}x" if values and baseline else "-"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Measure the briefing (no asserts).")
    parser.add_argument("--quick", action="store_true", help="2 loads per page, 5 slider moves, 1 and 5 viewers")
    parser.add_argument("--voila", action="append", default=[], metavar="OPTION",
                        help="extra Voilà option for both servers, e.g. --voila=--VoilaConfiguration.progressive_rendering=True")
    parser.add_argument("--chapters", nargs="+", default=CHAPTERS, help="only these notebooks")
    parser.add_argument("--viewers", nargs="+", type=int, help="concurrent viewer counts (default 1 5 10 20)")
    parser.add_argument("--no-build", action="store_true", help="skip the forced data build")
    parser.add_argument("--settle", type=float, default=0, metavar="S",
                        help="keep each page open S s after it settled (for progressive rendering)")
    parser.add_argument("--pages-only", action="store_true",
                        help="only the page table (baseline and chapters), to compare Voilà options quickly")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    loads, moves = (2, 5) if args.quick else (N_LOADS, SLIDER_MOVES)
    viewer_counts = args.viewers or ([1, 5] if args.quick else VIEWERS)
    if args.voila:
        print(f"extra Voilà options: {' '.join(args.voila)}")
    if args.pages_only:
        args.no_build, viewer_counts = True, []
    byod = None if args.pages_only else byod_load()  # first, while this process holds nothing else
    built = None if args.no_build else build_seconds()
    print(f"forced data build: {'skipped' if args.no_build else 'not available yet' if built is None else f'{built:.1f} s'}",
          flush=True)
    exports, export_note = ([], "skipped") if args.pages_only else export_sizes()

    with serving(BASELINE.parent, args.voila) as (base_url, server):
        print(f"timing the baseline {BASELINE.name} ({loads} loads)...", flush=True)
        baseline = page_timings(base_url, f"{base_url}voila/render/{BASELINE.name}", loads, server,
                                args.settle)
    rows: list[tuple[str, Timings]] = []
    panels = []
    levels: list[tuple[int, list[Viewer], float]] = []
    with serving(NOTEBOOKS, args.voila) as (base_url, server):
        for chapter in args.chapters:
            print(f"timing {chapter} ({loads} loads)...", flush=True)
            rows.append((chapter, page_timings(base_url, f"{base_url}voila/render/{chapter}", loads, server,
                                                   args.settle)))
        for prefix, (chapter, module, index) in PANELS.items():
            if chapter not in args.chapters or args.pages_only:
                continue
            print(f"timing the {prefix} panel ({moves} slider moves)...", flush=True)
            latencies = slider_latency(f"{base_url}voila/render/{chapter}", prefix, index, moves)
            panels.append((prefix, latencies, model_seconds(module)))
        for n in viewer_counts:
            print(f"{n} simultaneous viewers of {HEAVY_CHAPTER}...", flush=True)
            levels.append((n, *concurrent_viewers(base_url, server, HEAVY_CHAPTER, n)))
        server_mb = server.memory_info().rss / 2**20

    header = (f"{'page':<30}{'HTML end s':>11}{'first fig s':>12}{'last fig s':>11}{'finished s':>11}{'figs':>5}{'x base 1st':>11}"
              f"{'x base last':>12}{'HTML KB':>9}{'ws KB':>8}{'assets KB':>10}{'kernel MB':>10}")
    print(f"\nmedians of {loads} fresh loads, 1366x768 headless Chromium; x base = ratio to the one-cell baseline;"
          f"\nHTML end = the server has sent the whole page (kernel started, every cell run); ws = kernel messages"
          f"\n{header}\n{'-' * len(header)}")
    for name, t in [(f"baseline: {BASELINE.name}", baseline), *rows]:
        figures = str(int(statistics.median(t.figures))) if t.figures else "-"
        print(f"{name:<30}{median(t.html_end_s):>11}{median(t.first_figure_s):>12}{median(t.last_figure_s):>11}"
              f"{median(t.finished_s):>11}{figures:>5}{ratio(t.first_figure_s, baseline.first_figure_s):>11}"
              f"{ratio(t.last_figure_s, baseline.last_figure_s):>12}{median(t.html_kb, '{:.0f}'):>9}"
              f"{median(t.websocket_kb, '{:.0f}'):>8}{median(t.assets_kb, '{:.0f}'):>10}"
              f"{median(t.kernel_rss_mb, '{:.0f}'):>10}")
        if t.failures:
            print(f"  !! {len(t.failures)} of {loads} loads did not finish: {t.failures[0]}")
        if t.blocked:
            print(f"  !! {len(t.blocked)} external requests blocked, e.g. {t.blocked[0]}")

    if panels:
        print(f"\nscenario panels: slider-to-new-numbers latency in Chromium (median of {moves} moves) and model time")
        print(f"{'panel':<16}{'latency s':>11}{'p90 s':>9}{'moves seen':>12}{'model ms':>10}")
        for prefix, latencies, model_s in panels:
            p90 = f"{sorted(latencies)[int(0.9 * (len(latencies) - 1))]:.2f}" if latencies else "-"
            print(f"{prefix:<16}{median(latencies):>11}{p90:>9}{len(latencies):>12}{model_s * 1000:>10.2f}")

    if byod is not None:
        print(f"\nbring your own data: {byod['rows']:,} synthetic ACLED rows ({byod['mb']:.1f} MB) through "
              f"widgets.byod.load_upload")
        print(f"  load and validate {byod['seconds']:.2f} s; regions and corridors for every event "
              f"{byod['join_seconds']:.2f} s; road links on the corridors page {byod['links_seconds']:.2f} s; tracemalloc peak {byod['traced_peak_mb']:.0f} MB; peak RSS "
              f"growth {byod['peak_rss_growth_mb']:.0f} MB; RSS after - before {byod['rss_delta_mb']:.0f} MB; "
              f"{byod['events']:,} events kept, {byod['errors']} errors")

    if not args.pages_only:
        print(f"\nexport size per chapter ({export_note})")
        for name, size in exports:
            print(f"  {name:<44}{size / 1024:>10.0f} KB")

    if levels:
        print(f"\nconcurrent viewers of {HEAVY_CHAPTER}, each its own context and kernel, all opened at once"
              f"\n(failed = not finished within {VIEWER_TIMEOUT_S} s, an error text, or a failed local request)")
        print(f"{'viewers':>8}{'failed':>8}{'median 1st fig s':>18}{'worst 1st fig s':>17}{'median finished s':>19}"
              f"{'kernels MB':>12}")
        for n, viewers, memory_mb in levels:
            firsts = [v.first_figure_s for v in viewers if v.first_figure_s is not None]
            finished = [v.finished_s for v in viewers if v.finished_s is not None]
            failed = [v for v in viewers if v.failure]
            print(f"{n:>8}{len(failed):>8}{median(firsts):>18}{(f'{max(firsts):.2f}' if firsts else '-'):>17}"
                  f"{median(finished):>19}{memory_mb:>12.0f}")
            if failed:
                print(f"  !! e.g. {failed[0].failure}")
        clean = [str(n) for n, viewers, _ in levels if not any(v.failure for v in viewers)]
        print(f"zero failed loads at {', '.join(clean) or 'no level'} of {', '.join(str(n) for n, *_ in levels)} "
              f"simultaneous viewers (the browsers share the machine's cores with the server); "
              f"Voilà server itself {server_mb:.0f} MB")


if __name__ == "__main__":
    main()
