"""Hardening: a reader's browser, or any client of the server, gets the briefing and nothing more.

- no notebook source code in a page's HTML or DOM (Voilà runs with strip_sources);
- code sent to a page's kernel over its websocket is never executed (Voilà only forwards comm and info
  messages: the kernel manager's allowed_message_types);
- files outside the rendered pages are not served, whatever the path trick;
- the server offers no endpoint that starts kernels, lists or writes files beyond the pages' names;
- page views beyond the kernel limit get a "busy" page instead of a kernel each (widgets/kernel_limit.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser

from widgets.kernel_limit import BUSY

from .conftest import (ROOT, SERVER_START_TIMEOUT_S, PageProbe, close_probe, free_port, open_probe, stop_group,
                       wait_for_http)
from .pages import open_chapter

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
# Strings that only occur in the notebooks' code: if one shows up in a page, the source leaked.
ALWAYS_IN_CODE = ["page.setup()", "L.load_events()"]


def code_lines(notebook: str) -> list[str]:
    """Distinctive lines of the notebook's code cells (long enough not to occur in prose by chance)."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    lines = [line.strip() for cell in cells if cell["cell_type"] == "code"
             for line in "".join(cell["source"]).splitlines()]
    return [line for line in lines if len(line) >= 20 and not line.startswith("#")]


def test_code_markers_are_in_the_notebooks() -> None:
    """The markers the page checks look for do occur in the sources (else those checks could not fail)."""
    sources = "".join((ROOT / "notebooks" / n).read_text(encoding="utf-8") for n in NOTEBOOKS)
    for marker in ALWAYS_IN_CODE:
        assert marker in sources, marker


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_page_carries_no_notebook_source(page_probe: PageProbe, app_url: str, notebook: str) -> None:
    served: list[str] = []

    def keep_html(response) -> None:
        if response.request.resource_type == "document" and notebook in response.url:
            served.append(response.text())

    page_probe.page.on("response", keep_html)
    page = page_probe.page
    # Every output rendered (not waiting for widget views: whether they arrive says nothing about source leaks).
    page.goto(f"{app_url}voila/render/{notebook}", timeout=240_000)
    page.wait_for_function("""() => !document.getElementById('loading')
        && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')""", timeout=240_000)
    dom = page.content()
    assert served, "the page's HTML response was not seen"
    for text, where in [(served[0], "HTML as served"), (dom, "DOM after rendering")]:
        for code in ALWAYS_IN_CODE + code_lines(notebook):
            assert code not in text, f"{where} of {notebook} contains notebook code: {code!r}"


# Sends, over a fresh connection to the page's own kernel, a kernel_info_request (allowed: proves the channel
# works) and an execute_request that would write MARKER, in the legacy JSON protocol or the v1 binary one.
# Resolves with the msg_type and status of every message the kernel sends back within waitMs of the info reply.
KERNEL_PROBE_JS = """
async ([protocol, code, waitMs]) => {
  const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);
  const url = `ws://${location.host}${config.baseUrl}api/kernels/${config.kernelId}/channels?session_id=probe`;
  const ws = protocol === 'v1' ? new WebSocket(url, 'v1.kernel.websocket.jupyter.org') : new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const session = 'probe-' + Math.random();
  const message = (type, content) => ({
    header: {msg_id: type + '-' + Math.random(), msg_type: type, username: 'probe', session, date: new Date().toISOString(), version: '5.3'},
    parent_header: {}, metadata: {}, content, buffers: [], channel: 'shell'});
  const encode = (msg) => {
    if (protocol !== 'v1') return JSON.stringify(msg);
    const enc = new TextEncoder();
    const parts = [enc.encode(msg.channel), ...[msg.header, msg.parent_header, msg.metadata, msg.content]
      .map((p) => enc.encode(JSON.stringify(p)))];
    const offsets = [8 * (parts.length + 2)];
    for (const p of parts) offsets.push(offsets[offsets.length - 1] + p.length);
    const out = new Uint8Array(offsets[offsets.length - 1]);
    const view = new DataView(out.buffer);
    view.setBigUint64(0, BigInt(offsets.length), true);
    offsets.forEach((o, i) => view.setBigUint64(8 * (i + 1), BigInt(o), true));
    parts.forEach((p, i) => out.set(p, offsets[i]));
    return out;
  };
  const decode = (data) => {
    if (typeof data === 'string') return JSON.parse(data);
    const view = new DataView(data);
    const n = Number(view.getBigUint64(0, true));
    const offsets = [...Array(n).keys()].map((i) => Number(view.getBigUint64(8 * (i + 1), true)));
    const part = (i) => JSON.parse(new TextDecoder().decode(new Uint8Array(data, offsets[i], offsets[i + 1] - offsets[i])));
    return {header: part(1), content: part(4)};
  };
  return await new Promise((resolve) => {
    const seen = [];
    ws.onerror = () => resolve({error: 'websocket error', seen});
    ws.onmessage = (event) => {
      const msg = decode(event.data);
      seen.push([msg.header.msg_type, (msg.content && msg.content.status) || '']);
      if (msg.header.msg_type === 'kernel_info_reply') setTimeout(() => { ws.close(); resolve({seen}); }, waitMs);
    };
    ws.onopen = () => {
      ws.send(encode(message('execute_request', {code, silent: false, store_history: false, user_expressions: {},
                                                 allow_stdin: false, stop_on_error: true})));
      ws.send(encode(message('kernel_info_request', {})));
    };
    setTimeout(() => resolve({error: 'no kernel_info_reply', seen}), 60000);
  });
}
"""


