"""Fixtures for the browser tests: the real app (`make app`), headless Debian Chromium, and a page probe.

The probe aborts and records every request that leaves the machine: the briefing must work offline, so a
single external request is a bug even when the page looks fine.

Set BRIEFING_URL=http://127.0.0.1:PORT/ to test an already running server instead of starting `make app`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# No sandbox: the tests run as root. The rest stops Chromium phoning home (updates, sync, QUIC probes).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_TIMEOUT_S = 120
VOILA_TIMEOUT_MS = 180_000
SCREENS = Path(tempfile.gettempdir()) / "briefing-screens"


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    """Poll `url` until the server answers at all (any HTTP status), failing early if it died."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"`make app` exited with code {process.returncode} before serving {url}; see its log")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # the server answered, even if not with 200
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"`make app` did not answer on {url} within {timeout_s:.0f} s")


@contextmanager
def running_app(port: int | None = None, *make_vars: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run the real `make app PORT=...` until the block exits; yields (base URL ending in /, the make process).

    The app runs in a process group of its own (see stop_group); its output goes to <tmp>/briefing-app-PORT.log.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = Path(tempfile.gettempdir()) / f"briefing-app-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            ["make", "app", f"PORT={port}", *make_vars], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            print(f"make app: {url} (log: {log_path})")
            wait_for_http(url, process, SERVER_START_TIMEOUT_S)
            yield url, process
        finally:
            stop_group(process)


def stop_group(process: subprocess.Popen[bytes], grace_s: float = 15) -> None:
    """Stop `make app` and everything it started: SIGTERM to its process group (Voilà then shuts its kernels
    down), SIGKILL to whatever is still alive after grace_s. Kernels run in sessions of their own, out of
    reach of the group signal, so they are collected by pid from the process tree first.
    """
    try:
        family = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        family = []
    try:
        os.killpg(process.pid, signal.SIGTERM)  # start_new_session=True: the group id is make's pid
    except ProcessLookupError:
        pass
    _gone, alive = psutil.wait_procs(family, timeout=grace_s)
    for proc in alive:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    process.wait(timeout=grace_s)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL (ending in /) of the briefing served by the real `make app`, stopped after the session."""
    if os.environ.get("BRIEFING_URL"):
        yield os.environ["BRIEFING_URL"].rstrip("/") + "/"
        return
    with running_app() as (url, _process):
        yield url


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (never Playwright's downloaded build: the machine has no internet).

    Package scope, not session: Playwright's sync API keeps an asyncio loop running in the main thread while it is
    open, and the unit tests collected after tests/browser/ (kernel ceiling, reading copy) run loops of their own."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (make test installs it) - not skipping on purpose")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


RECOVERED_LOG = "briefing: a control reported lost was drawn again"  # briefing-widgets.js


@dataclass
class PageProbe:
    """A page plus everything it did that a test may want to assert on."""

    page: Page
    blocked: list[str] = field(default_factory=list)  # external URLs the page tried to fetch (aborted)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    failed_local: list[str] = field(default_factory=list)  # local responses with status >= 400
    # Controls the widget manager reported lost and the page drew again (briefing-widgets.js logs each one).
    recovered_controls: int = 0


def is_local(url: str) -> bool:
    """True for URLs the briefing may use: our server, inline data and blobs, never the internet."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def open_probe(browser: Browser) -> PageProbe:
    """A fresh 1366x768 page that aborts and records external requests and collects errors."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    probe = PageProbe(page)

    def route(route: Route, request: Request) -> None:
        if is_local(request.url):
            route.continue_()
        else:
            probe.blocked.append(request.url)
            route.abort("blockedbyclient")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            probe.console_errors.append(f"{message.text} @ {message.location.get('url', '')}")
        elif message.type == "info" and message.text.startswith(RECOVERED_LOG):
            probe.recovered_controls += 1

    def on_response(response: Response) -> None:
        if response.status >= 400 and is_local(response.url):
            probe.failed_local.append(f"{response.status} {response.url}")

    page.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: probe.page_errors.append(str(error)))
    page.on("response", on_response)
    return probe


def close_probe(probe: PageProbe) -> None:
    """Close the page as a reader closing the tab does (its `beforeunload` runs), then its context.

    Closing a context alone runs no `beforeunload`, so Voilà's page never sends the beacon that stops its kernel:
    every test's kernel then lived until the idle culler (5 min), and a suite that opens pages faster than that
    filled the server's kernel ceiling (CI saw "503 busy" pages). Navigating to about:blank does not send it (tried);
    closing with `run_before_unload` does, but a beacon held by the probe's request router was lost once in six
    closes (the context closed first): the router is removed first, after which ten closes in ten stopped the kernel."""
    try:
        if not probe.page.is_closed():
            probe.page.unroute("**/*")  # the test is over: nothing left to block or count
            with probe.page.expect_event("close", timeout=30_000):
                probe.page.close(run_before_unload=True)
    except PlaywrightError:
        pass  # a page that hangs: its kernel is left to the culler; the context still closes
    finally:
        probe.page.context.close()


@pytest.fixture
def page_probe(browser: Browser) -> Iterator[PageProbe]:
    """A probed page, left and closed (with its context) after the test."""
    probe = open_probe(browser)
    yield probe
    close_probe(probe)


# Voilà 0.5.13 "finished" = all of:
#  1. the page finished loading: Voilà streams the HTML while the kernel runs the cells, so `load` fires
#     only once the last cell has run server-side;
#  2. #loading (the spinner) is gone: templates/base voila_setup.macro's display_cells() removes it once
#     both window.voila_finish() ran (end of body) and the theme is loaded (voila.js sets themeLoaded);
#  3. no <script type="application/vnd.voila.cell-output+json"> left: voila.js's render-outputs plugin
#     replaces each one by its renderer (widgets, plotly, HTML) after the app started;
#  4. no empty widget output: a widget's renderer is an empty `.lm-Panel.jp-OutputArea-output` until the
#     widget manager has fetched the model from the kernel (20 s on a busy machine), then it holds the
#     view, or an error text if the widget failed;
#  5. the DOM has been quiet for QUIET_MS: plotly and nested views draw asynchronously after (4).
# A widget whose model never arrives (seen with anywidget 0.11 when several plotly FigureWidgets start at
# once: "[anywidget] Failed to initialize model." then "widget model not found") leaves its output empty
# forever: if nothing changes for STALL_MS while outputs are still empty, fail then rather than at the timeout.
QUIET_MS = 750
STALL_MS = 60_000
_SETTLED_JS = """
([quietMs, stallMs, maxMs]) => new Promise((resolve) => {
  // Empty, or replaced by the template's "could not be loaded" message (briefing-widgets.js showFailure).
  const empty = () => [...document.querySelectorAll('.jp-OutputArea-output.lm-Panel')]
    .filter((output) => output.childElementCount === 0 || output.querySelector('.briefing-widget-failed')).length;
  const start = performance.now();
  let changed = start;
  const observer = new MutationObserver(() => { changed = performance.now(); });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  const tick = setInterval(() => {
    const now = performance.now(), idle = now - changed, left = empty();
    if ((left === 0 && idle >= quietMs) || idle >= stallMs || now - start >= maxMs) {
      clearInterval(tick);
      observer.disconnect();
      resolve({empty: left, quiet: idle >= quietMs});
    }
  }, 100);
})
"""


def wait_for_voila(page: Page, timeout_ms: int = VOILA_TIMEOUT_MS) -> float:
    """Wait until Voilà has executed and rendered the notebook; returns the seconds it took from now.

    Raises AssertionError when widget outputs never render, TimeoutError when the page never settles.
    """
    start = time.monotonic()
    page.wait_for_load_state("load", timeout=timeout_ms)
    page.wait_for_function(
        """() => !document.getElementById('loading')
               && document.getElementById('rendered_cells')?.style.display !== 'none'
               && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')""",
        timeout=timeout_ms,
    )
    remaining_ms = max(1_000, int(timeout_ms - (time.monotonic() - start) * 1000))
    settled = page.evaluate(_SETTLED_JS, [QUIET_MS, STALL_MS, remaining_ms])
    if settled["empty"]:
        raise AssertionError(f"{settled['empty']} widget output(s) never rendered (their model did not arrive)")
    if not settled["quiet"]:
        raise TimeoutError(f"the page kept changing for {remaining_ms} ms after Voilà rendered its outputs")
    return time.monotonic() - start


def screenshot(page: Page, name: str) -> Path:
    """Whole-chapter screenshot at <tmp>/briefing-screens/NAME.png; returns the path.

    Voilà's lab layout scrolls inside #rendered_cells, not the document, so full_page=True alone stops at
    the viewport: the viewport is stretched to the content's height for the shot, then restored.
    """
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    viewport = page.viewport_size or {"width": 1366, "height": 768}
    height = page.evaluate("() => document.getElementById('rendered_cells')?.scrollHeight ?? 0")
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(int(height), 16_000)})
        page.wait_for_timeout(300)  # let plotly and lumino lay out again
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return path
