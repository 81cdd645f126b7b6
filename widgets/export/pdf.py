"""Print the whole-briefing HTML to PDF with Debian's Chromium, once every figure is drawn."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DRAW_TIMEOUT_MS = 180_000
# A4 at 0.68 scale lays the page out about 1,030 px wide: the 1,000 px figures fit without being cut.
SCALE = 0.68


def print_pdf(page_html: Path, target: Path) -> Path:
    """Open the file (any request that leaves the file is refused), wait for the figures, print to `target`."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            page.route("**/*", lambda route, request: route.continue_() if request.url.startswith(("file:", "data:"))
                       else route.abort("blockedbyclient"))
            page.goto(page_html.resolve().as_uri(), wait_until="load", timeout=DRAW_TIMEOUT_MS)
            page.wait_for_function(
                """() => [...document.querySelectorAll('.plotly-figure')]
                         .every((gd) => gd.dataset.drawn === 'true' && gd.querySelector('.main-svg'))""",
                timeout=DRAW_TIMEOUT_MS)
            page.emulate_media(media="print")
            page.pdf(path=str(target), format="A4", scale=SCALE, print_background=True,
                     margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"})
        finally:
            browser.close()
    return target
