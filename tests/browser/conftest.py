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
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route, sync_playwright

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
            raise RuntimeError(f"`make app` exited with code {process.returncode} before serving {url}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # the server answered, even if not with 200
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"`make app` did not answer on {url} within {timeout_s:.0f} s")


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL (ending in /) of the briefing served by the real `make app`, stopped after the session."""
    if os.environ.get("BRIEFING_URL"):
        yield os.environ["BRIEFING_URL"].rstrip("/") + "/"
        return
    port = free_port()
    log = open(Path(tempfile.gettempdir()) / f"briefing-app-{port}.log", "wb")  # noqa: SIM115 - closed below
    # Own process group, so make, python and every Voilà kernel are killed together.
    process = subprocess.Popen(
        ["make", "app", f"PORT={port}"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, process, SERVER_START_TIMEOUT_S)
        yield url
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=15)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (never Playwright's downloaded build: the machine has no internet)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (make test installs it) - not skipping on purpose")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class PageProbe:
    """A page plus everything it did that a test may want to assert on."""

    page: Page
    blocked: list[str] = field(default_factory=list)  # external URLs the page tried to fetch (aborted)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    failed_local: list[str] = field(default_factory=list)  # local responses with status >= 400


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

    def on_response(response: Response) -> None:
        if response.status >= 400 and is_local(response.url):
            probe.failed_local.append(f"{response.status} {response.url}")

    page.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: probe.page_errors.append(str(error)))
    page.on("response", on_response)
    return probe


@pytest.fixture
def page_probe(browser: Browser) -> Iterator[PageProbe]:
    """A probed page, closed (with its context) after the test."""
    probe = open_probe(browser)
    yield probe
    probe.page.context.close()


# Voilà 0.5.13 "finished" = all of:
#  1. the page finished loading: Voilà streams the HTML while the kernel runs the cells, so `load` fires
#     only once the last cell has run server-side;
#  2. #loading (the spinner) is gone: templates/base voila_setup.macro's display_cells() removes it once
#     both window.voila_finish() ran (end of body) and the theme is loaded (voila.js sets themeLoaded);
#  3. no <script type="application/vnd.voila.cell-output+json"> left: voila.js's render-outputs plugin
#     replaces each one by its renderer (widgets, plotly, HTML) after the app started;
#  4. the DOM has been quiet for QUIET_MS: widget views and plotly draw asynchronously after (3).
QUIET_MS = 750
_QUIET_JS = """
([quietMs, maxMs]) => new Promise((resolve) => {
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs, true); });
  let timer = setTimeout(done, quietMs, true);
  const cap = setTimeout(done, maxMs, false);  // never hang: the caller checks the result
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  function done(quiet) { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(quiet); }
})
"""


def wait_for_voila(page: Page, timeout_ms: int = VOILA_TIMEOUT_MS) -> float:
    """Wait until Voilà has executed and rendered the notebook; returns the seconds it took from now."""
    start = time.monotonic()
    page.wait_for_load_state("load", timeout=timeout_ms)
    page.wait_for_function(
        """() => !document.getElementById('loading')
               && document.getElementById('rendered_cells')?.style.display !== 'none'
               && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')""",
        timeout=timeout_ms,
    )
    remaining_ms = max(1_000, int(timeout_ms - (time.monotonic() - start) * 1000))
    if not page.evaluate(_QUIET_JS, [QUIET_MS, remaining_ms]):
        raise TimeoutError(f"the page kept changing for {remaining_ms} ms after Voilà rendered its outputs")
    return time.monotonic() - start


def screenshot(page: Page, name: str) -> Path:
    """Full-page screenshot at <tmp>/briefing-screens/NAME.png; returns the path."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