@pytest.mark.parametrize("protocol", ["json", "v1"])
def test_kernel_refuses_code_sent_from_the_page(page_probe: PageProbe, app_url: str, tmp_path: Path,
                                                protocol: str) -> None:
    marker = tmp_path / f"executed-{uuid.uuid4().hex}"
    code = f"open({str(marker)!r}, 'w').write('code from the browser ran')"
    page = open_chapter(page_probe, app_url, "03_gold.ipynb")
    result = page.evaluate(KERNEL_PROBE_JS, [protocol, code, 5_000])
    types = [msg_type for msg_type, _status in result["seen"]]
    assert "error" not in result, result
    assert "kernel_info_reply" in types, f"the kernel channel did not answer at all: {result}"
    assert not marker.exists(), "an execute_request sent from the page ran in the kernel"
    assert "execute_reply" not in types and "execute_input" not in types, f"the kernel took the request: {result}"


def get(app_url: str, path: str, method: str = "GET") -> tuple[int, bytes]:
    """Status and body of a raw request (path sent as written: no client-side normalisation of ../)."""
    request = urllib.request.Request(app_url.rstrip("/") + path, method=method, data=b"{}" if method != "GET" else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# What a leak would look like: the first line of the file, or a line only the file holds.
SECRETS = {
    "pyproject.toml": (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()[0],
    "README.md": (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[0],
    "events.csv": (ROOT / "data" / "raw" / "facts" / "events.csv").read_text(encoding="utf-8").splitlines()[0],
    "catalogue.toml": "[[dataset]]" if "[[dataset]]" in (ROOT / "data" / "catalogue.toml").read_text(encoding="utf-8")
    else (ROOT / "data" / "catalogue.toml").read_text(encoding="utf-8").splitlines()[0],
    "passwd": "root:x:0:0:",
    "notebook": '"nbformat"',
    "python": (ROOT / "widgets" / "paths.py").read_text(encoding="utf-8").splitlines()[0],
}
ABS = str(ROOT).lstrip("/")
OUTSIDE = [
    "/voila/files/../pyproject.toml", "/voila/files/..%2fpyproject.toml", "/voila/files/%2e%2e/pyproject.toml",
    "/voila/files/%2e%2e%2fpyproject.toml", "/voila/files/%252e%252e%252fpyproject.toml",
    "/voila/files/data/raw/facts/events.csv", "/voila/files/../data/raw/facts/events.csv",
    "/voila/files/..%2fdata%2fcatalogue.toml", "/voila/files/00_overview.ipynb", "/voila/files/../widgets/paths.py",
    f"/voila/files//{ABS}/pyproject.toml", f"/voila/files/%2f{ABS.replace('/', '%2f')}%2fpyproject.toml",
    "/voila/files/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/voila/files//etc/passwd",
    "/voila/static/../../pyproject.toml", "/voila/static/..%2f..%2fpyproject.toml", "/voila/static/../../",
    "/voila/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/voila/templates/briefing/static/..%2f..%2f..%2f..%2f..%2f..%2fpyproject.toml",
    "/voila/templates/briefing/static/%2e%2e/index.html.j2",
    "/voila/labextensions/..%2f..%2f..%2f..%2f..%2f..%2f..%2fpyproject.toml",
    "/voila/api/themes/..%2f..%2f..%2f..%2fpyproject.toml",
    "/voila/render/../README.md", "/voila/render/..%2fREADME.md", "/voila/render/%2e%2e%2fREADME.md",
    f"/voila/render//{ABS}/README.md", "/voila/render/../pyproject.toml",
    "/voila/tree/..", "/voila/tree/..%2f", "/voila/tree/%2e%2e/data",
    "/tree", "/tree/", "/files/pyproject.toml", "/notebooks/00_overview.ipynb", "/edit/pyproject.toml", "/lab",
    "/api/contents", "/api/contents/pyproject.toml", "/api/kernels", "/api/sessions", "/api/kernelspecs",
    "/api/terminals", "/api/config/notebook",
    "/voila/api/contents/..%2fpyproject.toml", "/voila/api/contents/00_overview.ipynb?content=1&format=text",
]


@pytest.mark.parametrize("path", OUTSIDE)
def test_files_outside_the_briefing_are_not_served(app_url: str, path: str) -> None:
    status, body = get(app_url, path)  # urllib follows redirects: /voila/render/../X ends at /voila/files/../X
    text = body.decode("utf-8", "replace")
    leaked = [name for name, secret in SECRETS.items() if secret in text]
    if path.startswith("/voila/api/contents/00_overview"):
        # The tree's contents API: the page's metadata only, never its content.
        assert status == 200 and json.loads(text)["content"] is None, text[:300]
        return
    assert leaked == [], f"{path} answered {status} with the content of {leaked}"
    assert status in {403, 404}, f"{path} answered {status}: {text[:200]!r}"


# Probes Voilà itself answered with a server error (500) rather than "not found" (issue 16, item 7): a template
# path that leaves `<template>/static/`, a control character in a page name, /logout. widgets/voila_app.py: 404.
CRAFTED = [
    "/voila/templates/../../../../etc/passwd", "/voila/templates/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/voila/templates/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/voila/templates/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/voila/templates/briefing", "/voila/templates/briefing/x/y", "/voila/templates/briefing/static/..%2f..%2fx",
    "/voila/render/%00", "/voila/render/x%00y", "/voila/render/00_overview%00.ipynb",
    "/voila/render/00_overview.ipynb%00",
    "/voila/render/%2500", "/voila/render/%0d%0aSet-Cookie:x=1", "/voila/files/%00", "/voila/static/%00",
    "/voila/tree/%00", "/voila/api/contents/%00", "/voila/api/themes/%00", "/voila/api/shutdown/%00",
    "/voila/labextensions/%00", "/api/kernels/%00", "/logout", "/logout/",
]


@pytest.mark.parametrize("path", CRAFTED)
def test_crafted_paths_are_not_found(app_url: str, path: str) -> None:
    status, body = get(app_url, path)
    text = body.decode("utf-8", "replace")
    assert [name for name, secret in SECRETS.items() if secret in text] == []
    assert status == 404, f"{path} answered {status}: {text[:200]!r}"


def test_contents_api_lists_only_the_pages(app_url: str) -> None:
    status, body = get(app_url, "/voila/api/contents/")
    assert status == 200
    listing = json.loads(body)["content"]
    assert sorted(item["name"] for item in listing) == NOTEBOOKS
    assert all(item["content"] is None for item in listing)


@pytest.mark.parametrize("method, path", [
    ("POST", "/api/kernels"), ("POST", "/api/sessions"), ("POST", "/voila/api/contents/"),
    ("PUT", "/voila/api/contents/new.ipynb"), ("DELETE", "/voila/api/contents/00_overview.ipynb"),
    ("PATCH", "/voila/api/contents/00_overview.ipynb"), ("POST", "/voila/render/00_overview.ipynb"),
    ("POST", "/api/terminals"), ("GET", "/api/kernels"),
])
def test_no_endpoint_starts_kernels_or_writes_files(app_url: str, method: str, path: str) -> None:
    """Refused outright (404/405), or refused by the XSRF check (403) for requests without the cookie."""
    status, _body = get(app_url, path, method)
    assert status in {403, 404, 405}, f"{method} {path} answered {status}"
    assert sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")) == NOTEBOOKS


def test_writes_are_refused_even_with_a_forged_xsrf_pair(app_url: str) -> None:
    """Tornado's XSRF check only compares cookie and header, which any client can set alike: the write
    endpoints themselves must not exist."""
    for method, path in [("PUT", "/voila/api/contents/new.ipynb"), ("DELETE", "/voila/api/contents/00_overview.ipynb"),
                         ("POST", "/api/kernels"), ("POST", "/voila/api/contents/")]:
        request = urllib.request.Request(app_url.rstrip("/") + path, method=method, data=b"{}",
                                         headers={"Cookie": "_xsrf=x", "X-XSRFToken": "x"})
        try:
            status = urllib.request.urlopen(request, timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status in {404, 405}, f"{method} {path} answered {status}"
    assert not (ROOT / "notebooks" / "new.ipynb").exists()
    assert (ROOT / "notebooks" / "00_overview.ipynb").exists()


@pytest.mark.parametrize("max_kernels", [1, 2])
def test_pages_opened_together_get_exactly_the_kernel_limit(max_kernels: int) -> None:
    """Every view starts a kernel: past widgets.serve --max-kernels, a new view is refused with a short message
    (503) instead of a kernel. N+2 views requested at the same moment get exactly N kernels and two busy pages
    (the ceiling reserves a kernel's place before its start, widgets/kernel_limit.py)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    views = max_kernels + 2
    with open(Path(tempfile.gettempdir()) / f"briefing-capped-{port}.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "widgets.serve", f"--port={port}", f"--max-kernels={max_kernels}",
             f"--root={ROOT / 'tests' / 'bench_baseline'}"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_http(base + "/", process, SERVER_START_TIMEOUT_S)
            together = threading.Barrier(views)

            def view(_: int) -> tuple[int, bytes]:
                together.wait()
                return get(base, "/voila/render/one_cell.ipynb")

            with ThreadPoolExecutor(views) as pool:
                answers = list(pool.map(view, range(views)))
            kernels = [p for p in psutil.Process(process.pid).children(recursive=True)
                       if "ipykernel" in " ".join(p.cmdline())]
        finally:
            stop_group(process)
    served = [body for status, body in answers if status == 200]
    busy = [body.decode("utf-8", "replace") for status, body in answers if status == 503]
    assert (len(served), len(busy), len(kernels)) == (max_kernels, 2, max_kernels), [s for s, _ in answers]
    assert all(b"jupyter-config-data" in body for body in served)
    assert all(BUSY in text and "Traceback" not in text for text in busy)


def kernel_alive(app_url: str, kernel_id: str) -> bool:
    return get(app_url, f"/api/kernels/{kernel_id}")[0] == 200


def test_closing_a_test_page_stops_its_kernel(browser: Browser, app_url: str) -> None:
    """The browser tests share one server with a kernel ceiling: each test's page must stop its kernel when the test
    ends (as a reader's closed tab does), or a fast suite fills the ceiling and later pages get the busy page."""
    probe = open_probe(browser)
    page = open_chapter(probe, app_url, "00_overview.ipynb")
    kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert kernel_alive(app_url, kernel_id)
    close_probe(probe)
    for _ in range(60):
        if not kernel_alive(app_url, kernel_id):
            break
        time.sleep(1)
    assert not kernel_alive(app_url, kernel_id), "a closed test page left its kernel running"


def test_leaving_a_page_stops_its_kernel(page_probe: PageProbe, app_url: str) -> None:
    """Voilà's page asks the server to stop its kernel when left; widgets/voila_app.py gives it the cookie the
    server requires for that, so the request is accepted instead of refused with 403."""
    page = open_chapter(page_probe, app_url, "03_gold.ipynb")
    kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert kernel_alive(app_url, kernel_id)
    page.goto(f"{app_url}voila/tree/")  # the contents: a page of the app that starts no kernel
    for _ in range(60):  # the shutdown takes a moment: wait for it, up to a minute
        if not kernel_alive(app_url, kernel_id):
            break
        page.wait_for_timeout(1_000)
    assert not kernel_alive(app_url, kernel_id), "the kernel of a page that was left is still running"
    assert [f for f in page_probe.failed_local if "/voila/api/shutdown/" in f] == []
