"""The reader's side of every page (issue 6, the app): navigation bar, loading message, themes, presentation mode,
keyboard focus and per-figure downloads — offline, through the real `make app`."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from widgets.figures.theme import DARK, PAPER, PROJECTOR, THEMES
from widgets.ui.page import CHAPTERS

from .chrome import (figures, hidden_cells, normalise, page_background, refocus, svg_text, tab_until,
                     visible_slides)
from .conftest import PageProbe, screenshot, wait_for_voila
from .pages import assert_clean, avoidable_warnings, changes, open_chapter, plot_signature, state, watch_warnings

pytestmark = pytest.mark.browser

NAMES = [name for name, _title in CHAPTERS]
SLIDER_CHAPTER = "03_gold.ipynb"  # static figures, a map and a scenario panel with sliders


def rgb(hex_colour: str) -> str:
    """'#16191d' → 'rgb(22, 25, 29)', as getComputedStyle reports it."""
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i:i + 2], 16) for i in (0, 2, 4)))


@pytest.mark.parametrize("notebook", NAMES, ids=NAMES)
def test_every_chapter_has_the_bar_and_described_figures(app_url: str, page_probe: PageProbe, notebook: str) -> None:
    warnings = watch_warnings(page_probe.page)
    page = open_chapter(page_probe, app_url, notebook)
    bar = page.locator(".briefing-bar")
    expect(bar.locator("nav a")).to_have_count(len(CHAPTERS))
    current = bar.locator('nav a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", notebook)
    i = NAMES.index(notebook)
    expect(bar.locator("a[rel=prev]")).to_have_count(1 if i > 0 else 0)
    expect(bar.locator("a[rel=next]")).to_have_count(1 if i + 1 < len(NAMES) else 0)
    if i + 1 < len(NAMES):
        expect(bar.locator("a[rel=next]")).to_have_attribute("href", NAMES[i + 1])  # relative: works under /render/
    expect(page.locator("#briefing-theme")).to_be_visible()
    expect(page.locator(".briefing-present-button")).to_be_visible()
    expect(page.locator("#briefing-status")).to_be_hidden()  # the loading status is gone once figures are drawn
    for fig in figures(page):
        assert fig["role"] == "img" and fig["label"], fig["meta"].get("title")
        assert fig["label"] == fig["meta"].get("alt"), "aria-label must be the figure's alt text (layout.meta.alt)"
        assert fig["tools"], f"no download toolbar under {fig['meta'].get('title')!r}"
    assert page_probe.page_errors == [], page_probe.page_errors  # none at all (plotly's setData error included)
    assert avoidable_warnings(warnings) == [], warnings
    assert_clean(page_probe)


def test_next_and_previous_links_navigate(app_url: str, page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, "01_threat.ipynb")
    page.locator(".briefing-bar a[rel=next]").click()
    page.wait_for_url("**/voila/render/02_corridors.ipynb", timeout=60_000)
    wait_for_voila(page)
    expect(page.locator('.briefing-bar a[aria-current="page"]')).to_have_attribute("href", "02_corridors.ipynb")
    page.locator(".briefing-bar a[rel=prev]").click()
    page.wait_for_url("**/voila/render/01_threat.ipynb", timeout=60_000)
    wait_for_voila(page)
    assert_clean(page_probe)


def test_the_loading_message_comes_before_any_cell(app_url: str) -> None:
    """The first bytes of a page already hold the bar's script and an accessible loading message."""
    with urllib.request.urlopen(f"{app_url}voila/render/00_overview.ipynb", timeout=240) as response:
        html = response.read().decode("utf-8")
    first_cell = html.index('cell-index="1"')
    head = html[:first_cell]
    assert re.search(r'role="status">Loading the briefing: running the analysis…<', head)
    assert "BriefingApp.mount()" in head and "briefing.js" in head and "briefing-config.js" in head


