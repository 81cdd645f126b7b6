"""The bench's server side: the app served as `make app` serves it, and its kernels' processes."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from tests.browser.conftest import ROOT, SERVER_START_TIMEOUT_S, free_port, stop_group, wait_for_http
from widgets.paths import NOTEBOOKS


@dataclass(frozen=True)
class KernelUse:
    """A kernel process's resident memory and the CPU it has used since it started (user + system)."""

    rss_mb: float
    cpu_s: float


def kernel_process(server: psutil.Process, kernel_id: str) -> psutil.Process | None:
    """The server's ipykernel child started for `kernel_id` (its connection file is kernel-<id>.json)."""
    for child in server.children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
            if "ipykernel_launcher" in cmdline and kernel_id in cmdline:
                return child
        except psutil.Error:
            continue
    return None


def kernel_use(server: psutil.Process, kernel_id: str) -> KernelUse | None:
    """Memory and CPU of the page's kernel now (at the end of a page view: every cell has run)."""
    process = kernel_process(server, kernel_id) if kernel_id else None
    if process is None:
        return None
    try:
        with process.oneshot():
            cpu = process.cpu_times()
            return KernelUse(process.memory_info().rss / 2**20, cpu.user + cpu.system)
    except psutil.Error:
        return None


def kernels_cpu_s(server: psutil.Process) -> dict[int, float]:
    """CPU seconds used so far by each of the server's kernels, by pid (preheated ones included)."""
    used = {}
    for child in server.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                cpu = child.cpu_times()
                used[child.pid] = cpu.user + cpu.system
        except psutil.Error:
            continue
    return used


def log_path(base_url: str) -> Path:
    """The Voilà log `serving` writes for the server at `base_url`."""
    port = base_url.rstrip("/").rsplit(":", 1)[1]
    return Path(tempfile.gettempdir()) / f"briefing-bench-{port}.log"


def pool_fills(base_url: str, notebook: str) -> int:
    """How many times Voilà has (re)filled `notebook`'s pool of preheated kernels so far."""
    try:
        text = log_path(base_url).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    return text.count(f"Kernel pool of {notebook} is filled")


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


def shutdown_kernel(base_url: str, kernel_id: str) -> None:
    """Stop a page's kernel once measured, so the next loads do not share the machine with idle kernels
    (sends the double-submit XSRF cookie and header that the Jupyter server checks)."""
    if not kernel_id:
        return
    request = urllib.request.Request(f"{base_url}api/kernels/{kernel_id}", method="DELETE",
                                     headers={"Cookie": "_xsrf=bench", "X-XSRFToken": "bench"})
    try:
        urllib.request.urlopen(request, timeout=30).close()
    except OSError:
        pass  # already gone or culled


@contextmanager
def serving(root: Path = NOTEBOOKS, voila_options: Sequence[str] = ()) -> Iterator[tuple[str, psutil.Process]]:
    """Serve `root` as `make app` does (widgets.serve, same Voilà options plus `voila_options`) on a free port;
    yields the base URL and the Voilà process (whose children are the kernels)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with open(log_path(url), "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "widgets.serve", f"--port={port}", f"--root={root}",
                                    *voila_options], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            wait_for_http(url, process, SERVER_START_TIMEOUT_S)
            yield url, psutil.Process(process.pid)  # widgets.serve execs Voilà: same pid
        finally:
            stop_group(process)
