"""Preheated kernels (`make app PREHEAT=1`, issue 14 item 2): a page computed before its reader asked still follows
the reader's address, is clean, and leaving it stops its kernel.

The page's kernel is shown to be a preheated one: Voilà refills a notebook's pool only after a reader took the
kernel waiting in it, so the pool's fill count in the server log goes up by one after the page is opened.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .conftest import open_probe, running_app
from .pages import assert_clean, open_chapter

pytestmark = pytest.mark.browser

NOTEBOOK = "02_corridors.ipynb"
KERNEL_ID_JS = "() => JSON.parse(document.getElementById('jupyter-config-data')?.textContent || '{}').kernelId"
POOL_WAIT_S = 300  # six notebooks pre-rendering at once on two busy cores


def fills(log: Path) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count(f"Kernel pool of {NOTEBOOK} is filled")


def wait_for(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout_s:.0f} s")
        time.sleep(0.5)


@pytest.fixture(scope="module")
def preheated_app() -> Iterator[tuple[str, Path]]:
    with running_app(None, "PREHEAT=1") as (url, _process):
        port = url.rstrip("/").rsplit(":", 1)[1]
        yield url, Path(tempfile.gettempdir()) / f"briefing-app-{port}.log"


def test_a_preheated_page_follows_its_address_and_stops_its_kernel_when_left(
        preheated_app: tuple[str, Path], browser: Browser) -> None:
    url, log = preheated_app
    wait_for(lambda: fills(log) >= 1, POOL_WAIT_S, f"the pool of {NOTEBOOK} was not filled")
    probe = open_probe(browser)
    page = open_chapter(probe, url, NOTEBOOK, "?fuel.escort_per_week=3")
    wait_for(lambda: fills(log) >= 2, POOL_WAIT_S, "the page was not served by the preheated kernel (no refill)")
    readout = page.get_by_label("Escorted convoys, value")
    expect(readout).to_have_text(re.compile(r"^\s*3(\.0+)?\s*$"), timeout=60_000)  # the default is 0
    assert_clean(probe)
    kernel_id = page.evaluate(KERNEL_ID_JS)
    assert kernel_id
    page.goto(f"{url}voila/tree/")  # leaving, the page asks the server to stop its kernel (with its _xsrf cookie)
    wait_for(lambda: f"Kernel shutdown: {kernel_id}" in log.read_text(encoding="utf-8", errors="replace"), 60,
             "leaving the page did not stop its kernel")
    assert [f for f in probe.failed_local if "/voila/api/shutdown/" in f] == []
    probe.page.context.close()
