"""Every chapter in French shows no English sentence left over (issue 17): the page's visible text, its figures' SVG
text and its labels for screen readers and tooltips are compared with the English the catalogues and the narrative
hold (tests/english_left.py), and no French label is cut short (French runs 15-20 % longer). Source titles are quotations and stay in their own language: the page marks them
`<cite>`, which the test leaves out."""

from __future__ import annotations

import re

import pytest

from widgets import paths

from . import english_left
from .conftest import PageProbe
from .pages import open_chapter

pytestmark = pytest.mark.browser

CHAPTERS = sorted(p.name for p in paths.NOTEBOOKS.glob("*.ipynb"))

# The text a reader sees or hears, folded sections opened: visible text nodes (SVG text included) and the labels and
# tooltips of visible elements, leaving out quoted titles (<cite>) and anything marked as another language than the page's.
SHOWN_TEXT = """() => {
  document.querySelectorAll('details').forEach((folded) => { folded.open = true; });  // what a click shows
  const lang = document.documentElement.lang;
  const quoted = (el) => el.closest('script, style, cite') ||
    [...[el.closest('[lang]')]].some((marked) => marked && !marked.lang.startsWith(lang));
  const shown = (el) => { const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el && node.textContent.trim() && !quoted(el) && shown(el)) out.push(node.textContent);
  }
  document.body.querySelectorAll('[aria-label], [title], img[alt]').forEach((el) => {
    if (quoted(el) || !shown(el)) return;
    ['aria-label', 'title', 'alt'].forEach((name) => { if (el.getAttribute(name)) out.push(el.getAttribute(name)); });
  });
  return out;
}"""

# Visible elements whose own text is cut by their box (an ellipsis or hidden overflow): a slider's label, a button.
CUT_TEXT = """() => [...document.querySelectorAll('body *')].filter((el) => {
    if (el.closest('svg, script, style') || !el.getClientRects().length) return false;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) return false;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || el.getBoundingClientRect().width <= 2) return false;  // screen readers only
    return (['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis') &&
      el.scrollWidth > el.clientWidth + 2;
  }).map((el) => `${el.tagName}.${el.className}: ${el.innerText.trim().slice(0, 70)} (${el.scrollWidth} > ${el.clientWidth} px)`)"""


@pytest.fixture(scope="module")
def catalogue_english() -> set[str]:
    return english_left.catalogue_english("fr")


@pytest.mark.parametrize("notebook", CHAPTERS)
def test_a_french_page_shows_no_english_left_over(notebook: str, catalogue_english: set[str], app_url: str,
                                                  page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, notebook, "?lang=fr")
    assert page.evaluate("document.documentElement.lang") == "fr"
    english = catalogue_english | english_left.narrative_english("fr", notebook)
    found = english_left.leftovers(page.evaluate(SHOWN_TEXT), english)
    assert found == [], f"{len(found)} English phrases on the French {notebook}:\n" + "\n".join(found)
    # Plotly names months in English unless the page gives it a locale (briefing-plotly.js): "Jan 2024" on an axis.
    ticks = page.evaluate("() => [...document.querySelectorAll('.xtick text, .ytick text')].map((t) => t.textContent)")
    english_months = [t for t in ticks if re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", t)]
    assert english_months == [], f"English month names on the French {notebook}'s axes: {english_months}"
    cut = page.evaluate(CUT_TEXT)
    assert cut == [], f"French text cut short on {notebook}:\n" + "\n".join(cut)
