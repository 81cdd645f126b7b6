"""The template's pure JavaScript (briefing-*.js), run in Chromium with page.evaluate: the figure CSV (formula-safe,
numbers kept, line breaks quoted), the slide plan and fit, the theme and address state, the projector's text sizes
and the guard on plotly's snapshot. One page of the real app serves every test of this module."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .conftest import PageProbe, close_probe, open_probe
from .pages import assert_clean, open_chapter

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def probe(browser: Browser, app_url: str) -> Iterator[PageProbe]:
    probe = open_probe(browser)
    open_chapter(probe, app_url, "00_overview.ipynb")
    yield probe
    close_probe(probe)


@pytest.fixture
def page(probe: PageProbe) -> Page:
    return probe.page


HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "line\nbreak",
           "bare\rreturn", "plain", "-", "2025-09-01"]


def test_figure_csv_neutralises_formulas_keeps_numbers_and_quotes_line_breaks(page: Page, probe: PageProbe) -> None:
    """A real plotly figure drawn in the page, with hostile text and negative numbers, through the download's CSV."""
    text = page.evaluate("""async (hostile) => {
        const gd = document.createElement('div');
        document.querySelector('#rendered_cells').append(gd);
        await window.Plotly.newPlot(gd, [{name: '=cmd|calc', type: 'scatter', x: hostile.map((_, i) => i - 5.5),
            y: hostile.map((_, i) => ['-12.5', -3, '+7', '1e3', 0.25][i % 5]), text: hostile}],
            {meta: {csv_header: ['Title', 'Source: S1']}});
        const csv = window.briefingFigureCsv(gd);
        window.Plotly.purge(gd); gd.remove();
        return csv; }""", HOSTILE)
    lines = [line for line in text.split("\r\n") if not line.startswith("# Edition ")]  # the page's stamp line
    assert lines[:3] == ["# Title", "# Source: S1", "series,x,y,text"]
    rows = list(csv.reader(io.StringIO("\r\n".join(lines[2:]), newline="")))
    assert len(rows) == 1 + len(HOSTILE), rows  # no cell split a row: every line break was quoted
    body = rows[1:]
    assert [r[3] for r in body] == ["'" + HOSTILE[0], "'+1+2", "'-2+3", "'@SUM(A1)", "'\tTAB", "'\rCR",
                                    "line\nbreak", "bare\rreturn", "plain", "'-", "2025-09-01"]
    assert {r[0] for r in body} == {"'=cmd|calc"}
    assert [r[1] for r in body][:2] == ["-5.5", "-4.5"]  # numbers stay numbers, minus sign and all
    assert [r[2] for r in body][:5] == ["-12.5", "-3", "+7", "1e3", "0.25"]
    assert '"bare\rreturn"' in text and '"line\nbreak"' in text
    assert_clean(probe)


def test_map_csv_keeps_marked_points_one_row_per_event_and_drops_lines_and_areas(page: Page) -> None:
    """A map's CSV (briefing-csv.js): roads and areas left out, a marker standing for several events gives one row
    each, a place without events one row with its hover text; markup in hover text is read inertly."""
    text = page.evaluate("""() => { window.__pwned = false; return window.briefingFigureCsv({layout: {meta: {csv_header: ['Map']}},
        data: [{type: 'scattergeo', name: 'Roads', mode: 'lines', lon: [1, 2, null, 3], lat: [1, 2, null, 3]},
               {type: 'scattergeo', name: 'Mali', mode: 'lines', fill: 'toself', lon: [0, 1, 0], lat: [0, 0, 1]},
               {type: 'scattergeo', name: 'Attacks', mode: 'markers', lon: [5, 6], lat: [7, 8],
                meta: {csv_events: [[['E1', '2025-09-01', 'convoy attack', 'Kayes'], ['E2', '2025-09-02', 'abduction', 'K']],
                                    [['E3', '2025-10-01', 'convoy attack', '']]]}},
               {type: 'scattergeo', name: 'Arrow', mode: 'markers+text', lon: [9, 11], lat: [10, 12], text: ['', 'Niger'],
                marker: {size: [0, 14]}},
               {type: 'scattergeo', name: 'Capital', mode: 'markers+text', lon: [9], lat: [10], text: ['Bamako'],
                hovertext: ['<b>Bamako</b><br>capital<img src=x onerror="window.__pwned = true">']}]}); }""")
    lines = [line for line in text.split("\r\n") if line and not line.startswith("# ")]
    assert lines == ["series,lat,lon,label,details,event_id,date,event_type,place",
                     "Attacks,7,5,,,E1,2025-09-01,convoy attack,Kayes", "Attacks,7,5,,,E2,2025-09-02,abduction,K",
                     "Attacks,8,6,,,E3,2025-10-01,convoy attack,", "Arrow,12,11,Niger,,,,,",
                     "Capital,10,9,Bamako,Bamako; capital,,,,"]
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned") is False


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("-12.5", "-12.5"), (-12.5, "-12.5"), ("@x", "'@x"), ("a,b", '"a,b"'), ('say "hi"', '"say ""hi"""'),
    ("a\rb", '"a\rb"'), ("\r", "\"'\r\""), (None, ""), ("+", "'+"), ("+12", "+12"),
])
def test_csv_cell(page: Page, value: object, cell: str) -> None:
    assert page.evaluate("(v) => window.Briefing.csv.cell(v)", value) == cell