def test_theme_switch_recolours_page_and_figures_and_persists(app_url: str, page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, SLIDER_CHAPTER)
    light_bg = page_background(page)
    assert all(f["paper"] in ("white", PAPER) for f in figures(page))
    screenshot(page, "chrome-theme-light")

    page.select_option("#briefing-theme", "dark")
    dark_paper = DARK.figure[PAPER]
    page.wait_for_function(
        """(paper) => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')]
              .every((gd) => gd._fullLayout.paper_bgcolor === paper)""", arg=dark_paper, timeout=30_000)
    assert page_background(page) == rgb(DARK.css["--briefing-bg"]) != light_bg
    assert {f["ink"] for f in figures(page)} == {DARK.figure["#222222"]}
    screenshot(page, "chrome-theme-dark")

    # A slider redraws its figure from the kernel (in the light look): the redrawn figure is dark again.
    panel = ".scenario-panel"
    before = plot_signature(page, panel)
    handle = page.locator(f"{panel} .scenario-slider .noUi-handle").first
    handle.focus()
    handle.press("End")
    page.wait_for_function(
        """([sel, before]) => { const p = document.querySelector(sel)?.querySelector('.js-plotly-plot');
              return p && JSON.stringify((p.data || []).map((t) => [t.x, t.y, t.lon, t.lat,
                                         t.marker && t.marker.size, t.text])) !== before; }""",
        arg=[panel, before], timeout=60_000)
    page.wait_for_function(
        """(paper) => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')]
              .every((gd) => gd._fullLayout.paper_bgcolor === paper)""", arg=dark_paper, timeout=30_000)

    # The choice survives a reload, for the page and for every figure drawn anew.
    page.reload()
    wait_for_voila(page)
    assert page.evaluate("() => document.documentElement.dataset.briefingTheme") == "dark"
    expect(page.locator("#briefing-theme")).to_have_value("dark")
    page.wait_for_function(
        """(paper) => { const all = [...document.querySelectorAll('#rendered_cells .js-plotly-plot')];
              return all.length > 0 && all.every((gd) => gd._fullLayout.paper_bgcolor === paper); }""",
        arg=dark_paper, timeout=30_000)
    assert page_background(page) == rgb(DARK.css["--briefing-bg"])

    # Projector: black ink on white and bigger type.
    page.select_option("#briefing-theme", "projector")
    page.wait_for_function(
        """(ink) => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')]
              .every((gd) => gd._fullLayout.font.color === ink && gd._fullLayout.paper_bgcolor !== '#16191d')""",
        arg=PROJECTOR.figure["#222222"], timeout=30_000)
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.jp-RenderedMarkdown p')).fontSize)")
    assert size >= float(PROJECTOR.css["--briefing-size"].removesuffix("px")) > float(
        THEMES["light"].css["--briefing-size"].removesuffix("px"))
    screenshot(page, "chrome-theme-projector")
    page.select_option("#briefing-theme", "light")
    assert_clean(page_probe)


def test_presentation_mode_shows_one_slide_at_a_time(app_url: str, page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, SLIDER_CHAPTER)
    figures_before = page.evaluate_handle("() => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')]")
    page.locator(".briefing-present-button").click()
    counter = page.locator(".briefing-slide-counter")
    expect(counter).to_have_text(re.compile(r"Slide 1 of \d+"))
    total = int(counter.inner_text().rsplit(" ", 1)[1])
    assert total >= 4, page.evaluate(
        """() => [...document.querySelectorAll('#rendered_cells [cell-index]')].map((c) => [c.dataset.briefingSlide,
              c.querySelector('.jp-Cell')?.className, c.innerText.slice(0, 30)])""")
    assert set(visible_slides(page)) == {"0"}
    assert "present=1" in page.url
    screenshot(page, "chrome-present-1")

    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text(f"Slide 2 of {total}")
    assert set(visible_slides(page)) == {"1"}
    page.keyboard.press("PageDown")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"Slide 2 of {total}")

    # Move to the first slide with a figure: its prose is in the notes, not on the slide.
    for _ in range(total):
        if page.locator("[data-briefing-slide].briefing-current .js-plotly-plot").count():
            break
        page.keyboard.press("ArrowRight")
    shown = page.locator("[data-briefing-slide].briefing-current .js-plotly-plot")
    expect(shown.first).to_be_visible()
    notes = page.locator("#briefing-notes")
    expect(notes).to_be_hidden()
    page.keyboard.press("n")
    expect(notes).to_be_visible()
    note_text = notes.inner_text()
    assert len(note_text) > 80 and "No notes" not in note_text
    paragraph = page.locator("[data-briefing-slide].briefing-current .jp-RenderedMarkdown p").first
    expect(paragraph).to_be_hidden()  # the prose went to the notes pane
    assert normalise(paragraph.inner_text())[:60] in normalise(note_text)
    screenshot(page, "chrome-present-notes")

    # The notes window follows the slides.
    with page.expect_popup() as popup_info:
        page.locator(".briefing-notes-window").click()
    popup = popup_info.value
    expect(popup.locator("h1")).to_have_text(counter.inner_text())
    assert normalise(paragraph.inner_text())[:60] in normalise(popup.locator("body").inner_text())
    page.locator(".briefing-slide-next").focus()
    page.keyboard.press("ArrowRight")
    expect(popup.locator("h1")).to_have_text(counter.inner_text())
    popup.close()

    page.keyboard.press("Escape")
    expect(counter).to_have_count(0)
    expect(page.locator(".briefing-bar")).to_be_visible()
    assert hidden_cells(page) == 0 and "present=1" not in page.url
    # Same DOM: the figures were shown and hidden, never re-created.
    assert page.evaluate("(before) => [...document.querySelectorAll('#rendered_cells .js-plotly-plot')]"
                         ".every((gd, i) => gd === before[i])", figures_before)

    # The address opens a chapter straight in presentation mode; the extra key is no scenario parameter.
    page.goto(f"{app_url}voila/render/{SLIDER_CHAPTER}?present=1", timeout=240_000)
    wait_for_voila(page)
    # Slides are planned from measured heights, and a page opened straight into presentation may measure its
    # widgets a moment earlier: the count can differ by a slide, what matters is that it opens on slide 1.
    expect(counter).to_have_text(re.compile(r"Slide 1 of \d+"))
    assert abs(int(counter.inner_text().rsplit(" ", 1)[1]) - total) <= 2
    assert "unknown parameter" not in page.locator("body").inner_text()
    assert_clean(page_probe)


