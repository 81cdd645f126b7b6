"""Scale-out on a real reverse proxy (`make serve-many`: widgets/scaleout.py, deploy/haproxy.cfg): two Voilà
processes behind Debian's haproxy, all on loopback.

One run, in the order a room would live it: readers opening a chapter together are spread over both backends;
each page's kernel runs on the backend its cookie names and its websocket reaches it (its controls answer
through the proxy); one backend is then stopped: its readers see that the connection was lost, the other
backend's readers keep working, and readers arriving after it load with no failure. Every process is stopped.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser, expect

from .conftest import (ROOT, SCREENS, SERVER_START_TIMEOUT_S, PageProbe, free_port, open_probe, stop_group,
                       wait_for_http, wait_for_voila)
from .pages import assert_clean, changes, state

pytestmark = pytest.mark.browser

CHAPTER, PANEL = "03_gold.ipynb", "gold"  # a chapter with a live scenario panel: its slider needs the kernel
FIRST_VIEWERS, LATE_VIEWERS = 4, 1
COOKIE = "BRIEFING_SERVER"  # deploy/haproxy.cfg
LOST = "The connection to the server was lost"  # static/briefing-server.js
KERNEL_ID_JS = "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


def backend_of(kernel_id: str, backends: dict[str, psutil.Process]) -> str | None:
    """The name (app1, app2) of the backend whose process tree runs the kernel `kernel_id`."""
    for name, process in backends.items():
        for child in process.children(recursive=True):
            try:
                if kernel_id in " ".join(child.cmdline()):
                    return name
            except psutil.Error:
                continue
    return None


def server_cookie(probe: PageProbe) -> str | None:
    return next((c["value"] for c in probe.page.context.cookies() if c["name"] == COOKIE), None)


def open_together(browser: Browser, url: str, n: int) -> list[PageProbe]:
    """n fresh readers (own context, own cookie jar) opening `url` at the same moment; each page drawn."""
    probes = [open_probe(browser) for _ in range(n)]
    for probe in probes:
        probe.page.goto(url, wait_until="commit", timeout=120_000)  # returns at the first byte: all load at once
    for probe in probes:
        wait_for_voila(probe.page)
    return probes


def test_backends_share_readers_and_one_stopping_loses_only_its_own(browser: Browser) -> None:
    port, backend_ports = free_port(), [free_port(), free_port()]
    log_path = Path(tempfile.gettempdir()) / f"briefing-scaleout-{port}.log"
    probes: list[PageProbe] = []
    SCREENS.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "widgets.scaleout", f"--port={port}", "--backend-ports",
             *map(str, backend_ports)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        family: list[psutil.Process] = []
        try:
            url = f"http://127.0.0.1:{port}/voila/render/{CHAPTER}"
            wait_for_http(f"http://127.0.0.1:{port}/voila/tree/", process, SERVER_START_TIMEOUT_S)
            children = psutil.Process(process.pid).children()
            backends = {f"app{i}": next(c for c in children if f"--port={p}" in c.cmdline())
                        for i, p in enumerate(backend_ports, 1)}
            assert any(c.name() == "haproxy" for c in children), "no haproxy in front of the backends"
            # Pages and scripts are gzipped for browsers that accept it (widgets.serve --compress, the default).
            for path in (f"voila/render/{CHAPTER}", "voila/static/voila.js"):
                request = urllib.request.Request(f"http://127.0.0.1:{port}/{path}", headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(request, timeout=120) as response:
                    assert response.headers.get("Content-Encoding") == "gzip", f"/{path} is not compressed"

            # Readers arriving together are spread over both backends; each kernel runs where its cookie points.
            probes = open_together(browser, url, FIRST_VIEWERS)
            placed: dict[str, list[PageProbe]] = {name: [] for name in backends}
            for probe in probes:
                assert_clean(probe)
                cookie, kernel = server_cookie(probe), probe.page.evaluate(KERNEL_ID_JS)
                assert cookie in backends, f"haproxy set no {COOKIE} cookie naming a backend: {cookie!r}"
                assert backend_of(kernel, backends) == cookie, f"kernel {kernel} is not on {cookie}"
                placed[cookie].append(probe)
            assert all(placed.values()), f"readers not spread: { {k: len(v) for k, v in placed.items()} }"
            # Readers who only read are offered the static copy from every page's bar (widgets/reading_copy.py).
            link = probes[0].page.locator("#briefing-bar a.briefing-reading-copy")
            expect(link).to_have_text("Reading copy (no server)")
            expect(link).to_have_attribute("href", f"/reading-copy/{CHAPTER.removesuffix('.ipynb')}.html")

            # Each page's websocket reaches its kernel through the proxy: a slider move comes back as new numbers.
            for group in placed.values():
                page = group[0].page
                before = state(page, PANEL)
                page.locator(f".scenario-{PANEL} .scenario-slider .noUi-handle").first.press("End")
                assert changes(page, PANEL, before), "a slider moved through the proxy changed nothing"

            # One backend stops (Voilà stops its kernels): its readers are told, the others keep going.
            family = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
            stopped, alive = "app1", "app2"
            backends[stopped].terminate()
            backends[stopped].wait(timeout=30)
            for probe in placed[stopped]:
                expect(probe.page.get_by_role("alert")).to_contain_text(LOST, timeout=30_000)
                assert probe.page.locator(".js-plotly-plot .main-svg").count() > 0, "the drawn figures went away"
            probe.page.screenshot(path=str(SCREENS / "scaleout-connection-lost.png"))  # the message as readers see it
            for probe in placed[alive]:
                page = probe.page
                before = state(page, PANEL)
                page.locator(f".scenario-{PANEL} .scenario-slider .noUi-handle").first.press("Home")
                assert changes(page, PANEL, before), "a reader of the running backend lost their kernel"
                expect(page.locator("#briefing-connection-lost")).to_have_count(0)

            # Readers arriving now all load (haproxy retries the stopped backend's refusals on the other one).
            late = open_together(browser, url, LATE_VIEWERS)
            probes += late
            for probe in late:
                assert_clean(probe)
                assert server_cookie(probe) == alive
        finally:
            for probe in probes:
                probe.page.context.close()
            try:
                family += [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
            except psutil.NoSuchProcess:
                pass
            stop_group(process)
            _gone, left = psutil.wait_procs(family, timeout=5)
        assert not left, f"processes left running after the scale-out stopped: {left}"
