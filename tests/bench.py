"""`python -m tests.bench` (what `make bench` runs): prints how fast the briefing is. No asserts.

Figures, in one run: seconds of a forced data build; load time and memory of a 100,000-row synthetic ACLED upload
(tests/bench_upload.py); the export's size per chapter; for a plain one-cell Voilà notebook (the baseline) and each
chapter in CHAPTERS, the median over N_LOADS fresh pages of time to first / last drawn plotly figure and to "Voilà
finished", the page's HTML and websocket payload, the bytes it sent over the network, what a second view re-fetches,
its kernel's RSS and CPU time, with each chapter's ratio to the baseline; the scenario sliders' latency;
simultaneous viewers (each its own kernel) opening the heaviest chapter at once (tests/bench_viewers.py); and last
the table of issue 14's targets with ✓ or ✗ (tests/bench_targets.py).

`--quick` tries it out in a few minutes (2 loads, 1 and 5 viewers); `--voila OPTION` passes an option to both
servers' `widgets.serve` (e.g. --voila=--no-compress, --voila=--VoilaConfiguration.progressive_rendering=True);
`--preheat N` serves the chapters (not the stock baseline) with N preheated kernels per notebook.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import psutil
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from tests import bench_targets
from tests.bench_server import kernel_process, kernel_use, kernels_cpu_s, pool_fills, serving, shutdown_kernel
from tests.bench_upload import byod_load, record_upload_reference, upload_reference
from tests.bench_viewers import FIGURE_CLOCK_JS, KERNEL_ID_JS, VIEWER_TIMEOUT_S, Viewer, concurrent_viewers
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, is_local, open_probe, wait_for_voila
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
PREHEAT_WAIT_S = 180  # --preheat: longest wait for a notebook's pool to be refilled before the next cold load
VIEWERS = [1, 5, 10, 20, 40]
EXPORT_DIR = getattr(paths, "EXPORT", ROOT / "build" / "export")  # `make export` writes here
# What a page transferred: its HTML (Voilà streams the executed notebook in it) and the other files it fetched,
# decoded (as used) and as transferred (compressed if the server compressed it, headers included, ~0 if cached).
PAYLOAD_JS = """() => { const nav = performance.getEntriesByType('navigation')[0] || {};
    const assets = performance.getEntriesByType('resource');
    return {html: nav.decodedBodySize || 0, htmlEnd: nav.responseEnd || 0, htmlTransfer: nav.transferSize || 0,
            assets: assets.reduce((sum, r) => sum + (r.decodedBodySize || 0), 0),
            assetsTransfer: assets.reduce((sum, r) => sum + (r.transferSize || 0), 0)}; }"""

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
    kernel_cpu_s: list[float] = field(default_factory=list)  # the kernel's CPU (user + system) at page end
    reader_cpu_s: list[float] = field(default_factory=list)  # of which after the request (less if preheated)
    preheated: int = 0  # loads served by a preheated kernel (one that was running before the request)
    transfer_kb: list[float] = field(default_factory=list)  # over the network: HTML + assets (compressed) + ws
    assets_transfer_kb: list[float] = field(default_factory=list)  # assets over the network, cold cache
    warm_assets_transfer_kb: list[float] = field(default_factory=list)  # the same, opened again (warm cache)
    external: list[str] = field(default_factory=list)  # requests that tried to leave the machine
    failures: list[str] = field(default_factory=list)  # loads that never finished rendering


def build_seconds() -> float | None:
    """Wall time of `python -m widgets.build --force`; None while the build package does not exist yet."""
    if importlib.util.find_spec("widgets.build") is None:
        return None
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "widgets.build", "--force"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def measure_load(page: Page, url: str, timings: Timings, server: psutil.Process | None, settle_s: float) -> str:
    """Open `url` in `page` and add what one view cost to `timings`; returns the page's kernel id ('' if the
    load failed: a broken load is a figure too, not a crash)."""
    received: list[int] = []
    cpu_before = kernels_cpu_s(server) if server is not None else {}
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(
        len(frame.encode() if isinstance(frame, str) else frame))))
    start = time.monotonic()
    try:
        page.goto(url, timeout=180_000)
        wait_for_voila(page)
        page.wait_for_timeout(settle_s * 1000)
    except (AssertionError, TimeoutError, PlaywrightError) as error:
        timings.failures.append(str(error).splitlines()[0])
        return ""
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
    timings.assets_transfer_kb.append(payload["assetsTransfer"] / 1024)
    timings.websocket_kb.append(sum(received) / 1024)
    timings.transfer_kb.append((payload["htmlTransfer"] + payload["assetsTransfer"] + sum(received)) / 1024)
    # Voilà puts the kernel id in the page config; the page is still open, so the kernel is alive and has run
    # every cell: its CPU time so far is what this view cost it.
    kernel_id: str = page.evaluate(KERNEL_ID_JS)
    use = kernel_use(server, kernel_id) if server is not None else None
    if use is not None:
        timings.kernel_rss_mb.append(use.rss_mb)
        timings.kernel_cpu_s.append(use.cpu_s)
        process = kernel_process(server, kernel_id)
        before = cpu_before.get(process.pid, 0.0) if process is not None else 0.0
        timings.preheated += before > 0
        timings.reader_cpu_s.append(use.cpu_s - before)
    return kernel_id


def page_timings(base_url: str, url: str, n: int = N_LOADS, server: psutil.Process | None = None,
                 settle_s: float = 0, preheat: int = 0) -> Timings:
    """Load `url` n times, each in a fresh browser context (cold cache); with `server`, also measure the kernel.
    The last context then opens the page once more (warm cache: what a second chapter costs the network).
    `settle_s`: keep each page open that much longer after "finished" to catch figures drawn later (progressive
    rendering streams the outputs after the page itself has settled). `preheat`: the server keeps preheated
    kernels; each load waits (at most PREHEAT_WAIT_S) until the notebook's pool is full again, as readers arriving
    one after another would find it."""
    timings = Timings()
    notebook = url.rsplit("/", 1)[1]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for i in range(n):
            # Not open_probe: Playwright turns the browser's HTTP cache off in a context whose requests it routes
            # (blocks), which would hide what a second page gets from the cache. External requests are recorded.
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            external: list[str] = []
            page.on("request", lambda request, seen=external: None if is_local(request.url) else seen.append(request.url))
            page.add_init_script(FIGURE_CLOCK_JS)
            if preheat:
                deadline = time.monotonic() + PREHEAT_WAIT_S
                while pool_fills(base_url, notebook) < i + 1 and time.monotonic() < deadline:
                    time.sleep(0.5)
            kernel_id = measure_load(page, url, timings, server, settle_s)
            if i == n - 1 and kernel_id:
                warm = Timings()
                shutdown_kernel(base_url, kernel_id)
                kernel_id = measure_load(page, url, warm, None, settle_s)
                timings.warm_assets_transfer_kb += warm.assets_transfer_kb
            timings.external += external
            context.close()
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
    parser.add_argument("--preheat", type=int, default=0, metavar="N",
                        help="the chapters' server keeps N preheated kernels per notebook (widgets.serve --preheat);"
                             " the baseline stays stock Voilà")
    parser.add_argument("--chapters", nargs="+", default=CHAPTERS, help="only these notebooks")
    parser.add_argument("--viewers", nargs="+", type=int, help="concurrent viewer counts (default 1 5 10 20 40)")
    parser.add_argument("--no-build", action="store_true", help="skip the forced data build")
    parser.add_argument("--settle", type=float, default=0, metavar="S",
                        help="keep each page open S s after it settled (for progressive rendering)")
    parser.add_argument("--pages-only", action="store_true",
                        help="only the page table (baseline and chapters), to compare Voilà options quickly")
    parser.add_argument("--record-upload", action="store_true",
                        help="write this run's upload time as the reference (tests/bench_baseline/upload_reference.json)")
    return parser.parse_args(argv)


def cached_share(t: Timings) -> float | None:
    """Asset bytes a second view in the same browser transferred, as a share of a cold view's."""
    if not t.warm_assets_transfer_kb or not t.assets_transfer_kb:
        return None
    return statistics.median(t.warm_assets_transfer_kb) / statistics.median(t.assets_transfer_kb)


