"""Helpers for the page-chrome tests (test_app_chrome.py): what the bar, the figures and the focus look like."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from playwright.sync_api import Page


def figures(page: Page) -> list[dict]:
    """Every drawn plotly figure of the page: its meta, paper and font colour, alt text, whether it has a toolbar."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')].map((gd) => ({
              meta: gd.layout.meta || {}, paper: gd._fullLayout.paper_bgcolor, ink: gd._fullLayout.font.color,
              role: gd.getAttribute('role'), label: gd.getAttribute('aria-label'),
              visible: gd.offsetParent !== null,
              tools: [gd, gd.parentElement].includes(gd.__briefingTools?.previousElementSibling)}))""")


def page_background(page: Page) -> str:
    return page.evaluate("() => getComputedStyle(document.querySelector('#rendered_cells')).backgroundColor")


def visible_slides(page: Page) -> list[str]:
    """Slide numbers of the cells currently shown in presentation mode."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-briefing-slide]')].filter((c) => c.offsetParent !== null)
              .map((c) => c.dataset.briefingSlide)""")


def hidden_cells(page: Page) -> int:
    """Cells with content that are not displayed (0 outside presentation mode)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#rendered_cells .jp-Cell')]
              .filter((c) => !(c.classList.contains('jp-mod-noOutputs') && c.classList.contains('jp-mod-noInput')))
              .filter((c) => c.offsetParent === null).length""")


_FOCUSED_JS = """() => { const el = document.activeElement; if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return {tag: el.tagName.toLowerCase(), cls: String(el.className || ''), role: el.getAttribute('role'),
            text: (el.innerText || el.value || '').slice(0, 40), inBar: !!el.closest('.briefing-bar nav'),
            skip: el.matches('.briefing-skip'), download: el.matches('.briefing-download'),
            slider: el.matches('[role=slider], input[type=range], .noUi-handle'),
            outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor}; }"""


def tab_until(page: Page, wanted: list[str], max_presses: int = 400) -> dict[str, dict]:
    """Press Tab from the top of the page until an element of every kind in `wanted` (keys of the focused-element
    record: 'skip', 'inBar', 'slider', 'download') has had focus; returns the first focused element of each kind."""
    found: dict[str, dict] = {}
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED_JS)
        if focused is None:
            continue
        for kind in wanted:
            if kind not in found and focused.get(kind):
                found[kind] = focused
                page.evaluate("(kind) => document.activeElement.setAttribute('data-focus-kind', kind)", kind)
        if len(found) == len(wanted):
            break
    return found


def svg_text(path: Path) -> str:
    """All text of an SVG file, one space between text elements, whitespace collapsed."""
    root = ET.parse(path).getroot()
    parts = [" ".join(t.strip() for t in el.itertext() if t.strip())
             for el in root.iter() if el.tag.endswith("}text") or el.tag == "text"]
    return normalise(" ".join(parts))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def refocus(page: Page, kind: str) -> dict:
    """Give the element `tab_until` found for `kind` the keyboard focus again (Shift+Tab, then Tab, so that the
    browser treats it as keyboard focus) and return its focused-element record."""
    page.locator(f'[data-focus-kind="{kind}"]').focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    return page.evaluate(_FOCUSED_JS)