def test_keyboard_reaches_nav_slider_and_downloads_with_a_visible_ring(app_url: str, page_probe: PageProbe) -> None:
    page = open_chapter(page_probe, app_url, SLIDER_CHAPTER)
    kinds = ["skip", "inBar", "download", "slider"]
    found = tab_until(page, kinds)  # from the top of a fresh page, Tab only
    assert set(found) == set(kinds), f"Tab reached only {sorted(found)}"
    for theme in ("light", "dark", "projector"):
        page.evaluate("(name) => window.BriefingApp.setTheme(name)", theme)  # not the switch: keep the focus path
        for kind in kinds:
            element = refocus(page, kind)
            assert element["outline"] not in ("none", "") and element["outlineWidth"] >= 2, (theme, kind, element)
            assert element["outlineColor"] != page_background(page), (theme, kind, element)
        if theme == "dark":
            refocus(page, "slider")
            screenshot(page, "chrome-focus-dark")
    page.evaluate("() => window.BriefingApp.setTheme('light')")

    # An accordion ("Show the numbers") opens from the keyboard.
    header = page.locator(".jupyter-widget-Collapse-header").first
    header.focus()
    expect(header).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".jupyter-widget-Collapse-open table").first).to_be_visible()
    assert_clean(page_probe)


def test_figure_downloads_png_svg_csv(app_url: str, page_probe: PageProbe, tmp_path) -> None:
    page = open_chapter(page_probe, app_url, SLIDER_CHAPTER)
    page.select_option("#briefing-theme", "dark")  # downloads are light whatever the page shows
    meta = figures(page)[0]["meta"]
    tools = page.locator(".briefing-figure-tools").first
    files = {}
    for fmt in ("png", "svg", "csv"):
        with page.expect_download(timeout=60_000) as info:
            tools.locator(f".briefing-download-{fmt}").click()
        download = info.value
        assert download.suggested_filename == f"{meta['slug']}.{fmt}"
        files[fmt] = tmp_path / download.suggested_filename
        download.save_as(files[fmt])

    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = files["svg"].read_text(encoding="utf-8")
    text = re.sub(r"\s+", "", svg_text(files["svg"]))
    assert re.sub(r"\s+", "", meta["source_line"]) in text
    assert re.sub(r"\s+", "", meta["cutoff_text"]) in text
    assert "fill: rgb(255, 255, 255)" in svg  # light paper, not the dark theme's
    edition = page.locator(".edition-stamp").get_attribute("data-line")  # every download carries the page's stamp
    assert re.sub(r"\s+", "", edition) in text

    lines = files["csv"].read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("# ")]
    assert lines[0].startswith("# ") and len(header) == len(meta["csv_header"]) + 1 and header[-1] == f"# {edition}"
    assert any(meta["source_line"] in line for line in header)
    table = lines[len(header):]
    assert table[0].startswith("series,") and len(table) > 1

    # The CSV builder itself: background layers skipped, RFC 4180 quoting, "# " metadata lines.
    csv = page.evaluate("""() => window.briefingFigureCsv({layout: {meta: {csv_header: ['Title', 'Source: S1']}},
        data: [{name: 'roads', meta: {csv: false}, lon: [1, 2], lat: [3, 4]},
               {name: 'Attacks, "reported"', x: ['2025-09-01', '2025-10-01'], y: [2, 3], text: ['a\\nb', 'c']}]})""")
    assert csv.split("\r\n") == ["# Title", "# Source: S1", f"# {edition}", "series,x,y,text",
                                 '"Attacks, ""reported""",2025-09-01,2,"a\nb"',
                                 '"Attacks, ""reported""",2025-10-01,3,c', ""]
    assert_clean(page_probe)