def print_pages(baseline: Timings, rows: list[tuple[str, Timings]], loads: int) -> None:
    header = (f"{'page':<30}{'HTML end s':>11}{'first fig s':>12}{'last fig s':>11}{'finished s':>11}{'figs':>5}"
              f"{'x base 1st':>11}{'x base last':>12}{'HTML KB':>9}{'ws KB':>8}{'assets KB':>10}{'sent KB':>9}"
              f"{'again %':>8}{'kernel MB':>10}{'kernel CPU s':>13}{'after req s':>12}{'preheated':>10}")
    print(f"\nmedians of {loads} fresh loads, 1366x768 headless Chromium; x base = ratio to the one-cell baseline;"
          f"\nHTML end = the server has sent the whole page (kernel started, every cell run); ws = kernel messages;"
          f"\nHTML / assets KB as decoded; sent KB = what went over the network (HTML and assets as transferred,"
          f"\ncompressed if the server compresses, plus ws); again % = assets a second view in the same browser"
          f"\ntransferred, of the first's; kernel CPU s = the page's kernel's CPU time when the page is finished;"
          f"\nafter req s = of which spent after the request (less only for a preheated kernel); preheated ="
          f" loads served by one"
          f"\n{header}\n{'-' * len(header)}")
    for name, t in [(f"baseline: {BASELINE.name}", baseline), *rows]:
        figures = str(int(statistics.median(t.figures))) if t.figures else "-"
        again = cached_share(t)
        print(f"{name:<30}{median(t.html_end_s):>11}{median(t.first_figure_s):>12}{median(t.last_figure_s):>11}"
              f"{median(t.finished_s):>11}{figures:>5}{ratio(t.first_figure_s, baseline.first_figure_s):>11}"
              f"{ratio(t.last_figure_s, baseline.last_figure_s):>12}{median(t.html_kb, '{:.0f}'):>9}"
              f"{median(t.websocket_kb, '{:.0f}'):>8}{median(t.assets_kb, '{:.0f}'):>10}"
              f"{median(t.transfer_kb, '{:.0f}'):>9}{'-' if again is None else f'{again:.0%}':>8}"
              f"{median(t.kernel_rss_mb, '{:.0f}'):>10}{median(t.kernel_cpu_s):>13}{median(t.reader_cpu_s):>12}"
              f"{t.preheated:>10}")
        if t.failures:
            print(f"  !! {len(t.failures)} of {loads} loads did not finish: {t.failures[0]}")
        if t.external:
            print(f"  !! {len(t.external)} requests tried to leave the machine, e.g. {t.external[0]}")