# Parts as briefing-slides.js describes them: heading level, figure, control, markdown, characters, height.
def part(heading: int = 0, figure: bool = False, control: bool = False, markdown: bool = False, text: int = 500,
         height: int = 200) -> dict:
    return {"heading": heading, "figure": figure, "control": control, "markdown": markdown, "text": text,
            "height": height}


def plan(page: Page, parts: list[dict], budget: int = 880) -> list[list[int]]:
    return page.evaluate("([parts, budget]) => window.Briefing.slides.plan(parts, budget)", [parts, budget])


def test_slides_start_at_chapter_headings_and_a_second_figure(page: Page) -> None:
    parts = [part(1, markdown=True), part(figure=True, height=500), part(2, markdown=True),
             part(figure=True, height=400), part(figure=True, height=400)]
    assert plan(page, parts) == [[0, 1], [2, 3], [4]]


def test_thin_slides_merge_with_their_neighbour(page: Page) -> None:
    heading_only = [part(2, markdown=True, text=20, height=60), part(2, markdown=True), part(figure=True)]
    assert plan(page, heading_only) == [[0, 1, 2]]
    control_only = [part(2, markdown=True), part(figure=True), part(2, markdown=True, text=30, height=60),
                    part(control=True, text=10, height=40)]
    assert plan(page, control_only) == [[0, 1, 2, 3]]  # the last slide merges back into the one before
    short_paragraph = [part(2, markdown=True, text=150), part(2, markdown=True, text=900), part(figure=True)]
    assert plan(page, short_paragraph) == [[0, 1, 2]]


def test_a_full_slide_is_cut_and_controls_go_with_their_figure(page: Page) -> None:
    parts = [part(2, markdown=True, height=70), part(height=400), part(control=True, text=20, height=30),
             part(text=100, height=80), part(figure=True, height=700), part(3, markdown=True, height=70),
             part(height=300)]
    slides = plan(page, parts)
    assert slides == [[0, 1], [2, 3, 4], [5, 6]]  # heading 3 after a figure starts a slide; no slide ends on it


def test_the_what_changed_panel_has_a_slide_of_its_own(page: Page) -> None:
    """Overview, 4 Dec 2026: the takeaways and the panel shared a slide, scaled down to ~8 px text."""
    parts = [part(2, markdown=True, height=70), part(3, height=350), {**part(3, height=720), "own": True},
             part(2, markdown=True, height=70), part(figure=True, height=500)]  # both parts open with an h3
    assert plan(page, parts) == [[0, 1], [2], [3, 4]]


def test_a_slide_is_scaled_to_fit_its_area(page: Page) -> None:
    for area, height in [({"width": 1366, "height": 720}, 1500), ({"width": 1920, "height": 1032}, 300),
                         ({"width": 900, "height": 700}, 700)]:
        fit = page.evaluate("([a, h]) => window.Briefing.slides.fit(a, window.Briefing.slides.DESIGN_WIDTH, h, 2)",
                            [area, height])
        width = page.evaluate("() => window.Briefing.slides.DESIGN_WIDTH")
        assert 0 < fit["scale"] <= 2
        assert fit["x"] >= 0 and fit["x"] + width * fit["scale"] <= area["width"] + 0.5
        assert fit["y"] >= 0 and fit["y"] + height * fit["scale"] <= area["height"] + 0.5


