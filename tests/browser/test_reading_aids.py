"""Reading aids (issue 13, item 6), measured in the real page at 1366x768: every figure's source line is drawn at
11 px or more and names publishers in words, the full list of its sources is one keyboard press away under it; a
map's CSV holds the events it marks (one row per event), not the vertices of its roads."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from widgets.ui.page import CHAPTERS

from .conftest import PageProbe
from .pages import assert_clean, open_chapter

pytestmark = pytest.mark.browser
NAMES = [name for name, _title in CHAPTERS]

# Per figure: the drawn source footer (font size as getComputedStyle gives it, times the SVG's scale on the page)
# and the list of sources under the figure.
_CAPTIONS_JS = """() => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')].map((gd) => {
  const index = (gd.layout.annotations || []).findIndex((a) => a && a.name === 'source-line');
  const node = gd.querySelector(`.annotation[data-index="${index}"] text`);
  const svg = gd.querySelector('.main-svg');
  const scale = svg.getBoundingClientRect().width / (parseFloat(svg.getAttribute('width')) || 1);
  const details = gd.__briefingSources || null;
  return {title: gd.layout.meta.title, sources: gd.layout.meta.sources || [],
          px: node ? parseFloat(getComputedStyle(node).fontSize) * scale : 0, footer: node ? node.textContent : '',
          details: details ? {summary: details.querySelector('summary').textContent,
                              items: [...details.querySelectorAll('li')].map((li) => li.textContent),
                              afterTools: gd.__briefingTools && gd.__briefingTools.nextElementSibling === details}
                           : null};
})"""


@pytest.mark.parametrize("notebook", NAMES, ids=NAMES)
def test_source_captions_are_readable_and_list_every_source(app_url: str, page_probe: PageProbe,
                                                            notebook: str) -> None:
    page = open_chapter(page_probe, app_url, notebook)
    captions = page.evaluate(_CAPTIONS_JS)
    assert captions, "no figure on the page"
    for fig in captions:
        where = f"{notebook}: {fig['title']!r}"
        assert fig["px"] >= 11, f"{where}: source line drawn at {fig['px']:.1f} px"
        assert not re.search(r"\d+ more \((?:[A-Z]-?)?S\d", fig["footer"]), f"{where}: ids instead of publishers"
        sources = fig["sources"]
        if not sources:
            continue
        # Publishers in words: the footer names at least one publisher of the sources it cites.
        assert any(s["publisher"] in fig["footer"] for s in sources), where
        listed = fig["details"]
        assert listed and listed["afterTools"], f"{where}: no list of sources under the figure's downloads"
        assert len(listed["items"]) == len(sources)
        for item, source in zip(listed["items"], sources):
            for field in ("id", "title", "publisher", "published"):
                assert source[field] in item, f"{where}: {field} of {source['id']} missing from {item!r}"
            assert source["url"] in item if source["url"].startswith("http") else "No address" in item
    # One keyboard press away: Tab to the first list's summary, Enter opens it.
    first = page.locator(".briefing-sources > summary").first
    first.focus()
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".briefing-sources").first).to_have_attribute("open", "")
    expect(page.locator(".briefing-sources li").first).to_be_visible()
    assert_clean(page_probe)


def _csv_rows(text: str) -> list[dict[str, str]]:
    body = "\r\n".join(line for line in text.split("\r\n") if not line.startswith("# "))
    return list(csv.DictReader(io.StringIO(body, newline="")))


def test_a_map_csv_holds_the_events_it_maps(app_url: str, page_probe: PageProbe) -> None:
    """The overview map's CSV: one row per mapped attack (as many as its title and legend say), no road vertex."""
    page = open_chapter(page_probe, app_url, "00_overview.ipynb")
    found = page.evaluate("""() => {
      const gd = [...document.querySelectorAll('#rendered_cells .js-plotly-plot')]
        .find((g) => g.data.some((t) => t.type === 'scattergeo'));
      return {csv: window.briefingFigureCsv(gd), title: gd.layout.meta.title,
              lines: gd.data.filter((t) => t.type === 'scattergeo' && !(t.meta && t.meta.csv === false)
                                     && /lines/.test(t.mode || '') && !/markers/.test(t.mode || '')).map((t) => t.name),
              located: gd.data.map((t) => t.name || '').filter((n) => / \\(\\d+ located\\)$/.test(n))};
    }""")
    rows = _csv_rows(found["csv"])
    series = [r["series"] for r in rows]
    assert found["lines"], "the map draws no corridor line: nothing to leave out"
    assert not set(found["lines"]) & set(series), "road or corridor vertices in the map's CSV"
    assert len(rows) < 100, f"{len(rows)} rows: the map marks a few dozen places and events"
    mapped = int(re.search(r"(\d+) of \d+ attacks mapped", found["title"]).group(1))
    attack_series = [n for n in found["located"] if not n.startswith("New since")]
    attack_rows = [r for r in rows if r["series"] in attack_series]
    assert len(attack_rows) == mapped, f"{len(attack_rows)} attack rows for {mapped} attacks mapped"
    for name in found["located"]:  # "Convoy attack (7 located)": 7 rows, one per event
        wanted = int(re.search(r"\((\d+) located\)$", name).group(1))
        assert series.count(name) == wanted, f"{name}: {series.count(name)} rows"
    assert all(re.fullmatch(r"E\d+", r["event_id"]) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
               for r in attack_rows)
    assert len({r["event_id"] for r in attack_rows}) == mapped  # each mapped attack once
    assert all(r["lat"] and r["lon"] for r in rows)
    assert_clean(page_probe)