def viewer_level(n: int, viewers: list[Viewer]) -> bench_targets.Level:
    firsts = [v.first_figure_s for v in viewers if v.first_figure_s is not None]
    return bench_targets.Level(n, sum(bool(v.failure) for v in viewers), sum(v.busy for v in viewers),
                               statistics.median(firsts) if firsts else None, max(firsts) if firsts else None)


def print_viewers(levels: list[tuple[int, list[Viewer], float]], server_mb: float) -> None:
    print(f"\nconcurrent viewers of {HEAVY_CHAPTER}, each its own context and kernel, all opened at once"
          f"\n(failed = not finished within {VIEWER_TIMEOUT_S} s, an error text, or a failed local request;"
          f"\nbusy = the kernel ceiling's clear 'busy' page, a handled load)")
    print(f"{'viewers':>8}{'failed':>8}{'busy':>6}{'median 1st fig s':>18}{'worst 1st fig s':>17}"
          f"{'median finished s':>19}{'kernels MB':>12}")
    for n, viewers, memory_mb in levels:
        level = viewer_level(n, viewers)
        finished = [v.finished_s for v in viewers if v.finished_s is not None]
        worst = "-" if level.worst_first_s is None else f"{level.worst_first_s:.2f}"
        print(f"{n:>8}{level.failed:>8}{level.busy:>6}"
              f"{'-' if level.median_first_s is None else f'{level.median_first_s:.2f}':>18}{worst:>17}"
              f"{median(finished):>19}{memory_mb:>12.0f}")
        failed = [v for v in viewers if v.failure]
        if failed:
            print(f"  !! e.g. {failed[0].failure}")
    clean = [str(n) for n, viewers, _ in levels if not any(v.failure for v in viewers)]
    print(f"zero failed loads at {', '.join(clean) or 'no level'} of {', '.join(str(n) for n, *_ in levels)} "
          f"simultaneous viewers (the browsers share the machine's cores with the server); "
          f"Voilà server itself {server_mb:.0f} MB")


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    loads, moves = (2, 5) if args.quick else (N_LOADS, SLIDER_MOVES)
    viewer_counts = args.viewers or ([1, 5] if args.quick else VIEWERS)
    print(f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load average at start "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.voila:
        print(f"extra Voilà options: {' '.join(args.voila)}")
    if args.preheat:
        print(f"chapters served with {args.preheat} preheated kernel(s) per notebook; each cold load waits for its"
              f" pool to be full again (baseline: stock Voilà)")
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
    chapter_options = [*args.voila, *([f"--preheat={args.preheat}"] if args.preheat else [])]
    with serving(NOTEBOOKS, chapter_options) as (base_url, server):
        for chapter in args.chapters:
            print(f"timing {chapter} ({loads} loads)...", flush=True)
            rows.append((chapter, page_timings(base_url, f"{base_url}voila/render/{chapter}", loads, server,
                                                   args.settle, args.preheat)))
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

    print_pages(baseline, rows, loads)
    if panels:
        print(f"\nscenario panels: slider-to-new-numbers latency in Chromium (median of {moves} moves) and model time")
        print(f"{'panel':<16}{'latency s':>11}{'p90 s':>9}{'moves seen':>12}{'model ms':>10}")
        for prefix, latencies, model_s in panels:
            p90 = f"{sorted(latencies)[int(0.9 * (len(latencies) - 1))]:.2f}" if latencies else "-"
            print(f"{prefix:<16}{median(latencies):>11}{p90:>9}{len(latencies):>12}{model_s * 1000:>10.2f}")

    reference = upload_reference()
    if byod is not None:
        print(f"\nbring your own data: {byod['rows']:,} synthetic ACLED rows ({byod['mb']:.1f} MB) through "
              f"widgets.byod.load_upload")
        print(f"  load and validate {byod['seconds']:.2f} s; regions and corridors for every event "
              f"{byod['join_seconds']:.2f} s; road links on the corridors page {byod['links_seconds']:.2f} s; tracemalloc peak {byod['traced_peak_mb']:.0f} MB; peak RSS "
              f"growth {byod['peak_rss_growth_mb']:.0f} MB; RSS after - before {byod['rss_delta_mb']:.0f} MB; "
              f"{byod['events']:,} events kept, {byod['errors']} errors")
        if args.record_upload:
            note = f"python -m tests.bench, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, load average " \
                   f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
            print(f"  recorded as the reference in {record_upload_reference(byod, note).relative_to(ROOT)}")

    if not args.pages_only:
        print(f"\nexport size per chapter ({export_note})")
        for name, size in exports:
            print(f"  {name:<44}{size / 1024:>10.0f} KB")

    if levels:
        print_viewers(levels, server_mb)

    base_first = statistics.median(baseline.first_figure_s) if baseline.first_figure_s else None
    run = bench_targets.RunFigures(
        first_figure_ratio={c.removesuffix(".ipynb"): statistics.median(t.first_figure_s) / base_first
                            for c, t in rows if t.first_figure_s and base_first},
        kernel_cpu_s={c.removesuffix(".ipynb"): statistics.median(t.kernel_cpu_s) for c, t in rows if t.kernel_cpu_s},
        kernel_mb={c.removesuffix(".ipynb"): statistics.median(t.kernel_rss_mb) for c, t in rows if t.kernel_rss_mb},
        transfer_mb={c.removesuffix(".ipynb"): statistics.median(t.transfer_kb) / 1024 for c, t in rows
                     if t.transfer_kb},
        cached_share={c.removesuffix(".ipynb"): share for c, t in rows if (share := cached_share(t)) is not None},
        slider_s={prefix: statistics.median(latencies) for prefix, latencies, _ in panels if latencies},
        levels=[viewer_level(n, viewers) for n, viewers, _ in levels],
        upload_s=None if byod is None else byod["seconds"],
        upload_reference_s=None if reference is None or args.record_upload else reference["seconds"])
    print(f"\nissue 14's targets in this run (first figure: median of {loads} cold loads; 'everything that works"
          f" today still works' is `make test`)")
    print(bench_targets.table(run))


if __name__ == "__main__":
    main()