def test_theme_and_address_state(page: Page) -> None:
    names = ["light", "dark", "projector"]
    resolve = "([s, n, d]) => window.Briefing.theme.resolve(s, n, d)"
    assert page.evaluate(resolve, ["dark", names, "light"]) == "dark"
    assert page.evaluate(resolve, ["<script>", names, "light"]) == "light"
    assert page.evaluate(resolve, [None, names, "light"]) == "light"
    parse = "(q) => window.Briefing.address.parse(q)"
    assert page.evaluate(parse, "?present=1&slide=3&fuel.x=2") == {"present": True, "slide": 2}
    for bad in ("?slide=0", "?slide=-1", "?slide=abc", "?slide=1e3", "?slide=99999"):
        assert page.evaluate(parse, f"?present=1&{bad[1:]}")["slide"] is None, bad
    assert page.evaluate(parse, "?present=yes") == {"present": False, "slide": None}
    write = "([h, s]) => window.Briefing.address.withState(h, s)"
    assert page.evaluate(write, ["http://x/p?fuel.a=1", {"present": True, "slide": 4}]) == \
        "http://x/p?fuel.a=1&present=1&slide=5"
    assert page.evaluate(write, ["http://x/p?present=1&slide=5&fuel.a=1", {"present": False}]) == "http://x/p?fuel.a=1"


def test_projector_text_sizes_and_footer_rewrap(page: Page) -> None:
    enlarged = "([s, r]) => window.Briefing.figures.enlarged(s, r)"
    rule = {"scale": 22 / 17, "min": 18}
    assert page.evaluate(enlarged, [11, rule]) == 18
    assert page.evaluate(enlarged, [17, rule]) == 22
    assert page.evaluate(enlarged, [[9, 30], rule]) == [18, 39]
    wrapped = page.evaluate("([t, n]) => window.Briefing.figures.rewrap(t, n)",
                            ["Sources: one two<br>three four five six", 12])
    assert wrapped.split("<br>") == ["Sources: one", "two three", "four five", "six"]
    # A number's no-break spaces hold it together (French "1\u202f387\u00a0km" split to "1 / 387 km", 4 Dec 2026).
    number = page.evaluate("([t, n]) => window.Briefing.figures.rewrap(t, n)", ["vaut 1\u202f387\u00a0km ici", 8])
    assert number.split("<br>") == ["vaut", "1\u202f387\u00a0km", "ici"]
    # The note starts on a line of its own after the rewrap (it ran on from the sources, 4 Dec 2026); a footer that
    # is not made of the figure's paragraphs is rewrapped whole.
    footer = "([t, n, m]) => window.Briefing.figures.rewrapFooter(t, n, m)"
    meta = {"source_line": "Sources: one two", "note": "A note here.", "cutoff_text": "Latest: Jan"}
    assert page.evaluate(footer, ["Sources: one<br>two A note<br>here. Latest: Jan", 40, meta]).split("<br>") == \
        ["Sources: one two", "A note here.", "Latest: Jan"]
    assert page.evaluate(footer, ["Your data: x<br>Sources: one two", 40, meta]) == "Your data: x Sources: one two"


def test_only_the_renderers_snapshot_request_is_skipped(page: Page) -> None:
    result = page.evaluate("""async () => {
        const gd = document.querySelector('#rendered_cells .js-plotly-plot');
        const snapshot = {format: 'png', width: gd.offsetWidth, height: gd.offsetHeight};
        const B = window.Briefing.plotlyGuard;
        return {snapshot: B.isSnapshot(gd, snapshot), scaled: B.isSnapshot(gd, {...snapshot, scale: 2}),
                svg: B.isSnapshot(gd, {...snapshot, format: 'svg'}), other: B.isSnapshot(document.body, snapshot),
                skipped: await window.Plotly.toImage(gd, snapshot),
                real: (await window.Plotly.toImage(gd, {format: 'png', width: 50, height: 40})).slice(0, 22)}; }""")
    assert result == {"snapshot": True, "scaled": False, "svg": False, "other": False, "skipped": "snapshot-skipped",
                      "real": "data:image/png;base64,"}
