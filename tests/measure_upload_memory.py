"""Peak memory of a page's kernel with the largest upload the limits accept (the README's kernel sizing).

`python -m tests.measure_upload_memory [--url http://127.0.0.1:PORT/]` uploads, in headless Chromium, on the threat
and the corridors chapters: a synthetic ACLED export at the row limit (MAX_ROWS rows of the bench's short rows) and
one at both limits (MAX_ROWS rows padded to just under MAX_BYTES), and prints each kernel's peak resident memory
(VmHWM, Linux) before and after the upload. Without --url it starts `make app` on a free port. Not a test: it
asserts nothing on memory, it measures.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from contextlib import nullcontext
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from tests.bench import synthetic_acled
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, running_app, wait_for_voila
from widgets.byod import MAX_BYTES, MAX_ROWS

NOTE = "synthetic bench row: not a real event"
PAGES = {"01_threat.ipynb": ".threat-panel", "02_corridors.ipynb": ".corridor-yours-panel"}
WAIT_MS = 1_800_000  # a 100,000-row upload takes minutes on a busy 2-core machine


def files(folder: Path) -> dict[str, Path]:
    """The two uploads: rows at the limit, and rows and bytes at the limits (notes padded alike on every row)."""
    short = synthetic_acled(MAX_ROWS)
    pad = (MAX_BYTES - 64 * 1024 - len(short)) // MAX_ROWS
    padded = short.replace(NOTE.encode(), (NOTE + " " + "x" * (pad - 1)).encode())
    out = {}
    for name, content in [("rows_at_limit.csv", short), ("rows_and_bytes_at_limit.csv", padded)]:
        path = folder / name
        path.write_bytes(content)
        out[name] = path
    return out


def peak_mb(pid: int) -> tuple[float, float]:
    """(peak resident MB since the process started, resident MB now)."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = {line.split(":")[0]: line.split()[1] for line in status.splitlines() if line.startswith("Vm")}
    return int(fields["VmHWM"]) / 1024, int(fields["VmRSS"]) / 1024


def kernel_pid(kernel_id: str) -> int:
    for proc in psutil.process_iter(["cmdline"]):
        if kernel_id in " ".join(proc.info["cmdline"] or []) and "ipykernel" in " ".join(proc.info["cmdline"]):
            return proc.pid
    raise LookupError(kernel_id)


def measure(url: str, page_name: str, panel: str, upload: Path) -> dict[str, object]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{url}voila/render/{page_name}", timeout=240_000)
        wait_for_voila(page)
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        pid = kernel_pid(config["kernelId"])
        before = peak_mb(pid)
        page.locator(f"{panel} .byod-upload input[type=file]").set_input_files(str(upload))
        page.locator(f"{panel} .byod-ok, {panel} .byod-rejected").first.wait_for(timeout=WAIT_MS)
        page.wait_for_timeout(5_000)  # the figures redraw after the message
        status = page.locator(f"{panel} .byod-status").inner_text()[:160]
        after = peak_mb(pid)
        browser.close()
    return {"page": page_name, "file": upload.name, "MB": round(upload.stat().st_size / 2**20, 1),
            "peak_before_MB": round(before[0]), "peak_after_MB": round(after[0]), "rss_after_MB": round(after[1]),
            "status": status.replace("\n", " ")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running app (ending in /); default: start make app")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="notebooks to upload on")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, \
            (nullcontext((args.url, None)) if args.url else running_app()) as (url, _process):
        uploads = files(Path(folder))
        for page_name in args.pages:
            for path in uploads.values():
                panel = PAGES[page_name]
                print(json.dumps(measure(url, page_name, panel, path), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