def test_a_control_reported_lost_is_drawn_again_from_its_model(app_url: str, page_probe: PageProbe) -> None:
    """Under load the widget manager can print "model not found" for a control whose model it holds (see
    briefing-widgets.js); the page draws the control again in place, and it still works. The failure is staged on
    the gold scenario panel: it cannot be caused on demand."""
    page = open_chapter(page_probe, app_url, "03_gold.ipynb")
    staged = page.evaluate("""() => {
      const output = document.querySelector('.scenario-gold').closest('.jp-OutputArea-output');
      output.replaceChildren('Error displaying widget: model not found');
      output.classList.add('jupyter-widgets');
      output.id = 'staged-lost-panel';
      return Boolean(output.parentElement.dataset.briefingModel);
    }""")
    assert staged, "the output's widget model id was not remembered before Voilà rendered it"
    panel = page.locator("#staged-lost-panel[data-briefing-recovered] .scenario-gold")
    expect(panel).to_have_count(1, timeout=15_000)
    expect(panel.locator(".js-plotly-plot")).to_have_count(1, timeout=15_000)
    before = state(page, "gold")
    handle = panel.locator(".scenario-slider").first.locator(".noUi-handle")
    handle.focus()
    handle.press("End")
    assert changes(page, "gold", before), "the control drawn again does not reach the kernel"
    assert page.locator(".briefing-widget-failed").count() == 0
    assert page_probe.recovered_controls == 1  # logged, so that assert_clean can excuse the manager's own error
    assert_clean(page_probe)


def test_a_control_lost_to_a_busy_server_gets_a_message_and_a_reload(app_url: str, page_probe: PageProbe) -> None:
    """A control whose model the page cannot find at all gets a plain message with a reload button instead of the
    manager's cryptic line. Staged: an output with no known model."""
    page = open_chapter(page_probe, app_url, "05_methods_and_sources.ipynb")
    page.evaluate("""() => {
      const output = document.querySelector('.jp-OutputArea-output');
      const lost = document.createElement('div');
      lost.className = 'lm-Widget jp-OutputArea-output jupyter-widgets';
      lost.id = 'staged-lost-widget';
      lost.textContent = 'Error displaying widget: model not found';
      output.after(lost);
    }""")
    message = page.locator("#staged-lost-widget .briefing-widget-failed")
    expect(message).to_contain_text("could not be loaded: the server was too busy", timeout=10_000)
    expect(message).to_have_attribute("role", "alert")
    url = page.url
    with page.expect_navigation():
        message.get_by_role("button", name="Reload the page").click()
    wait_for_voila(page)
    assert page.url == url and page.locator(".briefing-widget-failed").count() == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chapter_name_shows_whole_in_the_bar_at_1366(page_probe: PageProbe, app_url: str, lang: str) -> None:
    """The bar keeps one row and its chapter list scrolls when short of room: at the projector's 1366 px no
    chapter name may be cut (French cut "Méthodes", English "Methods and sources"), in the light theme or the
    projector's larger type (French hid "Méthodes" behind "← Précédent" and "Suivant →")."""
    page = open_chapter(page_probe, app_url, "03_gold.ipynb", f"?lang={lang}")
    for theme in ("light", "projector"):
        page.evaluate("(name) => window.BriefingApp.setTheme(name)", theme)
        page.wait_for_timeout(200)
        cut = page.evaluate("""() => { const nav = document.querySelector('.briefing-bar nav');
            const box = nav.getBoundingClientRect();
            return [...nav.querySelectorAll('a')].filter((a) => { const r = a.getBoundingClientRect();
                return r.right > box.right + 0.5 || r.left < box.left - 0.5; }).map((a) => a.textContent.trim()); }""")
        assert cut == [], f"{theme}: {cut}"
    page.evaluate("() => window.BriefingApp.setTheme('light')")
